/** The contract's failure body (§3), for every 4xx and 5xx answer. */
export const errorBody = {
	type: 'object',
	required: [
		'error_code',
		'error_message',
		'source',
		'retryable',
		'answer_unknown',
		'request_id',
		'server_time',
	],
	properties: {
		error_code: { type: 'string' },
		error_message: { type: 'string' },
		source: { type: 'string', enum: [ 'wpcom', 'service' ] },
		retryable: { type: 'boolean' },
		answer_unknown: { type: 'boolean' },
		request_id: { type: 'string' },
		server_time: { type: 'string' },
	},
} as const;

export const errorResponses = {
	'4xx': errorBody,
	'5xx': errorBody,
} as const;

/** A plan slug as the contract spells them (`jetpack-backup-daily`, `personal`, …). */
export const planSlug = {
	type: 'string',
	pattern: '^[a-z0-9][a-z0-9_-]{0,63}$',
} as const;
