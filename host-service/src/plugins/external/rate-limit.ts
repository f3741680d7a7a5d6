import rateLimit from '@fastify/rate-limit';
import fp from 'fastify-plugin';
import type { FastifyRequest } from 'fastify';
import { siteTag } from '../../stores/redis.js';
import type { SiteRateLimiter } from '../../lib/verify.js';

declare module 'fastify' {
	// eslint-disable-next-line @typescript-eslint/no-shadow
	interface FastifyInstance {
		/** the per-site budget of one verified request (plugins/app/verification.ts asks it) */
		siteBudget: ( req: FastifyRequest ) => SiteRateLimiter;
	}
}

/**
 * The per-site request budget, through @fastify/rate-limit: `JSC_SITE_RATE_PER_MIN`
 * signed requests per site and minute, keyed by the *verified* site (never the client
 * address), in Redis when the service has one (shared by every instance), else in memory.
 * It is not a route hook: verification asks it after the signature and before the nonce
 * is recorded, so a site over its budget fills no nonce store and a forged request spends
 * nobody's budget.
 */
export default fp(
	async ( app ) => {
		await app.register( rateLimit, {
			global: false,
			max: app.config.siteRatePerMinute,
			timeWindow: 60_000,
			keyGenerator: ( req ) => siteTag( req.jscSite ?? '' ),
			// Sites active in the last minute; the least recently seen is forgotten first.
			cache: 100_000,
			...( app.redis === null
				? {}
				: { redis: app.redis, nameSpace: 'jsc:rate:' } ),
		} );
		const limit = app.createRateLimit();
		app.decorate( 'siteBudget', ( req: FastifyRequest ) => ( {
			refusal: async () => {
				const r = await limit( req, { increment: false } );
				return r.isAllowed || r.remaining > 0
					? null
					: Math.max( 1, r.ttlInSeconds );
			},
			consume: async () => {
				await limit( req );
			},
		} ) );
	},
	{ name: 'jsc-rate-limit', dependencies: [ 'jsc-env', 'jsc-redis' ] }
);
