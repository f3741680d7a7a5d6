import type { FastifyInstance } from 'fastify';
import { canonicalSiteUrl, isHttpUrl } from '../../lib/canonical.js';
import { hostError } from '../../lib/errors.js';
import { sendAnswer } from '../../plugins/app/errors.js';
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
				outcome: String( b.outcome ?? b.error_code ),
				status: response.status,
				forcedRegister: b.forced_register === true,
				replayed,
				pendingExpiresAt:
					typeof b.pending_expires_at === 'string'
						? b.pending_expires_at
						: null,
				provisionedAt:
					typeof b.provisioned_at === 'string'
						? b.provisioned_at
						: null,
				nextUrl: typeof b.next_url === 'string' ? b.next_url : '',
				requestId: req.id,
				at: new Date( app.now() ).toISOString(),
			} );
			return sendAnswer( req, reply, response.status, b );
		}
	);
}
