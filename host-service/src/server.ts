import { buildApp, type AppDeps, type ServiceState } from './app.js';
import { ConfigError, loadConfig, type Config } from './config.js';
import { drainAndClose } from './lifecycle.js';
import {
	closeRedis,
	connectRedis,
	describeRedisUrl,
	RedisIdempotencyStore,
	RedisNonceStore,
} from './redis-stores.js';

function configOrExit(): Config {
	try {
		return loadConfig( process.env );
	} catch ( e ) {
		if ( e instanceof ConfigError ) {
			process.stderr.write(
				`jetpack-start host service: refusing to start.\n${ e.message }\nSee host-service/README.md for every variable.\n`
			);
			process.exit( 78 ); // EX_CONFIG
		}
		throw e;
	}
}

async function main(): Promise< void > {
	const config = configOrExit();
	const state: ServiceState = { draining: false };
	const deps: AppDeps = { state };
	// Redis reports connection trouble through this once the app (and its logger) exists;
	// a failure to connect at start is thrown by connectRedis instead.
	let onRedisError: ( err: Error ) => void = () => undefined;
	let onRedisReady = (): void => undefined;
	const redis =
		config.redisUrl === null
			? null
			: await connectRedis( config.redisUrl, {
					onError: ( err ) => onRedisError( err ),
					onReady: () => onRedisReady(),
			  } );
	if ( redis !== null ) {
		deps.nonceStore = new RedisNonceStore( redis );
		// Every upstream call of an attempt shares one deadline (upstreamTimeoutMs), so a
		// pending claim that outlives it by a margin is never taken from a live owner; a
		// waiter gives up (retryably) when the owner's budget is spent.
		deps.idempotencyStore = new RedisIdempotencyStore( redis, {
			claimTtlMs: config.upstreamTimeoutMs + 15_000,
			waitMs: config.upstreamTimeoutMs + 5_000,
		} );
	}
	const app = buildApp( config, deps );
	if ( redis !== null && config.redisUrl !== null ) {
		const where = describeRedisUrl( config.redisUrl );
		// ioredis retries every few seconds while Redis is away: the first failure of an
		// outage is an error, the retries only debug lines, and the recovery is noted.
		let outage = false;
		onRedisError = ( err ) => {
			if ( outage ) {
				app.log.debug(
					{ redis: where, err },
					'redis still unreachable'
				);
				return;
			}
			outage = true;
			app.log.error(
				{ redis: where, err },
				'redis connection error (requests needing it fail until it is back)'
			);
		};
		onRedisReady = () => {
			outage = false;
			app.log.info( { redis: where }, 'redis connection restored' );
		};
		app.log.info(
			{ redis: where },
			'nonce and idempotency stores in redis'
		);
		// Runs after the listener has closed and in-flight requests have finished.
		app.addHook( 'onClose', async () => {
			await closeRedis( redis );
			app.log.info( { redis: where }, 'redis connection closed' );
		} );
	}
	let stopping = false;
	const stop = ( signal: NodeJS.Signals ): void => {
		if ( stopping ) {
			return;
		}
		stopping = true;
		app.log.info( { signal }, 'shutdown requested' );
		drainAndClose(
			app,
			state,
			config.drainDelayMs,
			config.shutdownTimeoutMs
		).then(
			() => process.exit( 0 ),
			( err: unknown ) => {
				app.log.error( { err }, 'shutdown failed' );
				process.exit( 1 );
			}
		);
	};
	process.once( 'SIGTERM', stop );
	process.once( 'SIGINT', stop );
	// Handlers go in first: a supervisor may signal as soon as it sees the listening line.
	await app.listen( { host: config.host, port: config.port } );
}

main().catch( ( err: unknown ) => {
	process.stderr.write(
		`jetpack-start host service failed to start: ${
			err instanceof Error ? err.message : String( err )
		}\n`
	);
	process.exit( 1 );
} );
