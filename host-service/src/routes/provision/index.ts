import type { FastifyInstance } from 'fastify';
import { canonicalSiteUrl, isHttpUrl } from '../../lib/canonical.js';
import { hostError } from '../../lib/errors.js';
import { sendAnswer } from '../../plugins/app/errors.js';
import { provisionAnswer } from '../../plugins/app/site-events.js';
import { provisionIdempotently } from '../../provisioning/idempotent.js';
import {
	provisionSchema,
	type ProvisionBody,
} from '../../schemas/provision.js';

/**
 * Contract §3: `POST /v1/provision`, signed; one intent reaches WordPress.com once.
 * @param app
 */
export default async function provisionRoutes(
	app: FastifyInstance
): Promise< void > {
	app.post< {
		Body: ProvisionBody;
		Headers: { 'idempotency-key'?: string };
	} >(
		'/v1/provision',
		{ schema: provisionSchema, preValidation: app.verifySigned },
		async ( req, reply ) => {
			const site = req.jscSite;
			if ( site === undefined ) {
				throw hostError.internal();
			}
			const body = req.body;
			if ( canonicalSiteUrl( body.siteurl ) !== site ) {
				throw hostError.siteMismatch();
			}
			if ( ! isHttpUrl( body.home_url ) ) {
				throw hostError.invalidRequest(
					'home_url must be an http(s) URL.'
				);
			}
			const decision = await app.planPolicy( body.plan ?? null, {
				site,
				localUser: body.local_user,
			} );
			if ( ! decision.ok ) {
				throw hostError.planNotAllowed( decision.reason );
			}
			const { response, replayed } = await provisionIdempotently(
				app,
				{
					site,
					homeUrl: body.home_url,
					localUser: body.local_user,
					plan: decision.plan,
					log: req.log,
				},
				req.headers[ 'idempotency-key' ]
			);
			const b = response.body;
			app.siteEvents.record( {
				site,
				kind: 'provision',
				plan: decision.plan,
				localUser: body.local_user,
				...provisionAnswer( response ),
				replayed,
				requestId: req.id,
				at: new Date( app.now() ).toISOString(),
			} );
			return sendAnswer( req, reply, response.status, b );
		}
	);
}
