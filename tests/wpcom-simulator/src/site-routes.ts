import type { FastifyInstance, FastifyReply } from 'fastify';
import { siteError, type ConnectionProtocol } from './connection-protocol.js';
import { newToken, type WpcomState } from './wpcom-state.js';

/**
 * The WordPress.com endpoints a Jetpack site calls (under JETPACK__API_BASE), each answering one
 * place in automattic/jetpack-connection 9.17:
 *  - `register/1/`: src/class-manager.php do_register(); before answering the blog id and blog
 *    token, WordPress.com verifies the secrets with the site, through its
 *    `jetpack/v4/verify_registration` REST route (src/class-rest-connector.php) and else its
 *    `jetpack.verifyRegistration` XML-RPC method (src/class-xmlrpc-connector.php);
 *  - `token/1/`: src/class-tokens.php get(), redeeming the code the authorize page handed out;
 *    the user's token makes them the owner when there is none, and pending activations land;
 *  - `partner_provision_nonce_check/1/`: legacy/class-jetpack-xmlrpc-server.php remote_register().
 */

export interface SiteRoutesOptions {
	state: WpcomState;
	protocol: ConnectionProtocol;
	now: () => number;
	callbackTimeoutMs: number;
}

/**
 * Verifies a registration the way WordPress.com does: REST first, then XML-RPC.
 * @param o
 * @param f
 */
async function verifyRegistration(
	o: SiteRoutesOptions,
	f: Record< string, string >
): Promise< { ok: true } | { ok: false; error: string; message: string } > {
	const secret1 = f.secret_1 ?? '';
	const userState = f.state ?? '';
	const home = ( f.home || f.siteurl || '' ).replace( /\/+$/, '' );
	try {
		const res = await fetch(
			`${ home }/?rest_route=/jetpack/v4/verify_registration`,
			{
				method: 'POST',
				body: new URLSearchParams( {
					secret_1: secret1,
					state: userState,
				} ),
				redirect: 'manual',
				signal: AbortSignal.timeout( o.callbackTimeoutMs ),
			}
		);
		const json = ( await res.json().catch( () => null ) ) as unknown;
		if ( res.ok && typeof json === 'string' ) {
			return json === f.secret_2
				? { ok: true }
				: {
						ok: false,
						error: 'verify_secrets_mismatch',
						message: 'Secret mismatch',
				  };
		}
		const err = json as { code?: unknown; message?: unknown } | null;
		if (
			typeof err?.code === 'string' &&
			err.code.startsWith( 'verify_' )
		) {
			return {
				ok: false,
				error: err.code,
				message: String( err.message ?? '' ),
			};
		}
	} catch {
		// Not reachable over REST: try XML-RPC, as WordPress.com does.
	}
	const answer = await o.protocol.call(
		f.siteurl ?? '',
		'jetpack.verifyRegistration',
		[ secret1, userState ]
	);
	if ( answer.kind === 'ok' ) {
		return answer.value === f.secret_2
			? { ok: true }
			: {
					ok: false,
					error: 'verify_secrets_mismatch',
					message: 'Secret mismatch',
			  };
	}
	if ( answer.kind === 'blocked' && answer.detail === 'HTTP 403' ) {
		return {
			ok: false,
			error: 'site_inaccessible_403',
			message: 'The site answered 403 Forbidden.',
		};
	}
	const e = siteError( answer );
	return { ok: false, error: e.code, message: e.message };
}

export function siteRoutes( o: SiteRoutesOptions ) {
	return async ( wp: FastifyInstance ): Promise< void > => {
		const fail = (
			reply: FastifyReply,
			status: number,
			error: string,
			description: string
		): FastifyReply =>
			reply
				.code( status )
				.send( { error, error_description: description } );

		wp.post< { Body: Record< string, string > | undefined } >(
			'/jetpack.register/1/',
			async ( req, reply ) => {
				const f = req.body ?? {};
				for ( const field of [
					'siteurl',
					'secret_1',
					'secret_2',
					'state',
				] ) {
					if ( ( f[ field ] ?? '' ) === '' ) {
						return fail(
							reply,
							400,
							`${ field }_missing`,
							`The required "${ field }" parameter is missing.`
						);
					}
				}
				const verified = await verifyRegistration( o, f );
				if ( ! verified.ok ) {
					return fail( reply, 400, verified.error, verified.message );
				}
				// A (re-)registration starts the connection afresh on both sides: the site deleted its tokens.
				const r = o.state.site( f.siteurl ?? '' );
				r.blogToken = newToken();
				r.userTokens.clear();
				r.ownerUserId = null;
				r.connected = false;
				return {
					jetpack_id: r.blogId,
					jetpack_secret: r.blogToken,
					jetpack_public: true,
				};
			}
		);

		wp.post< { Body: Record< string, string > | undefined } >(
			'/jetpack.token/1/',
			async ( req, reply ) => {
				const f = req.body ?? {};
				const r = o.state.byBlogId( Number( f.client_id ) );
				if (
					r === undefined ||
					r.blogToken === null ||
					f.client_secret !== r.blogToken
				) {
					return fail(
						reply,
						400,
						'invalid_client',
						'Unknown client_id or bad client_secret.'
					);
				}
				const code = o.state.codes.get( f.code ?? '' );
				o.state.codes.delete( f.code ?? '' );
				if (
					f.grant_type !== 'authorization_code' ||
					code === undefined ||
					code.blogId !== r.blogId ||
					code.expiresAt <= o.now()
				) {
					return fail(
						reply,
						400,
						'invalid_grant',
						'The authorization code is invalid or has expired.'
					);
				}
				const token = newToken();
				r.userTokens.set( code.userId, token );
				if ( r.ownerUserId === null ) {
					r.ownerUserId = code.userId;
					o.state.connected( r );
				}
				return {
					access_token: token,
					token_type: 'X_JETPACK',
					scope: code.scope,
				};
			}
		);

		wp.get< { Querystring: Record< string, string | undefined > } >(
			'/jetpack.partner_provision_nonce_check/1/',
			async ( req, reply ) => {
				const nonce = req.query.nonce ?? '';
				const expires = o.state.partnerNonces.get( nonce );
				const ok = expires !== undefined && expires > o.now();
				return reply
					.code( ok ? 200 : 400 )
					.type( 'text/plain' )
					.send( ok ? 'OK' : 'FAIL' );
			}
		);
	};
}
