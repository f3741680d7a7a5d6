/**
 * Contract §7: the one rule for a URL that becomes a link in wp-admin. It trusts neither
 * WHATWG's URL parser nor PHP's parse_url: it accepts only URLs whose origin both read the
 * same way, and compares that origin exactly against the link's allowed origins.
 */

// Rule 1: printable ASCII only (no whitespace, control characters or non-ASCII).
const PRINTABLE = /^[\x21-\x7e]{1,2048}$/;
// Rule 2: nothing a browser would re-encode or read differently, and no fragment.
const FORBIDDEN = /[\\"<>`{}|^#]/;
// Rule 3: every % starts a two-digit escape, and no encoded dot.
const BAD_PERCENT = /%(?![0-9A-Fa-f]{2})|%2e/i;

const LABEL = '[a-z0-9](?:[a-z0-9-]*[a-z0-9])?';
const DNS_NAME = `(?:${ LABEL }\\.)*[a-z](?:[a-z0-9-]*[a-z0-9])?`;
const OCTET = '(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])';
const IPV4 = `${ OCTET }(?:\\.${ OCTET }){3}`;
// Rule 4: scheme://host[:port][/path][?query], no user info, no IPv6 literal.
const SHAPE = new RegExp(
	`^(https?)://(${ DNS_NAME }|${ IPV4 })(?::([1-9][0-9]{0,4}))?(/[^?]*)?(\\?.*)?$`,
	'i'
);

/**
 * The origin of a URL that passes rules 1–4 (scheme and host lower-cased, the port only
 * when it is not the scheme's default), or null.
 * @param url
 */
export function linkOrigin( url: string ): string | null {
	if (
		! PRINTABLE.test( url ) ||
		FORBIDDEN.test( url ) ||
		BAD_PERCENT.test( url )
	) {
		return null;
	}
	const m = SHAPE.exec( url );
	if ( m === null ) {
		return null;
	}
	const [ , rawScheme = '', rawHost = '', port, path = '' ] = m;
	if ( port !== undefined && Number( port ) > 65535 ) {
		return null;
	}
	if ( path.split( '/' ).some( ( s ) => s === '.' || s === '..' ) ) {
		return null;
	}
	const scheme = rawScheme.toLowerCase();
	const host = rawHost.toLowerCase();
	const defaultPort = scheme === 'https' ? '443' : '80';
	return port === undefined || port === defaultPort
		? `${ scheme }://${ host }`
		: `${ scheme }://${ host }:${ port }`;
}

/**
 * Rule 5: the URL passes and its origin is exactly one of `allowedOrigins`.
 * @param url
 * @param allowedOrigins
 */
export function isAllowedLink(
	url: string,
	allowedOrigins: readonly string[]
): boolean {
	const origin = linkOrigin( url );
	return origin !== null && allowedOrigins.includes( origin );
}

/**
 * The origins a case A (Secure Sign On) link may have: the site's own, from its `siteurl`
 * and `home_url`.
 * @param urls
 */
export function siteOrigins( ...urls: string[] ): string[] {
	return [
		...new Set(
			urls.map( linkOrigin ).filter( ( o ): o is string => o !== null )
		),
	];
}
