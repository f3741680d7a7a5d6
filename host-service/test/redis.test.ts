import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { Redis } from 'ioredis';
import {
	closeRedis,
	connectRedis,
	REDIS_CONNECTION_NAME,
	RedisConnectError,
} from '../src/stores/redis-connection.js';
import { RedisIdempotencyStore, RedisNonceStore } from '../src/stores/redis.js';
import {
	CLIENT_ID,
	CLIENT_SECRET,
	MASTER_SECRET,
	call,
	callProvision,
	provisionAtOnce,
	provisionBody,
	provisionCalls,
	run,
	startStack,
} from './helpers.js';
import { startSimulator } from '../../tests/wpcom-simulator/src/simulator.js';

/**
 * The service as a host runs it (src/server.ts, through tsx), resolved once it listens.
 * @param env
 */
async function startServer(
	env: Record< string, string >
): Promise< { child: ChildProcess; exited: Promise< number | null > } > {
	const child = spawn(
		process.execPath,
		[ '--import', 'tsx', 'host-service/src/server.ts' ],
		{
			cwd: new URL( '../..', import.meta.url ).pathname,
			env: { PATH: process.env.PATH ?? '', ...env },
			stdio: [ 'ignore', 'pipe', 'inherit' ],
		}
	);
	const exited = new Promise< number | null >( ( r ) =>
		child.on( 'exit', r )
	);
	await new Promise< void >( ( resolve, reject ) => {
		let out = '';
		child.stdout?.on( 'data', ( d: Buffer ) => {
			out += d.toString();
			if ( out.includes( 'Server listening' ) ) {
				resolve();
			}
		} );
		void exited.then( () =>
			reject( new Error( `service exited early: ${ out }` ) )
		);
	} );
	return { child, exited };
}

const REDIS = '/usr/bin/redis-server';

async function freePort(): Promise< number > {
	return new Promise( ( resolve ) => {
		const srv = createServer();
		srv.listen( 0, '127.0.0.1', () => {
			const a = srv.address();
			const port = typeof a === 'object' && a !== null ? a.port : 0;
			srv.close( () => resolve( port ) );
		} );
	} );
}

