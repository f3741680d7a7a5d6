import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { REDIS_CONNECTION_NAME } from '../src/stores/redis-connection.js';
import { startSimulator } from '../../tests/wpcom-simulator/src/simulator.js';
import {
	CLIENT_ID,
	CLIENT_SECRET,
	MASTER_SECRET,
	call,
	callProvision,
	provisionCalls,
	run,
	startStack,
} from './helpers.js';
import { freePort, redisSkip, startServer, useRedis } from './redis-server.js';

describe( 'the service with Redis', { skip: redisSkip }, () => {
	const { url: redisUrl, client } = useRedis();

	it( 'the per-site budget lives in Redis: shared by every instance (issue 6 #14)', async () => {
		const s1 = await startStack( {
			config: { siteRatePerMinute: 3 },
			deps: { redis: client( 0 ) },
		} );
		const s2 = await startStack( {
			config: { siteRatePerMinute: 3, wpcomBaseUrl: s1.sim.url },
			deps: { redis: client( 1 ) },
		} );
		try {
			const SITE = `https://budget-${ Date.now() }.example.test`;
			const ping = ( base: string ): Promise< number > =>
				call( base, {
					site: SITE,
					method: 'GET',
					path: '/v1/ping',
				} ).then( ( a ) => a.status );
			assert.deepEqual(
				[
					await ping( s1.url ),
					await ping( s2.url ),
					await ping( s1.url ),
				],
				[ 200, 200, 200 ]
			);
			assert.equal( await ping( s2.url ), 429 );
			assert.equal( await ping( s1.url ), 429 );
		} finally {
			await s2.app.close();
			await s2.sim.close();
			await s1.close();
		}
	} );

	it( 'killed mid-request and restarted, the service answers the retry from WordPress.com status: one provision call (issue 6 #3)', async () => {
		const sim = await startSimulator( {
			clientId: CLIENT_ID,
			clientSecret: CLIENT_SECRET,
			scenarios: {
				'*': { scenario: 'slow', delay_ms: 1000, then: 'case_b' },
			},
		} );
		const port = await freePort();
		const env = {
			JSC_MASTER_SECRET: MASTER_SECRET,
			JSC_PARTNER_CLIENT_ID: CLIENT_ID,
			JSC_PARTNER_CLIENT_SECRET: CLIENT_SECRET,
			JSC_WPCOM_BASE_URL: sim.url,
			JSC_AUTHORIZE_ORIGINS: sim.url,
			JSC_REDIS_URL: redisUrl(),
			JSC_PORT: String( port ),
			// Room for a cold process's token and status calls on a busy machine; the lease is 2 s more.
			JSC_UPSTREAM_TIMEOUT_MS: '2500',
			JSC_DRAIN_DELAY_MS: '0',
		};
		const service = `http://127.0.0.1:${ port }`;
		const SITE = `https://restart-${ Date.now() }.example.test`;
		const headers = { 'idempotency-key': 'restart-key-0001' };
		try {
			const first = await startServer( env );
			const lost = callProvision( service, SITE, { headers } ).then(
				() => 'answered',
				() => 'cut off'
			);
			while ( provisionCalls( sim, SITE ).length === 0 ) {
				await new Promise( ( r ) => setTimeout( r, 20 ) );
			}
			first.child.kill( 'SIGKILL' );
			assert.equal( await lost, 'cut off' );
			await first.exited;
			// WordPress.com finishes that provision; its status answers promptly.
			sim.setScenario( '*', 'case_b' );

			const second = await startServer( env );
			try {
				const retry = await callProvision( service, SITE, {
					headers,
				} );
				assert.equal( retry.status, 200, JSON.stringify( retry.json ) );
				assert.equal( retry.json.outcome, 'awaiting_authorization' );
				assert.equal( retry.json.idempotent_replay, true );
				assert.equal( provisionCalls( sim, SITE ).length, 1 );
			} finally {
				second.child.kill( 'SIGTERM' );
				assert.equal( await second.exited, 0 );
			}
		} finally {
			await sim.close();
		}
	} );

	it( 'the service refuses to start without its Redis, and closes the connection on SIGTERM', async () => {
		const env = {
			JSC_MASTER_SECRET: MASTER_SECRET,
			JSC_PARTNER_CLIENT_ID: 'id',
			JSC_PARTNER_CLIENT_SECRET: 'secret',
			JSC_PORT: '0',
			JSC_DRAIN_DELAY_MS: '0',
		};
		const deadPort = await freePort();
		const refused = await run( [ 'host-service/src/server.ts' ], {
			...env,
			JSC_REDIS_URL: `redis://:hunter2-secret@127.0.0.1:${ deadPort }`,
		} );
		assert.equal( refused.code, 1 );
		assert.match(
			refused.stderr,
			new RegExp(
				`cannot connect to Redis at redis://127\\.0\\.0\\.1:${ deadPort }: .*ECONNREFUSED`
			)
		);
		assert.doesNotMatch( refused.stderr + refused.stdout, /hunter2/ );

		const namedConnections = async (): Promise< number > => {
			const list = String( await client( 0 ).call( 'CLIENT', 'LIST' ) );
			return list
				.split( '\n' )
				.filter( ( l ) =>
					l.includes( ` name=${ REDIS_CONNECTION_NAME } ` )
				).length;
		};
		const initial = await namedConnections();
		let during = -1;
		let killed = false;
		const served = await run(
			[ 'host-service/src/server.ts' ],
			{ ...env, JSC_REDIS_URL: redisUrl() },
			( out, kill ) => {
				if ( killed || ! out.includes( 'Server listening' ) ) {
					return;
				}
				killed = true;
				void namedConnections().then( ( n ) => {
					during = n;
					kill();
				}, kill );
			}
		);
		assert.equal( served.code, 0, served.stderr );
		assert.equal( during, initial + 1 );
		assert.match( served.stdout, /"msg":"redis connection closed"/ );
		// QUIT was answered before the process exited; give Redis a moment to drop the socket.
		for (
			let i = 0;
			i < 20 && ( await namedConnections() ) !== initial;
			i++
		) {
			await new Promise( ( r ) => setTimeout( r, 25 ) );
		}
		assert.equal( await namedConnections(), initial );
	} );
} );
