/**
 * Every environment variable the service reads, as one JSON schema that `env-schema`
 * validates (types coerced from strings, defaults applied, every problem reported at once).
 * Each `description` is what a host is told when the variable is wrong; values are never
 * echoed, because some of them (JSC_REDIS_URL, the secrets) hold passwords.
 */

export const PLAN_SLUG = '^[a-z0-9][a-z0-9_-]{0,63}$';
export const MASTER_SECRET_MIN_LENGTH = 32;
export const ADMIN_TOKEN_MIN_LENGTH = 32;
export const DEFAULT_AUTHORIZE_ORIGINS =
	'https://jetpack.wordpress.com,https://wordpress.com';

// An origin as contract §7 compares them: scheme, lower-case host, a port only when it is not the default.
const ORIGIN = '(https?)://[a-z0-9.-]+(:[1-9][0-9]{0,4})?';

export const envSchema = {
	type: 'object',
	required: [
		'JSC_MASTER_SECRET',
		'JSC_PARTNER_CLIENT_ID',
		'JSC_PARTNER_CLIENT_SECRET',
	],
	properties: {
		JSC_MASTER_SECRET: {
			type: 'string',
			minLength: MASTER_SECRET_MIN_LENGTH,
			description: `JSC_MASTER_SECRET (the secret site keys are derived from) must be at least ${ MASTER_SECRET_MIN_LENGTH } characters`,
		},
		JSC_PARTNER_CLIENT_ID: {
			type: 'string',
			minLength: 1,
			description:
				'JSC_PARTNER_CLIENT_ID is required (Jetpack partner client id)',
		},
		JSC_PARTNER_CLIENT_SECRET: {
			type: 'string',
			minLength: 1,
			description:
				'JSC_PARTNER_CLIENT_SECRET is required (Jetpack partner client secret)',
		},
		JSC_HOST: { type: 'string', default: '127.0.0.1', minLength: 1 },
		JSC_PORT: {
			type: 'integer',
			minimum: 0,
			maximum: 65535,
			default: 8787,
			description: 'JSC_PORT must be a port number (0-65535)',
		},
		JSC_PATH_PREFIX: {
			type: 'string',
			default: '',
			pattern: '^(/[A-Za-z0-9._~-]+)*/*$',
			description: 'JSC_PATH_PREFIX must look like /jetpack-start',
		},
		JSC_WPCOM_BASE_URL: {
			type: 'string',
			default: 'https://public-api.wordpress.com',
			// https anywhere, plain http only to a loopback simulator; no user info, query or
			// fragment (paths are appended to it as text).
			pattern:
				'^(https://[A-Za-z0-9.-]+|http://(127(\\.[0-9]{1,3}){3}|localhost|\\[::1\\]))(:[0-9]{1,5})?(/[^?#@\\s]*)?$',
			description:
				'JSC_WPCOM_BASE_URL must be an https:// URL (plain http only for a loopback simulator) without a user name, password, query or fragment',
		},
		JSC_AUTHORIZE_ORIGINS: {
			type: 'string',
			default: DEFAULT_AUTHORIZE_ORIGINS,
			pattern: `^${ ORIGIN }(,${ ORIGIN })*$`,
			description:
				'JSC_AUTHORIZE_ORIGINS must be a comma list of origins such as https://jetpack.wordpress.com (lower case, no path, no default port)',
		},
		JSC_DEFAULT_PLAN: {
			type: 'string',
			default: 'jetpack-backup-daily',
			pattern: PLAN_SLUG,
			description: 'JSC_DEFAULT_PLAN must be a plan slug',
		},
		JSC_ALLOWED_PLANS: {
			type: 'string',
			default: '',
			pattern: '^\\s*([a-z0-9][a-z0-9_-]{0,63}\\s*(,\\s*|$))*$',
			description: 'JSC_ALLOWED_PLANS must be a comma list of plan slugs',
		},
		JSC_PARTNER_TRACKING_ID: { type: 'string', default: '' },
		JSC_ONBOARDING: {
			type: 'boolean',
			default: false,
			description: 'JSC_ONBOARDING must be true or false',
		},
		JSC_FORCE_REGISTER: {
			type: 'boolean',
			default: false,
			description: 'JSC_FORCE_REGISTER must be true or false',
		},
		JSC_UPSTREAM_TIMEOUT_MS: {
			type: 'integer',
			minimum: 1,
			maximum: 600_000,
			default: 60_000,
			description:
				'JSC_UPSTREAM_TIMEOUT_MS must be a whole number of milliseconds (1-600000)',
		},
		JSC_REDIS_URL: {
			type: 'string',
			default: '',
			// ioredis turns TLS on only for a lower-case "rediss://"; the path is a database number.
			pattern: '^(rediss?://[^/?#\\s]*(/[0-9]*)?)?$',
			description:
				'JSC_REDIS_URL must be redis://[[user]:password@]host:port[/db] or rediss://… (TLS), without a query or fragment',
		},
		JSC_LOG_LEVEL: {
			type: 'string',
			default: 'info',
			enum: [
				'fatal',
				'error',
				'warn',
				'info',
				'debug',
				'trace',
				'silent',
			],
			description:
				'JSC_LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent',
		},
		JSC_DRAIN_DELAY_MS: {
			type: 'integer',
			minimum: 0,
			maximum: 120_000,
			default: 5_000,
			description:
				'JSC_DRAIN_DELAY_MS must be a whole number of milliseconds (0-120000)',
		},
		JSC_SHUTDOWN_TIMEOUT_MS: {
			type: 'integer',
			minimum: 0,
			maximum: 600_000,
			default: 65_000,
			description:
				'JSC_SHUTDOWN_TIMEOUT_MS must be a whole number of milliseconds (0-600000)',
		},
		JSC_REQUEST_TIMEOUT_MS: {
			type: 'integer',
			minimum: 1_000,
			maximum: 600_000,
			default: 30_000,
			description:
				'JSC_REQUEST_TIMEOUT_MS must be a whole number of milliseconds (1000-600000)',
		},
		JSC_SITE_RATE_PER_MIN: {
			type: 'integer',
			minimum: 1,
			maximum: 1_000_000,
			default: 120,
			description:
				'JSC_SITE_RATE_PER_MIN must be a whole number (1-1000000)',
		},
		JSC_NONCE_MEMORY_MAX: {
			type: 'integer',
			minimum: 1_000,
			maximum: 20_000_000,
			default: 1_000_000,
			description:
				'JSC_NONCE_MEMORY_MAX must be a whole number (1000-20000000)',
		},
		JSC_NONCE_MEMORY_PER_SITE: {
			type: 'integer',
			minimum: 10,
			maximum: 20_000_000,
			default: 20_000,
			description:
				'JSC_NONCE_MEMORY_PER_SITE must be a whole number (10-20000000)',
		},
		JSC_TRUST_PROXY: {
			type: 'boolean',
			default: false,
			description: 'JSC_TRUST_PROXY must be true or false',
		},
		JSC_DATA_DIR: {
			type: 'string',
			default: 'jsc-data',
			minLength: 1,
			description: 'JSC_DATA_DIR must be a directory path',
		},
		JSC_DATABASE_URL: {
			type: 'string',
			default: '',
			pattern: '^(postgres(ql)?://[^\\s#]+)?$',
			description:
				'JSC_DATABASE_URL must be postgres://user:password@host:port/database (or postgresql://…)',
		},
		JSC_ADMIN_HOST: { type: 'string', default: '127.0.0.1', minLength: 1 },
		JSC_ADMIN_PORT: {
			type: 'integer',
			minimum: 0,
			maximum: 65535,
			default: 8788,
			description: 'JSC_ADMIN_PORT must be a port number (0-65535)',
		},
		JSC_ADMIN_TOKEN: {
			type: 'string',
			default: '',
			pattern: `^(.{${ ADMIN_TOKEN_MIN_LENGTH },})?$`,
			description: `JSC_ADMIN_TOKEN (the fleet page's admin token) must be at least ${ ADMIN_TOKEN_MIN_LENGTH } characters`,
		},
		JSC_JOBS: {
			type: 'boolean',
			default: true,
			description: 'JSC_JOBS must be true or false',
		},
		JSC_RECHECK_INTERVAL_MIN: {
			type: 'integer',
			minimum: 1,
			maximum: 10_080,
			default: 360,
			description:
				'JSC_RECHECK_INTERVAL_MIN must be a whole number of minutes (1-10080)',
		},
		JSC_RECHECK_RATE_PER_MIN: {
			type: 'integer',
			minimum: 1,
			maximum: 60_000,
			default: 60,
			description:
				'JSC_RECHECK_RATE_PER_MIN must be a whole number of calls per minute (1-60000)',
		},
		JSC_RENEWALS_MAX: {
			type: 'integer',
			minimum: 0,
			maximum: 26,
			default: 1,
			description: 'JSC_RENEWALS_MAX must be a whole number (0-26)',
		},
		JSC_RENEW_BEFORE_HOURS: {
			type: 'integer',
			minimum: 1,
			maximum: 312,
			default: 48,
			description:
				'JSC_RENEW_BEFORE_HOURS must be a whole number of hours (1-312)',
		},
	},
} as const;

