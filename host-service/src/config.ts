export interface Config {
	host: string;
	port: number;
	/** '' or '/something' without a trailing slash; routes are mounted under it. */
	pathPrefix: string;
	masterSecret: string;
	partnerClientId: string;
	partnerClientSecret: string;
	wpcomBaseUrl: string;
	defaultPlan: string;
	allowedPlans: readonly string[];
	partnerTrackingId: string | null;
	onboarding: boolean;
	forceRegister: boolean;
	upstreamTimeoutMs: number;
	redisUrl: string | null;
	logLevel: string;
	/** How long /healthz answers 503 before the listener closes, so a load balancer notices. */
	drainDelayMs: number;
	/** After draining, how long in-flight requests get before every connection is cut. */
	shutdownTimeoutMs: number;
	/** Longest a client may take to send a whole request (headers and body). */
	requestTimeoutMs: number;
	/** Signed requests per minute one site may make (also its burst), per instance. */
	siteRatePerMinute: number;
	trustProxy: boolean;
}

export class ConfigError extends Error {
	readonly problems: readonly string[];
	constructor( problems: readonly string[] ) {
		super( `Invalid configuration:\n  - ${ problems.join( '\n  - ' ) }` );
		this.name = 'ConfigError';
		this.problems = problems;
	}
}

const LOG_LEVELS = new Set( [
	'fatal',
	'error',
	'warn',
	'info',
	'debug',
	'trace',
	'silent',
] );
const PLAN_SLUG = /^[a-z0-9][a-z0-9_-]{0,63}$/;

function isLoopback( hostname: string ): boolean {
	return (
		hostname === 'localhost' ||
		hostname === '[::1]' ||
		/^127\.\d+\.\d+\.\d+$/.test( hostname )
	);
}

function parseBool(
	name: string,
	raw: string | undefined,
	problems: string[]
): boolean {
	if ( raw === undefined || raw === '' ) {
		return false;
	}
	if ( /^(1|true|yes|on)$/i.test( raw ) ) {
		return true;
	}
	if ( /^(0|false|no|off)$/i.test( raw ) ) {
		return false;
	}
	problems.push( `${ name } must be true/false (got "${ raw }")` );
	return false;
}

function parseInt10(
	name: string,
	raw: string | undefined,
	fallback: number,
	min: number,
	max: number,
	problems: string[]
): number {
	if ( raw === undefined || raw === '' ) {
		return fallback;
	}
	if ( ! /^\d+$/.test( raw ) ) {
		problems.push( `${ name } must be a whole number (got "${ raw }")` );
		return fallback;
	}
	const n = Number( raw );
	if ( n < min || n > max ) {
		problems.push(
			`${ name } must be between ${ min } and ${ max } (got ${ n })`
		);
	}
	return n;
}

/**
 * What is wrong with a master secret; shared by the service and the site-key CLI so both
 * refuse the same secrets.
 * @param masterSecret
 */
export function masterSecretProblems( masterSecret: string ): string[] {
	if ( masterSecret === '' ) {
		return [
			'JSC_MASTER_SECRET is required (the secret site keys are derived from)',
		];
	}
	if ( masterSecret.length < 32 ) {
		return [ 'JSC_MASTER_SECRET must be at least 32 characters' ];
	}
	return [];
}

/**
 * Validates every variable and reports all problems at once, so a host fixes them in one go.
 * @param env
 */
