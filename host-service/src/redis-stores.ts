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
	newOwnerToken,
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

// Finishing is compare-and-set: only the claim the caller still owns (the exact pending
// record it wrote, owner token included) is replaced or deleted. An owner whose claim
// expired and was taken over changes nothing.
const FINISH_SCRIPT = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then
	return 0
end
if ARGV[2] == '' then
	redis.call('DEL', KEYS[1])
else
	redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
end
return 1
`;

export interface RedisIdempotencyOptions {
	/**
	 * How long a pending claim lives. It must outlive the owner's attempt (its upstream
	 * deadline plus slack), so a live owner is never taken over; it still expires, so a
	 * crashed owner cannot wedge a key.
	 */
	claimTtlMs: number;
	/**
	 * How long a concurrent request waits for the owner's answer before giving up with a
	 * retryable error (it never becomes a second owner of a live claim).
	 */
	waitMs: number;
	doneTtlMs?: number;
	pollMs?: number;
	prefix?: string;
}

/**
 * The owner claims the key with SET NX (the claim carries a random owner token); other
 * instances poll until the owner writes the answer. Only the owner can finish the key.
 */
export class RedisIdempotencyStore implements IdempotencyStore {
	private readonly redis: Redis;
	private readonly claimTtlMs: number;
	private readonly waitMs: number;
	private readonly doneTtlMs: number;
	private readonly pollMs: number;
	private readonly prefix: string;
	/** the pending record each live claim of this instance wrote, by owner token */
	private readonly claims = new Map< string, string >();

	constructor( redis: Redis, opts: RedisIdempotencyOptions ) {
		this.redis = redis;
		this.claimTtlMs = opts.claimTtlMs;
		this.waitMs = opts.waitMs;
		this.doneTtlMs = opts.doneTtlMs ?? 10 * 60_000;
		this.pollMs = opts.pollMs ?? 50;
		this.prefix = opts.prefix ?? 'jsc:';
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
		const owner = newOwnerToken();
		const pending: PendingRecord = { state: 'pending', fingerprint, owner };
		const claim = JSON.stringify( pending );
		const deadline = Date.now() + this.waitMs;
		for (;;) {
			const set = await this.redis.set(
				k,
				claim,
				'PX',
				this.claimTtlMs,
				'NX'
			);
			if ( set === 'OK' ) {
				this.claims.set( owner, claim );
				return { kind: 'owner', owner };
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
			// Pending elsewhere (or vanished between SET and GET): wait and look again. An
			// expired claim is taken over by the SET NX above; a live one is never shared.
			if ( Date.now() + this.pollMs > deadline ) {
				return { kind: 'in_progress' };
			}
			await new Promise( ( r ) => setTimeout( r, this.pollMs ) );
		}
	}

	async finish(
		site: string,
		key: string,
		owner: string,
		response: StoredResponse,
		keep: boolean
	): Promise< void > {
		const claim = this.claims.get( owner );
		if ( claim === undefined ) {
			return;
		}
		this.claims.delete( owner );
		const fingerprint = ( JSON.parse( claim ) as PendingRecord )
			.fingerprint;
		const done: DoneRecord = { state: 'done', fingerprint, response };
		await this.redis.eval(
			FINISH_SCRIPT,
			1,
			this.key( site, key ),
			claim,
			keep ? JSON.stringify( done ) : '',
			String( this.doneTtlMs )
		);
	}
}
