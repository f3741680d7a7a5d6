/**
 * Canonical site URL per contract §1. Returns null for anything the contract says to
 * reject, so callers decide which error code that becomes.
 * @param input
 */
export function canonicalSiteUrl( input: string ): string | null {
	// WHATWG URL throws on "example.com" (no base) but also trims whitespace and resolves
	// dot segments; we require an explicit scheme and check the raw string first.
	if ( ! /^https?:\/\//i.test( input ) ) {
		return null;
	}
	// Only printable ASCII, and no '%' or '\\': WHATWG URL and PHP's parse_url disagree on
	// international names (punycode or not), percent-encoding and backslashes, so the
	// contract refuses them instead of normalising them one way on each side.
	if ( /[^\x21-\x7e]|[%\\]/.test( input ) ) {
		return null;
	}
	// Nor '.'/'..' path segments, which URL would resolve and PHP would keep.
	const rawPath = input.replace( /^https?:\/\/[^/]*/i, '' );
	if (
		rawPath
			.split( '/' )
			.some( ( segment ) => segment === '.' || segment === '..' )
	) {
		return null;
	}
	let url: URL;
	try {
		url = new URL( input );
	} catch {
		return null;
	}
	if ( url.protocol !== 'http:' && url.protocol !== 'https:' ) {
		return null;
	}
	if ( url.username !== '' || url.password !== '' ) {
		return null;
	}
	// `search`/`hash` are '' both for absent and for a bare '?'/'#', so check the raw input too.
	if (
		url.search !== '' ||
		url.hash !== '' ||
		input.includes( '?' ) ||
		input.includes( '#' )
	) {
		return null;
	}
	if ( url.hostname === '' ) {
		return null;
	}
	// URL already lower-cases scheme and host and drops default ports.
	const path = url.pathname.replace( /\/+$/, '' );
	return `${ url.protocol }//${ url.host }${ path }`;
}

/**
 * WordPress.com's `{site}` path segment: URL without scheme, '/' → '::'.
 * @param canonicalSite
 */
export function wpcomSiteSlug( canonicalSite: string ): string {
	return canonicalSite.replace( /^https?:\/\//, '' ).replace( /\//g, '::' );
}

/**
 * An absolute http(s) URL, as WHATWG URL parses it; looser than `canonicalSiteUrl`, for
 * URLs that are passed on rather than used as a site's identity.
 * @param s
 */
export function isHttpUrl( s: string ): boolean {
	try {
		const u = new URL( s );
		return u.protocol === 'http:' || u.protocol === 'https:';
	} catch {
		return false;
	}
}
