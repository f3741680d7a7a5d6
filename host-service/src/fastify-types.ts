import type { Redis } from 'ioredis';
import type { Config } from './config/index.js';
import type { KeyProvider } from './lib/key-provider.js';
import type { PlanPolicy } from './lib/plan-policy.js';
import type { SiteEventSink } from './plugins/app/site-events.js';
import type { ServiceState } from './plugins/app/lifecycle.js';
import type { IdempotencyStore, NonceStore } from './stores/types.js';
import type { WpcomClient } from './wpcom/client.js';

// What the plugins decorate the instance and the request with (declaration merging: these
// have to be the names they extend).
declare module 'fastify' {
	// eslint-disable-next-line @typescript-eslint/no-shadow
	interface FastifyInstance {
		/** plugins/external/env.ts */
		config: Config;
		/** plugins/external/redis.ts: the shared connection, or null without JSC_REDIS_URL */
		redis: Redis | null;
		/** plugins/app/stores.ts */
		nonceStore: NonceStore;
		idempotencyStore: IdempotencyStore;
		/** plugins/app/wpcom.ts */
		wpcom: WpcomClient;
		keyProvider: KeyProvider;
		planPolicy: PlanPolicy;
		/** plugins/app/site-events.ts */
		siteEvents: SiteEventSink;
		/** plugins/app/lifecycle.ts */
		serviceState: ServiceState;
		/** milliseconds since the epoch; injectable so tests can move the clock */
		now: () => number;
		/** plugins/app/verification.ts: preValidation hook of every signed route */
		verifySigned: ( req: FastifyRequest ) => Promise< void >;
	}
	// eslint-disable-next-line @typescript-eslint/no-shadow
	interface FastifyRequest {
		/** the body's exact bytes, as received (the signature covers these) */
		rawBody: Buffer | undefined;
		/** a charset other than UTF-8 declared in Content-Type, refused once verified */
		jscBadCharset: string | undefined;
		/** the canonical site that signed, once verified */
		jscSite: string | undefined;
	}
}
