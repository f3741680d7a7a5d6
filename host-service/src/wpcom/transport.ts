// WordPress.com's partner API as this client speaks it (token, provision, status, the answers
// A/B/C and both error shapes) is summarised in docs/jetpack-start-api.md.
import { ApiError, hostError } from '../lib/errors.js';
import { HttpFailure, send } from './http.js';

/**
 * How the service talks to WordPress.com's partner API: the partner token (fetched once,
 * shared, refreshed once when rejected), one request with a deadline, and WordPress.com's
 * answers turned into the contract's errors.
 */

export interface TransportOptions {
	baseUrl: string;
	clientId: string;
	clientSecret: string;
	/** timeout of the shared token request */
	timeoutMs: number;
}

export interface RawResponse {
	status: number;
	/** undefined when the body was not JSON */
	json: unknown;
}

export interface SendOptions {
	method: 'GET' | 'POST';
	path: string;
	form: URLSearchParams | null;
	/** the attempt's deadline */
	deadline: AbortSignal;
	/**
	 * The request may change something at WordPress.com (a provision): when its answer
	 * never arrives, the error says so (`answer_unknown`).
	 */
	mayAct: boolean;
}

// Codes WordPress.com uses when the bearer token itself is no good (as opposed to
// `invalid_scope`, which means the partner may not do this and must pass through).
const TOKEN_REJECTION_CODES = new Set( [
	'invalid_token',
	'token_expired',
	'unauthorized',
	'authorization_required',
] );

// Failures that happen before a request leaves: WordPress.com cannot have seen it.
const NOT_SENT = new Set( [
	'ECONNREFUSED',
	'ENOTFOUND',
	'EAI_AGAIN',
	'EHOSTUNREACH',
	'ENETUNREACH',
	'ETIMEDOUT',
	'ECONNABORTED',
	'CERT_HAS_EXPIRED',
	'DEPTH_ZERO_SELF_SIGNED_CERT',
	'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
	'ERR_TLS_CERT_ALTNAME_INVALID',
] );

export const isRecord = ( v: unknown ): v is Record< string, unknown > =>
	typeof v === 'object' && v !== null && ! Array.isArray( v );

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

/**
 * A WordPress.com failure in the contract's shape. `status` is WordPress.com's own unless
 * it answered an error body with a 2xx, which must not reach the plugin as a success.
 * @param res
 */
export function upstreamError( res: RawResponse ): ApiError {
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
 * `p`, or a retryable 504 once `signal` aborts, whichever comes first. Nothing was sent
 * yet while waiting for the token, so that timeout is not answer-unknown.
 * @param p
 * @param signal
 */
function withDeadline< T >(
	p: Promise< T >,
	signal: AbortSignal
): Promise< T > {
	if ( signal.aborted ) {
		return Promise.reject( hostError.upstreamTimeout( false ) );
	}
	return new Promise< T >( ( resolve, reject ) => {
		const onAbort = (): void =>
			reject( hostError.upstreamTimeout( false ) );
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

export class WpcomTransport {
	private tokenPromise: Promise< string > | null = null;
	private cachedToken: string | null = null;
	private readonly opts: TransportOptions;

	constructor( opts: TransportOptions ) {
		this.opts = opts;
	}

	/**
	 * Sends with the cached partner token; refreshes it once if WordPress.com rejects it.
	 * A fresh token that is refused too means the partner's access itself is broken.
	 * @param o
	 */
	async authed( o: SendOptions ): Promise< RawResponse > {
		const token = await withDeadline( this.sharedToken(), o.deadline );
		const res = await this.send( o, token );
		if ( ! isTokenRejection( res ) ) {
			return res;
		}
		this.invalidate( token );
		const fresh = await withDeadline( this.sharedToken(), o.deadline );
		const again = await this.send( o, fresh );
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

	private sharedToken(): Promise< string > {
		if ( this.tokenPromise === null ) {
			// Single-flight: concurrent provisions share one /oauth2/token call, which has its
			// own timeout rather than any one caller's deadline.
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
			{
				method: 'POST',
				path: '/oauth2/token',
				form,
				deadline: AbortSignal.timeout( this.opts.timeoutMs ),
				mayAct: false,
			},
			null
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
		o: SendOptions,
		token: string | null
	): Promise< RawResponse > {
		const headers: Record< string, string > = {
			accept: 'application/json',
		};
		if ( token !== null ) {
			headers.authorization = `Bearer ${ token }`;
		}
		if ( o.form !== null ) {
			headers[ 'content-type' ] = 'application/x-www-form-urlencoded';
		}
		let status: number;
		let text: string;
		try {
			( { status, text } = await send(
				new URL( `${ this.opts.baseUrl }${ o.path }` ),
				o.method,
				headers,
				o.form === null ? null : o.form.toString(),
				o.deadline
			) );
		} catch ( err ) {
			if ( o.deadline.aborted ) {
				throw hostError.upstreamTimeout( o.mayAct );
			}
			const code = err instanceof HttpFailure ? err.code : '';
			if ( o.mayAct && ! NOT_SENT.has( code ) ) {
				throw hostError.upstreamBroken();
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
