import type { NonceStore, NonceVerdict } from './types.js';

interface SiteNonces {
	/** nonce → expiry in whole seconds since the store started (a small integer V8 keeps unboxed) */
	nonces: Map< string, number >;
}

export interface MemoryNonceStoreOptions {
	/** most live nonces the store holds; then it refuses everyone (503) rather than forget one */
	maxEntries?: number;
	/** most live nonces one site holds; then only that site is refused (429) */
	maxPerSite?: number;
	now?: () => number;
}

/**
 * The in-process nonce memory, bounded twice: overall (`maxEntries`, so memory per
 * instance has a ceiling: about 100 bytes per nonce, see host-service/README.md) and per
 * site (`maxPerSite`, so one noisy site only ever refuses itself). Each site's nonces sit
 * in their own Map, in insertion order; every nonce has the same TTL, so that is expiry
 * order and pruning stops at the first live one.
 */
export class MemoryNonceStore implements NonceStore {
	private readonly sites = new Map< string, SiteNonces >();
	private readonly maxEntries: number;
	private readonly maxPerSite: number;
	private readonly now: () => number;
	private readonly origin: number;
	private total = 0;
	/** when (store seconds) the next sweep of idle sites is due */
	private sweepAt = 0;

	constructor( opts: MemoryNonceStoreOptions = {} ) {
		this.maxEntries = opts.maxEntries ?? 1_000_000;
		this.maxPerSite = opts.maxPerSite ?? 20_000;
		this.now = opts.now ?? Date.now;
		this.origin = this.now();
	}

	async remember(
		site: string,
		nonce: string,
		ttlMs: number
	): Promise< NonceVerdict > {
		const t = this.seconds( this.now() );
		this.sweepIdle( t, ttlMs );
		let s = this.sites.get( site );
		if ( s !== undefined ) {
			this.prune( s, t );
		}
		if ( s?.nonces.has( nonce ) === true ) {
			return 'seen';
		}
		if ( s !== undefined && s.nonces.size >= this.maxPerSite ) {
			return 'site_full';
		}
		if ( this.total >= this.maxEntries ) {
			// Other sites' expired nonces may still be counted: sweep once before refusing.
			this.sweepAll( t );
			if ( this.total >= this.maxEntries ) {
				return 'full';
			}
		}
		if ( s === undefined ) {
			s = { nonces: new Map() };
			this.sites.set( site, s );
		}
		// Kept while the timestamp can still be accepted: rounded up to the next second.
		s.nonces.set( nonce, t + Math.ceil( ttlMs / 1000 ) + 1 );
		this.total++;
		return 'new';
	}

	/** Live nonces held (tests and the bench). */
	get size(): number {
		return this.total;
	}

	private seconds( ms: number ): number {
		return Math.floor( ( ms - this.origin ) / 1000 );
	}

	private prune( s: SiteNonces, t: number ): void {
		for ( const [ nonce, exp ] of s.nonces ) {
			if ( exp > t ) {
				break;
			}
			s.nonces.delete( nonce );
			this.total--;
		}
	}

	private sweepAll( t: number ): void {
		for ( const [ site, s ] of this.sites ) {
			this.prune( s, t );
			if ( s.nonces.size === 0 ) {
				this.sites.delete( site );
			}
		}
	}

	/**
	 * Sites that stopped sending keep their nonces until someone looks: once per TTL, every
	 * site is pruned (amortised over the requests of that period).
	 * @param t
	 * @param ttlMs
	 */
	private sweepIdle( t: number, ttlMs: number ): void {
		if ( t < this.sweepAt ) {
			return;
		}
		this.sweepAt = t + Math.ceil( ttlMs / 1000 );
		this.sweepAll( t );
	}
}
