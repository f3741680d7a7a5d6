import { randomBytes } from 'node:crypto';

/** What the service answers; stored so an idempotent retry gets the same bytes back. */
export interface StoredResponse {
	status: number;
	body: Record< string, unknown >;
}

/** 'full' means the store cannot take more without forgetting live nonces. */
export type NonceVerdict = 'new' | 'seen' | 'full';

/**
 * Per-site nonce memory. `remember` must be atomic: exactly one of several concurrent
 * callers with the same (site, nonce) gets 'new'.
 */
export interface NonceStore {
	remember: (
		site: string,
		nonce: string,
		ttlMs: number
	) => Promise< NonceVerdict >;
	close?: () => Promise< void >;
}

export type IdempotencyBegin =
	/** `owner` is this claim's token: only it can finish the key */
	| { kind: 'owner'; owner: string }
	| { kind: 'replay'; response: StoredResponse }
	| { kind: 'mismatch' }
	/** the site holds too many keys in flight (429 host_rate_limited) */
	| { kind: 'busy' }
	/** another attempt still holds the key after the wait deadline (retryable 504) */
	| { kind: 'in_progress' };

/**
 * `begin` either makes the caller the owner of the key, or waits for the owner and
 * replays its answer. The owner must call `finish` with its `owner` token; a finish by
 * anyone else (e.g. an owner whose claim expired and was taken over) changes nothing.
 * `keep=false` forgets the key (used for retryable failures, so the plugin's retry
 * really tries again).
 */
export interface IdempotencyStore {
	begin: (
		site: string,
		key: string,
		fingerprint: string
	) => Promise< IdempotencyBegin >;
	finish: (
		site: string,
		key: string,
		owner: string,
		response: StoredResponse,
		keep: boolean
	) => Promise< void >;
	close?: () => Promise< void >;
}

/** What both idempotency stores keep under a key while its owner works on it… */
export interface PendingRecord {
	state: 'pending';
	fingerprint: string;
	/** random token of the claim's owner */
	owner: string;
}
/** …and once the owner has its answer. */
export interface DoneRecord {
	state: 'done';
	fingerprint: string;
	response: StoredResponse;
}

/**
 * The answer for a key someone already holds: another body under the same key is a
 * mismatch, a finished request is replayed. A request still in flight is handed back as
 * `pending`, for the store to wait on in its own way (a promise in memory, polling in Redis).
 * @param record
 * @param fingerprint
 */
export function answerForHeldKey< P extends PendingRecord >(
	record: P | DoneRecord,
	fingerprint: string
): IdempotencyBegin | { kind: 'pending'; record: P } {
	if ( record.fingerprint !== fingerprint ) {
		return { kind: 'mismatch' };
	}
	if ( record.state === 'done' ) {
		return { kind: 'replay', response: record.response };
	}
	return { kind: 'pending', record };
}

export const newOwnerToken = (): string => randomBytes( 16 ).toString( 'hex' );

export class MemoryNonceStore implements NonceStore {
	// Map keeps insertion order, and every entry has the same TTL, so the oldest entry
	// is always the first to expire: pruning from the front is enough.
	private readonly seen = new Map< string, number >();
	private readonly maxEntries: number;
	private readonly now: () => number;

	constructor( maxEntries = 500_000, now: () => number = Date.now ) {
		this.maxEntries = maxEntries;
		this.now = now;
	}

	async remember(
		site: string,
		nonce: string,
		ttlMs: number
	): Promise< NonceVerdict > {
		const t = this.now();
		this.prune( t );
		const k = `${ site }\n${ nonce }`;
		const exp = this.seen.get( k );
		if ( exp !== undefined && exp > t ) {
			return 'seen';
		}
		if ( this.seen.size >= this.maxEntries ) {
			return 'full';
		}
		this.seen.set( k, t + ttlMs );
		return 'new';
	}

	private prune( t: number ): void {
		for ( const [ k, exp ] of this.seen ) {
			if ( exp > t ) {
				break;
			}
			this.seen.delete( k );
		}
	}

	get size(): number {
		return this.seen.size;
	}
}

interface PendingEntry extends PendingRecord {
	site: string;
	done: Promise< StoredResponse >;
	resolve: ( r: StoredResponse ) => void;
}
interface DoneEntry extends DoneRecord {
	site: string;
	expiresAt: number;
}

