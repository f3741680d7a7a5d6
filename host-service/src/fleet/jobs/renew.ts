import type { FastifyInstance } from 'fastify';
import { provisionAnswer } from '../../plugins/app/site-events.js';
import { attemptProvision } from '../../provisioning/attempt.js';
import { fleetOf } from '../actions.js';
import { paced, WPCOM_PACE } from './limiter.js';

/**
 * One renewal of a pending offer the host's policy renews: provisions again once per offer
 * (whoever claims this offer's renewal first makes it), so an owner who comes back after the
 * 14 days still finds a live offer. When nothing reached WordPress.com, the claim is given
 * back and the job throws for the queue's retry.
 * @param app
 * @param job
 * @param job.site
 * @param job.expires the offer this renewal is for (its pending_expires_at, ISO)
 * @param intervalMs  the pace of calls to WordPress.com
 */
export async function renewOffer(
	app: FastifyInstance,
	job: { site: string; expires?: string },
	intervalMs: number
): Promise< void > {
	const { store, db } = fleetOf( app );
	const fleet = app.config.fleet;
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
	const plan = claimed.plan ?? app.config.defaultPlan;
	await paced( db, WPCOM_PACE, intervalMs );
	const res = await attemptProvision( app, {
		site: job.site,
		homeUrl: job.site,
		localUser: claimed.local_user,
		plan,
		log: app.log,
	} );
	const b = res.body;
	await store.apply( [
		{
			site: job.site,
			kind: 'renew',
			plan,
			localUser: claimed.local_user,
			...provisionAnswer( res ),
			detail: {
				renewal: claimed.renewals + 1,
				of: fleet.renewalsMax,
				replaces_offer_expiring: job.expires,
			},
			requestId: null,
			at: new Date( app.now() ).toISOString(),
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
