import { ApiError, hostError } from '../lib/errors.js';
import { wpcomSiteSlug } from '../lib/canonical.js';
import {
	extractWpcomError,
	isRecord,
	upstreamError,
	WpcomTransport,
} from './transport.js';

export interface ProvisionRequest {
	siteurl: string;
	localUser: string;
	plan: string;
}

export type Outcome = 'active' | 'awaiting_authorization' | 'awaiting_dns';

export interface ProvisionOutcome {
	outcome: Outcome;
	/** WordPress.com's `next_url` as it came (contract §7 is applied by the caller) */
	nextUrl: string;
	forcedRegister: boolean;
}

export interface WpcomClient {
	/** Resolves with cases A/B/C; throws ApiError for everything else. */
	provision: ( req: ProvisionRequest ) => Promise< ProvisionOutcome >;
	/** WordPress.com's v1.4 status body, as it came (read by lib/plans.ts). */
	status: ( canonicalSite: string ) => Promise< Record< string, unknown > >;
	/**
	 * v1.3 partner-cancel of one plan: true when WordPress.com cancelled it, false when the
	 * site had no such plan (`success: false`, or a site WordPress.com does not know): not
	 * worth retrying. Throws ApiError for everything else.
	 */
	cancel: ( canonicalSite: string, plan: string ) => Promise< boolean >;
}

export interface WpcomClientOptions {
	baseUrl: string;
	clientId: string;
	clientSecret: string;
	/**
	 * Budget for one whole provision or status attempt: every WordPress.com call it makes
	 * (token, provision, token refresh, force_register retry) shares one deadline.
	 */
	timeoutMs: number;
	partnerTrackingId: string | null;
	onboarding: boolean;
	forceRegister: boolean;
}

/** WordPress.com's Jetpack Start partner API: v1.3 provision and v1.4 status. */
export class HttpWpcomClient implements WpcomClient {
	private readonly opts: WpcomClientOptions;
	private readonly transport: WpcomTransport;

	constructor( opts: WpcomClientOptions ) {
		this.opts = opts;
		this.transport = new WpcomTransport( opts );
	}

	async provision( req: ProvisionRequest ): Promise< ProvisionOutcome > {
		const deadline = AbortSignal.timeout( this.opts.timeoutMs );
		try {
			return await this.provisionOnce(
				req,
				this.opts.forceRegister,
				deadline
			);
		} catch ( err ) {
			// WordPress.com's own hint for a token mismatch on the site: "Try calling again
			// with --force_register=true". One retry costs a round trip; looping would not help.
			if (
				! this.opts.forceRegister &&
				err instanceof ApiError &&
				err.source === 'wpcom' &&
				err.code === 'method_not_found' &&
				err.message.includes( 'remoteProvision' )
			) {
				return await this.provisionOnce( req, true, deadline );
			}
			throw err;
		}
	}

	async status(
		canonicalSite: string
	): Promise< Record< string, unknown > > {
		const res = await this.transport.authed( {
			method: 'GET',
			path: `/rest/v1.4/jpphp/${ wpcomSiteSlug( canonicalSite ) }/status`,
			form: null,
			deadline: AbortSignal.timeout( this.opts.timeoutMs ),
			mayAct: false,
		} );
		if ( res.status >= 200 && res.status < 300 ) {
			if (
				isRecord( res.json ) &&
				extractWpcomError( res.json ) === null
			) {
				return res.json;
			}
			throw hostError.upstreamMalformed(
				'WordPress.com answered the status request with an unexpected body.'
			);
		}
		throw upstreamError( res );
	}

	async cancel( canonicalSite: string, plan: string ): Promise< boolean > {
		const res = await this.transport.authed( {
			method: 'POST',
			path: `/rest/v1.3/jpphp/${ wpcomSiteSlug(
				canonicalSite
			) }/partner-cancel`,
			form: new URLSearchParams( { plan } ),
			deadline: AbortSignal.timeout( this.opts.timeoutMs ),
			mayAct: true,
		} );
		const e = extractWpcomError( res.json );
		if ( res.status === 404 && e?.code === 'unknown_blog' ) {
			return false;
		}
		if ( res.status < 200 || res.status >= 300 || e !== null ) {
			throw upstreamError( res );
		}
		if ( ! isRecord( res.json ) || typeof res.json.success !== 'boolean' ) {
			throw hostError.upstreamMalformed(
				'WordPress.com answered the cancel request with an undocumented shape.'
			);
		}
		return res.json.success;
	}

	private async provisionOnce(
		req: ProvisionRequest,
		forceRegister: boolean,
		deadline: AbortSignal
	): Promise< ProvisionOutcome > {
		const form = new URLSearchParams( {
			siteurl: req.siteurl,
			local_user: req.localUser,
			plan: req.plan,
		} );
		if ( forceRegister ) {
			form.set( 'force_register', '1' );
		}
		if ( this.opts.onboarding ) {
			form.set( 'onboarding', '1' );
		}
		const query =
			this.opts.partnerTrackingId === null
				? ''
				: `?partner-tracking-id=${ encodeURIComponent(
						this.opts.partnerTrackingId
				  ) }`;
		const res = await this.transport.authed( {
			method: 'POST',
			path: `/rest/v1.3/jpphp/provision${ query }`,
			form,
			deadline,
			mayAct: true,
		} );
		if ( res.status < 200 || res.status >= 300 ) {
			throw upstreamError( res );
		}
		const body = res.json;
		if ( ! isRecord( body ) ) {
			throw hostError.upstreamMalformed(
				'WordPress.com answered the provision request with something that is not a JSON object.'
			);
		}
		if ( extractWpcomError( body ) !== null ) {
			throw upstreamError( res );
		}
		const nextUrl =
			body.next_url === undefined || body.next_url === null
				? ''
				: body.next_url;
		if (
			body.success !== true ||
			typeof body.auth_required !== 'boolean' ||
			typeof nextUrl !== 'string'
		) {
			throw hostError.upstreamMalformed(
				'WordPress.com answered the provision request with an undocumented shape.'
			);
		}
		let outcome: Outcome = 'awaiting_authorization';
		if ( ! body.auth_required ) {
			outcome = 'active';
		} else if ( nextUrl === '' ) {
			outcome = 'awaiting_dns';
		}
		return {
			outcome,
			nextUrl,
			forcedRegister: forceRegister && ! this.opts.forceRegister,
		};
	}
}
