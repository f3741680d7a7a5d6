import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply } from 'fastify';
import {
	bearerCheck,
	isHttpUrl,
	sendError,
	transportScenarios,
} from './partner-common.js';
import type { ConnectionProtocol } from './connection-protocol.js';
import {
	ERROR_SCENARIOS,
	REMOTE_PROVISION_MSG,
	REMOTE_REGISTER_MSG,
	type ErrorShape,
	type ScenarioBook,
} from './scenarios.js';
import {
	normaliseSite,
	type SiteRecord,
	type WpcomState,
} from './wpcom-state.js';

/**
 * The Jetpack Start partner API (docs/jetpack-start-api.md §1): the partner token and provision
 * (status and cancel: partner-status.ts). `auto` provisions through the real protocol with the site; every other
 * scenario answers what the test chose, without a site.
 */

export interface PartnerApiOptions {
	clientId: string;
	clientSecret: string;
	allowedPlans: ReadonlySet< string >;
	state: WpcomState;
	scenarios: ScenarioBook;
	protocol: ConnectionProtocol;
	/** partner tokens handed out and still valid, and every one ever issued */
	tokens: Set< string >;
	issued: string[];
	publicUrl: () => string;
	sleep: ( ms: number ) => Promise< void >;
}

type Form = Record< string, string > | undefined;

/**
 * WordPress.com's answer when the site did not offer the Jetpack method it called.
 * @param reply
 * @param message
 * @param shape
 */
const methodNotFound = (
	reply: FastifyReply,
	message: string,
	shape: ErrorShape
): FastifyReply => sendError( reply, 400, 'method_not_found', message, shape );

