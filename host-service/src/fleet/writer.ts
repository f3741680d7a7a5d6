import {
	appendFileSync,
	existsSync,
	mkdirSync,
	readFileSync,
	renameSync,
	rmSync,
	writeFileSync,
} from 'node:fs';
import path from 'node:path';
import type { FastifyBaseLogger } from 'fastify';
import { isUnavailable } from '../db/index.js';
import type { SiteEvent, SiteEventSink } from '../plugins/app/site-events.js';
import type { SiteStore } from './store.js';

export interface WriterOptions {
	/** where events the database could not take are kept until it can (a JSON line each) */
	spillDir: string;
	log: FastifyBaseLogger;
	/** events held in memory while the database is away; beyond this they go to the file */
	maxQueued?: number;
	batchSize?: number;
	/** first and longest wait between attempts while the database is away */
	retryMinMs?: number;
	retryMaxMs?: number;
}

export interface WriterStats {
	/** events waiting in memory */
	queued: number;
	/** events waiting in the spill file */
	spilled: number;
	/** since when the database has refused writes (ISO), or null */
	unavailableSince: string | null;
	/** events the database refused for a reason other than being away (kept in the file) */
	rejected: number;
}

export const SPILL_FILE = 'unwritten-site-events.jsonl';

/**
 * `app.siteEvents` when the service keeps a database: answers never wait for it. Each step
 * is queued and written in order, in batches. While the database is away the queue is
 * retried with back-off; past `maxQueued`, and at shutdown, what is still unwritten goes to
 * a file in the data directory, written to the database as soon as it is back (or at the
 * next start). Nothing is dropped: every event is written, or in memory, or in the file.
 */
export class EventWriter implements SiteEventSink {
	private readonly store: SiteStore;
	private readonly o: Required< WriterOptions >;
	private readonly file: string;
	private queue: SiteEvent[] = [];
	private running: Promise< void > | null = null;
	private closed = false;
	private downSince: number | null = null;
	private spilledCount = 0;
	private rejectedCount = 0;
	private wake: ( () => void ) | null = null;
	private waitTimer: NodeJS.Timeout | null = null;

	constructor( store: SiteStore, opts: WriterOptions ) {
		this.store = store;
		this.o = {
			maxQueued: 50_000,
			batchSize: 100,
			retryMinMs: 200,
			retryMaxMs: 5_000,
			...opts,
		};
		mkdirSync( this.o.spillDir, { recursive: true } );
		this.file = path.join( this.o.spillDir, SPILL_FILE );
		this.spilledCount = this.countSpilled();
	}

	record( event: SiteEvent ): void {
		if ( this.closed ) {
			this.spill( [ event ] );
			return;
		}
		this.queue.push( event );
		if ( this.queue.length > this.o.maxQueued ) {
			this.spill(
				this.queue.splice( 0, this.queue.length - this.o.maxQueued )
			);
		}
		this.kick();
	}

	stats(): WriterStats {
		return {
			queued: this.queue.length,
			spilled: this.spilledCount,
			unavailableSince:
				this.downSince === null
					? null
					: new Date( this.downSince ).toISOString(),
			rejected: this.rejectedCount,
		};
	}

	/** Resolves once everything queued so far is written (tests, shutdown). */
	async drain(): Promise< void > {
		this.kick();
		while ( this.running !== null ) {
			await this.running;
		}
	}

	/**
	 * Writes the events a previous run left in the file (called at start, and when the
	 * database is back after an outage).
	 */
	replaySpilled(): void {
		if ( this.spilledCount > 0 ) {
			this.kick();
		}
	}

	/**
	 * Stops taking events: writes what it can until `deadlineMs`, keeps the rest in the file.
	 * @param deadlineMs
	 */
	async close( deadlineMs = 5_000 ): Promise< void > {
		this.closed = true;
		const timeout = new Promise< void >( ( r ) =>
			setTimeout( r, deadlineMs ).unref()
		);
		await Promise.race( [ this.drain(), timeout ] );
		this.closed = true;
		this.wake?.();
		if ( this.queue.length > 0 ) {
			const left = this.queue.splice( 0 );
			this.spill( left );
			this.o.log.error(
				{ events: left.length, file: this.file },
				'database unavailable at shutdown: site events kept in the spill file, written at the next start'
			);
		}
	}

	private kick(): void {
		if ( this.running === null ) {
			this.running = this.loop().finally( () => {
				this.running = null;
				if ( ! this.closed && this.queue.length > 0 ) {
					this.kick();
				}
			} );
		} else {
			this.wake?.();
		}
	}

