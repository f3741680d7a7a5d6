import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { cancelPlan, fleetOf, provisionFromHost } from '../fleet/actions.js';
import { eachSite, fleetCounts, listSites } from '../fleet/queries.js';
import { canonicalSiteUrl } from '../lib/canonical.js';
import { ApiError, hostError } from '../lib/errors.js';
import type { AdminAuth } from './auth.js';
import { CSV_COLUMNS, csvRow } from './csv.js';
import { readFilter } from './filters.js';
import { fleetPage } from './views/fleet-page.js';
import { layout } from './views/layout.js';
import { loginPage, sitePage } from './views/site-page.js';
import { FLEET_CSS } from './views/styles.js';
import type { SafeHtml } from './views/html.js';

export interface AdminRouteOptions {
	service: FastifyInstance;
	auth: AdminAuth;
}

/** What a finished action says on the next page (a fixed list: nothing from the request). */
const NOTICES: Record< string, { text: string; kind: 'success' | 'error' } > = {
	cancelled: {
		text: 'The plan was cancelled on WordPress.com.',
		kind: 'success',
	},
	nothing_to_cancel: {
		text: 'WordPress.com had no such plan on this site: nothing to cancel. The site is marked cancelled.',
		kind: 'success',
	},
	cancel_queued: {
		text: 'WordPress.com did not answer. The cancel will be retried; its steps appear in the history.',
		kind: 'error',
	},
	cancel_failed: {
		text: 'WordPress.com refused the cancel; see the history.',
		kind: 'error',
	},
	provisioned: {
		text: 'WordPress.com answered the provision; the state below is what it said.',
		kind: 'success',
	},
	provision_failed: {
		text: 'The provision failed; the history says why.',
		kind: 'error',
	},
	provision_invalid: {
		text: 'That site address or login is not one the service accepts (an http or https address, a login of 1 to 60 characters).',
		kind: 'error',
	},
	recheck_queued: {
		text: 'A check with WordPress.com is queued.',
		kind: 'success',
	},
};

/**
 * The fleet page: counts, filters, the table, one site's page, CSV, and the host's actions
 * as plain forms (POST, then a redirect to a page that says what happened).
 * @param admin
 * @param o
 */
