import type { FastifyInstance } from 'fastify';
import type PgBoss from 'pg-boss';
import { cancelPlan, fleetOf } from '../actions.js';
import { dueForRecheck } from '../queries.js';
import { newBoss } from './boss.js';
import { recheckSite } from './recheck.js';
import { renewOffer } from './renew.js';

export const QUEUES = {
	sweep: 'jsc-recheck-sweep',
	recheck: 'jsc-recheck',
	renew: 'jsc-renew',
	cancel: 'jsc-cancel',
} as const;

/** How far ahead one sweep queues re-checks (the sweep runs every minute). */
const SWEEP_WINDOW_MS = 60_000;

export interface JobsOptions {
	/** how often idle workers look for jobs (pg-boss polling; default 2 s) */
	pollingIntervalSeconds?: number;
	/** run the sweep on a cron schedule (default true; tests call sweepNow) */
	cron?: boolean;
}

interface SiteJob {
	site: string;
	by?: string;
	/** renew: the offer this renewal is for (its pending_expires_at, ISO) */
	expires?: string;
}

/**
 * The fleet view's background work on pg-boss:
 *
 * - every minute (a cron schedule pg-boss fires once across instances) the sweep queues a
 *   re-check for each pending site that is due, spaced at the configured rate;
 * - a re-check asks WordPress.com's v1.4 status (at the shared pace, limiter.ts) and records
 *   the answer: activated, still pending, or expired; when the host's renewal policy says
 *   so, it queues a renewal;
 * - a renewal provisions again once per offer (a claim on the site's row), so an owner who
 *   comes back after the 14 days still finds a live offer;
 * - a cancel WordPress.com did not answer is retried with back-off.
 *
 * Queues are `stately` per site: a site is never queued twice, and a job runs on one
 * instance (fetched with SKIP LOCKED).
 */
export class FleetJobs {
	readonly boss: PgBoss;
	private readonly app: FastifyInstance;
	private readonly o: Required< JobsOptions >;

	constructor( app: FastifyInstance, opts: JobsOptions = {} ) {
		this.app = app;
		this.o = { pollingIntervalSeconds: 2, cron: true, ...opts };
		this.boss = newBoss( fleetOf( app ).db, this.o.pollingIntervalSeconds );
		this.boss.on( 'error', ( err ) =>
			app.log.error( { err }, 'job queue error' )
		);
	}

	private get intervalMs(): number {
		return 60_000 / this.app.config.fleet.recheckRatePerMinute;
	}

	async start(): Promise< void > {
		await this.boss.start();
		const queue = async (
			name: string,
			opts: Omit< PgBoss.Queue, 'name' >
		): Promise< void > => {
			if ( ( await this.boss.getQueue( name ) ) === null ) {
				await this.boss.createQueue( name, { name, ...opts } );
			}
		};
		await queue( QUEUES.sweep, { policy: 'singleton', retryLimit: 0 } );
		await queue( QUEUES.recheck, {
			policy: 'stately',
			retryLimit: 3,
			retryDelay: 30,
			retryBackoff: true,
		} );
		await queue( QUEUES.renew, {
			policy: 'stately',
			retryLimit: 3,
			retryDelay: 60,
			retryBackoff: true,
		} );
		await queue( QUEUES.cancel, {
			policy: 'stately',
			retryLimit: 8,
			retryDelay: 30,
			retryBackoff: true,
		} );
		if ( this.o.cron ) {
			await this.boss.schedule( QUEUES.sweep, '* * * * *' );
		}
		const every = { pollingIntervalSeconds: this.o.pollingIntervalSeconds };
		await this.boss.work( QUEUES.sweep, every, async () => this.sweep() );
		// Enough re-checks per fetch to keep the pace for one polling interval (at least one).
		const batchSize = Math.min(
			100,
			Math.max(
				1,
				Math.ceil(
					( this.o.pollingIntervalSeconds * 1000 * 2 ) /
						this.intervalMs
				)
			)
		);
		await this.boss.work< SiteJob >(
			QUEUES.recheck,
			{ ...every, batchSize },
			async ( jobs ) =>
				this.each( QUEUES.recheck, jobs, async ( j ) => {
					const expires = await recheckSite(
						this.app,
						j.site,
						this.intervalMs
					);
					if ( expires !== null ) {
						await this.boss.send(
							QUEUES.renew,
							{ site: j.site, expires },
							{ singletonKey: j.site }
						);
					}
				} )
		);
		await this.boss.work< SiteJob >( QUEUES.renew, every, async ( jobs ) =>
			this.each( QUEUES.renew, jobs, ( j ) =>
				renewOffer( this.app, j, this.intervalMs )
			)
		);
		await this.boss.work< SiteJob >( QUEUES.cancel, every, async ( jobs ) =>
			this.each( QUEUES.cancel, jobs, async ( j ) => {
				await cancelPlan( this.app, j.site, j.by ?? 'host', true );
			} )
		);
	}

	async stop(): Promise< void > {
		await this.boss.stop( {
			graceful: true,
			wait: true,
			close: false,
			timeout: 10_000,
		} );
	}

	/** Runs a sweep now (tests, benchmarks, the fleet page's "check pending sites now"). */
	async sweepNow(): Promise< void > {
		await this.boss.send( QUEUES.sweep, {} );
	}

	async queueCancel( site: string, by: string ): Promise< void > {
		await this.boss.send(
			QUEUES.cancel,
			{ site, by },
			{ singletonKey: site }
		);
	}

	async queueRecheck( site: string ): Promise< void > {
		await this.boss.send(
			QUEUES.recheck,
			{ site },
			{ singletonKey: site }
		);
	}

	/**
	 * Runs a batch's jobs side by side; a job that throws is failed alone (pg-boss retries
	 * it with back-off), the others complete.
	 * @param queue
	 * @param jobs
	 * @param run
	 */
	private async each(
		queue: string,
		jobs: PgBoss.Job< SiteJob >[],
		run: ( data: SiteJob ) => Promise< void >
	): Promise< void > {
		await Promise.all(
			jobs.map( async ( job ) => {
				try {
					await run( job.data );
				} catch ( err ) {
					this.app.log.warn(
						{ err, queue, site: job.data.site },
						'job failed; retried with back-off'
					);
					await this.boss.fail( queue, job.id, {
						message:
							err instanceof Error ? err.message : String( err ),
					} );
				}
			} )
		);
	}

	/** Queues the due pending sites' re-checks for the next minute, spaced at the rate. */
	private async sweep(): Promise< void > {
		const now = this.app.now();
		const budget = Math.max(
			1,
			Math.floor( SWEEP_WINDOW_MS / this.intervalMs )
		);
		const due = await dueForRecheck(
			fleetOf( this.app ).db,
			new Date( now ),
			budget
		);
		if ( due.length === 0 ) {
			return;
		}
		await this.boss.insert(
			due.map( ( d, i ) => ( {
				name: QUEUES.recheck,
				data: { site: d.site },
				singletonKey: d.site,
				startAfter: new Date(
					Date.now() + i * this.intervalMs
				).toISOString(),
			} ) )
		);
		this.app.log.info( { sites: due.length }, 're-checks queued' );
	}
}
