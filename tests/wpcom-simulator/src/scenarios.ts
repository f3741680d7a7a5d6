/**
 * What WordPress.com answers when a test says so instead of what really happened: every
 * documented error in both shapes, transport failures, slow answers, the explicit cases A/B/C
 * (which need no site at all). `auto` (the default) is the real protocol (connection-protocol.ts).
 */

export const SCENARIOS = [
	'auto',
	'case_a',
	'case_b',
	'case_c',
	'invalid_siteurl',
	'invalid_local_user',
	'invalid_plan',
	'plan_downgrade_disallowed',
	'invalid_scope',
	'method_not_found_register',
	'method_not_found_provision',
	'partner_key_disabled',
	'activation_limit_reached',
	'could_not_load_product_class',
	'error_access_token',
	'failed_registration_unknown_blog',
	'invalid_signature',
	'slow',
	'http_500',
	'http_503',
	'malformed_json',
	'token_expired_once',
	/** every partner token is refused (a revoked partner), even a fresh one */
	'token_rejected',
	/** HTTP 429 with an error body: WordPress.com's rate limit */
	'rate_limited',
	/** the connection is cut after the request arrived, before any answer (nothing is provisioned) */
	'reset',
] as const;
export type ScenarioName = ( typeof SCENARIOS )[ number ];
export type ErrorShape = 'error_code' | 'error';

export interface ScenarioSpec {
	scenario: ScenarioName;
	/** which of WordPress.com's two error shapes to answer with (default error_code/error_message) */
	shape?: ErrorShape;
	/** for `slow` */
	delay_ms?: number;
	/** what `slow`, `token_expired_once` and `method_not_found_provision` do once past their twist (default auto) */
	then?: ScenarioName;
}

export const DOCUMENTED_PLANS = [
	'free',
	'personal',
	'premium',
	'professional',
	'jetpack-backup-daily',
	'jetpack-backup-realtime',
	'jetpack-scan',
	'jetpack-anti-spam',
] as const;

/**
 * The product slug WordPress.com's v1.4 status lists for each plan of the provision API
 * (Automattic/jetpack: `Current_Plan::PLAN_DATA` in projects/packages/plans and the product
 * list in wpcomsh's class-wpcom-features.php). Yearly products; the old plans are prefixed,
 * and "professional" is the `business` plan.
 */
export const PRODUCT_SLUGS: Readonly< Record< string, string > > = {
	free: 'jetpack_free',
	personal: 'jetpack_personal',
	premium: 'jetpack_premium',
	professional: 'jetpack_business',
	'jetpack-backup-daily': 'jetpack_backup_daily',
	'jetpack-backup-realtime': 'jetpack_backup_realtime',
	'jetpack-scan': 'jetpack_scan',
	'jetpack-anti-spam': 'jetpack_anti_spam',
};

export interface ErrorDef {
	status: number;
	code: string;
	message: ( plan: string ) => string;
}

export const REMOTE_REGISTER_MSG =
	'remoteRegister method not found on remote site.';
export const REMOTE_PROVISION_MSG =
	'remoteProvision method not found on remote site. Try calling again with --force_register=true.';

/** The documented error codes, with the HTTP status and message WordPress.com uses. */
export const ERROR_SCENARIOS: Partial< Record< ScenarioName, ErrorDef > > = {
	invalid_siteurl: {
		status: 400,
		code: 'invalid_siteurl',
		message: () => 'The siteurl parameter is required.',
	},
	invalid_local_user: {
		status: 400,
		code: 'invalid_local_user',
		message: () => 'The local_user parameter is required.',
	},
	invalid_plan: {
		status: 400,
		code: 'invalid_plan',
		message: ( p ) => `${ p } is not a valid plan`,
	},
	plan_downgrade_disallowed: {
		status: 400,
		code: 'plan_downgrade_disallowed',
		message: () => 'This plan cannot be downgraded automatically.',
	},
	invalid_scope: {
		status: 403,
		code: 'invalid_scope',
		message: () =>
			'This token is not authorized to provision partner sites.',
	},
	method_not_found_register: {
		status: 400,
		code: 'method_not_found',
		message: () => REMOTE_REGISTER_MSG,
	},
	method_not_found_provision: {
		status: 400,
		code: 'method_not_found',
		message: () => REMOTE_PROVISION_MSG,
	},
	partner_key_disabled: {
		status: 400,
		code: 'partner_key_disabled',
		message: () => 'This key is disabled',
	},
	activation_limit_reached: {
		status: 400,
		code: 'activation_limit_reached',
		message: ( p ) =>
			`This key has reached its activation limit for product ${ p }`,
	},
	could_not_load_product_class: {
		status: 400,
		code: 'could_not_load_product_class',
		message: () => 'Could not load the product class.',
	},
	error_access_token: {
		status: 400,
		code: 'error_access_token',
		message: () =>
			'There was an error getting the access token for the site.',
	},
	failed_registration_unknown_blog: {
		status: 400,
		code: 'failed_registration_unknown_blog',
		message: () => 'Registration failed: unknown blog.',
	},
	invalid_signature: {
		status: 400,
		code: 'invalid_signature',
		message: () => 'The request signature is invalid.',
	},
};

/** Answers that are broken below the API (a proxy's error page, a truncated body), and rate limiting. */
export const TRANSPORT_FAILURES: Partial<
	Record< ScenarioName, { status: number; type: string; body: string } >
> = {
	http_500: {
		status: 500,
		type: 'text/html',
		body: '<html><body><h1>Internal Server Error</h1></body></html>',
	},
	http_503: {
		status: 503,
		type: 'text/html',
		body: '<html><body><h1>503 Service Unavailable</h1></body></html>',
	},
	malformed_json: {
		status: 200,
		type: 'application/json',
		body: '{"success":true,"auth_required":',
	},
	rate_limited: {
		status: 429,
		type: 'application/json',
		body: '{"error":"rate_limit_exceeded","message":"Too many requests; try again later."}',
	},
};

/** Per-site scenarios, `*` for every site, and which one-shot twists already fired. */
export class ScenarioBook {
	private readonly specs = new Map< string, ScenarioSpec >();
	readonly firedOnce = new Set< string >();

	constructor(
		private readonly normalise: ( site: string ) => string,
		initial: Record< string, ScenarioName | ScenarioSpec > = {}
	) {
		for ( const [ site, spec ] of Object.entries( initial ) ) {
			this.set( site, spec );
		}
	}

	get( siteurl: string | undefined ): ScenarioSpec {
		const own =
			siteurl === undefined
				? undefined
				: this.specs.get( this.normalise( siteurl ) );
		return own ?? this.specs.get( '*' ) ?? { scenario: 'auto' };
	}

	set( site: string, spec: ScenarioName | ScenarioSpec ): void {
		const key = site === '*' ? '*' : this.normalise( site );
		this.specs.set( key, toSpec( spec ) );
		this.firedOnce.delete( `token:${ key }` );
	}

	clear(): void {
		this.specs.clear();
		this.firedOnce.clear();
	}
}

export function toSpec( s: ScenarioName | ScenarioSpec ): ScenarioSpec {
	return typeof s === 'string' ? { scenario: s } : s;
}

export function isScenarioName( v: unknown ): v is ScenarioName {
	return (
		typeof v === 'string' &&
		( SCENARIOS as readonly string[] ).includes( v )
	);
}