export default async function pageRoutes(
	admin: FastifyInstance,
	o: AdminRouteOptions
): Promise< void > {
	const { service, auth } = o;
	const send = (
		reply: FastifyReply,
		title: string,
		body: SafeHtml,
		req: FastifyRequest,
		status = 200
	) => {
		const who = auth.who( req );
		const done = ( req.query as Record< string, unknown > ).done;
		return reply
			.code( status )
			.type( 'text/html; charset=utf-8' )
			.send(
				layout( {
					title,
					body,
					notice:
						typeof done === 'string'
							? NOTICES[ done ] ?? null
							: null,
					signedIn:
						who?.via === 'session' ? { csrf: who.csrf } : null,
				} ).value
			);
	};

	admin.get( '/', async ( _req, reply ) => reply.redirect( '/fleet', 303 ) );
	admin.get( '/fleet/fleet.css', async ( _req, reply ) =>
		reply
			.type( 'text/css; charset=utf-8' )
			.header( 'cache-control', 'max-age=300' )
			.send( FLEET_CSS )
	);

	admin.get( '/login', async ( req, reply ) =>
		send( reply, 'Sign in', loginPage( false ), req )
	);
	admin.post< { Body: { token?: string } } >(
		'/login',
		async ( req, reply ) => {
			if (
				typeof req.body?.token === 'string' &&
				auth.tokenMatches( req.body.token )
			) {
				auth.setSession( reply, req.protocol === 'https' );
				return reply.redirect( '/fleet', 303 );
			}
			return send( reply, 'Sign in', loginPage( true ), req, 401 );
		}
	);
	admin.post( '/logout', async ( _req, reply ) => {
		auth.clearSession( reply );
		return reply.redirect( '/login', 303 );
	} );

	admin.get( '/fleet', async ( req, reply ) => {
		const fleet = fleetOf( service );
		const filter = readFilter( req.query as Record< string, unknown > );
		const now = service.now();
		const [ counts, page ] = [
			await fleetCounts( fleet.db, new Date( now ) ),
			await listSites( fleet.db, filter, new Date( now ) ),
		];
		const who = auth.who( req );
		const c = service.config;
		const stats = fleet.writer.stats();
		return send(
			reply,
			'All sites',
			fleetPage( {
				counts,
				page,
				filter,
				now,
				plans: [ ...new Set( [ c.defaultPlan, ...c.allowedPlans ] ) ],
				csrf: who?.via === 'session' ? who.csrf : '',
				formKey: randomBytes( 16 ).toString( 'hex' ),
				unwritten: stats.queued + stats.spilled,
			} ),
			req
		);
	} );

	admin.get< { Querystring: { url?: string } } >(
		'/fleet/site',
		async ( req, reply ) => {
			const site = canonicalSiteUrl( req.query.url ?? '' );
			if ( site === null ) {
				throw hostError.invalidRequest( 'url must be a site address' );
			}
			const fleet = fleetOf( service );
			const who = auth.who( req );
			return send(
				reply,
				site,
				sitePage( {
					site,
					row: await fleet.store.get( site ),
					history: await fleet.store.history( site ),
					now: service.now(),
					csrf: who?.via === 'session' ? who.csrf : '',
					jobs: service.jobs !== null,
				} ),
				req
			);
		}
	);

	admin.get( '/fleet/sites.csv', async ( req, reply ) => {
		const {
			page: _p,
			perPage: _pp,
			...filter
		} = readFilter( req.query as Record< string, unknown > );
		const now = service.now();
		const lines: string[] = [ CSV_COLUMNS.join( ',' ) ];
		await eachSite(
			fleetOf( service ).db,
			filter,
			new Date( now ),
			( rows ) => {
				for ( const r of rows ) {
					lines.push( csvRow( r, now ) );
				}
			}
		);
		return reply
			.type( 'text/csv; charset=utf-8' )
			.header(
				'content-disposition',
				'attachment; filename="jetpack-sites.csv"'
			)
			.send( lines.join( '\r\n' ) + '\r\n' );
	} );

	const siteOf = ( body: unknown ): string => {
		const url = ( body as Record< string, unknown > | null )?.url;
		const site = typeof url === 'string' ? canonicalSiteUrl( url ) : null;
		if ( site === null ) {
			throw hostError.invalidRequest( 'url must be a site address' );
		}
		return site;
	};
	const back = ( site: string, done: string ): string =>
		`/fleet/site?${ new URLSearchParams( {
			url: site,
			done,
		} ).toString() }`;

	admin.post( '/fleet/cancel', async ( req, reply ) => {
		const site = siteOf( req.body );
		const r = await cancelPlan( service, site, 'fleet page' );
		const done = {
			cancelled: 'cancelled',
			nothing_to_cancel: 'nothing_to_cancel',
			queued: 'cancel_queued',
			failed: 'cancel_failed',
		}[ r.outcome ];
		return reply.redirect( back( site, done ), 303 );
	} );

	admin.post( '/fleet/recheck', async ( req, reply ) => {
		const site = siteOf( req.body );
		await service.jobs?.queueRecheck( site );
		return reply.redirect( back( site, 'recheck_queued' ), 303 );
	} );

	admin.post< { Body: Record< string, string > } >(
		'/fleet/provision',
		async ( req, reply ) => {
			const b = req.body ?? {};
			try {
				const r = await provisionFromHost( service, {
					siteUrl: b.site_url ?? '',
					localUser: b.local_user ?? '',
					plan: b.plan === undefined || b.plan === '' ? null : b.plan,
					...( /^[A-Za-z0-9_-]{8,64}$/.test( b.idempotency_key ?? '' )
						? { idempotencyKey: b.idempotency_key }
						: {} ),
					by: 'fleet page',
				} );
				return reply.redirect(
					back(
						r.site,
						r.response.status === 200
							? 'provisioned'
							: 'provision_failed'
					),
					303
				);
			} catch ( e ) {
				if ( e instanceof ApiError && e.status < 500 ) {
					return reply.redirect(
						'/fleet?done=provision_invalid',
						303
					);
				}
				throw e;
			}
		}
	);
}