export function partnerApi( o: PartnerApiOptions ) {
	const { state } = o;

	const requireToken = bearerCheck( o.tokens );
	const transport = transportScenarios( o.sleep );
	const ssoLink = ( r: SiteRecord ): string =>
		`${
			r.siteurl
		}/wp-login.php?action=jetpack-sso&redirect_to=${ encodeURIComponent(
			`${ r.siteurl }/wp-admin`
		) }`;

	const caseB = ( r: SiteRecord, token: string | null ) => ( {
		success: true,
		auth_required: true,
		next_url: `${ o.publicUrl() }/jetpack.authorize/1/?site=${ encodeURIComponent(
			r.siteurl
		) }&token=${ token ?? '' }&client_id=${ r.blogId }`,
	} );

	/**
	 * The real protocol: what the site answered decides A, B, C or the error.
	 * @param reply
	 * @param r
	 * @param localUser
	 * @param plan
	 * @param force
	 * @param shape
	 */
	const provisionAuto = async (
		reply: FastifyReply,
		r: SiteRecord,
		localUser: string,
		plan: string,
		force: boolean,
		shape: ErrorShape
	) => {
		const result = await o.protocol.provision( r, localUser, force );
		switch ( result.kind ) {
			case 'unreachable':
				state.addPending( r, plan, localUser );
				return { success: true, auth_required: true, next_url: '' };
			case 'register_not_found':
				return methodNotFound( reply, REMOTE_REGISTER_MSG, shape );
			case 'provision_not_found':
				return methodNotFound( reply, REMOTE_PROVISION_MSG, shape );
			case 'site_error':
				return sendError(
					reply,
					400,
					result.code,
					result.message,
					shape
				);
		}
		if (
			result.isActive &&
			r.ownerUserId === result.userId &&
			r.userTokens.has( result.userId )
		) {
			state.addActive( r, plan, localUser );
			state.connected( r );
			return {
				success: true,
				auth_required: false,
				next_url: ssoLink( r ),
			};
		}
		const p = state.addPending( r, plan, localUser );
		p.authorize = {
			userId: result.userId,
			secret: result.secret,
			scope: result.scope,
			redirectUri: result.redirectUri,
		};
		return caseB( r, p.token );
	};

	return async ( wp: FastifyInstance ): Promise< void > => {
		wp.post< { Body: Form } >( '/oauth2/token', async ( req, reply ) => {
			const f = req.body ?? {};
			if ( f.grant_type !== 'client_credentials' ) {
				return reply.code( 400 ).send( {
					error: 'unsupported_grant_type',
					error_description: 'grant_type must be client_credentials',
				} );
			}
			if (
				f.client_id !== o.clientId ||
				f.client_secret !== o.clientSecret
			) {
				return reply.code( 400 ).send( {
					error: 'invalid_client',
					error_description:
						'Unknown client_id or bad client_secret.',
				} );
			}
			if ( f.scope !== 'jetpack-partner' ) {
				return reply.code( 400 ).send( {
					error: 'invalid_scope',
					error_description:
						'This client may only request the jetpack-partner scope.',
				} );
			}
			const token = randomBytes( 24 ).toString( 'base64url' );
			o.tokens.add( token );
			o.issued.push( token );
			return {
				access_token: token,
				token_type: 'bearer',
				blog_id: 0,
				scope: 'jetpack-partner',
			};
		} );

		wp.post< { Body: Form } >(
			'/rest/v1.3/jpphp/provision',
			async ( req, reply ) => {
				const token = requireToken( req, reply );
				if ( token === null ) {
					return reply;
				}
				const f = req.body ?? {};
				const siteurl = f.siteurl ?? '';
				const localUser = f.local_user ?? '';
				const plan = f.plan ?? '';
				const siteKey = normaliseSite( siteurl );
				let spec = o.scenarios.get(
					siteurl === '' ? undefined : siteurl
				);
				const shape = spec.shape ?? 'error_code';

				if ( spec.scenario === 'token_expired_once' ) {
					if ( ! o.scenarios.firedOnce.has( `token:${ siteKey }` ) ) {
						o.scenarios.firedOnce.add( `token:${ siteKey }` );
						o.tokens.delete( token );
						return sendError(
							reply,
							403,
							'invalid_token',
							'The OAuth2 token is invalid.',
							'error'
						);
					}
					spec = { ...spec, scenario: spec.then ?? 'auto' };
				}
				if ( spec.scenario === 'token_rejected' ) {
					return sendError(
						reply,
						403,
						'invalid_token',
						'The OAuth2 token is invalid.',
						'error'
					);
				}
				const t = await transport( spec, reply );
				if ( t.answered ) {
					return reply;
				}
				spec = t.spec;

				// The validation WordPress.com itself does.
				if ( siteurl === '' || ! isHttpUrl( siteurl ) ) {
					return sendError(
						reply,
						400,
						'invalid_siteurl',
						'The siteurl parameter is required.',
						shape
					);
				}
				if ( localUser === '' ) {
					return sendError(
						reply,
						400,
						'invalid_local_user',
						'The local_user parameter is required.',
						shape
					);
				}
				if ( ! o.allowedPlans.has( plan ) ) {
					return sendError(
						reply,
						400,
						'invalid_plan',
						`${ plan } is not a valid plan`,
						shape
					);
				}

				const force =
					f.force_register === '1' || f.force_register === 'true';
				if ( spec.scenario === 'method_not_found_provision' ) {
					// The site's tokens do not match; only a forced re-registration gets past it.
					if ( ! force ) {
						return methodNotFound(
							reply,
							REMOTE_PROVISION_MSG,
							shape
						);
					}
					spec = { ...spec, scenario: spec.then ?? 'auto' };
				}
				const err = ERROR_SCENARIOS[ spec.scenario ];
				if ( err !== undefined ) {
					return sendError(
						reply,
						err.status,
						err.code,
						err.message( plan ),
						shape
					);
				}

				const r = state.site( siteurl );
				state.dropExpired( r );
				switch ( spec.scenario ) {
					case 'auto':
						return provisionAuto(
							reply,
							r,
							localUser,
							plan,
							force,
							shape
						);
					case 'case_a':
						state.addActive( r, plan, localUser );
						state.connected( r );
						return {
							success: true,
							auth_required: false,
							next_url: ssoLink( r ),
						};
					case 'case_c':
						state.addPending( r, plan, localUser );
						return {
							success: true,
							auth_required: true,
							next_url: '',
						};
					default:
						return caseB(
							r,
							state.addPending( r, plan, localUser ).token
						);
				}
			}
		);
	};
}
