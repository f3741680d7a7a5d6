// WordPress.com's partner API as this client speaks it (token, provision, status, the answers
// A/B/C and both error shapes) is summarised in docs/jetpack-start-api.md.
import { ApiError, hostError } from './errors.js';
import { isHttpUrl, wpcomSiteSlug } from './canonical.js';

export interface ProvisionRequest {
	siteurl: string;
	localUser: string;
	plan: string;
}

export type Outcome = 'active' | 'awaiting_authorization' | 'awaiting_dns';

export interface ProvisionOutcome {
	outcome: Outcome;
	nextUrl: string;
	forcedRegister: boolean;
}

export interface WpcomClient {
	/** Resolves with cases A/B/C; throws ApiError for everything else. */
	provision: ( req: ProvisionRequest ) => Promise< ProvisionOutcome >;
	/** WordPress.com's v1.4 status body, passed through untouched. */
	status: ( canonicalSite: string ) => Promise< Record< string, unknown > >;
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

interface RawResponse {
	status: number;
	/** undefined when the body was not JSON */
	json: unknown;
}

// Codes WordPress.com uses when the bearer token itself is no good (as opposed to
// `invalid_scope`, which means the partner may not do this and must pass through).
const TOKEN_REJECTION_CODES = new Set( [
	'invalid_token',
	'token_expired',
	'unauthorized',
	'authorization_required',
] );

function isRecord( v: unknown ): v is Record< string, unknown > {
	return typeof v === 'object' && v !== null && ! Array.isArray( v );
}

/**
 * Both of WordPress.com's error shapes: error_code/error_message and error/message.
 * @param json
 */
export function extractWpcomError(
	json: unknown
): { code: string; message: string } | null {
	if ( ! isRecord( json ) ) {
		return null;
	}
	let code: string | null = null;
	if ( typeof json.error_code === 'string' ) {
		code = json.error_code;
	} else if ( typeof json.error === 'string' ) {
		code = json.error;
	}
	if ( code === null || code === '' ) {
		return null;
	}
	const msgField = [
		json.error_message,
		json.message,
		json.error_description,
	].find( ( m ) => typeof m === 'string' );
	return { code, message: typeof msgField === 'string' ? msgField : '' };
}

export class HttpWpcomClient implements WpcomClient {
	private tokenPromise: Promise< string > | null = null;
	private cachedToken: string | null = null;

	private readonly opts: WpcomClientOptions;