/**
 * In-process store, bounded twice: `maxEntries` overall, and `maxPerSite` per site so one
 * site cannot push other sites' answers out (it only ever evicts its own oldest answer).
 */
export class MemoryIdempotencyStore implements IdempotencyStore {
	private readonly entries = new Map< string, PendingEntry | DoneEntry >();
	/** keys per site, in insertion (for finished ones: expiry) order */
	private readonly bySite = new Map< string, Set< string > >();
	private readonly ttlMs: number;
	private readonly maxEntries: number;
	private readonly maxPerSite: number;
	private readonly now: () => number;

	constructor(
		ttlMs = 10 * 60_000,
		maxEntries = 100_000,
		now: () => number = Date.now,
		maxPerSite = 200
	) {
		this.ttlMs = ttlMs;
		this.maxEntries = maxEntries;
		this.maxPerSite = maxPerSite;
		this.now = now;
	}

	async begin(
		site: string,
		key: string,
		fingerprint: string
	): Promise< IdempotencyBegin > {
		this.prune();
		const k = `${ site }\n${ key }`;
		const e = this.entries.get( k );
		if ( e !== undefined ) {
			const answer = answerForHeldKey< PendingEntry >( e, fingerprint );
			// In flight in this process: wait for the owner's answer, whatever it turns out to be.
			return answer.kind === 'pending'
				? { kind: 'replay', response: await answer.record.done }
				: answer;
		}
		// Per site first: a site at its bound drops its own oldest finished answer; if all of
		// its keys are in flight it is refused. In-flight entries are never dropped because
		// their waiters hold promises on them.
		const own = this.bySite.get( site );
		if ( own !== undefined && own.size >= this.maxPerSite ) {
			if ( ! this.evictOldestDone( own ) ) {
				return { kind: 'busy' };
			}
		}
		if ( this.entries.size >= this.maxEntries ) {
			this.evictOldestDone( this.entries.keys() );
		}
		let resolve: ( r: StoredResponse ) => void = () => undefined;
		const done = new Promise< StoredResponse >( ( r ) => {
			resolve = r;
		} );
		const owner = newOwnerToken();
		this.set( k, {
			state: 'pending',
			site,
			fingerprint,
			owner,
			done,
			resolve,
		} );
		return { kind: 'owner', owner };
	}

	async finish(
		site: string,
		key: string,
		owner: string,
		response: StoredResponse,
		keep: boolean
	): Promise< void > {
		const k = `${ site }\n${ key }`;
		const e = this.entries.get( k );
		if ( e === undefined || e.state !== 'pending' || e.owner !== owner ) {
			return;
		}
		// Waiters already queued get this answer either way; `keep` only decides about later retries.
		e.resolve( response );
		this.delete( k );
		if ( keep ) {
			// re-inserted so Map order stays expiry order
			this.set( k, {
				state: 'done',
				site,
				fingerprint: e.fingerprint,
				response,
				expiresAt: this.now() + this.ttlMs,
			} );
		}
	}

	/** How many keys the store holds (tests). */
	get size(): number {
		return this.entries.size;
	}

	private set( k: string, e: PendingEntry | DoneEntry ): void {
		this.entries.set( k, e );
		let own = this.bySite.get( e.site );
		if ( own === undefined ) {
			own = new Set();
			this.bySite.set( e.site, own );
		}
		own.add( k );
	}

	private delete( k: string ): void {
		const e = this.entries.get( k );
		if ( e === undefined ) {
			return;
		}
		this.entries.delete( k );
		const own = this.bySite.get( e.site );
		own?.delete( k );
		if ( own?.size === 0 ) {
			this.bySite.delete( e.site );
		}
	}

	/**
	 * Drops the first finished entry among `keys` (oldest first); false when there is none.
	 * @param keys
	 */
	private evictOldestDone( keys: Iterable< string > ): boolean {
		for ( const k of keys ) {
			if ( this.entries.get( k )?.state === 'done' ) {
				this.delete( k );
				return true;
			}
		}
		return false;
	}

	private prune(): void {
		const t = this.now();
		// Finished entries are (re)inserted when they finish, so among them Map order is
		// expiry order and we can stop at the first live one.
		for ( const [ k, e ] of this.entries ) {
			if ( e.state === 'pending' ) {
				continue;
			}
			if ( e.expiresAt > t ) {
				break;
			}
			this.delete( k );
		}
	}
}
