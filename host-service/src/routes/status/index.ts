import type { FastifyInstance } from 'fastify';
import { ApiError, hostError } from '../../lib/errors.js';
import { sendAnswer } from '../../plugins/app/errors.js';
import { statusSchema, type StatusQuery } from '../../schemas/status.js';
import { siteStatus } from '../../wpcom/site-status.js';

/**
 * Contract §4: what WordPress.com's v1.4 status says of the plan on this site, in the
 * site's terms (no WordPress.com shape or product slug reaches the plugin).
 * @param app
 */
export default async function statusRoutes(
	app: FastifyInstance
): Promise< void > {
	app.get< { Querystring: StatusQuery } >(
		'/v1/status',
		{ schema: statusSchema, preValidation: app.verifySigned },
		async ( req, reply ) => {
			const site = req.jscSite;
			if ( site === undefined ) {
				throw hostError.internal();
			}
			const decision = await app.planPolicy( req.query.plan ?? null, {
				site,
				localUser: '',
			} );
			if ( ! decision.ok ) {
				throw hostError.planNotAllowed( decision.reason );
			}
			const event = {
				site,
				kind: 'status' as const,
				plan: decision.plan,
				requestId: req.id,
				at: new Date( app.now() ).toISOString(),
			};
			try {
				const s = await siteStatus( app.wpcom, site, decision.plan );
				app.siteEvents.record( {
					...event,
					outcome: s.planOnSite,
					status: 200,
				} );
				return sendAnswer( req, reply, 200, {
					plan: decision.plan,
					plan_on_site: s.planOnSite,
					connected: s.connected,
					checked_at: new Date( app.now() ).toISOString(),
				} );
			} catch ( e ) {
				if ( e instanceof ApiError ) {
					app.siteEvents.record( {
						...event,
						outcome: e.code,
						status: e.status,
					} );
				}
				throw e;
			}
		}
	);
}
