import { createHmac, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { signature } from './jetpack-signature.js';
import type { SiteRecord, WpcomState } from './wpcom-state.js';

/**
 * WordPress.com's token-health endpoints (under JETPACK__WPCOM_JSON_API_BASE), as
 * automattic/jetpack-connection 9.17 calls and reads them (src/class-tokens.php):
 *  - `POST /wpcom/v2/sites/{blog_id}/jetpack-token-health`, `validate()`: a form with
 *    `user_token` and `blog_token`, each `get_signed_token()`'s `token="key:1:user" timestamp=""
 *    nonce="" signature=""` (base64 HMAC-SHA1 over `key:1:user\ntimestamp\nnonce\n` with the
 *    token's secret), sent unsigned (`Client::_wp_remote_request`); answered
 *    `{blog_token: {is_healthy}, user_token: {is_healthy}}`, the shape `Manager::restore()` and
 *    the package's `test__connection_token_health` read;
 *  - `GET /wpcom/v2/sites/{blog_id}/jetpack-token-health/blog`, `validate_blog_token()`: signed
 *    with the blog token (`Client::remote_request`, its parameters in the query); answered
 *    `{is_healthy}`.
 * A token is healthy when WordPress.com issued it and has not revoked it (`/__sim/revoke`), and
 * its signature is its secret's. A blog id WordPress.com never issued answers 404 `unknown_blog`
 * (the package then reports that the check could not be performed).
 */

interface SignedToken {
	key: string;
	userId: number;
	timestamp: string;
	nonce: string;
	signature: string;
}

/**
 * Reads `get_signed_token()`'s `name="value"` pieces.
 * @param raw The form field.
 */
function parseSignedToken( raw: unknown ): SignedToken | null {
	if ( typeof raw !== 'string' ) {
		return null;
	}
	const pieces = Object.fromEntries(
		[ ...raw.matchAll( /([a-z-]+)="([^"]*)"/g ) ].map( ( m ) => [
			m[ 1 ],
			m[ 2 ],
		] )
	);
	const [ key = '', , user = '' ] = String( pieces.token ?? '' ).split( ':' );
	if ( key === '' || ! /^\d+$/.test( user ) ) {
		return null;
	}
	return {
		key,
		userId: Number( user ),
		timestamp: String( pieces.timestamp ?? '' ),
		nonce: String( pieces.nonce ?? '' ),
		signature: String( pieces.signature ?? '' ),
	};
}

const same = ( a: string, b: string ): boolean =>
	a.length === b.length &&
	timingSafeEqual( Buffer.from( a ), Buffer.from( b ) );

/**
 * Whether WordPress.com still accepts this signed token for the site.
 * @param r      The site.
 * @param signed The parsed token.
 * @param blog   It is presented as the blog token.
 */
function healthy(
	r: SiteRecord,
	signed: SignedToken | null,
	blog: boolean
): boolean {
	if ( signed === null || ( blog && signed.userId !== 0 ) ) {
		return false;
	}
	const issued = blog ? r.blogToken : r.userTokens.get( signed.userId );
	const [ key = '', secret = '' ] = ( issued ?? '' ).split( '.' );
	if ( issued === null || issued === undefined || key !== signed.key ) {
		return false;
	}
	const expected = createHmac( 'sha1', secret )
		.update(
			`${ key }:1:${ signed.userId }\n${ signed.timestamp }\n${ signed.nonce }\n`
		)
		.digest( 'base64' );
	return same( expected, signed.signature );
}

/**
 * A request `Client::remote_request()` signed with the blog token: its auth parameters are in
 * the query (the package's default `auth_location`), signed over the URL it called.
 * @param r   The site.
 * @param url The URL called, as received.
 */
function signedWithBlogToken( r: SiteRecord, url: URL ): boolean {
	const [ key = '', , user = '' ] = (
		url.searchParams.get( 'token' ) ?? ''
	).split( ':' );
	const [ blogKey = '', secret = '' ] = ( r.blogToken ?? '' ).split( '.' );
	if ( r.blogToken === null || user !== '0' || key !== blogKey ) {
		return false;
	}
	return same(
		signature( url, 'GET', secret, false ),
		url.searchParams.get( 'signature' ) ?? ''
	);
}

export function tokenHealth( o: { state: WpcomState } ) {
	return async ( wp: FastifyInstance ): Promise< void > => {
		wp.post< {
			Params: { blogId: string };
			Body: Record< string, string > | undefined;
		} >(
			'/wpcom/v2/sites/:blogId/jetpack-token-health',
			async ( req, reply ) => {
				const r = o.state.byBlogId( Number( req.params.blogId ) );
				if ( r === undefined ) {
					return reply.code( 404 ).send( {
						error: 'unknown_blog',
						message: 'Unknown blog',
					} );
				}
				const f = req.body ?? {};
				return {
					blog_token: {
						is_healthy: healthy(
							r,
							parseSignedToken( f.blog_token ),
							true
						),
					},
					user_token: {
						is_healthy: healthy(
							r,
							parseSignedToken( f.user_token ),
							false
						),
					},
				};
			}
		);

		wp.get< { Params: { blogId: string } } >(
			'/wpcom/v2/sites/:blogId/jetpack-token-health/blog',
			async ( req, reply ) => {
				const r = o.state.byBlogId( Number( req.params.blogId ) );
				if ( r === undefined ) {
					return reply.code( 404 ).send( {
						error: 'unknown_blog',
						message: 'Unknown blog',
					} );
				}
				return {
					is_healthy: signedWithBlogToken(
						r,
						new URL( req.url, `http://${ req.headers.host ?? '' }` )
					),
				};
			}
		);
	};
}
