import type { Redis } from 'ioredis';
import { sha256Hex } from '../lib/signature.js';
import {
	heldKeyAnswer,
	IDEMPOTENCY_DONE_TTL_MS,
	IDEMPOTENCY_UNKNOWN_TTL_MS,
	newOwnerToken,
	type FinishMode,
	type IdempotencyBegin,
	type IdempotencyRecord,
	type IdempotencyStore,
	type NonceStore,
	type NonceVerdict,
	type PendingRecord,
	type StoredResponse,
} from './types.js';

// Hashing the site keeps keys short and free of characters that confuse redis-cli users.
export const siteTag = ( site: string ): string =>
	sha256Hex( site ).slice( 0, 32 );

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

// Claim a key: a new record with the owner's lease, or report what is there and whether
// its owner's lease is still alive. KEYS: record, lease. ARGV: record, record ttl, lease ttl, owner.
const BEGIN_SCRIPT = `
local cur = redis.call('GET', KEYS[1])
if not cur then
	redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
	redis.call('SET', KEYS[2], ARGV[4], 'PX', ARGV[3])
	return {'owner'}
end
if redis.call('EXISTS', KEYS[2]) == 1 then
	return {'held', cur}
end
return {'free', cur}
`;

// Take over a record whose owner is gone, only if it is still exactly what the caller read.
// KEYS: record, lease. ARGV: what was read, new record, record ttl, lease ttl, owner.
const TAKEOVER_SCRIPT = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] or redis.call('EXISTS', KEYS[2]) == 1 then
	return 0
end
redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
redis.call('SET', KEYS[2], ARGV[5], 'PX', ARGV[4])
return 1
`;

// Finishing is compare-and-set: only the claim the caller still owns (the exact pending
// record it wrote) is replaced or deleted. KEYS: record, lease. ARGV: claim, new value ('' deletes), ttl.
const FINISH_SCRIPT = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then
	return 0
end
if ARGV[2] == '' then
	redis.call('DEL', KEYS[1])
else
	redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
end
redis.call('DEL', KEYS[2])
return 1
`;

export interface RedisIdempotencyOptions {
	/**
	 * How long an owner's lease lives: longer than its attempt (the upstream deadline plus
	 * slack), so a live owner is never taken over. A record whose lease ran out while still
	 * pending belongs to an owner that died or overran: its outcome is unknown.
	 */
	leaseMs: number;
	/**
	 * How long a concurrent request waits for the owner's answer (or for the lease to run
	 * out) before giving up with a retryable error.
	 */
	waitMs: number;
	doneTtlMs?: number;
	unknownTtlMs?: number;
	pollMs?: number;
	prefix?: string;
}

/**
 * The owner claims the key with a record and a lease (Lua, atomic); other instances poll
 * until the owner writes the answer. A pending record without a lease, or an unknown one,
 * is taken over with a recheck, so a service killed mid-request does not provision twice.
 */
export class RedisIdempotencyStore implements IdempotencyStore {
	private readonly redis: Redis;
	private readonly o: Required< Omit< RedisIdempotencyOptions, 'prefix' > >;
	private readonly prefix: string;
	/** the pending record each live claim of this instance wrote, by owner token */
	private readonly claims = new Map< string, string >();

	constructor( redis: Redis, opts: RedisIdempotencyOptions ) {
		this.redis = redis;
		this.o = {
			doneTtlMs: IDEMPOTENCY_DONE_TTL_MS,
			unknownTtlMs: IDEMPOTENCY_UNKNOWN_TTL_MS,
			pollMs: 50,
			...opts,
		};
		this.prefix = opts.prefix ?? 'jsc:';
	}

	private keys( site: string, key: string ): [ string, string ] {
		const k = `${ this.prefix }idem:${ siteTag( site ) }:${ key }`;
		return [ k, `${ k }:lease` ];
	}

	async begin(
		site: string,
		key: string,
		fingerprint: string
	): Promise< IdempotencyBegin > {
		const [ k, lease ] = this.keys( site, key );
		const owner = newOwnerToken();
		const claim = ( startedAt: number ): string =>
			JSON.stringify( {
				state: 'pending',
				fingerprint,
				owner,
				startedAt,
			} satisfies PendingRecord );
		const deadline = Date.now() + this.o.waitMs;
		for (;;) {
			const fresh = claim( Date.now() );
			const [ verdict, raw ] = ( await this.redis.eval(
				BEGIN_SCRIPT,
				2,
				k,
				lease,
				fresh,
				String( this.o.unknownTtlMs ),
				String( this.o.leaseMs ),
				owner
			) ) as [ string, string | undefined ];
			if ( verdict === 'owner' ) {
				this.claims.set( owner, fresh );
				return { kind: 'owner', owner, recheck: null };
			}
			const record = JSON.parse( raw ?? '{}' ) as IdempotencyRecord;
			const held = heldKeyAnswer( record, fingerprint );
			if ( held !== null && held.kind !== 'takeover' ) {
				return held;
			}
			if ( verdict === 'free' ) {
				// An unknown outcome, or a pending record whose owner's lease ran out.
				const since =
					held?.kind === 'takeover'
						? held.since
						: ( record as PendingRecord ).startedAt;
				const mine = claim( since );
				const took = await this.redis.eval(
					TAKEOVER_SCRIPT,
					2,
					k,
					lease,
					raw ?? '',
					mine,
					String( this.o.unknownTtlMs ),
					String( this.o.leaseMs ),
					owner
				);
				if ( took === 1 ) {
					this.claims.set( owner, mine );
					return { kind: 'owner', owner, recheck: { since } };
				}
			}
			// Pending with a live owner elsewhere: wait and look again.
			if ( Date.now() + this.o.pollMs > deadline ) {
				return { kind: 'in_progress' };
			}
			await new Promise( ( r ) => setTimeout( r, this.o.pollMs ) );
		}
	}

	async finish(
		site: string,
		key: string,
		owner: string,
		response: StoredResponse,
		mode: FinishMode
	): Promise< void > {
		const claim = this.claims.get( owner );
		if ( claim === undefined ) {
			return;
		}
		this.claims.delete( owner );
		const pending = JSON.parse( claim ) as PendingRecord;
		let value = '';
		let ttl = 0;
		if ( mode === 'done' ) {
			value = JSON.stringify( {
				state: 'done',
				fingerprint: pending.fingerprint,
				response,
			} );
			ttl = this.o.doneTtlMs;
		} else if ( mode === 'unknown' ) {
			value = JSON.stringify( {
				state: 'unknown',
				fingerprint: pending.fingerprint,
				startedAt: pending.startedAt,
			} );
			ttl = this.o.unknownTtlMs;
		}
		await this.redis.eval(
			FINISH_SCRIPT,
			2,
			...this.keys( site, key ),
			claim,
			value,
			String( ttl )
		);
	}
}
