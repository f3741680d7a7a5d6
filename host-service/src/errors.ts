/** The contract's failure body. */
export interface ErrorBody {
	error_code: string;
	error_message: string;
	source: 'wpcom' | 'service';
	retryable: boolean;
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

	constructor(
		status: number,
		code: string,
		message: string,
		source: 'wpcom' | 'service' = 'service',
		retryable = false
	) {
		super( message );
		this.name = 'ApiError';
		this.status = status;
		this.code = code;
		this.source = source;
		this.retryable = retryable;
	}

	toBody(): ErrorBody {
		return {
			error_code: this.code,
			error_message: this.message,
			source: this.source,
			retryable: this.retryable,
		};
	}
}

export const hostError = {
	invalidSignature: ( why: string ) =>
		new ApiError( 401, 'host_invalid_signature', why ),
	unknownSite: () =>
		new ApiError(
			401,
			'host_unknown_site',
			'No key is configured for this site.'
		),
	staleTimestamp: () =>
		new ApiError(
			401,
			'host_stale_timestamp',
			'The request timestamp is more than 300 seconds away from the service clock.'
		),
	replayedNonce: () =>
		new ApiError(
			401,
			'host_replayed_nonce',
			'This nonce was already used for this site.'
		),
	bodyTooLarge: () =>
		new ApiError(
			413,
			'host_body_too_large',
			'The request body is larger than 16 KiB.'
		),
	invalidRequest: ( why: string ) =>
		new ApiError( 400, 'host_invalid_request', why ),
	siteMismatch: () =>
		new ApiError(
			403,
			'host_site_mismatch',
			'The body siteurl is not the signing site.'
		),
	planNotAllowed: ( why: string ) =>
		new ApiError( 403, 'host_plan_not_allowed', why ),
	idempotencyKeyReused: () =>
		new ApiError(
			422,
			'host_idempotency_key_reused',
			'This Idempotency-Key was used with a different body.'
		),
	partnerAuthFailed: ( why: string ) =>
		new ApiError( 502, 'host_partner_auth_failed', why ),
	upstreamUnavailable: ( why: string ) =>
		new ApiError( 502, 'host_upstream_unavailable', why, 'service', true ),
	upstreamMalformed: ( why: string ) =>
		new ApiError( 502, 'host_upstream_malformed', why, 'service', true ),
	upstreamTimeout: () =>
		new ApiError(
			504,
			'host_upstream_timeout',
			'WordPress.com did not answer in time.',
			'service',
			true
		),
	// Contract §3: the nonce store is full of live nonces (only the in-memory one can be);
	// refusing keeps replay protection intact instead of evicting live entries.
	overloaded: () =>
		new ApiError(
			503,
			'host_overloaded',
			'The service is at capacity; try again shortly.',
			'service',
			true
		),
	notFound: () => new ApiError( 404, 'host_not_found', 'No such route.' ),
	internal: () =>
		new ApiError(
			500,
			'host_internal_error',
			'Internal error.',
			'service',
			true
		),
} as const;
