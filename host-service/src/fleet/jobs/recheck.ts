import type { FastifyInstance } from 'fastify';
import { ApiError } from '../../lib/errors.js';
import { siteStatus } from '../../wpcom/site-status.js';
import { fleetOf } from '../actions.js';
import { renewalDue } from '../schedule.js';
import { paced, WPCOM_PACE } from './limiter.js';

/** How long a re-check holds its site (a job that died gives it up after this). */
const CHECK_LEASE_MS = 15 * 60_000;

/**
 * One re-check of a pending site: asks WordPress.com's v1.4 status (at the shared pace) and
 * records the answer (activated, still pending, or expired). Once per due check: a sweep on
 * another instance may have queued the site again while this ran, so the check claims the
 * site first; a retryable failure gives the claim back and throws for the queue's retry.
 * @param app
 * @param site
 * @param intervalMs the pace of calls to WordPress.com
 * @return the expiry (ISO) of the offer the host's policy renews now, or null
 */
export async function recheckSite(
	app: FastifyInstance,
	site: string,
	intervalMs: number
): Promise< string | null > {
	const { store, db } = fleetOf( app );
	const now = app.now();
	// Once per due check: a sweep on another instance may have queued the site again
	// while this ran. The claim moves the next check past a lease; a failure gives it back.
	const [ row ] = await db.query< { plan: string | null } >(
		`UPDATE jsc_sites SET next_check_at = $3
		 WHERE site = $1 AND next_check_at <= $2
		   AND state IN ('awaiting_authorization', 'awaiting_dns')
		 RETURNING plan`,
		[ site, new Date( now ), new Date( now + CHECK_LEASE_MS ) ]
	);
	if ( row === undefined ) {
		return null; // checked already, activated, cancelled or forgotten since it was queued
	}
	const giveBack = () =>
		db.query( 'UPDATE jsc_sites SET next_check_at = $2 WHERE site = $1', [
			site,
			new Date( now ),
		] );
	const plan = row.plan ?? app.config.defaultPlan;
	await paced( db, WPCOM_PACE, intervalMs );
	const base = {
		site,
		kind: 'recheck' as const,
		plan,
		requestId: null,
	};
	try {
		const s = await siteStatus( app.wpcom, site, plan );
		await store.apply( [
			{
				...base,
				outcome: s.planOnSite,
				status: 200,
				detail: { connected: s.connected },
				at: new Date( app.now() ).toISOString(),
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
				at: new Date( app.now() ).toISOString(),
			},
		] );
		if ( e.retryable ) {
			await giveBack();
			throw e;
		}
		return null;
	}
	const after = await store.get( site );
	return after !== null &&
		after.pending_expires_at !== null &&
		renewalDue( after, app.now(), app.config.fleet )
		? after.pending_expires_at.toISOString()
		: null;
}
