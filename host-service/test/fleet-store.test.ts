import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { migrate } from '../src/db/migrate.js';
import { recountFleet } from '../src/fleet/counters.js';
import {
	fleetCounts,
	listSites,
	type ListFilter,
} from '../src/fleet/queries.js';
import { SiteStore } from '../src/fleet/store.js';
import type { SiteEvent } from '../src/plugins/app/site-events.js';
import { backends, useDatabase } from './databases.js';
import { report } from './fleet-stack.js';

const DAY = 24 * 3600_000;
const T0 = Date.parse( '2026-11-27T10:00:00.000Z' );
const policy = {
	recheckIntervalMs: 6 * 3600_000,
	renewalsMax: 1,
	renewBeforeMs: 2 * DAY,
};

const provision = (
	site: string,
	outcome: string,
	at: number,
	extra: Partial< SiteEvent > = {}
): SiteEvent => ( {
	site,
	kind: 'provision',
	plan: 'jetpack-backup-daily',
	localUser: 'admin',
	outcome,
	status: outcome.startsWith( 'a' ) && ! outcome.includes( '_' ) ? 200 : 200,
	nextUrl:
		outcome === 'awaiting_authorization'
			? 'https://jetpack.wordpress.com/jetpack.authorize/1/?x=1'
			: '',
	provisionedAt: new Date( at ).toISOString(),
	pendingExpiresAt:
		outcome === 'active' ? null : new Date( at + 14 * DAY ).toISOString(),
	requestId: 'req-000000000001',
	at: new Date( at ).toISOString(),
	...extra,
} );

