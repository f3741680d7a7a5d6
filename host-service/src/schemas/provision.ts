import { errorResponses, planSlug } from './common.js';

export interface ProvisionBody {
	siteurl: string;
	home_url: string;
	local_user: string;
	plan?: string | null;
}

/** Contract §3: the request body (`additionalProperties: false`) and the success answer. */
export const provisionSchema = {
	body: {
		type: 'object',
		additionalProperties: false,
		required: [ 'siteurl', 'home_url', 'local_user' ],
		properties: {
			siteurl: { type: 'string', minLength: 1, maxLength: 2048 },
			home_url: {
				type: 'string',
				minLength: 1,
				maxLength: 2048,
				pattern: '^[Hh][Tt][Tt][Pp][Ss]?://',
			},
			local_user: { type: 'string', minLength: 1, maxLength: 60 },
			plan: { anyOf: [ planSlug, { type: 'null' } ] },
		},
	},
	headers: {
		type: 'object',
		properties: {
			'idempotency-key': {
				type: 'string',
				pattern: '^[A-Za-z0-9_-]{8,64}$',
			},
		},
	},
	response: {
		200: {
			type: 'object',
			required: [
				'outcome',
				'auth_required',
				'next_url',
				'plan',
				'provisioned_at',
				'pending_expires_at',
				'forced_register',
				'idempotent_replay',
				'request_id',
			],
			properties: {
				outcome: {
					type: 'string',
					enum: [
						'active',
						'awaiting_authorization',
						'awaiting_dns',
					],
				},
				auth_required: { type: 'boolean' },
				next_url: { type: 'string' },
				plan: { type: 'string' },
				provisioned_at: { type: 'string' },
				pending_expires_at: { type: [ 'string', 'null' ] },
				forced_register: { type: 'boolean' },
				idempotent_replay: { type: 'boolean' },
				request_id: { type: 'string' },
			},
		},
		...errorResponses,
	},
} as const;
