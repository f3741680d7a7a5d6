import type { Redis } from 'ioredis';
import fp from 'fastify-plugin';

export interface RedisPluginOptions {
	/** a connection the caller owns (tests, a host embedding the service); not closed here */
	redis?: Redis | null;
}

/**
 * `app.redis`: with JSC_REDIS_URL, one connection shared by the nonce and idempotency
 * stores and the rate limiter, opened (and PINGed) before the service listens, so a Redis
 * it cannot use stops it at start; closed (QUIT) after in-flight requests have finished.
 */
export default fp< RedisPluginOptions >(
	async ( app, opts ) => {
		const url = app.config.redisUrl;
		if ( opts.redis !== undefined || url === null ) {
			app.decorate( 'redis', opts.redis ?? null );
			return;
		}
		// Loaded only when used: a service without Redis does not carry ioredis in memory.
		const { closeRedis, connectRedis, describeRedisUrl } = await import(
			'../../stores/redis-connection.js'
		);
		const where = describeRedisUrl( url );
		// ioredis retries every few seconds while Redis is away: the first failure of an
		// outage is an error, the retries only debug lines, and the recovery is noted.
		let outage = false;
		const redis = await connectRedis( url, {
			onError: ( err ) => {
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
			},
			onReady: () => {
				outage = false;
				app.log.info( { redis: where }, 'redis connection restored' );
			},
		} );
		app.decorate( 'redis', redis );
		app.log.info(
			{ redis: where },
			'nonce, idempotency and rate-limit stores in redis'
		);
		app.addHook( 'onClose', async () => {
			await closeRedis( redis );
			app.log.info( { redis: where }, 'redis connection closed' );
		} );
	},
	{ name: 'jsc-redis', dependencies: [ 'jsc-env' ] }
);
