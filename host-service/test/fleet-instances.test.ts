import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { openPostgres } from '../src/db/postgres.js';
import { backends, useDatabase } from './databases.js';
import { startFleetStack, waitFor, type FleetStack } from './fleet-stack.js';
import { callProvision } from './helpers.js';
import { redisSkip, useRedis } from './redis-server.js';

const HOUR = 3600_000;
const DAY = 24 * HOUR;
const pg = backends.find( ( b ) => b.name === 'postgres' );

describe(
	'two service instances on one PostgreSQL and one Redis',
	{ skip: pg?.skip || redisSkip },
	() => {
		const used = useDatabase( 'postgres' );
		const redis = useRedis();

		it( 'every re-check and every renewal runs once, whichever instance sweeps', async () => {
			let clock = Date.now();
			const fleet = {
				jobs: true,
				recheckIntervalMs: 6 * HOUR,
				recheckRatePerMinute: 12_000,
				renewalsMax: 1,
				renewBeforeMs: 2 * DAY,
			};
			const deps = {
				now: () => clock,
				jobs: { pollingIntervalSeconds: 0.5, cron: false },
			};
			const one: FleetStack = await startFleetStack( {
				db: used.db(),
				dataDir: used.dataDir(),
				config: { fleet, redisUrl: redis.url() },
				deps: { ...deps, redis: redis.client( 0 ) },
				sim: { now: () => clock },
			} );
			const db2 = await openPostgres( used.url() );
			const two = await startFleetStack( {
				db: db2,
				dataDir: used.dataDir(),
				config: {
					fleet,
					redisUrl: redis.url(),
					wpcomBaseUrl: one.sim.url,
					authorizeOrigins: [ one.sim.url ],
				},
				deps: { ...deps, redis: redis.client( 1 ) },
			} );
			try {
				one.sim.setScenario( '*', 'case_b' );
				const sites = Array.from(
					{ length: 30 },
					( _, i ) => `https://i${ i }.instances.example`
				);
				for ( const [ i, site ] of sites.entries() ) {
					assert.equal(
						(
							await callProvision(
								i % 2 === 0 ? one.url : two.url,
								site
							)
						).status,
						200
					);
				}
				await one.app.fleet?.writer.drain();
				await two.app.fleet?.writer.drain();
				const store = one.app.fleet!.store;
				const steps = async ( kind: string ) => {
					let n = 0;
					for ( const site of sites ) {
						n += ( await store.history( site ) ).filter(
							( h ) => h.kind === kind
						).length;
					}
					return n;
				};

				clock += 7 * HOUR;
				one.sim.clearCalls();
				await Promise.all( [
					one.app.jobs?.sweepNow(),
					two.app.jobs?.sweepNow(),
					one.app.jobs?.sweepNow(),
				] );
				await waitFor(
					'every site re-checked',
					async () => ( await steps( 'recheck' ) ) >= sites.length
				);
				await new Promise( ( r ) => setTimeout( r, 1000 ) );
				assert.equal( await steps( 'recheck' ), sites.length );
				const perSite = sites.map(
					( site ) =>
						one.sim
							.calls()
							.filter(
								( c ) =>
									c.path ===
									`/rest/v1.4/jpphp/${ site.slice(
										8
									) }/status`
							).length
				);
				assert.deepEqual(
					perSite,
					sites.map( () => 1 ),
					'one status call per site'
				);

				// Into the renewal window: both sweep, each offer is renewed once.
				clock += 12 * DAY;
				await Promise.all( [
					one.app.jobs?.sweepNow(),
					two.app.jobs?.sweepNow(),
				] );
				await waitFor(
					'every site renewed',
					async () => ( await steps( 'renew' ) ) >= sites.length,
					30_000
				);
				await new Promise( ( r ) => setTimeout( r, 1000 ) );
				assert.equal( await steps( 'renew' ), sites.length );
				const provisions = sites.map(
					( site ) =>
						one.sim
							.calls()
							.filter(
								( c ) =>
									c.path === '/rest/v1.3/jpphp/provision' &&
									c.form.siteurl === site
							).length
				);
				assert.deepEqual(
					provisions,
					sites.map( () => 1 ),
					'one renewal call per site'
				);
			} finally {
				await two.close();
				await one.close();
				await db2.close();
			}
		} );
	}
);
