import { createHash, createHmac, randomBytes } from 'node:crypto';

/**
 * WordPress.com's side of Jetpack's request signature, as the site verifies it
 * (automattic/jetpack-connection legacy/class-jetpack-signature.php sign_request(), and
 * Manager::internal_verify_xml_rpc_signature()): base64 HMAC-SHA1, keyed with the token's
 * secret, over token key, timestamp, nonce, body hash, method, host, port, path and the sorted
 * query, one per line.
 *
 * The host line is what the site rebuilds: it takes `HTTP_HOST` (which carries a non-default
 * port) and appends the request's port (`X-Forwarded-Port`, else the server's) again, and PHP
 * then parses `host:port:port` into the host `host:port`. So for a site on a non-default port
 * the signed host includes the port, and the port line is whatever port the site believes it
 * was called on: a WordPress.com that signs the URL it called cannot match that. Production
 * sites answer on 80/443 (Jetpack's own server-port health test skips sites with a port in their
 * URL); the simulator sends `X-Forwarded-Port` with the port it called (site-client.ts) and signs
 * what the package then verifies.
 */

/**
 * PHP's rawurlencode(): RFC 3986, so also `!'()*`.
 * @param s The string.
 */
export function rawurlencode( s: string ): string {
	return encodeURIComponent( s ).replace(
		/[!'()*]/g,
		( c ) => `%${ c.charCodeAt( 0 ).toString( 16 ).toUpperCase() }`
	);
}

export const bodyHash = ( body: string ): string =>
	createHash( 'sha1' ).update( body, 'utf8' ).digest( 'base64' );

/**
 * The signature of a request to `url` (which already carries token, timestamp, nonce, body-hash).
 * @param url    The full URL the request goes to.
 * @param method HTTP method.
 * @param secret The token's secret half.
 * @param toSite WordPress.com signs a call to the site (the host line carries a non-default
 *               port, as the site rebuilds it); false for a request the site signed itself
 *               (`Client::build_signed_request()` parses the URL it calls: host alone).
 */
export function signature(
	url: URL,
	method: string,
	secret: string,
	toSite = true
): string {
	const q = url.searchParams;
	const defaultPort = url.protocol === 'https:' ? '443' : '80';
	const pairs: string[] = [];
	for ( const [ name, value ] of q ) {
		if ( name !== 'signature' ) {
			pairs.push(
				`${ rawurlencode( name ) }=${ rawurlencode( value ) }`
			);
		}
	}
	pairs.sort();
	const lines = [
		( q.get( 'token' ) ?? '' ).split( '.' )[ 0 ] ?? '',
		q.get( 'timestamp' ) ?? '',
		q.get( 'nonce' ) ?? '',
		q.get( 'body-hash' ) ?? '',
		method.toUpperCase(),
		url.port === '' || ! toSite
			? url.hostname
			: `${ url.hostname }:${ url.port }`,
		url.port === '' ? defaultPort : url.port,
		url.pathname,
		...pairs,
	];
	return createHmac( 'sha1', secret )
		.update( `${ lines.join( '\n' ) }\n` )
		.digest( 'base64' );
}

/**
 * Adds Jetpack's signature parameters for a request signed with a token ("key.secret").
 * @param url    Where the request goes (its own query is kept and signed).
 * @param method HTTP method.
 * @param body   The raw body.
 * @param token  The blog token, or a user's token, WordPress.com issued to the site.
 * @param userId 0 for the blog token, else the local user id the user token belongs to.
 * @param now    Clock, in ms.
 */
export function signedUrl(
	url: string,
	method: string,
	body: string,
	token: string,
	userId: number,
	now: number
): string {
	const [ key = '', secret = '' ] = token.split( '.' );
	const u = new URL( url );
	u.searchParams.set( 'token', `${ key }:1:${ userId }` );
	u.searchParams.set( 'timestamp', String( Math.floor( now / 1000 ) ) );
	u.searchParams.set(
		'nonce',
		randomBytes( 9 )
			.toString( 'base64' )
			.replace( /[^a-zA-Z0-9]/g, 'x' )
	);
	u.searchParams.set( 'body-hash', bodyHash( body ) );
	u.searchParams.set( 'signature', signature( u, method, secret ) );
	return u.toString();
}
