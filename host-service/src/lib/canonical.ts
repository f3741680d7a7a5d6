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
	// Only printable ASCII, and no '%', '\\' or '@': WHATWG URL and PHP's parse_url disagree
	// on international names (punycode or not), percent-encoding, backslashes and user info
	// (even an empty one, "https://@example.com"), so the contract refuses them instead of
	// normalising them one way on each side.
	if ( /[^\x21-\x7e]|[%\\@]/.test( input ) ) {
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
	const canonical = `${ url.protocol }//${ url.host }${ path }`;
	// URL also rewrites what PHP keeps as written: it percent-encodes some path characters
	// ({ } ` " < > ^), turns numeric hosts into dotted IPv4 ("0x7f.1", "2130706433",
	// "127.1" → 127.0.0.1) and drops an empty port ("example.com:"). Accept a URL only when
	// that parse changes nothing but what the contract's own rules change.
	return canonical === plainNormalisation( input ) ? canonical : null;
}

// A DNS name (letters, digits, '-' and '_' in dot-separated labels) or dotted-decimal IPv4
// (which matches the same pattern; URL rewrites the non-canonical spellings), or a bracketed
// IPv6 address.
const HOST = /^(?:[a-z0-9_-]+(?:\.[a-z0-9_-]+)*|\[[0-9a-f:.]+\])$/;

/**
 * The contract's rules applied to the text only: scheme and host lower-cased, default port
 * dropped, trailing slashes removed. Null when the authority is not `host[:port]` with a
 * non-empty decimal port.
 * @param input
 */
function plainNormalisation( input: string ): string | null {
	const m = /^(https?):\/\/([^/]*)(.*)$/i.exec( input );
	if ( m === null ) {
		return null;
	}
	const hp = /^(\[[^\]]*\]|[^:]*)(?::(\d+))?$/.exec(
		( m[ 2 ] ?? '' ).toLowerCase()
	);
	if ( hp === null || ! HOST.test( hp[ 1 ] ?? '' ) ) {
		return null;
	}
	const scheme = ( m[ 1 ] ?? '' ).toLowerCase();
	const host = hp[ 1 ] ?? '';
	const port = hp[ 2 ];
	const defaultPort = scheme === 'https' ? '443' : '80';
	const portPart =
		port === undefined || port === defaultPort ? '' : `:${ port }`;
	return `${ scheme }://${ host }${ portPart }${ ( m[ 3 ] ?? '' ).replace(
		/\/+$/,
		''
	) }`;
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