for ( const backend of backends ) {
	describe(
		`fleet records on ${ backend.name }`,
		{ skip: backend.skip },
		() => {
			const used = useDatabase( backend.name );

			it( 'migrations run once, also when two instances start together', async () => {
				const db = used.db();
				const again = await Promise.all( [
					migrate( db ),
					migrate( db ),
				] );
				assert.deepEqual( again, [ [], [] ] );
				const rows = await db.query(
					'SELECT version FROM jsc_schema_migrations'
				);
				assert.equal( rows.length, 1 );
			} );

			it( 'every state the fleet page counts, from the steps that lead to it', async () => {
				const store = new SiteStore( used.db(), policy );
				const s = ( n: string ): string =>
					`https://s${ n }.counts.example`;
				await store.apply( [
					provision( s( '1' ), 'active', T0 ),
					provision( s( '2' ), 'awaiting_authorization', T0 ),
					provision( s( '3' ), 'awaiting_dns', T0 ),
					// an offer from 15 days ago: expired on read, without any job having run
					provision(
						s( '4' ),
						'awaiting_authorization',
						T0 - 15 * DAY
					),
					provision( s( '5' ), 'invalid_siteurl', T0, {
						status: 400,
					} ),
					provision( s( '6' ), 'awaiting_authorization', T0 ),
					{
						site: s( '6' ),
						kind: 'report',
						plan: null,
						outcome: 'reported',
						status: 202,
						report: report( s( '6' ), 'connected_no_owner', [
							{
								id: 'xmlrpc',
								status: 'fail',
								code: 'xmlrpc_blocked',
							},
							{ id: 'https', status: 'pass' },
						] ),
						requestId: null,
						at: new Date( T0 + 1000 ).toISOString(),
					},
					provision( s( '7' ), 'active', T0 ),
					{
						site: s( '7' ),
						kind: 'cancel',
						plan: 'jetpack-backup-daily',
						outcome: 'cancelled',
						status: 200,
						requestId: null,
						at: new Date( T0 + 2000 ).toISOString(),
					},
				] );
				const c = await fleetCounts(
					used.db(),
					new Date( T0 + 3 * DAY )
				);
				assert.equal( c.byState.active, 1 );
				assert.equal( c.byState.awaiting_authorization, 1 );
				assert.equal( c.byState.awaiting_dns, 1 );
				assert.equal( c.byState.expired, 1 );
				assert.equal( c.byState.failed, 1 );
				assert.equal( c.byState.orphaned, 1 );
				assert.equal( c.byState.cancelled, 1 );
				assert.deepEqual( c.failedByCode, [
					{ code: 'invalid_siteurl', sites: 1 },
				] );
				assert.deepEqual( c.failingChecks, [
					{ check: 'xmlrpc', sites: 1 },
				] );
				assert.equal( c.total, 7 );
				assert.equal( c.expiringSoon, 0 );
				// Seen 12.5 days later, the offer from T0 expires within two days; the counters
				// followed every change (the orphaned and cancelled sites moved out of their states).
				const later = await fleetCounts(
					used.db(),
					new Date( T0 + 12.5 * DAY )
				);
				assert.equal( later.expiringSoon, 1 );
				assert.equal( later.byState.awaiting_authorization, 1 );
				assert.equal( later.byState.orphaned, 1 );
				// What the triggers kept is what a fresh count finds (bulk imports use the count).
				await recountFleet( used.db() );
				assert.deepEqual(
					await fleetCounts( used.db(), new Date( T0 + 3 * DAY ) ),
					c
				);

				const listed = async (
					filter: Partial< ListFilter >,
					at: number
				) =>
					(
						await listSites(
							used.db(),
							{ page: 1, perPage: 50, ...filter },
							new Date( at )
						)
					).sites.map( ( r ) => r.site );
				assert.deepEqual(
					await listed( { state: 'expired' }, T0 + 3 * DAY ),
					[ s( '4' ) ]
				);
				assert.deepEqual( await listed( { check: 'xmlrpc' }, T0 ), [
					s( '6' ),
				] );
				assert.deepEqual( await listed( { q: 's3.counts' }, T0 ), [
					s( '3' ),
				] );
				// % and _ are text in a search, not wildcards
				assert.deepEqual( await listed( { q: '%' }, T0 ), [] );
			} );

			it( 'a failure never hides a plan that still works; a cancel is lifted only by a new provision', async () => {
				const store = new SiteStore( used.db(), policy );
				const site = 'https://keep.rules.example';
				await store.apply( [
					provision( site, 'awaiting_authorization', T0 ),
					provision( site, 'host_upstream_unavailable', T0 + 1000, {
						status: 502,
					} ),
				] );
				let row = await store.get( site );
				assert.equal( row?.state, 'awaiting_authorization' );
				assert.equal( row?.error_code, 'host_upstream_unavailable' );
				assert.equal(
					row?.next_url,
					'https://jetpack.wordpress.com/jetpack.authorize/1/?x=1'
				);
				await store.apply( [
					{
						site,
						kind: 'cancel',
						plan: 'jetpack-backup-daily',
						outcome: 'cancelled',
						status: 200,
						requestId: null,
						at: new Date( T0 + 2000 ).toISOString(),
					},
					{
						site,
						kind: 'report',
						plan: null,
						outcome: 'reported',
						status: 202,
						report: report( site, 'active' ),
						requestId: null,
						at: new Date( T0 + 3000 ).toISOString(),
					},
				] );
				row = await store.get( site );
				assert.equal( row?.state, 'cancelled' );
				assert.equal( row?.next_url, '' );
				await store.apply( [ provision( site, 'active', T0 + 4000 ) ] );
				row = await store.get( site );
				assert.equal( row?.state, 'active' );
				assert.equal( row?.cancelled_at, null );
				// A step older than the newest applied joins the history only.
				await store.apply( [
					provision( site, 'invalid_plan', T0, { status: 400 } ),
				] );
				row = await store.get( site );
				assert.equal( row?.state, 'active' );
				const history = await store.history( site );
				assert.deepEqual(
					history.map( ( h ) => h.outcome ),
					[
						'invalid_plan',
						'active',
						'reported',
						'cancelled',
						'host_upstream_unavailable',
						'awaiting_authorization',
					]
				);
				assert.equal( history[ 5 ]?.detail.has_link, true );
				assert.ok(
					! JSON.stringify( history ).includes( 'jetpack.authorize' )
				);
			} );
		}
	);
}