describe(
	'Redis stores',
	{ skip: existsSync( REDIS ) ? false : 'redis-server not installed' },
	() => {
		let server: ChildProcess;
		let url = '';
		const clients: Redis[] = [];
		/**
		 * Instance 0's or instance 1's connection.
		 * @param i
		 */
		const client = ( i: 0 | 1 ): Redis => {
			const c = clients[ i ];
			if ( c === undefined ) {
				throw new Error( 'no redis connection' );
			}
			return c;
		};

		before( async () => {
			const port = await freePort();
			url = `redis://127.0.0.1:${ port }/0`;
			server = spawn(
				REDIS,
				[
					'--port',
					String( port ),
					'--bind',
					'127.0.0.1',
					'--save',
					'',
					'--appendonly',
					'no',
				],
				{ stdio: 'ignore' }
			);
			for ( let i = 0; i < 50; i++ ) {
				try {
					// Two connections, as two service instances would have.
					clients.push(
						await connectRedis( url, { connectTimeoutMs: 500 } )
					);
					clients.push( await connectRedis( url ) );
					return;
				} catch {
					await new Promise( ( r ) => setTimeout( r, 50 ) );
				}
			}
			throw new Error( 'redis did not start' );
		} );
		after( async () => {
			for ( const c of clients ) {
				await closeRedis( c );
			}
			server.kill( 'SIGTERM' );
		} );

		it( 'connecting to nothing fails at once with a clear error, without the password', async () => {
			const deadPort = await freePort();
			await assert.rejects(
				connectRedis(
					`redis://:hunter2-secret@127.0.0.1:${ deadPort }/0`,
					{ connectTimeoutMs: 500 }
				),
				( e: unknown ) => {
					assert.ok( e instanceof RedisConnectError );
					assert.match(
						e.message,
						new RegExp(
							`^cannot connect to Redis at redis://127\\.0\\.0\\.1:${ deadPort }/0: .*ECONNREFUSED`
						)
					);
					assert.doesNotMatch( e.message, /hunter2/ );
					return true;
				}
			);
		} );

		it( 'a wrong password is refused at connect time', async () => {
			assert.equal(
				await client( 0 ).call(
					'ACL',
					'SETUSER',
					'jsc',
					'on',
					'>right-password',
					'~*',
					'+@all'
				),
				'OK'
			);
			const ok = await connectRedis(
				url.replace( 'redis://', 'redis://jsc:right-password@' )
			);
			await closeRedis( ok );
			await assert.rejects(
				connectRedis(
					url.replace( 'redis://', 'redis://jsc:wrong-password@' )
				),
				( e: unknown ) => {
					assert.ok( e instanceof RedisConnectError );
					assert.match( e.message, /WRONGPASS/ );
					assert.doesNotMatch( e.message, /wrong-password/ );
					return true;
				}
			);
		} );

		it( 'nonces are shared across instances (SET NX PX)', async () => {
			const a = new RedisNonceStore( client( 0 ) );
			const b = new RedisNonceStore( client( 1 ) );
			const results = await Promise.all( [
				a.remember( 'site', 'n1', 600_000 ),
				b.remember( 'site', 'n1', 600_000 ),
			] );
			assert.deepEqual( results.sort(), [ 'new', 'seen' ] );
			assert.equal(
				await a.remember( 'other-site', 'n1', 600_000 ),
				'new'
			);
			assert.equal( await a.remember( 'site', 'short', 30 ), 'new' );
			await new Promise( ( r ) => setTimeout( r, 60 ) );
			assert.equal( await b.remember( 'site', 'short', 30 ), 'new' );
		} );

		it( 'idempotency claims: only the owner finishes (compare-and-set); a waiter never becomes a second owner', async () => {
			const short = new RedisIdempotencyStore( client( 0 ), {
				leaseMs: 80,
				waitMs: 1000,
				pollMs: 10,
			} );
			const other = new RedisIdempotencyStore( client( 1 ), {
				leaseMs: 5000,
				waitMs: 120,
				pollMs: 10,
			} );
			const first = await short.begin( 'site', 'cas-key-1', 'f' );
			assert.equal( first.kind, 'owner' );
			// The first owner's lease runs out (it crashed, or overran): another instance takes
			// over, told that WordPress.com may already have acted on the first attempt.
			await new Promise( ( r ) => setTimeout( r, 120 ) );
			const second = await other.begin( 'site', 'cas-key-1', 'f' );
			assert.equal( second.kind, 'owner' );
			assert.ok( second.kind === 'owner' && second.recheck !== null );
			// The stale owner's finish must neither delete nor overwrite the live claim…
			const stale = { status: 200, body: { from: 'stale' } };
			if ( first.kind === 'owner' ) {
				await short.finish(
					'site',
					'cas-key-1',
					first.owner,
					stale,
					'forget'
				);
				await short.finish(
					'site',
					'cas-key-1',
					first.owner,
					stale,
					'done'
				);
			}
			// …so a third request still waits, and at its deadline gets a retryable refusal
			// instead of becoming a second concurrent owner.
			assert.deepEqual( await other.begin( 'site', 'cas-key-1', 'f' ), {
				kind: 'in_progress',
			} );
			const answer = { status: 200, body: { from: 'second' } };
			if ( second.kind === 'owner' ) {
				await other.finish(
					'site',
					'cas-key-1',
					second.owner,
					answer,
					'done'
				);
			}
			assert.deepEqual( await short.begin( 'site', 'cas-key-1', 'f' ), {
				kind: 'replay',
				response: answer,
			} );
		} );

		it( 'idempotency across two service instances: one upstream call, replay, mismatch', async () => {
			const s1 = await startStack( {
				deps: {
					nonceStore: new RedisNonceStore( client( 0 ) ),
					idempotencyStore: new RedisIdempotencyStore( client( 0 ), {
						leaseMs: 5000,
						waitMs: 5000,
						pollMs: 20,
					} ),
				},
				sim: {
					scenarios: {
						'*': {
							scenario: 'slow',
							delay_ms: 150,
							then: 'case_b',
						},
					},
				},
			} );
			// Second instance talks to the same simulator and the same Redis.
			const s2 = await startStack( {
				config: { wpcomBaseUrl: s1.sim.url },
				deps: {
					nonceStore: new RedisNonceStore( client( 1 ) ),
					idempotencyStore: new RedisIdempotencyStore( client( 1 ), {
						leaseMs: 5000,
						waitMs: 5000,
						pollMs: 20,
					} ),
				},
			} );
			try {
				const SITE = 'https://redis.example.test';
				const headers = { 'idempotency-key': 'redis-key-0001' };
				await provisionAtOnce( [ s1.url, s2.url ], SITE, headers );
				assert.equal( provisionCalls( s1.sim, SITE ).length, 1 );
				const reused = await call( s2.url, {
					site: SITE,
					body: provisionBody( SITE, { local_user: 'x' } ),
					headers,
				} );
				assert.equal(
					reused.json.error_code,
					'host_idempotency_key_reused'
				);
				// A nonce accepted by one instance is a replay on the other.
				const nonce = 'abcdef0123456789abcdef0123456789';
				await call( s1.url, {
					site: SITE,
					method: 'GET',
					path: '/v1/status',
					nonce,
				} );
				const replay = await call( s2.url, {
					site: SITE,
					method: 'GET',
					path: '/v1/status',
					nonce,
				} );
				assert.equal( replay.json.error_code, 'host_replayed_nonce' );
			} finally {
				await s2.app.close();
				await s2.sim.close();
				await s1.close();
			}
		} );

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
				JSC_REDIS_URL: url,
				JSC_PORT: String( port ),
				JSC_UPSTREAM_TIMEOUT_MS: '1000',
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
					assert.equal(
						retry.status,
						200,
						JSON.stringify( retry.json )
					);
					assert.equal(
						retry.json.outcome,
						'awaiting_authorization'
					);
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
				const list = String(
					await client( 0 ).call( 'CLIENT', 'LIST' )
				);
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
				{ ...env, JSC_REDIS_URL: url },
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
	}
);
