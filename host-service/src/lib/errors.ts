/**
 * The contract's failure body (§3), without the per-answer fields (`request_id`,
 * `server_time`), which are added when it is sent, so a replayed answer carries the
 * replaying request's own.
 */
export interface ErrorBody {
	error_code: string;
	error_message: string;
	source: 'wpcom' | 'service';
	retryable: boolean;
	answer_unknown: boolean;
}

export interface ApiErrorOptions {
	/** WordPress.com may have acted although no answer came back (contract §3). */
	answerUnknown?: boolean;
	/** seconds, sent as Retry-After */
	retryAfter?: number;
}

/**
 * One error type for everything the service answers with a non-2xx, so the
 * error handler never has to guess a status or a shape.
 */
export class ApiError extends Error {
	readonly status: number;
	readonly code: string;
	readonly source: 'wpcom' | 'service';
	readonly retryable: boolean;
	readonly answerUnknown: boolean;
	readonly retryAfter: number | undefined;

	constructor(
		status: number,
		code: string,
		message: string,
		source: 'wpcom' | 'service' = 'service',
		retryable = false,
		opts: ApiErrorOptions = {}
	) {
		super( message );
		this.name = 'ApiError';
		this.status = status;
		this.code = code;
		this.source = source;
		this.retryable = retryable;
		this.answerUnknown = opts.answerUnknown ?? false;
		this.retryAfter = opts.retryAfter;
	}

	toBody(): ErrorBody {
		return {
			error_code: this.code,
			error_message: this.message,
			source: this.source,
			retryable: this.retryable,
			answer_unknown: this.answerUnknown,
		};
	}

	/**
	 * The same error, marked as one after which WordPress.com may have acted.
	 */
	withAnswerUnknown(): ApiError {
		return new ApiError(
			this.status,
			this.code,
			this.message,
			this.source,
			this.retryable,
			{ answerUnknown: true }
		);
	}
}

/** Marks the errors the plugin may retry: the body's `retryable`. */
const RETRYABLE = true;

/**
 * A service error whose message says why at the call site.
 * @param status
 * @param code
 * @param retryable
 */
const withReason =
	( status: number, code: string, retryable = false ) =>
	( why: string ): ApiError =>
		new ApiError( status, code, why, 'service', retryable );

/**
 * A service error that always says the same thing.
 * @param status
 * @param code
 * @param message
 * @param retryable
 */
const fixed =
	( status: number, code: string, message: string, retryable = false ) =>
	(): ApiError =>
		new ApiError( status, code, message, 'service', retryable );

export const hostError = {
	invalidSignature: withReason( 401, 'host_invalid_signature' ),
	unknownSite: fixed(
		401,
		'host_unknown_site',
		'No key is configured for this site.'
	),
	staleTimestamp: fixed(
		401,
		'host_stale_timestamp',
		'The request timestamp is more than 300 seconds away from the service clock.'
	),
	replayedNonce: fixed(
		401,
		'host_replayed_nonce',
		'This nonce was already used for this site.'
	),
	bodyTooLarge: fixed(
		413,
		'host_body_too_large',
		'The request body is larger than 16 KiB.'
	),
	invalidRequest: withReason( 400, 'host_invalid_request' ),
	siteMismatch: fixed(
		403,
		'host_site_mismatch',
		'The body siteurl is not the signing site.'
	),
	planNotAllowed: withReason( 403, 'host_plan_not_allowed' ),
	idempotencyKeyReused: fixed(
		422,
		'host_idempotency_key_reused',
		'This Idempotency-Key was used with a different body.'
	),
	partnerAuthFailed: withReason( 502, 'host_partner_auth_failed' ),
	upstreamUnavailable: withReason(
		502,
		'host_upstream_unavailable',
		RETRYABLE
	),
	upstreamMalformed: withReason( 502, 'host_upstream_malformed', RETRYABLE ),
	// No answer in time: WordPress.com may still have acted (contract §3, answer_unknown).
	// `answerUnknown` is false only when nothing had been sent yet (waiting for the token).
	upstreamTimeout: ( answerUnknown = true ): ApiError =>
		new ApiError(
			504,
			'host_upstream_timeout',
			'WordPress.com did not answer in time.',
			'service',
			RETRYABLE,
			{ answerUnknown }
		),
	// The connection broke after the request was sent: WordPress.com may have acted.
	upstreamBroken: (): ApiError =>
		new ApiError(
			502,
			'host_upstream_unavailable',
			'The connection to WordPress.com broke before it answered.',
			'service',
			RETRYABLE,
			{ answerUnknown: true }
		),
	// Contract §3: the nonce store is full of live nonces (only the in-memory one can be);
	// refusing keeps replay protection intact instead of evicting live entries.
	overloaded: fixed(
		503,
		'host_overloaded',
		'The service is at capacity; try again shortly.',
		RETRYABLE
	),
	// Contract §3: this site sent more signed requests than its per-site budget allows;
	// only that site is refused, so it cannot exhaust the shared nonce store.
	rateLimited: ( retryAfter?: number ): ApiError =>
		new ApiError(
			429,
			'host_rate_limited',
			'This site sent too many requests; try again shortly.',
			'service',
			RETRYABLE,
			retryAfter === undefined ? {} : { retryAfter }
		),
	notFound: fixed( 404, 'host_not_found', 'No such route.' ),
	// The fleet database cannot be read right now (GET /v1/site); writes are queued instead.
	databaseUnavailable: fixed(
		503,
		'host_database_unavailable',
		"The service's database is unavailable; try again shortly.",
		RETRYABLE
	),
	internal: fixed( 500, 'host_internal_error', 'Internal error.', RETRYABLE ),
} as const;
