import type { FastifyInstance } from 'fastify';
import { canonicalSiteUrl } from '../../lib/canonical.js';
import { hostError } from '../../lib/errors.js';
import { sendAnswer } from '../../plugins/app/errors.js';
import type { SiteReport } from '../../fleet/types.js';
import { reportSchema } from '../../schemas/fleet.js';

/**
 * Contract §9: a site reports its Jetpack state, its provisioning state and its preflight
 * checks, daily and when they change, so the host sees causes across the fleet. Accepted
 * into the writer's queue (202): a database that is briefly away delays it, never loses it.
 * @param app
 */
export default async function reportRoutes(
	app: FastifyInstance
): Promise< void > {
	app.post< { Body: SiteReport } >(
		'/v1/report',
		{ schema: reportSchema, preValidation: app.verifySigned },
		async ( req, reply ) => {
			const site = req.jscSite;
			if ( site === undefined ) {
				throw hostError.internal();
			}
			if ( canonicalSiteUrl( req.body.siteurl ) !== site ) {
				throw hostError.siteMismatch();
			}
			app.siteEvents.record( {
				site,
				kind: 'report',
				plan: req.body.provisioning.plan,
				outcome: 'reported',
				status: 202,
				report: req.body,
				requestId: req.id,
				at: new Date( app.now() ).toISOString(),
			} );
			return sendAnswer( req, reply, 202, { accepted: true } );
		}
	);
}
