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
	| { kind: 'owner' }
	| { kind: 'replay'; response: StoredResponse }
	| { kind: 'mismatch' };

/**
 * `begin` either makes the caller the owner of the key, or waits for the owner and
 * replays its answer. The owner must call `finish`; `keep=false` forgets the key
 * (used for retryable failures, so the plugin's retry really tries again).
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
		fingerprint: string,
		response: StoredResponse,
		keep: boolean
	) => Promise< void >;
	close?: () => Promise< void >;
}

/** What both idempotency stores keep under a key while its owner works on it… */
export interface PendingRecord {
	state: 'pending';
	fingerprint: string;
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
	done: Promise< StoredResponse >;
	resolve: ( r: StoredResponse ) => void;
}
interface DoneEntry extends DoneRecord {
	expiresAt: number;
}

export class MemoryIdempotencyStore implements IdempotencyStore {
	private readonly entries = new Map< string, PendingEntry | DoneEntry >();
	private readonly ttlMs: number;
	private readonly maxEntries: number;
	private readonly now: () => number;

	constructor(
		ttlMs = 10 * 60_000,
		maxEntries = 100_000,
		now: () => number = Date.now
	) {
		this.ttlMs = ttlMs;
		this.maxEntries = maxEntries;
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
		// Bounded: when full, drop the oldest finished entry; in-flight ones are never dropped
		// because their waiters hold promises on them.
		if ( this.entries.size >= this.maxEntries ) {
			for ( const [ ok, oe ] of this.entries ) {
				if ( oe.state === 'done' ) {
					this.entries.delete( ok );
					break;
				}
			}
		}
		let resolve: ( r: StoredResponse ) => void = () => undefined;
		const done = new Promise< StoredResponse >( ( r ) => {
			resolve = r;
		} );
		this.entries.set( k, { state: 'pending', fingerprint, done, resolve } );
		return { kind: 'owner' };
	}

	async finish(
		site: string,
		key: string,
		fingerprint: string,
		response: StoredResponse,
		keep: boolean
	): Promise< void > {
		const k = `${ site }\n${ key }`;
		const e = this.entries.get( k );
		if (
			e === undefined ||
			e.state !== 'pending' ||
			e.fingerprint !== fingerprint
		) {
			return;
		}
		// Waiters already queued get this answer either way; `keep` only decides about later retries.
		e.resolve( response );
		if ( keep ) {
			this.entries.delete( k ); // re-insert so Map order stays expiry order
			this.entries.set( k, {
				state: 'done',
				fingerprint,
				response,
				expiresAt: this.now() + this.ttlMs,
			} );
		} else {
			this.entries.delete( k );
		}
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
			this.entries.delete( k );
		}
	}
}
