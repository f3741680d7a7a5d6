import path from 'node:path';
import envSchemaLoader from 'env-schema';
import type { DatabaseConfig } from '../db/index.js';
import { envSchema, MASTER_SECRET_MIN_LENGTH, type Env } from './schema.js';

export interface Config {
	host: string;
	port: number;
	/** '' or '/something' without a trailing slash; routes are mounted under it. */
	pathPrefix: string;
	masterSecret: string;
	partnerClientId: string;
	partnerClientSecret: string;
	wpcomBaseUrl: string;
	/** Contract §7: the origins a case B `next_url` (the authorize page) may have. */
	authorizeOrigins: readonly string[];
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
	/** Signed requests per minute one site may make (shared by instances with Redis). */
	siteRatePerMinute: number;
	/** In-memory nonce store: most live nonces it holds, and most for one site. */
	nonceMemoryMax: number;
	nonceMemoryPerSite: number;
	trustProxy: boolean;
	/** PGlite's directory, and where unwritten site events are kept while the database is away */
	dataDir: string;
	/** the fleet view's database; null only when embedded without one (tests) */
	database: DatabaseConfig | null;
	/** the admin listener (fleet page and API); none without a token */
	admin: { host: string; port: number; token: string } | null;
	fleet: FleetConfig;
}

/** The background jobs and the host's renewal policy (issue 9). */
export interface FleetConfig {
	/** run the background jobs on this instance */
	jobs: boolean;
	/** how long after a check a pending site is checked again */
	recheckIntervalMs: number;
	/** most WordPress.com status calls per minute all instances' jobs make together */
	recheckRatePerMinute: number;
	/** how many times one pending activation may be renewed (0: never) */
	renewalsMax: number;
	/** renew this long before a pending activation would expire */
	renewBeforeMs: number;
}

export class ConfigError extends Error {
	readonly problems: readonly string[];
	constructor( problems: readonly string[] ) {
		super( `Invalid configuration:\n  - ${ problems.join( '\n  - ' ) }` );
		this.name = 'ConfigError';
		this.problems = problems;
	}
}

interface AjvError {
	instancePath: string;
	keyword: string;
	params: Record< string, unknown >;
	message?: string;
}

const properties = envSchema.properties as Record<
	string,
	{ description?: string }
>;

/**
 * One line per problem, naming the variable and what it must be, never its value.
 * @param e
 */
function describe( e: AjvError ): string {
	const name =
		e.keyword === 'required'
			? String( e.params.missingProperty )
			: e.instancePath.replace( /^\//, '' );
	if ( e.keyword === 'required' ) {
		return `${ name } is required`;
	}
	return (
		properties[ name ]?.description ??
		`${ name } ${ e.message ?? 'is invalid' }`
	);
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
	if ( masterSecret.length < MASTER_SECRET_MIN_LENGTH ) {
		return [
			`JSC_MASTER_SECRET must be at least ${ MASTER_SECRET_MIN_LENGTH } characters`,
		];
	}
	return [];
}

const list = ( s: string ): string[] =>
	s
		.split( ',' )
		.map( ( x ) => x.trim() )
		.filter( ( x ) => x !== '' );

/**
 * Validates every variable (through env-schema) and reports all problems at once, so a
 * host fixes them in one go. An empty variable counts as unset.
 * @param env
 */
export function loadConfig( env: NodeJS.ProcessEnv ): Config {
	const data: Record< string, string > = {};
	for ( const name of Object.keys( envSchema.properties ) ) {
		const v = env[ name ];
		if ( v !== undefined && v.trim() !== '' ) {
			// Secrets are taken exactly as given; everything else is trimmed.
			data[ name ] = /SECRET|TOKEN/.test( name ) ? v : v.trim();
		}
	}
	let e: Env;
	try {
		e = envSchemaLoader< Env >( {
			// A copy: env-schema marks the schema it is given as closed.
			schema: structuredClone( envSchema ) as unknown as object,
			data,
			env: false,
		} );
	} catch ( err ) {
		const errors = ( err as { errors?: AjvError[] } ).errors;
		if ( errors === undefined ) {
			throw err;
		}
		throw new ConfigError( [ ...new Set( errors.map( describe ) ) ] );
	}
	return {
		host: e.JSC_HOST,
		port: e.JSC_PORT,
		pathPrefix: e.JSC_PATH_PREFIX.replace( /\/+$/, '' ),
		masterSecret: e.JSC_MASTER_SECRET,
		partnerClientId: e.JSC_PARTNER_CLIENT_ID,
		partnerClientSecret: e.JSC_PARTNER_CLIENT_SECRET,
		wpcomBaseUrl: e.JSC_WPCOM_BASE_URL.replace( /\/+$/, '' ),
		authorizeOrigins: list( e.JSC_AUTHORIZE_ORIGINS ),
		defaultPlan: e.JSC_DEFAULT_PLAN,
		allowedPlans: list( e.JSC_ALLOWED_PLANS ),
		partnerTrackingId: e.JSC_PARTNER_TRACKING_ID || null,
		onboarding: e.JSC_ONBOARDING,
		forceRegister: e.JSC_FORCE_REGISTER,
		upstreamTimeoutMs: e.JSC_UPSTREAM_TIMEOUT_MS,
		redisUrl: e.JSC_REDIS_URL || null,
		logLevel: e.JSC_LOG_LEVEL,
		drainDelayMs: e.JSC_DRAIN_DELAY_MS,
		shutdownTimeoutMs: e.JSC_SHUTDOWN_TIMEOUT_MS,
		requestTimeoutMs: e.JSC_REQUEST_TIMEOUT_MS,
		siteRatePerMinute: e.JSC_SITE_RATE_PER_MIN,
		nonceMemoryMax: e.JSC_NONCE_MEMORY_MAX,
		nonceMemoryPerSite: e.JSC_NONCE_MEMORY_PER_SITE,
		trustProxy: e.JSC_TRUST_PROXY,
		dataDir: e.JSC_DATA_DIR,
		database:
			e.JSC_DATABASE_URL === ''
				? {
						kind: 'pglite',
						dataDir: path.join( e.JSC_DATA_DIR, 'pglite' ),
				  }
				: { kind: 'postgres', url: e.JSC_DATABASE_URL },
		admin:
			e.JSC_ADMIN_TOKEN === ''
				? null
				: {
						host: e.JSC_ADMIN_HOST,
						port: e.JSC_ADMIN_PORT,
						token: e.JSC_ADMIN_TOKEN,
				  },
		fleet: {
			jobs: e.JSC_JOBS,
			recheckIntervalMs: e.JSC_RECHECK_INTERVAL_MIN * 60_000,
			recheckRatePerMinute: e.JSC_RECHECK_RATE_PER_MIN,
			renewalsMax: e.JSC_RENEWALS_MAX,
			renewBeforeMs: e.JSC_RENEW_BEFORE_HOURS * 3_600_000,
		},
	};
}