	private async loop(): Promise< void > {
		let delay = this.o.retryMinMs;
		for (;;) {
			try {
				if ( this.spilledCount > 0 ) {
					await this.writeSpilled();
				}
				const batch = this.queue.slice( 0, this.o.batchSize );
				if ( batch.length === 0 ) {
					this.noteUp();
					return;
				}
				await this.write( batch );
				this.queue.splice( 0, batch.length );
				delay = this.o.retryMinMs;
				this.noteUp();
			} catch ( e ) {
				this.noteDown( e );
				if ( this.closed ) {
					return;
				}
				await this.pause( delay );
				delay = Math.min( delay * 2, this.o.retryMaxMs );
			}
		}
	}

	/**
	 * One batch in one transaction; a batch the database refuses for a reason other than
	 * being away is written one by one, and what still fails is kept in the rejected file.
	 * Throws only while the database is away.
	 * @param batch
	 */
	private async write( batch: SiteEvent[] ): Promise< void > {
		try {
			await this.store.apply( batch );
		} catch ( e ) {
			if ( isUnavailable( e ) ) {
				throw e;
			}
			await this.applyEach( batch );
		}
	}

	/** The spill file, moved aside while it is written (new spills start a new file). */
	private async writeSpilled(): Promise< void > {
		const taking = `${ this.file }.writing`;
		if ( ! existsSync( taking ) ) {
			if ( ! existsSync( this.file ) ) {
				this.spilledCount = 0;
				return;
			}
			renameSync( this.file, taking );
		}
		const lines = readFileSync( taking, 'utf8' )
			.split( '\n' )
			.filter( ( l ) => l !== '' );
		for ( let i = 0; i < lines.length; i += this.o.batchSize ) {
			const chunk = lines.slice( i, i + this.o.batchSize );
			try {
				await this.write(
					chunk.map( ( l ) => JSON.parse( l ) as SiteEvent )
				);
			} catch ( e ) {
				writeFileSync( taking, lines.slice( i ).join( '\n' ) + '\n' );
				throw e;
			}
			this.spilledCount = Math.max( 0, this.spilledCount - chunk.length );
		}
		rmSync( taking );
		this.spilledCount = this.countSpilled();
		this.o.log.info(
			{ events: lines.length },
			'site events from the spill file written'
		);
	}

	private async applyEach( batch: SiteEvent[] ): Promise< void > {
		for ( const e of batch ) {
			try {
				await this.store.apply( [ e ] );
			} catch ( err ) {
				if ( isUnavailable( err ) ) {
					throw err;
				}
				this.rejectedCount++;
				this.spill( [ e ], `${ this.file }.rejected` );
				this.o.log.error(
					{ err, site: e.site, kind: e.kind },
					'site event refused by the database; kept in the rejected file'
				);
			}
		}
	}

	private noteDown( e: unknown ): void {
		if ( this.downSince === null ) {
			this.downSince = Date.now();
			this.o.log.error(
				{ err: e, queued: this.queue.length },
				'database unavailable: site events are queued and retried (answers are not held up)'
			);
		}
	}

	private noteUp(): void {
		if ( this.downSince !== null ) {
			this.o.log.info(
				{ down_ms: Date.now() - this.downSince },
				'database available again: queued site events written'
			);
			this.downSince = null;
		}
	}

	private pause( ms: number ): Promise< void > {
		return new Promise( ( resolve ) => {
			this.waitTimer = setTimeout( () => {
				this.wake = null;
				resolve();
			}, ms );
			this.wake = () => {
				if ( this.waitTimer !== null ) {
					clearTimeout( this.waitTimer );
				}
				this.wake = null;
				resolve();
			};
		} );
	}

	private spill( events: SiteEvent[], file = this.file ): void {
		if ( events.length === 0 ) {
			return;
		}
		appendFileSync(
			file,
			events.map( ( e ) => JSON.stringify( e ) ).join( '\n' ) + '\n'
		);
		if ( file === this.file ) {
			this.spilledCount += events.length;
		}
	}

	private countSpilled(): number {
		let n = 0;
		for ( const f of [ this.file, `${ this.file }.writing` ] ) {
			if ( existsSync( f ) ) {
				n += readFileSync( f, 'utf8' )
					.split( '\n' )
					.filter( ( l ) => l !== '' ).length;
			}
		}
		return n;
	}
}
