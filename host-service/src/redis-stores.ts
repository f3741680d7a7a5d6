// Dependencies are in the root package.json; this folder's one only marks it as ESM.
// eslint-disable-next-line import/no-extraneous-dependencies
import { Redis } from 'ioredis';
import { sha256Hex } from './signature.js';
import {
	answerForHeldKey,
	type DoneRecord,
	type IdempotencyBegin,
	type IdempotencyStore,
	type NonceStore,
	type NonceVerdict,
	type PendingRecord,
	type StoredResponse,
} from './stores.js';

export interface RedisConnectOptions {
	/**
	 * Every connection error ioredis reports while the service runs (it reconnects on its
	 * own). Without a listener ioredis prints them to the console itself.
	 */
	onError?: ( err: Error ) => void;
	/** Called when the connection is back after an error. */
	onReady?: () => void;
	connectTimeoutMs?: number;
	/** A command that gets no answer within this long fails instead of holding the request. */
	commandTimeoutMs?: number;
}

export const REDIS_CONNECTION_NAME = 'jetpack-start-host-service';

export class RedisConnectError extends Error {
	constructor( where: string, cause: unknown ) {
		super(
			`cannot connect to Redis at ${ where }: ${
				cause instanceof Error ? cause.message : String( cause )
			}`,
			{ cause }
		);
		this.name = 'RedisConnectError';
	}
}

/**
 * `scheme://host:port/db` of a Redis URL, without user name or password, for logs and errors.
 * @param url
 */
export function describeRedisUrl( url: string ): string {
	try {
		const u = new URL( url );
		return `${ u.protocol }//${ u.host || '127.0.0.1:6379' }${
			u.pathname === '/' ? '' : u.pathname
		}`;
	} catch {
		return '(unparsable JSC_REDIS_URL)';
	}
}

/**
 * Opens the connection and checks it with PING, so an unreachable or misconfigured Redis
 * (wrong password, TLS mismatch) stops the service at start rather than failing the first
 * customer request. `redis://` and `rediss://` (TLS) URLs are understood by ioredis.
 * @param url
 * @param opts
 */
export async function connectRedis(
	url: string,
	opts: RedisConnectOptions = {}
): Promise< Redis > {
	const redis = new Redis( url, {
		lazyConnect: true,
		connectionName: REDIS_CONNECTION_NAME, // how the service shows in CLIENT LIST
		connectTimeout: opts.connectTimeoutMs ?? 5_000,
		commandTimeout: opts.commandTimeoutMs ?? 5_000,
		// While Redis is away, fail a request after one reconnect attempt (the service answers
		// a retryable 500) instead of queueing it behind the default twenty.
		maxRetriesPerRequest: 1,
	} );
	let lastError: Error | null = null;
	let connected = false;
	let broken = false;
	redis.on( 'error', ( err: Error ) => {
		lastError = err;
		if ( ! connected ) {
			return;
		} // reported once, by the rejection below
		broken = true;
		opts.onError?.( err );
	} );
	redis.on( 'ready', () => {
		if ( broken ) {
			opts.onReady?.();
		}
		broken = false;
	} );
	try {
		await redis.connect();
		await redis.ping();
	} catch ( e ) {
		redis.disconnect(); // otherwise ioredis keeps reconnecting in the background
		throw new RedisConnectError( describeRedisUrl( url ), lastError ?? e );
	}
	connected = true;
	return redis;
}

/**
 * Graceful close: QUIT lets pending replies arrive, but an unreachable Redis must not hold up shutdown.
 * @param redis
 * @param timeoutMs
 */
export async function closeRedis(
	redis: Redis,
	timeoutMs = 2_000
): Promise< void > {
	if ( redis.status === 'end' ) {
		return;
	}
	let timer: NodeJS.Timeout | undefined;
	try {
		await Promise.race( [
			redis.quit(),
			new Promise( ( resolve ) => {
				timer = setTimeout( resolve, timeoutMs );
			} ),
		] );
	} catch {
		// Already closing or unreachable: disconnect below either way.
	} finally {
		clearTimeout( timer );
		redis.disconnect();
	}
}

// Hashing the site keeps keys short and free of characters that confuse redis-cli users.
const siteTag = ( site: string ): string => sha256Hex( site ).slice( 0, 32 );

/** SET NX PX is atomic across every instance sharing the Redis. */
export class RedisNonceStore implements NonceStore {
	private readonly redis: Redis;
	private readonly prefix: string;

	constructor( redis: Redis, prefix = 'jsc:' ) {
		this.redis = redis;
		this.prefix = prefix;
	}

	async remember(
		site: string,
		nonce: string,
		ttlMs: number
	): Promise< NonceVerdict > {
		const r = await this.redis.set(
			`${ this.prefix }nonce:${ siteTag( site ) }:${ nonce }`,
			'1',
			'PX',
			ttlMs,
			'NX'
		);
		return r === 'OK' ? 'new' : 'seen';
	}
}

/**
 * The owner claims the key with SET NX; other instances poll until the owner writes
 * the answer. A pending claim expires on its own, so a crashed owner cannot wedge a key.
 */
export class RedisIdempotencyStore implements IdempotencyStore {
	private readonly redis: Redis;
	private readonly pendingTtlMs: number;
	private readonly doneTtlMs: number;
	private readonly pollMs: number;
	private readonly prefix: string;

	constructor(
		redis: Redis,
		pendingTtlMs: number,
		doneTtlMs = 10 * 60_000,
		pollMs = 50,
		prefix = 'jsc:'
	) {
		this.redis = redis;
		this.pendingTtlMs = pendingTtlMs;
		this.doneTtlMs = doneTtlMs;
		this.pollMs = pollMs;
		this.prefix = prefix;
	}

	private key( site: string, key: string ): string {
		return `${ this.prefix }idem:${ siteTag( site ) }:${ key }`;
	}

	async begin(
		site: string,
		key: string,
		fingerprint: string
	): Promise< IdempotencyBegin > {
		const k = this.key( site, key );
		const pending: PendingRecord = { state: 'pending', fingerprint };
		const deadline = Date.now() + this.pendingTtlMs + 1000;
		for (;;) {
			const set = await this.redis.set(
				k,
				JSON.stringify( pending ),
				'PX',
				this.pendingTtlMs,
				'NX'
			);
			if ( set === 'OK' ) {
				return { kind: 'owner' };
			}
			const raw = await this.redis.get( k );
			if ( raw !== null ) {
				const answer = answerForHeldKey(
					JSON.parse( raw ) as PendingRecord | DoneRecord,
					fingerprint
				);
				if ( answer.kind !== 'pending' ) {
					return answer;
				}
			}
			// Pending elsewhere (or vanished between SET and GET): wait and look again.
			if ( Date.now() > deadline ) {
				return { kind: 'owner' };
			}
			await new Promise( ( r ) => setTimeout( r, this.pollMs ) );
		}
	}

	async finish(
		site: string,
		key: string,
		fingerprint: string,
		response: StoredResponse,
		keep: boolean
	): Promise< void > {
		const k = this.key( site, key );
		if ( ! keep ) {
			await this.redis.del( k );
			return;
		}
		const done: DoneRecord = { state: 'done', fingerprint, response };
		await this.redis.set( k, JSON.stringify( done ), 'PX', this.doneTtlMs );
	}
}
