import { Redis } from 'ioredis';

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
