import { errorResponses, planSlug } from './common.js';

const rfc3339 = {
	type: 'string',
	maxLength: 40,
	pattern:
		'^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{1,6})?(Z|[+-][0-9]{2}:[0-9]{2})$',
} as const;
const nullable = < T extends object >( s: T ) => ( {
	anyOf: [ s, { type: 'null' } ],
} );
const code = {
	type: 'string',
	pattern: '^[A-Za-z0-9_.:-]{1,64}$',
} as const;

/** Contract §9: `POST /v1/report`, what a site says of itself (nothing secret in it). */
export const reportSchema = {
	body: {
		type: 'object',
		additionalProperties: false,
		required: [
			'siteurl',
			'reason',
			'plugin_version',
			'wp_version',
			'jetpack',
			'provisioning',
		],
		properties: {
			siteurl: { type: 'string', minLength: 1, maxLength: 2048 },
			reason: {
				type: 'string',
				enum: [ 'daily', 'changed', 'activated' ],
			},
			plugin_version: { type: 'string', minLength: 1, maxLength: 32 },
			wp_version: { type: 'string', minLength: 1, maxLength: 32 },
			jetpack: {
				type: 'object',
				additionalProperties: false,
				required: [
					'installed',
					'active',
					'version',
					'connected',
					'has_owner',
					'offline_mode',
				],
				properties: {
					installed: { type: 'boolean' },
					active: { type: 'boolean' },
					version: nullable( { type: 'string', maxLength: 32 } ),
					connected: { type: 'boolean' },
					has_owner: { type: 'boolean' },
					offline_mode: { type: 'boolean' },
				},
			},
			provisioning: {
				type: 'object',
				additionalProperties: false,
				required: [
					'state',
					'plan',
					'error_code',
					'pending_expires_at',
					'updated_at',
				],
				properties: {
					state: {
						type: 'string',
						enum: [
							'not_requested',
							'requesting',
							'active',
							'awaiting_authorization',
							'awaiting_dns',
							'expired',
							'connected_no_owner',
							'failed',
							'cancelled',
						],
					},
					plan: nullable( planSlug ),
					error_code: nullable( code ),
					pending_expires_at: nullable( rfc3339 ),
					updated_at: nullable( rfc3339 ),
				},
			},
			checks: {
				type: 'array',
				maxItems: 50,
				items: {
					type: 'object',
					additionalProperties: false,
					required: [ 'id', 'status' ],
					properties: {
						id: {
							type: 'string',
							pattern: '^[a-z0-9][a-z0-9_.-]{0,63}$',
						},
						status: {
							type: 'string',
							enum: [ 'pass', 'warn', 'fail', 'skip' ],
						},
						code: nullable( code ),
					},
				},
			},
		},
	},
	response: {
		202: {
			type: 'object',
			required: [ 'accepted', 'request_id' ],
			properties: {
				accepted: { type: 'boolean' },
				request_id: { type: 'string' },
			},
		},
		...errorResponses,
	},
} as const;

const when = { type: [ 'string', 'null' ] } as const;

/** Contract §10: `GET /v1/site`, the service's record of the signing site. */
export const siteSchema = {
	querystring: {
		type: 'object',
		additionalProperties: false,
		properties: {},
	},
	response: {
		200: {
			type: 'object',
			required: [
				'site',
				'known',
				'state',
				'plan',
				'next_url',
				'provisioned_by',
				'provisioned_at',
				'pending_expires_at',
				'cancelled_at',
				'renewals',
				'updated_at',
				'request_id',
			],
			properties: {
				site: { type: 'string' },
				known: { type: 'boolean' },
				state: { type: 'string' },
				plan: { type: [ 'string', 'null' ] },
				next_url: { type: 'string' },
				provisioned_by: { type: [ 'string', 'null' ] },
				provisioned_at: when,
				pending_expires_at: when,
				cancelled_at: when,
				renewals: { type: 'integer' },
				updated_at: when,
				request_id: { type: 'string' },
			},
		},
		...errorResponses,
	},
} as const;
