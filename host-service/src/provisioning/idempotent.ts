import type { FastifyInstance } from 'fastify';
import { ApiError, hostError } from '../lib/errors.js';
import { sha256Hex } from '../lib/signature.js';
import type { FinishMode, StoredResponse } from '../stores/types.js';
import { siteStatus } from '../wpcom/site-status.js';
import {
	attemptProvision,
	successBody,
	type ProvisionIntent,
} from './attempt.js';

export interface ProvisionResult {
	response: StoredResponse;
	/** answered without a provision call (a replay, or from WordPress.com's status) */
	replayed: boolean;
}

/**
 * After an attempt whose answer never came, WordPress.com's status says whether it acted:
 * a plan pending or active there is the answer (no second provision); null when missing.
 * @param app
 * @param intent
 * @param since  when the first attempt for this intent began
 */
async function answerFromStatus(
	app: FastifyInstance,
	intent: ProvisionIntent,
	since: number
): Promise< StoredResponse | null > {
	const s = await siteStatus( app.wpcom, intent.site, intent.plan );
	intent.log.info(
		{ plan_on_site: s.planOnSite, plan: intent.plan },
		'retry after an unknown answer: WordPress.com status checked first'
	);
	if ( s.planOnSite === 'missing' ) {
		return null;
	}
	// The authorize link of the first answer is lost: the site connects through Jetpack's
	// own flow, which activates the pending plan.
	const outcome =
		s.planOnSite === 'active' ? 'active' : 'awaiting_authorization';
	return {
		status: 200,
		body: successBody(
			{ outcome, nextUrl: '', forcedRegister: false },
			intent.plan,
			since,
			true
		),
	};
}

function finishMode( res: StoredResponse ): FinishMode {
	if ( res.body.answer_unknown === true ) {
		return 'unknown';
	}
	return res.body.retryable === true ? 'forget' : 'done';
}

/**
 * Contract §3 idempotency: one intent (one Idempotency-Key and body) reaches WordPress.com's
 * provision endpoint once. A key in flight is waited for, a finished one replayed, and one
 * whose attempt ended without an answer is checked against WordPress.com's status first.
 * @param app
 * @param intent
 * @param key
 */
export async function provisionIdempotently(
	app: FastifyInstance,
	intent: ProvisionIntent,
	key: string | undefined
): Promise< ProvisionResult > {
	if ( key === undefined ) {
		return {
			response: await attemptProvision( app, intent ),
			replayed: false,
		};
	}
	const store = app.idempotencyStore;
	const fingerprint = sha256Hex(
		JSON.stringify( [
			intent.site,
			intent.homeUrl,
			intent.localUser,
			intent.plan,
		] )
	);
	const begun = await store.begin( intent.site, key, fingerprint );
	switch ( begun.kind ) {
		case 'mismatch':
			throw hostError.idempotencyKeyReused();
		case 'busy':
			throw hostError.rateLimited();
		case 'in_progress':
			// The first attempt with this key is still working on WordPress.com.
			throw hostError.upstreamTimeout();
		case 'replay':
			return {
				response:
					begun.response.status === 200
						? {
								status: 200,
								body: {
									...begun.response.body,
									idempotent_replay: true,
								},
						  }
						: begun.response,
				replayed: true,
			};
	}
	let res: StoredResponse;
	let replayed = false;
	try {
		const recovered =
			begun.recheck === null
				? null
				: await answerFromStatus( app, intent, begun.recheck.since );
		replayed = recovered !== null;
		res = recovered ?? ( await attemptProvision( app, intent ) );
	} catch ( e ) {
		// The status check failed, or something unexpected: still unknown, so checked next time.
		const err = (
			e instanceof ApiError ? e : hostError.internal()
		).withAnswerUnknown();
		const failed = { status: err.status, body: { ...err.toBody() } };
		await store.finish( intent.site, key, begun.owner, failed, 'unknown' );
		if ( e instanceof ApiError ) {
			return { response: failed, replayed: false };
		}
		throw e;
	}
	await store.finish( intent.site, key, begun.owner, res, finishMode( res ) );
	return { response: res, replayed };
}
