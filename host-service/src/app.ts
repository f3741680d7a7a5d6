import { randomBytes } from 'node:crypto';
import Fastify, {
	type FastifyInstance,
	type FastifyRequest,
	type FastifyLoggerOptions,
} from 'fastify';
import fp from 'fastify-plugin';
import type { PinoLoggerOptions } from 'fastify/types/logger.js';
import type { Redis } from 'ioredis';
import type { Config } from './config/index.js';
import type {} from './fastify-types.js';
import type { KeyProvider } from './lib/key-provider.js';
import type { PlanPolicy } from './lib/plan-policy.js';
import type { Database } from './db/index.js';
import databasePlugin from './plugins/app/database.js';
import errorsPlugin from './plugins/app/errors.js';
import jobsPlugin from './plugins/app/jobs.js';
import type { JobsOptions } from './fleet/jobs/index.js';
import lifecyclePlugin, { type ServiceState } from './plugins/app/lifecycle.js';
import siteEventsPlugin, {
	type SiteEventSink,
} from './plugins/app/site-events.js';
import storesPlugin from './plugins/app/stores.js';
import verificationPlugin, { BODY_LIMIT } from './plugins/app/verification.js';
import wpcomPlugin from './plugins/app/wpcom.js';
import envPlugin from './plugins/external/env.js';
import rateLimitPlugin from './plugins/external/rate-limit.js';
import redisPlugin from './plugins/external/redis.js';
import healthRoutes from './routes/health/index.js';
import pingRoutes from './routes/ping/index.js';
import reportRoutes from './routes/report/index.js';
import siteRoutes from './routes/site/index.js';
import provisionRoutes from './routes/provision/index.js';
import statusRoutes from './routes/status/index.js';
import type { IdempotencyStore, NonceStore } from './stores/types.js';
import type { WpcomClient } from './wpcom/client.js';

export { BODY_LIMIT };
export type { ServiceState };

export interface LogDestination {
	write: ( line: string ) => void;
}

/** Everything a host (or a test) may bring instead of the defaults. */
export interface AppDeps {
	keyProvider?: KeyProvider;
	nonceStore?: NonceStore;
	idempotencyStore?: IdempotencyStore;
	planPolicy?: PlanPolicy;
	wpcom?: WpcomClient;
	/** a Redis connection the caller owns, instead of one opened from JSC_REDIS_URL */
	redis?: Redis | null;
	siteEvents?: SiteEventSink;
	/** the fleet database, opened and migrated by the caller (null: none); else JSC_DATABASE_URL / JSC_DATA_DIR */
	database?: Database | null;
	/** background job settings (tests poll faster and sweep by hand) */
	jobs?: JobsOptions;
	/** milliseconds since the epoch; injectable so tests can move the clock */
	now?: () => number;
	logStream?: LogDestination;
	state?: ServiceState;
}

// Never let these reach a log line, whatever a future log call includes.
export const REDACT_PATHS = [
	'req.headers.authorization',
	'req.headers["x-jetpack-start-signature"]',
	'headers.authorization',
	'headers["x-jetpack-start-signature"]',
	'*.masterSecret',
	'*.partnerClientSecret',
	'*.client_secret',
	'*.access_token',
	'*.siteKey',
	'*.site_key',
];

/**
 * The service as a fastify plugin, in fastify/demo's order: external plugins (env, Redis,
 * rate limit), then the application's (errors, lifecycle, stores, WordPress.com,
 * verification, the fleet database, site events, background jobs), then the routes under
 * JSC_PATH_PREFIX. The admin listener (admin/app.ts) is a second instance on these.
 */
export interface ServiceOptions {
	config: Config;
	deps: AppDeps;
}

