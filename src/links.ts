/**
 * The link rule (docs/host-service-contract.md §7), checked once more in the browser before
 * any href is rendered: the plugin already refused answers whose links fail it, and this is
 * the last line. A URL becomes a link only when the rule and the browser's own `URL` parser
 * read the same origin, and that origin is exactly one of those allowed for the link.
 */

/**
 * Rules 1–3: printable ASCII only; none of \ " < > ` { } | ^ #; well-formed percent escapes;
 * no encoded dot.
 */
const REFUSED = /[^\x21-\x7E]|[\\"<>`{}|^#]|%(?![0-9a-fA-F]{2})|%2e/i;

/**
 * Rule 4: scheme, host (DNS name whose last label starts with a letter, or dotted-decimal
 * IPv4 without leading zeros), optional port, path and query. No user info, no IPv6.
 */
const SHAPE =
	/^(https?):\/\/((?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)*[a-z](?:[a-z0-9-]*[a-z0-9])?|(?:(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])\.){3}(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9]))(?::([1-9][0-9]{0,4}))?(\/[^?]*)?(\?.*)?$/i;

/**
 * The URL's origin when it passes rules 1–4 and the browser's parser agrees, else null.
 *
 * @param url Anything, typically a URL from the status object.
 */
export function linkOrigin( url: unknown ): string | null {
	if (
		typeof url !== 'string' ||
		url.length < 1 ||
		url.length > 2048 ||
		REFUSED.test( url )
	) {
		return null;
	}
	const parts = SHAPE.exec( url );
	if ( ! parts ) {
		return null;
	}
	const port = parts[ 3 ] ? Number( parts[ 3 ] ) : null;
	if ( port !== null && port > 65535 ) {
		return null;
	}
	if (
		( parts[ 4 ] ?? '' )
			.split( '/' )
			.some( ( segment ) => segment === '.' || segment === '..' )
	) {
		return null;
	}
	const scheme = parts[ 1 ]!.toLowerCase();
	const fallback = scheme === 'https' ? 443 : 80;
	const origin = `${ scheme }://${ parts[ 2 ]!.toLowerCase() }${
		port === null || port === fallback ? '' : `:${ port }`
	}`;
	try {
		return new URL( url ).origin === origin ? origin : null;
	} catch {
		return null;
	}
}

/**
 * The URL when it may become a link to one of these origins, else null.
 *
 * @param url     Anything, typically a URL from the status object.
 * @param origins The origins allowed for this link.
 */
export function safeHref(
	url: unknown,
	origins: readonly string[]
): string | null {
	const origin = linkOrigin( url );
	return origin !== null &&
		origins.some( ( allowed ) => linkOrigin( allowed ) === origin )
		? ( url as string )
		: null;
}

/**
 * A fragment that is only a route (Jetpack's screens use `#/setup`, `#/connection`).
 */
const ROUTE = /^#\/[A-Za-z0-9/_-]*$/;

/**
 * A link to one of this site's own wp-admin screens: the rule for the URL before its
 * fragment, and a fragment that is nothing but a route. URLs from an answer never get this.
 *
 * @param url         Anything, typically an admin URL the site itself built.
 * @param siteOrigins This site's origins.
 */
export function safeAdminHref(
	url: unknown,
	siteOrigins: readonly string[]
): string | null {
	if ( typeof url !== 'string' ) {
		return null;
	}
	const hash = url.indexOf( '#' );
	if ( hash === -1 ) {
		return safeHref( url, siteOrigins );
	}
	return ROUTE.test( url.slice( hash ) ) &&
		safeHref( url.slice( 0, hash ), siteOrigins )
		? url
		: null;
}
