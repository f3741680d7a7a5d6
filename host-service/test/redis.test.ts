import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
	closeRedis,
	connectRedis,
	RedisConnectError,
} from '../src/stores/redis-connection.js';
import { RedisIdempotencyStore, RedisNonceStore } from '../src/stores/redis.js';
import {
	call,
	provisionAtOnce,
	provisionBody,
	provisionCalls,
	startStack,
} from './helpers.js';
import { freePort, redisSkip, useRedis } from './redis-server.js';

describe( 'Redis stores', { skip: redisSkip }, () => {
	const { url: redisUrl, client } = useRedis();

	it( 'connecting to nothing fails at once with a clear error, without the password', async () => {
		const deadPort = await freePort();
		await assert.rejects(
			connectRedis( `redis://:hunter2-secret@127.0.0.1:${ deadPort }/0`, {
				connectTimeoutMs: 500,
			} ),
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
			redisUrl().replace( 'redis://', 'redis://jsc:right-password@' )
		);
		await closeRedis( ok );
		await assert.rejects(
			connectRedis(
				redisUrl().replace( 'redis://', 'redis://jsc:wrong-password@' )
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
		assert.equal( await a.remember( 'other-site', 'n1', 600_000 ), 'new' );
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
} );