export const serviceApp = fp< ServiceOptions >(
	async ( app, { config, deps } ) => {
		app.decorate( 'now', deps.now ?? Date.now );
		await app.register( envPlugin, { config } );
		await app.register(
			redisPlugin,
			deps.redis === undefined ? {} : { redis: deps.redis }
		);
		await app.register( rateLimitPlugin );
		await app.register( errorsPlugin );
		await app.register(
			lifecyclePlugin,
			deps.state === undefined ? {} : { state: deps.state }
		);
		await app.register( storesPlugin, {
			...( deps.nonceStore === undefined
				? {}
				: { nonceStore: deps.nonceStore } ),
			...( deps.idempotencyStore === undefined
				? {}
				: { idempotencyStore: deps.idempotencyStore } ),
		} );
		await app.register( wpcomPlugin, {
			...( deps.wpcom === undefined ? {} : { wpcom: deps.wpcom } ),
			...( deps.keyProvider === undefined
				? {}
				: { keyProvider: deps.keyProvider } ),
			...( deps.planPolicy === undefined
				? {}
				: { planPolicy: deps.planPolicy } ),
		} );
		await app.register( verificationPlugin );
		await app.register(
			databasePlugin,
			deps.database === undefined ? {} : { database: deps.database }
		);
		await app.register(
			siteEventsPlugin,
			deps.siteEvents === undefined ? {} : { siteEvents: deps.siteEvents }
		);
		await app.register( jobsPlugin, deps.jobs ?? {} );
		await app.register(
			async ( routes: FastifyInstance ) => {
				await routes.register( healthRoutes );
				await routes.register( provisionRoutes );
				await routes.register( statusRoutes );
				await routes.register( pingRoutes );
				await routes.register( reportRoutes );
				await routes.register( siteRoutes );
			},
			{ prefix: config.pathPrefix }
		);
	},
	{ name: 'jsc-service' }
);

/**
 * The service's logger: its level, redaction, and a request serializer that keeps only what
 * an operator needs (headers and bodies carry signatures and keys). The admin listener's too.
 * @param config
 * @param stream
 */
export function loggerOptions(
	config: Config,
	stream?: LogDestination
): FastifyLoggerOptions & PinoLoggerOptions {
	return {
		level: config.logLevel,
		redact: { paths: REDACT_PATHS, censor: '[redacted]' },
		serializers: {
			req: ( req: FastifyRequest ) => ( {
				method: req.method,
				url: req.url,
				site:
					typeof req.headers[ 'x-jetpack-start-site' ] === 'string'
						? req.headers[ 'x-jetpack-start-site' ]
						: undefined,
				remoteAddress: req.ip,
			} ),
		},
		...( stream === undefined ? {} : { stream } ),
	};
}

/**
 * A fastify instance with the service's socket, parser and logger settings, the service
 * registered on it. Not listening yet; `await app.ready()` connects what the config asks.
 * @param config
 * @param deps
 */
export function buildApp(
	config: Config,
	deps: AppDeps = {}
): FastifyInstance {
	const app = Fastify( {
		bodyLimit: BODY_LIMIT,
		// The contract's request id: also the X-Request-Id header of every answer.
		genReqId: () => `req-${ randomBytes( 6 ).toString( 'hex' ) }`,
		// A client gets this long to send its whole request (it does not cover our answer):
		// slow or stalled senders are cut off instead of holding sockets forever.
		requestTimeout: config.requestTimeoutMs,
		http: {
			requestTimeout: config.requestTimeoutMs,
			headersTimeout: Math.min( 60_000, config.requestTimeoutMs ),
			// Node checks those timeouts only this often (default 30 s, which would double them).
			connectionsCheckingInterval: Math.min(
				1_000,
				config.requestTimeoutMs
			),
		},
		// An implicit HEAD /v1/status would be a second, unsigned-method way to reach WordPress.com.
		exposeHeadRoutes: false,
		trustProxy: config.trustProxy,
		// Opening the database (PGlite's first start creates it: seconds) and migrating it
		// happen while plugins load.
		pluginTimeout: 120_000,
		// Fastify's default ajv drops unknown properties instead of refusing them, and coerces types.
		ajv: {
			customOptions: {
				removeAdditional: false,
				coerceTypes: false,
				useDefaults: false,
				allErrors: false,
			},
		},
		logger: loggerOptions( config, deps.logStream ),
	} );
	void app.register( serviceApp, { config, deps } );
	return app;
}
