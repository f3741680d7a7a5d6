import type { FastifyInstance } from 'fastify';
import { canonicalSiteUrl } from '../lib/canonical.js';
import { ApiError, hostError } from '../lib/errors.js';
import { provisionAnswer, type SiteEvent } from '../plugins/app/site-events.js';
import { provisionIdempotently } from '../provisioning/idempotent.js';
import type { StoredResponse } from '../stores/types.js';
import type { Fleet } from '../plugins/app/database.js';

/**
 * What a host does from its side (the fleet page and API): cancel a site's plan when its
 * hosting ends, provision a site at signup. Both are recorded like every other step, so the
 * site picks them up through `GET /v1/site` (contract §10).
 */

export type CancelResult =
	| { outcome: 'cancelled' | 'nothing_to_cancel' }
	/** WordPress.com did not answer: the cancel job retries with back-off */
	| { outcome: 'queued'; error: ApiError }
	| { outcome: 'failed'; error: ApiError };

export function fleetOf( app: FastifyInstance ): Fleet {
	if ( app.fleet === null ) {
		throw hostError.internal();
	}
	return app.fleet;
}

/**
 * One partner-cancel of the site's plan, recorded. `retrying` is set by the cancel job:
 * a retryable failure is then thrown for the queue to retry instead of queued again.
 * @param app
 * @param site
 * @param by
 * @param retrying
 */
export async function cancelPlan(
	app: FastifyInstance,
	site: string,
	by: string,
	retrying = false
): Promise< CancelResult > {
	const fleet = fleetOf( app );
	const row = await fleet.store.get( site );
	const plan = row?.plan ?? app.config.defaultPlan;
	const event = {
		site,
		kind: 'cancel',
		plan,
		requestId: null,
		detail: { by },
	} as const;
	let result: CancelResult;
	try {
		const cancelled = await app.wpcom.cancel( site, plan );
		result = { outcome: cancelled ? 'cancelled' : 'nothing_to_cancel' };
		await fleet.store.apply( [
			{
				...event,
				outcome: result.outcome,
				status: 200,
				at: new Date( app.now() ).toISOString(),
			},
		] );
		return result;
	} catch ( e ) {
		if ( ! ( e instanceof ApiError ) ) {
			throw e;
		}
		await fleet.store.apply( [
			{
				...event,
				outcome: e.code,
				status: e.status,
				detail: { by, message: e.message },
				at: new Date( app.now() ).toISOString(),
			},
		] );
		if ( ! e.retryable ) {
			return { outcome: 'failed', error: e };
		}
		if ( retrying || app.jobs === null ) {
			throw e;
		}
		await app.jobs.queueCancel( site, by );
		return { outcome: 'queued', error: e };
	}
}

export interface HostProvisionRequest {
	siteUrl: string;
	localUser: string;
	plan: string | null;
	/** the form's or the API caller's key: a second submit replays the first answer */
	idempotencyKey?: string;
	by: string;
}

/**
 * Provisions a site from the host's side (site URL and local user, as at signup), through
 * the same idempotent attempt as a site's own request.
 * @param app
 * @param r
 */
export async function provisionFromHost(
	app: FastifyInstance,
	r: HostProvisionRequest
): Promise< { site: string; plan: string; response: StoredResponse } > {
	const fleet = fleetOf( app );
	const site = canonicalSiteUrl( r.siteUrl.trim() );
	if ( site === null ) {
		throw hostError.invalidRequest(
			'The site URL is not one the contract accepts (http(s), a DNS name or IPv4 address, no query).'
		);
	}
	const localUser = r.localUser.trim();
	if ( localUser === '' || localUser.length > 60 ) {
		throw hostError.invalidRequest(
			'The local user must be a WordPress login of 1 to 60 characters.'
		);
	}
	const decision = await app.planPolicy( r.plan, { site, localUser } );
	if ( ! decision.ok ) {
		throw hostError.planNotAllowed( decision.reason );
	}
	const { response, replayed } = await provisionIdempotently(
		app,
		{ site, homeUrl: site, localUser, plan: decision.plan, log: app.log },
		r.idempotencyKey
	);
	const event: SiteEvent = {
		site,
		kind: 'host_provision',
		plan: decision.plan,
		localUser,
		...provisionAnswer( response ),
		replayed,
		detail: { by: r.by },
		requestId: null,
		at: new Date( app.now() ).toISOString(),
	};
	await fleet.store.apply( [ event ] );
	return { site, plan: decision.plan, response };
}