export function loadConfig( env: NodeJS.ProcessEnv ): Config {
	const problems: string[] = [];
	const str = ( name: string ): string => ( env[ name ] ?? '' ).trim();

	const masterSecret = env.JSC_MASTER_SECRET ?? '';
	problems.push( ...masterSecretProblems( masterSecret ) );

	const partnerClientId = str( 'JSC_PARTNER_CLIENT_ID' );
	if ( partnerClientId === '' ) {
		problems.push(
			'JSC_PARTNER_CLIENT_ID is required (Jetpack partner client id)'
		);
	}
	const partnerClientSecret = env.JSC_PARTNER_CLIENT_SECRET ?? '';
	if ( partnerClientSecret === '' ) {
		problems.push(
			'JSC_PARTNER_CLIENT_SECRET is required (Jetpack partner client secret)'
		);
	}

	let wpcomBaseUrl =
		str( 'JSC_WPCOM_BASE_URL' ) || 'https://public-api.wordpress.com';
	try {
		const u = new URL( wpcomBaseUrl );
		if ( u.protocol === 'http:' && ! isLoopback( u.hostname ) ) {
			problems.push(
				'JSC_WPCOM_BASE_URL must be https:// (plain http is only allowed for a loopback simulator)'
			);
		} else if ( u.protocol !== 'http:' && u.protocol !== 'https:' ) {
			problems.push( 'JSC_WPCOM_BASE_URL must be an http(s) URL' );
		}
		// Paths are appended to it as text: credentials would ride along on every call, and a
		// query or fragment would swallow the path. Checked on the raw text too, because URL
		// reports a bare '?' or '#' as ''. Not echoed: it may hold a password.
		if (
			u.username !== '' ||
			u.password !== '' ||
			/@/.test( wpcomBaseUrl )
		) {
			problems.push(
				'JSC_WPCOM_BASE_URL must not contain a user name or password'
			);
		}
		if ( /[?#]/.test( wpcomBaseUrl ) ) {
			problems.push(
				'JSC_WPCOM_BASE_URL must not have a query or fragment'
			);
		}
		wpcomBaseUrl = wpcomBaseUrl.replace( /\/+$/, '' );
	} catch {
		problems.push(
			`JSC_WPCOM_BASE_URL is not a URL (got "${ wpcomBaseUrl }")`
		);
	}

	const defaultPlan = str( 'JSC_DEFAULT_PLAN' ) || 'jetpack-backup-daily';
	if ( ! PLAN_SLUG.test( defaultPlan ) ) {
		problems.push(
			`JSC_DEFAULT_PLAN is not a plan slug (got "${ defaultPlan }")`
		);
	}
	const allowedPlans = str( 'JSC_ALLOWED_PLANS' )
		.split( ',' )
		.map( ( s ) => s.trim() )
		.filter( ( s ) => s !== '' );
	for ( const p of allowedPlans ) {
		if ( ! PLAN_SLUG.test( p ) ) {
			problems.push( `JSC_ALLOWED_PLANS has an invalid slug "${ p }"` );
		}
	}

	let pathPrefix = str( 'JSC_PATH_PREFIX' ).replace( /\/+$/, '' );
	if ( pathPrefix !== '' && ! /^(\/[A-Za-z0-9._~-]+)+$/.test( pathPrefix ) ) {
		problems.push(
			`JSC_PATH_PREFIX must look like /jetpack-start (got "${ pathPrefix }")`
		);
		pathPrefix = '';
	}

	const redisUrl = str( 'JSC_REDIS_URL' );
	if ( redisUrl !== '' ) {
		// ioredis turns on TLS only for a lower-case "rediss://", so insist on that spelling.
		if ( ! /^rediss?:\/\//.test( redisUrl ) ) {
			problems.push(
				'JSC_REDIS_URL must start with redis:// or rediss:// (TLS)'
			);
		} else {
			try {
				const u = new URL( redisUrl );
				if ( u.search !== '' || u.hash !== '' ) {
					problems.push(
						'JSC_REDIS_URL must not have a query or fragment'
					);
				}
				if ( ! /^(\/\d*)?$/.test( u.pathname ) ) {
					problems.push(
						'JSC_REDIS_URL path must be a database number, like /0'
					);
				}
			} catch {
				problems.push( 'JSC_REDIS_URL is not a URL' ); // the value may hold a password: not echoed
			}
		}
	}

	const logLevel = str( 'JSC_LOG_LEVEL' ) || 'info';
	if ( ! LOG_LEVELS.has( logLevel ) ) {
		problems.push(
			`JSC_LOG_LEVEL must be one of ${ [ ...LOG_LEVELS ].join( ', ' ) }`
		);
	}

	const config: Config = {
		host: str( 'JSC_HOST' ) || '127.0.0.1',
		port: parseInt10( 'JSC_PORT', env.JSC_PORT, 8787, 0, 65535, problems ),
		pathPrefix,
		masterSecret,
		partnerClientId,
		partnerClientSecret,
		wpcomBaseUrl,
		defaultPlan,
		allowedPlans,
		partnerTrackingId: str( 'JSC_PARTNER_TRACKING_ID' ) || null,
		onboarding: parseBool( 'JSC_ONBOARDING', env.JSC_ONBOARDING, problems ),
		forceRegister: parseBool(
			'JSC_FORCE_REGISTER',
			env.JSC_FORCE_REGISTER,
			problems
		),
		upstreamTimeoutMs: parseInt10(
			'JSC_UPSTREAM_TIMEOUT_MS',
			env.JSC_UPSTREAM_TIMEOUT_MS,
			60_000,
			1,
			600_000,
			problems
		),
		redisUrl: redisUrl || null,
		logLevel,
		drainDelayMs: parseInt10(
			'JSC_DRAIN_DELAY_MS',
			env.JSC_DRAIN_DELAY_MS,
			5_000,
			0,
			120_000,
			problems
		),
		shutdownTimeoutMs: parseInt10(
			'JSC_SHUTDOWN_TIMEOUT_MS',
			env.JSC_SHUTDOWN_TIMEOUT_MS,
			65_000,
			0,
			600_000,
			problems
		),
		requestTimeoutMs: parseInt10(
			'JSC_REQUEST_TIMEOUT_MS',
			env.JSC_REQUEST_TIMEOUT_MS,
			30_000,
			1_000,
			600_000,
			problems
		),
		siteRatePerMinute: parseInt10(
			'JSC_SITE_RATE_PER_MIN',
			env.JSC_SITE_RATE_PER_MIN,
			120,
			1,
			1_000_000,
			problems
		),
		trustProxy: parseBool(
			'JSC_TRUST_PROXY',
			env.JSC_TRUST_PROXY,
			problems
		),
	};
	if ( problems.length > 0 ) {
		throw new ConfigError( problems );
	}
	return config;
}