	constructor( opts: WpcomClientOptions ) {
		this.opts = opts;
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
		const res = await this.authed(
			'GET',
			`/rest/v1.4/jpphp/${ wpcomSiteSlug( canonicalSite ) }/status`,
			null,
			AbortSignal.timeout( this.opts.timeoutMs )
		);
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
		const res = await this.authed(
			'POST',
			`/rest/v1.3/jpphp/provision${ query }`,
			form,
			deadline
		);
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
		if ( nextUrl !== '' && ! isHttpUrl( nextUrl ) ) {
			throw hostError.upstreamMalformed(
				'WordPress.com answered with a next_url that is not an http(s) URL.'
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

	/**
	 * Sends with the cached partner token; refreshes it once if WordPress.com rejects it.
	 * A fresh token that is refused too means the partner's access itself is broken.
	 * @param method
	 * @param path
	 * @param form
	 * @param deadline the attempt's deadline
	 */
	private async authed(
		method: 'GET' | 'POST',
		path: string,
		form: URLSearchParams | null,
		deadline: AbortSignal
	): Promise< RawResponse > {
		const token = await this.getToken( deadline );
		const res = await this.send( method, path, form, token, deadline );
		if ( ! isTokenRejection( res ) ) {
			return res;
		}
		this.invalidate( token );
		const fresh = await this.getToken( deadline );
		const again = await this.send( method, path, form, fresh, deadline );
		if ( isTokenRejection( again ) ) {
			this.invalidate( fresh );
			const e = extractWpcomError( again.json );
			throw hostError.partnerAuthFailed(
				`WordPress.com refused a freshly issued partner token${
					e === null ? '' : ` (${ e.code })`
				}.`
			);
		}
		return again;
	}

	/**
	 * The shared token, waited for no longer than this attempt's deadline. The fetch itself
	 * is shared by concurrent attempts, so it has its own timeout rather than any one caller's.
	 * @param deadline
	 */
	private getToken( deadline: AbortSignal ): Promise< string > {
		return withDeadline( this.sharedToken(), deadline );
	}

	private sharedToken(): Promise< string > {
		if ( this.tokenPromise === null ) {
			// Single-flight: concurrent provisions share one /oauth2/token call.
			const p = this.fetchToken();
			this.tokenPromise = p;
			p.then(
				( t ) => {
					if ( this.tokenPromise === p ) {
						this.cachedToken = t;
					}
				},
				() => {
					if ( this.tokenPromise === p ) {
						this.tokenPromise = null;
					}
				}
			);
		}
		return this.tokenPromise;
	}

	private invalidate( token: string ): void {
		// Only the first of several concurrent rejections of the same token refreshes.
		if ( this.cachedToken === token ) {
			this.cachedToken = null;
			this.tokenPromise = null;
		}
	}

	private async fetchToken(): Promise< string > {
		const form = new URLSearchParams( {
			grant_type: 'client_credentials',
			scope: 'jetpack-partner',
			client_id: this.opts.clientId,
			client_secret: this.opts.clientSecret,
		} );
		const res = await this.send(
			'POST',
			'/oauth2/token',
			form,
			null,
			AbortSignal.timeout( this.opts.timeoutMs )
		);
		if ( res.status >= 500 || res.status === 429 ) {
			throw hostError.upstreamUnavailable(
				`WordPress.com answered HTTP ${ res.status } to the token request.`
			);
		}
		if ( res.status >= 400 ) {
			const e = extractWpcomError( res.json );
			throw hostError.partnerAuthFailed(
				`WordPress.com refused the partner credentials${
					e === null ? '' : ` (${ e.code })`
				}.`
			);
		}
		if (
			! isRecord( res.json ) ||
			typeof res.json.access_token !== 'string' ||
			res.json.access_token === ''
		) {
			throw hostError.upstreamMalformed(
				'WordPress.com answered the token request without an access token.'
			);
		}
		return res.json.access_token;
	}

	private async send(
		method: 'GET' | 'POST',
		path: string,
		form: URLSearchParams | null,
		token: string | null,
		signal: AbortSignal
	): Promise< RawResponse > {
		const headers: Record< string, string > = {
			accept: 'application/json',
		};
		if ( token !== null ) {
			headers.authorization = `Bearer ${ token }`;
		}
		if ( form !== null ) {
			headers[ 'content-type' ] = 'application/x-www-form-urlencoded';
		}
		let status: number;
		let text: string;
		try {
			const res = await fetch( `${ this.opts.baseUrl }${ path }`, {
				method,
				headers,
				...( form === null ? {} : { body: form.toString() } ),
				signal,
				redirect: 'manual',
			} );
			status = res.status;
			text = await res.text();
		} catch {
			if ( signal.aborted ) {
				throw hostError.upstreamTimeout();
			}
			throw hostError.upstreamUnavailable(
				'WordPress.com could not be reached.'
			);
		}
		let json: unknown;
		try {
			json = JSON.parse( text );
		} catch {
			json = undefined;
		}
		return { status, json };
	}
}

/**
 * `p`, or a retryable 504 once `signal` aborts, whichever comes first.
 * @param p
 * @param signal
 */
function withDeadline< T >(
	p: Promise< T >,
	signal: AbortSignal
): Promise< T > {
	if ( signal.aborted ) {
		return Promise.reject( hostError.upstreamTimeout() );
	}
	return new Promise< T >( ( resolve, reject ) => {
		const onAbort = (): void => reject( hostError.upstreamTimeout() );
		signal.addEventListener( 'abort', onAbort, { once: true } );
		p.then(
			( v ) => {
				signal.removeEventListener( 'abort', onAbort );
				resolve( v );
			},
			( e: unknown ) => {
				signal.removeEventListener( 'abort', onAbort );
				reject( e );
			}
		);
	} );
}

function isTokenRejection( res: RawResponse ): boolean {
	if ( res.status !== 400 && res.status !== 401 && res.status !== 403 ) {
		return false;
	}
	const e = extractWpcomError( res.json );
	return e !== null
		? TOKEN_REJECTION_CODES.has( e.code )
		: res.status === 401;
}

/**
 * A WordPress.com failure in the contract's shape. `status` is WordPress.com's own unless
 * it answered an error body with a 2xx, which must not reach the plugin as a success.
 * @param res
 */
function upstreamError( res: RawResponse ): ApiError {
	if ( res.status >= 500 ) {
		return hostError.upstreamUnavailable(
			`WordPress.com answered HTTP ${ res.status }.`
		);
	}
	const e = extractWpcomError( res.json );
	if ( e === null ) {
		return res.status === 429
			? hostError.upstreamUnavailable(
					'WordPress.com is rate limiting requests (HTTP 429).'
			  )
			: hostError.upstreamMalformed(
					`WordPress.com answered HTTP ${ res.status } without a documented error body.`
			  );
	}
	const status = res.status >= 400 ? res.status : 502;
	// invalid_signature is WordPress.com's known intermittent failure, and a 429 asks to come
	// back later; the rest need a human.
	return new ApiError(
		status,
		e.code,
		e.message,
		'wpcom',
		e.code === 'invalid_signature' || res.status === 429
	);
}
