import { errorResponses, planSlug } from './common.js';

export interface StatusQuery {
	plan?: string;
}

/** Contract §4: `GET /v1/status?plan=`, answered in the site's terms. */
export const statusSchema = {
	querystring: {
		type: 'object',
		additionalProperties: false,
		properties: { plan: planSlug },
	},
	response: {
		200: {
			type: 'object',
			required: [
				'plan',
				'plan_on_site',
				'connected',
				'checked_at',
				'request_id',
			],
			properties: {
				plan: { type: 'string' },
				plan_on_site: {
					type: 'string',
					enum: [ 'active', 'pending', 'missing' ],
				},
				connected: { type: 'boolean' },
				checked_at: { type: 'string' },
				request_id: { type: 'string' },
			},
		},
		...errorResponses,
	},
} as const;

/** Contract §8: `GET /v1/ping`. */
export const pingSchema = {
	response: {
		200: {
			type: 'object',
			required: [ 'status', 'site', 'server_time', 'request_id' ],
			properties: {
				status: { type: 'string', enum: [ 'ok' ] },
				site: { type: 'string' },
				server_time: { type: 'string' },
				request_id: { type: 'string' },
			},
		},
		...errorResponses,
	},
} as const;

/** Contract §5: `GET /healthz`, unsigned. */
export const healthSchema = {
	response: {
		'2xx': {
			type: 'object',
			properties: { status: { type: 'string' } },
		},
		503: {
			type: 'object',
			properties: { status: { type: 'string' } },
		},
	},
} as const;
