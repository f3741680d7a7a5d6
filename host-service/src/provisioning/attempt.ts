import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import { ApiError } from '../lib/errors.js';
import { isAllowedLink, linkOrigin, siteOrigins } from '../lib/links.js';
import type { StoredResponse } from '../stores/types.js';
import type { ProvisionOutcome } from '../wpcom/client.js';

export const PENDING_MS = 14 * 24 * 3600 * 1000;

/** One signed provision request, once verified and past the plan policy. */
export interface ProvisionIntent {
	site: string;
	homeUrl: string;
	localUser: string;
	plan: string;
	log: FastifyBaseLogger;
}

/**
 * The success answer of contract §3.
 * @param o
 * @param plan
 * @param provisionedAt
 * @param replay
 */
export function successBody(
	o: Pick< ProvisionOutcome, 'outcome' | 'nextUrl' | 'forcedRegister' >,
	plan: string,
	provisionedAt: number,
	replay = false
): Record< string, unknown > {
	return {
		outcome: o.outcome,
		auth_required: o.outcome !== 'active',
		next_url: o.nextUrl,
		plan,
		provisioned_at: new Date( provisionedAt ).toISOString(),
		pending_expires_at:
			o.outcome === 'active'
				? null
				: new Date( provisionedAt + PENDING_MS ).toISOString(),
		forced_register: o.forcedRegister,
		idempotent_replay: replay,
	};
}

/**
 * Contract §7 on WordPress.com's `next_url` before it is relayed: an authorize link (case B)
 * only to JSC_AUTHORIZE_ORIGINS, a sign-on link (case A) only into the site itself. A link
 * that fails becomes "" and is logged (by origin only: the URL may carry a token).
 * @param app
 * @param intent
 * @param o
 */
function relayableLink(
	app: FastifyInstance,
	intent: ProvisionIntent,
	o: ProvisionOutcome
): string {
	if ( o.nextUrl === '' ) {
		return '';
	}
	const allowed =
		o.outcome === 'active'
			? siteOrigins( intent.site, intent.homeUrl )
			: app.config.authorizeOrigins;
	if ( isAllowedLink( o.nextUrl, allowed ) ) {
		return o.nextUrl;
	}
	intent.log.warn(
		{
			outcome: o.outcome,
			next_url_origin: linkOrigin( o.nextUrl ) ?? '(fails the link rule)',
			allowed_origins: allowed,
		},
		'next_url from WordPress.com refused by the link rule (contract §7); relayed as ""'
	);
	return '';
}

/**
 * One call to WordPress.com's provision endpoint, as the answer the site gets. Failures
 * WordPress.com or the transport produce are answers too (ApiError bodies).
 * @param app
 * @param intent
 */
export async function attemptProvision(
	app: FastifyInstance,
	intent: ProvisionIntent
): Promise< StoredResponse > {
	try {
		const o = await app.wpcom.provision( {
			siteurl: intent.site,
			localUser: intent.localUser,
			plan: intent.plan,
		} );
		intent.log.info(
			{
				outcome: o.outcome,
				forced_register: o.forcedRegister,
				plan: intent.plan,
			},
			'provisioned'
		);
		return {
			status: 200,
			body: successBody(
				{ ...o, nextUrl: relayableLink( app, intent, o ) },
				intent.plan,
				app.now()
			),
		};
	} catch ( e ) {
		if ( ! ( e instanceof ApiError ) ) {
			throw e;
		}
		intent.log.warn(
			{
				error_code: e.code,
				source: e.source,
				answer_unknown: e.answerUnknown,
			},
			'provision failed'
		);
		return { status: e.status, body: { ...e.toBody() } };
	}
}
