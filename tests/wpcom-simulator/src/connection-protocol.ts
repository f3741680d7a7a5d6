import { callSite, jetpackError, type SiteAnswer } from './site-client.js';
import { randomKey, type SiteRecord, type WpcomState } from './wpcom-state.js';

/**
 * WordPress.com calling into a Jetpack site, as automattic/jetpack-connection 9.17 expects it
 * (docs/jetpack-start-api.md §3): the partner provisioning calls `jetpack.remoteRegister` then
 * `jetpack.remoteProvision` signed with the blog token (legacy/class-jetpack-xmlrpc-server.php
 * remote_register() and remote_provision(), legacy/class-jetpack-signature.php), and
 * `jetpack.remoteAuthorize` (remote_authorize()). The routes sites call are in site-routes.ts.
 */

export interface ProtocolOptions {
	state: WpcomState;
	now: () => number;
	/** how long WordPress.com waits for a site to answer a callback */
	callbackTimeoutMs: number;
}

const NONCE_MS = 10 * 60 * 1000;
const CODE_MS = 10 * 60 * 1000;
const XMLRPC_METHOD_NOT_FOUND = -32601;

export type ProvisionResult =
	| { kind: 'unreachable' }
	| { kind: 'register_not_found' }
	| { kind: 'provision_not_found' }
	| { kind: 'site_error'; code: string; message: string }
	| {
			kind: 'provisioned';
			isActive: boolean;
			userId: number;
			secret: string;
			scope: string;
			redirectUri: string;
	  };

export function siteError( answer: SiteAnswer ): {
	code: string;
	message: string;
} {
	if ( answer.kind === 'fault' ) {
		return (
			jetpackError( answer.message ) ?? {
				code: `xml_rpc-${ answer.code }`,
				message: answer.message,
			}
		);
	}
	return {
		code: 'site_inaccessible',
		message: 'detail' in answer ? answer.detail : '',
	};
}

export class ConnectionProtocol {
	private readonly o: ProtocolOptions;

	constructor( o: ProtocolOptions ) {
		this.o = o;
	}

	/**
	 * One XML-RPC call to the site, signed with a blog token when one is given.
	 * @param siteurl
	 * @param method
	 * @param params
	 * @param token   The token to sign with, if any.
	 */
	call(
		siteurl: string,
		method: string,
		params: unknown[],
		token?: { secret: string; userId: number } | null
	): Promise< SiteAnswer > {
		return callSite( siteurl, method, params, {
			token: token ?? null,
			timeoutMs: this.o.callbackTimeoutMs,
			now: this.o.now(),
		} );
	}

	/**
	 * What one partner provision call does behind the scenes: remoteRegister (the site confirms
	 * the nonce and registers itself when it has to), then remoteProvision signed with the blog
	 * token WordPress.com issued.
	 * @param r             The site's record.
	 * @param localUser     The partner's `local_user`.
	 * @param forceRegister `force_register=1`.
	 */
	async provision(
		r: SiteRecord,
		localUser: string,
		forceRegister: boolean
	): Promise< ProvisionResult > {
		const nonce = randomKey( 6 );
		this.o.state.partnerNonces.set( nonce, this.o.now() + NONCE_MS );
		const request: Record< string, string > = {
			local_user: localUser,
			nonce,
		};
		if ( forceRegister ) {
			request.force = '1';
		}
		// Signed as the connection owner when WordPress.com has issued one a token: a site with an
		// owner offers the real remoteRegister (and so `force`) only to signed calls.
		const owner =
			r.ownerUserId === null
				? undefined
				: r.userTokens.get( r.ownerUserId );
		const reg = await this.call(
			r.siteurl,
			'jetpack.remoteRegister',
			[ request ],
			owner === undefined || r.ownerUserId === null
				? null
				: { secret: owner, userId: r.ownerUserId }
		);
		this.o.state.partnerNonces.delete( nonce );
		if ( reg.kind === 'unreachable' ) {
			return { kind: 'unreachable' };
		}
		if (
			reg.kind === 'blocked' ||
			( reg.kind === 'fault' && reg.code === XMLRPC_METHOD_NOT_FOUND )
		) {
			return { kind: 'register_not_found' };
		}
		// A site with a connection owner answers unsigned calls with already_registered.
		if (
			reg.kind === 'fault' &&
			jetpackError( reg.message )?.code !== 'already_registered'
		) {
			return { kind: 'site_error', ...siteError( reg ) };
		}

		const prov = await this.call(
			r.siteurl,
			'jetpack.remoteProvision',
			[ { local_user: localUser } ],
			r.blogToken === null ? null : { secret: r.blogToken, userId: 0 }
		);
		if ( prov.kind !== 'ok' ) {
			// Not signed with the token the site holds: the method is not offered at all.
			if (
				prov.kind !== 'fault' ||
				prov.code === XMLRPC_METHOD_NOT_FOUND
			) {
				return { kind: 'provision_not_found' };
			}
			return { kind: 'site_error', ...siteError( prov ) };
		}
		const v = ( prov.value ?? {} ) as Record< string, unknown >;
		return {
			kind: 'provisioned',
			isActive: v.is_active === true,
			userId: Number( v.user_id ),
			secret: String( v.secret ?? '' ),
			scope: String( v.scope ?? '' ),
			redirectUri: String( v.redirect_uri ?? '' ),
		};
	}

	/**
	 * WordPress.com authorizing a user on the site itself (`jetpack.remoteAuthorize`, with the
	 * `authorize` secret remoteProvision answered): the site redeems the code at token/1/.
	 * @param r           The site.
	 * @param userId      Local user id (the `state`).
	 * @param secret      The authorize secret from remoteProvision.
	 * @param scope       The signed role from remoteProvision.
	 * @param redirectUri The site's redirect URI from remoteProvision.
	 */
	async remoteAuthorize(
		r: SiteRecord,
		userId: number,
		secret: string,
		scope: string,
		redirectUri: string
	): Promise< { ok: true } | { ok: false; message: string } > {
		const code = this.issueCode( r, userId, scope );
		const answer = await this.call( r.siteurl, 'jetpack.remoteAuthorize', [
			{
				secret,
				state: String( userId ),
				redirect_uri: redirectUri,
				code,
				auth_type: 'jetpack',
			},
		] );
		if ( answer.kind === 'ok' ) {
			return { ok: true };
		}
		return { ok: false, message: siteError( answer ).message };
	}

	issueCode( r: SiteRecord, userId: number, scope: string ): string {
		const code = randomKey();
		this.o.state.codes.set( code, {
			blogId: r.blogId,
			userId,
			scope,
			expiresAt: this.o.now() + CODE_MS,
		} );
		return code;
	}
}