/** The variables as env-schema hands them back: coerced, with defaults. */
export interface Env {
	JSC_MASTER_SECRET: string;
	JSC_PARTNER_CLIENT_ID: string;
	JSC_PARTNER_CLIENT_SECRET: string;
	JSC_HOST: string;
	JSC_PORT: number;
	JSC_PATH_PREFIX: string;
	JSC_WPCOM_BASE_URL: string;
	JSC_AUTHORIZE_ORIGINS: string;
	JSC_DEFAULT_PLAN: string;
	JSC_ALLOWED_PLANS: string;
	JSC_PARTNER_TRACKING_ID: string;
	JSC_ONBOARDING: boolean;
	JSC_FORCE_REGISTER: boolean;
	JSC_UPSTREAM_TIMEOUT_MS: number;
	JSC_REDIS_URL: string;
	JSC_LOG_LEVEL: string;
	JSC_DRAIN_DELAY_MS: number;
	JSC_SHUTDOWN_TIMEOUT_MS: number;
	JSC_REQUEST_TIMEOUT_MS: number;
	JSC_SITE_RATE_PER_MIN: number;
	JSC_NONCE_MEMORY_MAX: number;
	JSC_NONCE_MEMORY_PER_SITE: number;
	JSC_TRUST_PROXY: boolean;
	JSC_DATA_DIR: string;
	JSC_DATABASE_URL: string;
	JSC_ADMIN_HOST: string;
	JSC_ADMIN_PORT: number;
	JSC_ADMIN_TOKEN: string;
	JSC_JOBS: boolean;
	JSC_RECHECK_INTERVAL_MIN: number;
	JSC_RECHECK_RATE_PER_MIN: number;
	JSC_RENEWALS_MAX: number;
	JSC_RENEW_BEFORE_HOURS: number;
}
