import type { FastifyInstance } from 'fastify';
import type PgBoss from 'pg-boss';
import { ApiError } from '../../lib/errors.js';
import { attemptProvision } from '../../provisioning/attempt.js';
import { siteStatus } from '../../wpcom/site-status.js';
import { cancelPlan, fleetOf } from '../actions.js';
import { dueForRecheck } from '../queries.js';
import { renewalDue } from '../state.js';
import { newBoss } from './boss.js';
import { paced } from './limiter.js';

export const QUEUES = {
	sweep: 'jsc-recheck-sweep',
	recheck: 'jsc-recheck',
	renew: 'jsc-renew',
	cancel: 'jsc-cancel',
} as const;

/** The one pace of every job's calls to WordPress.com (limiter.ts). */
const WPCOM_PACE = 'wpcom';
/** How far ahead one sweep queues re-checks (the sweep runs every minute). */
const SWEEP_WINDOW_MS = 60_000;
/** How long a re-check holds its site (a job that died gives it up after this). */
const CHECK_LEASE_MS = 15 * 60_000;

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
				this.each( QUEUES.recheck, jobs, ( j ) => this.recheck( j ) )
		);
		await this.boss.work< SiteJob >( QUEUES.renew, every, async ( jobs ) =>
			this.each( QUEUES.renew, jobs, ( j ) => this.renew( j ) )
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

	private async recheck( job: SiteJob ): Promise< void > {
		const { store, db } = fleetOf( this.app );
		const now = this.app.now();
		// Once per due check: a sweep on another instance may have queued the site again
		// while this job ran. The claim moves the next check past a lease; a failure gives it back.
		const [ row ] = await db.query< { plan: string | null } >(
			`UPDATE jsc_sites SET next_check_at = $3
			 WHERE site = $1 AND next_check_at <= $2
			   AND state IN ('awaiting_authorization', 'awaiting_dns')
			 RETURNING plan`,
			[ job.site, new Date( now ), new Date( now + CHECK_LEASE_MS ) ]
		);
		if ( row === undefined ) {
			return; // checked already, activated, cancelled or forgotten since it was queued
		}
		const giveBack = () =>
			db.query(
				'UPDATE jsc_sites SET next_check_at = $2 WHERE site = $1',
				[ job.site, new Date( now ) ]
			);
		const plan = row.plan ?? this.app.config.defaultPlan;
		await paced( db, WPCOM_PACE, this.intervalMs );
		const base = {
			site: job.site,
			kind: 'recheck' as const,
			plan,
			requestId: null,
		};
		try {
			const s = await siteStatus( this.app.wpcom, job.site, plan );
			await store.apply( [
				{
					...base,
					outcome: s.planOnSite,
					status: 200,
					detail: { connected: s.connected },
					at: new Date( this.app.now() ).toISOString(),
				},
			] );
		} catch ( e ) {
			if ( ! ( e instanceof ApiError ) ) {
				throw e;
			}
			await store.apply( [
				{
					...base,
					outcome: e.code,
					status: e.status,
					detail: { message: e.message },
					at: new Date( this.app.now() ).toISOString(),
				},
			] );
			if ( e.retryable ) {
				await giveBack();
				throw e;
			}
			return;
		}
		const after = await store.get( job.site );
		if (
			after !== null &&
			after.pending_expires_at !== null &&
			renewalDue( after, this.app.now(), this.app.config.fleet )
		) {
			await this.boss.send(
				QUEUES.renew,
				{
					site: job.site,
					expires: after.pending_expires_at.toISOString(),
				},
				{ singletonKey: job.site }
			);
		}
	}

	private async renew( job: SiteJob ): Promise< void > {
		const { store, db } = fleetOf( this.app );
		const fleet = this.app.config.fleet;
		// Once per offer: whoever claims this offer's renewal first makes it.
		const [ claimed ] = await db.query< {
			plan: string | null;
			local_user: string | null;
			renewals: number;
		} >(
			`UPDATE jsc_sites SET renewal_claimed_for = pending_expires_at
			 WHERE site = $1 AND pending_expires_at = $2 AND renewals < $3
			   AND state IN ('awaiting_authorization', 'awaiting_dns')
			   AND renewal_claimed_for IS DISTINCT FROM pending_expires_at
			 RETURNING plan, local_user, renewals`,
			[ job.site, job.expires ?? null, fleet.renewalsMax ]
		);
		if ( claimed === undefined || claimed.local_user === null ) {
			return;
		}
		const plan = claimed.plan ?? this.app.config.defaultPlan;
		await paced( db, WPCOM_PACE, this.intervalMs );
		const res = await attemptProvision( this.app, {
			site: job.site,
			homeUrl: job.site,
			localUser: claimed.local_user,
			plan,
			log: this.app.log,
		} );
		const b = res.body;
		await store.apply( [
			{
				site: job.site,
				kind: 'renew',
				plan,
				localUser: claimed.local_user,
				outcome: String( b.outcome ?? b.error_code ),
				status: res.status,
				forcedRegister: b.forced_register === true,
				nextUrl: typeof b.next_url === 'string' ? b.next_url : '',
				provisionedAt:
					typeof b.provisioned_at === 'string'
						? b.provisioned_at
						: null,
				pendingExpiresAt:
					typeof b.pending_expires_at === 'string'
						? b.pending_expires_at
						: null,
				detail: {
					renewal: claimed.renewals + 1,
					of: fleet.renewalsMax,
					replaces_offer_expiring: job.expires,
				},
				requestId: null,
				at: new Date( this.app.now() ).toISOString(),
			},
		] );
		if ( b.retryable === true && b.answer_unknown !== true ) {
			// Nothing reached WordPress.com: give the claim back for the queue's retry.
			await db.query(
				'UPDATE jsc_sites SET renewal_claimed_for = NULL WHERE site = $1 AND renewal_claimed_for = $2',
				[ job.site, job.expires ?? null ]
			);
			throw new Error( `renewal failed: ${ String( b.error_code ) }` );
		}
	}
}
