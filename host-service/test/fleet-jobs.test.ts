import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Simulator } from '../../tests/wpcom-simulator/src/simulator.js';
import { backends, useDatabase } from './databases.js';
import {
	approve,
	startFleetStack,
	waitFor,
	type FleetStack,
} from './fleet-stack.js';
import { call, callProvision } from './helpers.js';

const HOUR = 3600_000;
const DAY = 24 * HOUR;

const statusCalls = ( sim: Simulator, site?: string ) =>
	sim
		.calls()
		.filter(
			( c ) =>
				c.path.startsWith( '/rest/v1.4/jpphp/' ) &&
				( site === undefined ||
					c.path.includes( site.replace( /^https?:\/\//, '' ) ) )
		);

for ( const backend of backends ) {
	describe(
		`background jobs on ${ backend.name }`,
		{ skip: backend.skip },
		() => {
			const used = useDatabase( backend.name );

			it( 'pending sites are re-checked: activated, renewed once before day 14, expired; every step recorded', async () => {
				let clock = Date.now();
				const s: FleetStack = await startFleetStack( {
					db: used.db(),
					dataDir: used.dataDir(),
					config: {
						fleet: {
							jobs: true,
							recheckIntervalMs: 6 * HOUR,
							recheckRatePerMinute: 6_000,
							renewalsMax: 1,
							renewBeforeMs: 2 * DAY,
						},
					},
					deps: {
						now: () => clock,
						jobs: { pollingIntervalSeconds: 0.5, cron: false },
					},
					sim: { now: () => clock },
				} );
				try {
					const approved = 'https://approved.jobs.example';
					const waiting = 'https://waiting.jobs.example';
					for ( const site of [ approved, waiting ] ) {
						s.sim.setScenario( site, 'case_b' );
					}
					const a = await callProvision( s.url, approved );
					await callProvision( s.url, waiting );
					await approve( s.sim, String( a.json.next_url ) );
					await s.app.fleet?.writer.drain();
					const store = s.app.fleet!.store;
					const rechecked = async ( site: string, n: number ) =>
						( await store.history( site ) ).filter(
							( h ) => h.kind === 'recheck'
						).length >= n;

					// Nothing is due before the re-check interval.
					await s.app.jobs?.sweepNow();
					await new Promise( ( r ) => setTimeout( r, 1500 ) );
					assert.equal( statusCalls( s.sim ).length, 0 );

					clock += 7 * HOUR;
					await s.app.jobs?.sweepNow();
					await waitFor(
						'the first re-checks',
						async () =>
							( await rechecked( approved, 1 ) ) &&
							( await rechecked( waiting, 1 ) )
					);
					assert.equal(
						( await store.get( approved ) )?.state,
						'active'
					);
					assert.equal(
						( await store.get( waiting ) )?.state,
						'awaiting_authorization'
					);

					// Day 12.5: inside the renewal window (2 days before the expiry): renewed once.
					const firstExpiry =
						(
							await store.get( waiting )
						)?.pending_expires_at?.getTime() ?? 0;
					const firstLink = ( await store.get( waiting ) )?.next_url;
					clock += 12 * DAY - 7 * HOUR + 12 * HOUR;
					await s.app.jobs?.sweepNow();
					await waitFor(
						'the renewal',
						async () =>
							( await store.get( waiting ) )?.renewals === 1
					);
					const renewed = await store.get( waiting );
					assert.equal( renewed?.state, 'awaiting_authorization' );
					assert.ok(
						( renewed?.pending_expires_at?.getTime() ?? 0 ) >
							firstExpiry + 10 * DAY
					);
					assert.notEqual(
						renewed?.next_url,
						firstLink,
						'a fresh authorize link'
					);
					const site = await call( s.url, {
						site: waiting,
						method: 'GET',
						path: '/v1/site',
						timestamp: Math.floor( clock / 1000 ),
					} );
					assert.equal( site.json.renewals, 1 );
					assert.equal(
						site.json.next_url,
						renewed?.next_url,
						'the site picks up the new link'
					);
					assert.equal(
						s.sim
							.calls()
							.filter(
								( c ) =>
									c.path === '/rest/v1.3/jpphp/provision' &&
									c.form.siteurl === waiting
							).length,
						2,
						'one provision by the site, one renewal'
					);

					// The policy allows one renewal: the next window passes without one, and the offer lapses.
					clock =
						( renewed?.pending_expires_at?.getTime() ?? 0 ) - DAY;
					await s.app.jobs?.sweepNow();
					await waitFor(
						'the re-check in the second window',
						async () => rechecked( waiting, 3 )
					);
					clock += 2 * DAY;
					await s.app.jobs?.sweepNow();
					await waitFor(
						'the expiry',
						async () =>
							( await store.get( waiting ) )?.state === 'expired'
					);
					const steps = ( await store.history( waiting ) )
						.map( ( h ) => `${ h.kind }:${ h.outcome }` )
						.reverse();
					assert.deepEqual( steps, [
						'provision:awaiting_authorization',
						'recheck:pending',
						'recheck:pending',
						'renew:awaiting_authorization',
						'recheck:pending',
						'recheck:missing',
					] );
					assert.equal(
						( await store.get( approved ) )?.state,
						'active',
						'an active site is not checked again'
					);
					assert.equal( statusCalls( s.sim, approved ).length, 1 );
				} finally {
					await s.close();
				}
			} );

			it( 'the re-checks keep the configured pace to WordPress.com', async () => {
				let clock = Date.now();
				const s = await startFleetStack( {
					db: used.db(),
					dataDir: used.dataDir(),
					config: {
						fleet: {
							jobs: true,
							recheckIntervalMs: HOUR,
							recheckRatePerMinute: 300,
							renewalsMax: 0,
							renewBeforeMs: DAY,
						},
					},
					deps: {
						now: () => clock,
						jobs: { pollingIntervalSeconds: 0.5, cron: false },
					},
				} );
				try {
					const sites = Array.from(
						{ length: 12 },
						( _, i ) => `https://pace${ i }.jobs.example`
					);
					for ( const site of sites ) {
						s.sim.setScenario( site, 'case_b' );
						await callProvision( s.url, site );
					}
					await s.app.fleet?.writer.drain();
					clock += 2 * HOUR;
					s.sim.clearCalls();
					await s.app.jobs?.sweepNow();
					await waitFor(
						'every re-check',
						async () => statusCalls( s.sim ).length >= sites.length
					);
					const times = statusCalls( s.sim )
						.map( ( c ) => Date.parse( c.time ) )
						.sort( ( x, y ) => x - y );
					const spanMs =
						( times[ times.length - 1 ] ?? 0 ) -
						( times[ 0 ] ?? 0 );
					// 300 a minute is one per 200 ms: 12 calls span at least 11 intervals (less jitter).
					assert.ok(
						spanMs >= 11 * 200 - 150,
						`12 calls in ${ spanMs } ms`
					);
					assert.equal(
						statusCalls( s.sim ).length,
						sites.length,
						'each site once'
					);
				} finally {
					await s.close();
				}
			} );
		}
	);
}
