/**
 * Canonical site URL per contract §1. Returns null for anything the contract says to
 * reject, so callers decide which error code that becomes.
 */
export function canonicalSiteUrl(input: string): string | null {
	// WHATWG URL would silently accept "example.com" relative to nothing (it throws) but
	// also trims whitespace and resolves dot segments; we require an explicit scheme first.
	if (!/^https?:\/\//i.test(input)) return null;
	let url: URL;
	try {
		url = new URL(input);
	} catch {
		return null;
	}
	if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
	if (url.username !== '' || url.password !== '') return null;
	// `search`/`hash` are '' both for absent and for a bare '?'/'#', so check the raw input too.
	if (url.search !== '' || url.hash !== '' || input.includes('?') || input.includes('#')) return null;
	if (url.hostname === '') return null;
	// URL already lower-cases scheme and host and drops default ports.
	const path = url.pathname.replace(/\/+$/, '');
	return `${url.protocol}//${url.host}${path}`;
}

/** WordPress.com's `{site}` path segment: URL without scheme, '/' → '::'. */
export function wpcomSiteSlug(canonicalSite: string): string {
	return canonicalSite.replace(/^https?:\/\//, '').replace(/\//g, '::');
}
