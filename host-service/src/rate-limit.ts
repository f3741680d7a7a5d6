/**
 * Per-site request budget, so one site (with a valid key) cannot fill the shared nonce
 * store and lock every other site out. Verification asks `allows` after the signature
 * and timestamp checks and before recording the nonce, and charges with `consume` only
 * once the nonce was new: a site out of budget records no nonces, and replays of another
 * site's captured request cannot spend that site's budget.
 */
export interface SiteRateLimiter {
	allows: ( site: string ) => boolean | Promise< boolean >;
	consume: ( site: string ) => void | Promise< void >;
}

interface Bucket {
	tokens: number;
	at: number;
}

/**
 * Token bucket per site, in memory (per instance): `burst` requests at once, refilled at
 * `perMinute`. A bucket idle long enough to be full again is forgotten, so the map only
 * holds sites active in the last `burst / perMinute` minutes.
 */
export class MemorySiteRateLimiter implements SiteRateLimiter {
	private readonly buckets = new Map< string, Bucket >();
	private readonly perMs: number;
	private readonly burst: number;
	private readonly fullAfterMs: number;
	private readonly now: () => number;

	constructor(
		perMinute: number,
		burst: number = perMinute,
		now: () => number = Date.now
	) {
		this.perMs = perMinute / 60_000;
		this.burst = burst;
		this.fullAfterMs = burst / this.perMs;
		this.now = now;
	}

	allows( site: string ): boolean {
		return this.level( site, this.now() ) >= 1;
	}

	consume( site: string ): void {
		const t = this.now();
		const tokens = this.level( site, t ) - 1;
		// Re-inserted so Map order is last-use order, which is what prune relies on.
		this.buckets.delete( site );
		this.buckets.set( site, { tokens, at: t } );
		this.prune( t );
	}

	get size(): number {
		return this.buckets.size;
	}

	private level( site: string, t: number ): number {
		const b = this.buckets.get( site );
		if ( b === undefined ) {
			return this.burst;
		}
		return Math.min(
			this.burst,
			b.tokens + Math.max( 0, t - b.at ) * this.perMs
		);
	}

	private prune( t: number ): void {
		for ( const [ site, b ] of this.buckets ) {
			if ( t - b.at < this.fullAfterMs ) {
				break;
			}
			this.buckets.delete( site );
		}
	}
}
