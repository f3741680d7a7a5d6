import {
	heldKeyAnswer,
	IDEMPOTENCY_DONE_TTL_MS,
	IDEMPOTENCY_UNKNOWN_TTL_MS,
	newOwnerToken,
	type FinishMode,
	type IdempotencyBegin,
	type IdempotencyStore,
	type PendingRecord,
	type StoredResponse,
	type UnknownRecord,
	type DoneRecord,
} from './types.js';

interface PendingEntry extends PendingRecord {
	site: string;
	done: Promise< StoredResponse >;
	resolve: ( r: StoredResponse ) => void;
}
type KeptEntry = ( DoneRecord | UnknownRecord ) & {
	site: string;
	expiresAt: number;
};
type Entry = PendingEntry | KeptEntry;

export interface MemoryIdempotencyOptions {
	doneTtlMs?: number;
	unknownTtlMs?: number;
	maxEntries?: number;
	/** keys one site may hold; it only ever evicts its own oldest kept answer */
	maxPerSite?: number;
	now?: () => number;
}

/**
 * In-process store, bounded twice: `maxEntries` overall, and `maxPerSite` per site so one
 * site cannot push other sites' answers out. It lives and dies with the process: only the
 * Redis store keeps idempotency across a restart (host-service/README.md).
 */
export class MemoryIdempotencyStore implements IdempotencyStore {
	private readonly entries = new Map< string, Entry >();
	/** keys per site, oldest first */
	private readonly bySite = new Map< string, Set< string > >();
	private readonly doneTtlMs: number;
	private readonly unknownTtlMs: number;
	private readonly maxEntries: number;
	private readonly maxPerSite: number;
	private readonly now: () => number;

	constructor( opts: MemoryIdempotencyOptions = {} ) {
		this.doneTtlMs = opts.doneTtlMs ?? IDEMPOTENCY_DONE_TTL_MS;
		this.unknownTtlMs = opts.unknownTtlMs ?? IDEMPOTENCY_UNKNOWN_TTL_MS;
		this.maxEntries = opts.maxEntries ?? 100_000;
		this.maxPerSite = opts.maxPerSite ?? 200;
		this.now = opts.now ?? Date.now;
	}

	async begin(
		site: string,
		key: string,
		fingerprint: string
	): Promise< IdempotencyBegin > {
		const k = `${ site }\n${ key }`;
		let e = this.entries.get( k );
		if (
			e !== undefined &&
			e.state !== 'pending' &&
			e.expiresAt <= this.now()
		) {
			this.delete( k );
			e = undefined;
		}
		let recheck: { since: number } | null = null;
		if ( e !== undefined ) {
			const held = heldKeyAnswer( e, fingerprint );
			if ( held === null && e.state === 'pending' ) {
				// In flight in this process: wait for the owner's answer, whatever it turns out to be.
				return { kind: 'replay', response: await e.done };
			}
			if ( held !== null && held.kind !== 'takeover' ) {
				return held;
			}
			recheck = { since: held?.kind === 'takeover' ? held.since : 0 };
			this.delete( k );
		} else if ( ! this.makeRoom( site ) ) {
			return { kind: 'busy' };
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
			startedAt: recheck?.since ?? this.now(),
			done,
			resolve,
		} );
		return { kind: 'owner', owner, recheck };
	}

	async finish(
		site: string,
		key: string,
		owner: string,
		response: StoredResponse,
		mode: FinishMode
	): Promise< void > {
		const k = `${ site }\n${ key }`;
		const e = this.entries.get( k );
		if ( e === undefined || e.state !== 'pending' || e.owner !== owner ) {
			return;
		}
		// Waiters already queued get this answer either way; `mode` decides about later retries.
		e.resolve( response );
		this.delete( k );
		const t = this.now();
		if ( mode === 'done' ) {
			this.set( k, {
				state: 'done',
				site,
				fingerprint: e.fingerprint,
				response,
				expiresAt: t + this.doneTtlMs,
			} );
		} else if ( mode === 'unknown' ) {
			this.set( k, {
				state: 'unknown',
				site,
				fingerprint: e.fingerprint,
				startedAt: e.startedAt,
				expiresAt: t + this.unknownTtlMs,
			} );
		}
	}

	/** How many keys the store holds (tests). */
	get size(): number {
		return this.entries.size;
	}

	/**
	 * Room for one more key of `site`: expired entries go first, then the site's own oldest
	 * kept answer; false when all of the site's keys are in flight.
	 * @param site
	 */
	private makeRoom( site: string ): boolean {
		const own = this.bySite.get( site );
		if ( own !== undefined && own.size >= this.maxPerSite ) {
			this.dropExpired( own );
			if (
				own.size >= this.maxPerSite &&
				! this.evictOldestKept( own )
			) {
				return false;
			}
		}
		if ( this.entries.size >= this.maxEntries ) {
			this.dropExpired( this.entries.keys() );
			if ( this.entries.size >= this.maxEntries ) {
				this.evictOldestKept( this.entries.keys() );
			}
		}
		return true;
	}

	private dropExpired( keys: Iterable< string > ): void {
		const t = this.now();
		for ( const k of [ ...keys ] ) {
			const e = this.entries.get( k );
			if (
				e !== undefined &&
				e.state !== 'pending' &&
				e.expiresAt <= t
			) {
				this.delete( k );
			}
		}
	}

	private evictOldestKept( keys: Iterable< string > ): boolean {
		for ( const k of keys ) {
			if ( this.entries.get( k )?.state === 'done' ) {
				this.delete( k );
				return true;
			}
		}
		return false;
	}

	private set( k: string, e: Entry ): void {
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
}
