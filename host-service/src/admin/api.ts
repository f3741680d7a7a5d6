import type { FastifyInstance } from 'fastify';
import { cancelPlan, fleetOf, provisionFromHost } from '../fleet/actions.js';
import { fleetCounts, listSites } from '../fleet/queries.js';
import { canonicalSiteUrl } from '../lib/canonical.js';
import { hostError } from '../lib/errors.js';
import { readFilter, siteJson } from './filters.js';
import type { AdminRouteOptions } from './pages.js';

const CANCEL_STATUS = {
	cancelled: 200,
	nothing_to_cancel: 200,
	queued: 202,
	failed: 502,
} as const;

const siteBody = {
	type: 'object',
	additionalProperties: false,
	required: [ 'site' ],
	properties: { site: { type: 'string', minLength: 1, maxLength: 2048 } },
} as const;

const provisionBody = {
	type: 'object',
	additionalProperties: false,
	required: [ 'site_url', 'local_user' ],
	properties: {
		site_url: { type: 'string', minLength: 1, maxLength: 2048 },
		local_user: { type: 'string', minLength: 1, maxLength: 60 },
		plan: { type: [ 'string', 'null' ], maxLength: 64 },
	},
} as const;

/**
 * The fleet page's data as JSON for the host's scripts (Authorization: Bearer the admin
 * token): counts, a filtered page of sites, one site with its history, and the actions.
 * @param admin
 * @param o
 */
export default async function apiRoutes(
	admin: FastifyInstance,
	o: AdminRouteOptions
): Promise< void > {
	const { service } = o;
	const siteParam = ( v: unknown ): string => {
		const site = typeof v === 'string' ? canonicalSiteUrl( v ) : null;
		if ( site === null ) {
			throw hostError.invalidRequest( 'site must be a site address' );
		}
		return site;
	};

	admin.get( '/api/v1/fleet', async () => {
		const fleet = fleetOf( service );
		const counts = await fleetCounts( fleet.db, new Date( service.now() ) );
		return {
			counts: counts.byState,
			total: counts.total,
			awaiting_authorization_expiring_within_2_days: counts.expiringSoon,
			failed_by_code: counts.failedByCode,
			failing_checks: counts.failingChecks,
			unwritten_events: fleet.writer.stats(),
		};
	} );

	admin.get( '/api/v1/sites', async ( req ) => {
		const filter = readFilter( req.query as Record< string, unknown > );
		const now = service.now();
		const page = await listSites(
			fleetOf( service ).db,
			filter,
			new Date( now )
		);
		return {
			sites: page.sites.map( ( r ) => siteJson( r, now ) ),
			total: page.total,
			total_capped: page.totalCapped,
			page: filter.page,
			per_page: filter.perPage,
		};
	} );

	admin.get< { Querystring: { url?: string } } >(
		'/api/v1/site',
		async ( req ) => {
			const site = siteParam( req.query.url );
			const fleet = fleetOf( service );
			const row = await fleet.store.get( site );
			return {
				site,
				record: row === null ? null : siteJson( row, service.now() ),
				history: ( await fleet.store.history( site ) ).map( ( h ) => ( {
					...h,
					at: h.at.toISOString(),
				} ) ),
			};
		}
	);

	admin.post< { Body: { site: string } } >(
		'/api/v1/cancel',
		{ schema: { body: siteBody } },
		async ( req, reply ) => {
			const r = await cancelPlan(
				service,
				siteParam( req.body.site ),
				'admin API'
			);
			return reply.code( CANCEL_STATUS[ r.outcome ] ).send( {
				outcome: r.outcome,
				...( 'error' in r ? { error: r.error.toBody() } : {} ),
			} );
		}
	);

	admin.post< { Body: { site: string } } >(
		'/api/v1/recheck',
		{ schema: { body: siteBody } },
		async ( req, reply ) => {
			if ( service.jobs === null ) {
				throw hostError.invalidRequest(
					'background jobs are off on this instance'
				);
			}
			await service.jobs.queueRecheck( siteParam( req.body.site ) );
			return reply.code( 202 ).send( { queued: true } );
		}
	);

	admin.post< {
		Body: { site_url: string; local_user: string; plan?: string | null };
		Headers: { 'idempotency-key'?: string };
	} >(
		'/api/v1/provision',
		{ schema: { body: provisionBody } },
		async ( req, reply ) => {
			const key = req.headers[ 'idempotency-key' ];
			if ( key !== undefined && ! /^[A-Za-z0-9_-]{8,64}$/.test( key ) ) {
				throw hostError.invalidRequest(
					'Idempotency-Key must be 8-64 characters of [A-Za-z0-9_-]'
				);
			}
			const r = await provisionFromHost( service, {
				siteUrl: req.body.site_url,
				localUser: req.body.local_user,
				plan: req.body.plan ?? null,
				...( key === undefined ? {} : { idempotencyKey: key } ),
				by: 'admin API',
			} );
			const { next_url: _link, ...answer } = r.response.body;
			return reply
				.code( r.response.status )
				.send( { site: r.site, ...answer } );
		}
	);
}
