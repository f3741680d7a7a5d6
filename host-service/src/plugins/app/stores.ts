import fp from 'fastify-plugin';
import { MemoryIdempotencyStore } from '../../stores/memory-idempotency.js';
import { MemoryNonceStore } from '../../stores/memory-nonce.js';
import { RedisIdempotencyStore, RedisNonceStore } from '../../stores/redis.js';
import type { IdempotencyStore, NonceStore } from '../../stores/types.js';

export interface StoresOptions {
	nonceStore?: NonceStore;
	idempotencyStore?: IdempotencyStore;
}

/**
 * `app.nonceStore` and `app.idempotencyStore`: in Redis when the service has a connection
 * (shared by every instance, and the only way idempotency survives a restart), else in
 * this process's memory, bounded (JSC_NONCE_MEMORY_MAX, JSC_NONCE_MEMORY_PER_SITE).
 */
export default fp< StoresOptions >(
	async ( app, opts ) => {
		const c = app.config;
		const redis = app.redis;
		app.decorate(
			'nonceStore',
			opts.nonceStore ??
				( redis === null
					? new MemoryNonceStore( {
							maxEntries: c.nonceMemoryMax,
							maxPerSite: c.nonceMemoryPerSite,
							now: app.now,
					  } )
					: new RedisNonceStore( redis ) )
		);
		app.decorate(
			'idempotencyStore',
			opts.idempotencyStore ??
				( redis === null
					? new MemoryIdempotencyStore( { now: app.now } )
					: // Every upstream call of an attempt shares one deadline, so a lease that
					  // outlives it by a margin is never taken from a live owner; a waiter gives
					  // up (retryably) a little after a lease would have run out.
					  new RedisIdempotencyStore( redis, {
							leaseMs: c.upstreamTimeoutMs + 2_000,
							waitMs: c.upstreamTimeoutMs + 2_500,
					  } ) )
		);
	},
	{ name: 'jsc-stores', dependencies: [ 'jsc-env', 'jsc-redis' ] }
);
