import type { FastifyInstance } from 'fastify';
import { isUnavailable } from '../../db/index.js';
import { effectiveState } from '../../fleet/state.js';
import type { SiteRow } from '../../fleet/types.js';
import { hostError } from '../../lib/errors.js';
import { isAllowedLink, siteOrigins } from '../../lib/links.js';
import { sendAnswer } from '../../plugins/app/errors.js';
import { siteSchema } from '../../schemas/fleet.js';

const iso = ( d: Date | null ): string | null =>
	d === null ? null : d.toISOString();

/**
 * Contract §10: the service's record of the signing site, so the plugin picks up what the
 * host did from its side (a plan it provisioned, renewed or cancelled). `next_url` passes
 * the link rule (§7) for the state it is relayed with, or is "".
 * @param app
 */
export default async function siteRoutes(
	app: FastifyInstance
): Promise< void > {
	app.get(
		'/v1/site',
		{ schema: siteSchema, preValidation: app.verifySigned },
		async ( req, reply ) => {
			const site = req.jscSite;
			if ( site === undefined ) {
				throw hostError.internal();
			}
			let row: SiteRow | null = null;
			if ( app.fleet !== null ) {
				try {
					row = await app.fleet.store.get( site );
				} catch ( e ) {
					if ( isUnavailable( e ) ) {
						throw hostError.databaseUnavailable();
					}
					throw e;
				}
			}
			const state =
				row === null
					? 'not_requested'
					: effectiveState( row, app.now() );
			let link = '';
			if ( row !== null && row.next_url !== '' ) {
				const allowed =
					state === 'active'
						? siteOrigins( site )
						: app.config.authorizeOrigins;
				if (
					( state === 'active' ||
						state === 'awaiting_authorization' ) &&
					isAllowedLink( row.next_url, allowed )
				) {
					link = row.next_url;
				}
			}
			return sendAnswer( req, reply, 200, {
				site,
				known: row !== null,
				state,
				plan: row?.plan ?? null,
				next_url: link,
				provisioned_by: row?.provisioned_by ?? null,
				provisioned_at: iso( row?.provisioned_at ?? null ),
				pending_expires_at: iso( row?.pending_expires_at ?? null ),
				cancelled_at: iso( row?.cancelled_at ?? null ),
				renewals: row?.renewals ?? 0,
				updated_at: iso( row?.last_event_at ?? null ),
			} );
		}
	);
}
