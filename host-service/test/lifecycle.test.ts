import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { describe, it } from 'node:test';
import { drainAndClose } from '../src/plugins/app/lifecycle.js';
import {
	CLIENT_SECRET,
	MASTER_SECRET,
	call,
	provisionBody,
	run,
	signedHeaders,
	siteKeyFor,
	startStack,
	vectorsFile,
} from './helpers.js';

describe( 'lifecycle', () => {
	it( 'healthz, then graceful shutdown: draining 503, in-flight request finishes, then closed', async () => {
		const s = await startStack( {
			sim: {
				scenarios: {
					'*': { scenario: 'slow', delay_ms: 300, then: 'case_c' },
				},
			},
		} );
		try {
			assert.deepEqual(
				await ( await fetch( `${ s.url }/healthz` ) ).json(),
				{ status: 'ok' }
			);
			const SITE = 'https://drain.example.test';
			const inflight = call( s.url, {
				site: SITE,
				body: provisionBody( SITE ),
			} );
			await new Promise( ( r ) => setTimeout( r, 80 ) );
			const closing = drainAndClose( s.app, 150 );
			const h = await fetch( `${ s.url }/healthz` );
			assert.equal( h.status, 503 );
			assert.deepEqual( await h.json(), { status: 'draining' } );
			const a = await inflight;
			assert.equal( a.status, 200 );
			assert.equal( a.json.outcome, 'awaiting_dns' );
			await closing;
			await assert.rejects( fetch( `${ s.url }/healthz` ) );
		} finally {
			await s.sim.close();
		}
	} );

	it( 'a client that stalls mid-request is cut off (408) after requestTimeout', async () => {
		const s = await startStack( { config: { requestTimeoutMs: 300 } } );
		try {
			const started = Date.now();
			const answer = await new Promise< string >( ( resolve, reject ) => {
				const sock = connect(
					Number( new URL( s.url ).port ),
					'127.0.0.1'
				);
				let got = '';
				sock.on( 'data', ( d: Buffer ) => ( got += d.toString() ) );
				sock.on( 'close', () => resolve( got ) );
				sock.on( 'error', reject );
				sock.setTimeout( 5_000, () => sock.destroy() );
				// Headers promise 100 bytes; only a few ever come.
				sock.write(
					'POST /v1/provision HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"site'
				);
			} );
			assert.match( answer, /^HTTP\/1\.1 408 / );
			assert.ok( Date.now() - started < 2_000, 'cut off promptly' );
		} finally {
			await s.close();
		}
	} );

	it( 'graceful shutdown has a hard deadline: a request still running then is cut off', async () => {
		const s = await startStack( {
			sim: { scenarios: { '*': { scenario: 'slow', delay_ms: 3_000 } } },
		} );
		try {
			const SITE = 'https://stuck.example.test';
			const inflight = call( s.url, {
				site: SITE,
				body: provisionBody( SITE ),
			} ).then(
				() => 'answered',
				() => 'cut off'
			);
			await new Promise( ( r ) => setTimeout( r, 80 ) );
			const started = Date.now();
			await drainAndClose( s.app, 0, 200 );
			assert.ok(
				Date.now() - started < 1_500,
				`closed after ${ Date.now() - started } ms`
			);
			assert.equal( await inflight, 'cut off' );
		} finally {
			await s.sim.close();
		}
	} );

	it( 'logs never contain a secret, site key, signature or bearer token', async () => {
		const s = await startStack( {
			config: { logLevel: 'trace' },
			sim: {
				scenarios: {
					'*': { scenario: 'token_expired_once', then: 'case_b' },
				},
			},
		} );
		const SITE = 'https://logs.example.test';
		const signature =
			signedHeaders( { site: SITE, body: provisionBody( SITE ) } )[
				'x-jetpack-start-signature'
			] ?? '';
		try {
			await call( s.url, {
				site: SITE,
				body: provisionBody( SITE ),
				headers: { 'idempotency-key': 'log-test-key' },
			} );
			await call( s.url, {
				site: SITE,
				method: 'GET',
				path: '/v1/status',
			} );
			await call( s.url, {
				site: SITE,
				body: provisionBody( SITE ),
				key: siteKeyFor( 'https://other.example.test' ),
			} );
			await fetch( `${ s.url }/v1/provision`, {
				method: 'POST',
				headers: {
					...signedHeaders( { site: SITE, body: '{}' } ),
					authorization: 'Bearer sneaky-client-token',
				},
				body: '{}',
			} );
		} finally {
			await s.close();
		}
		const logs = s.logs.join( '' );
		assert.ok( s.logs.length > 5, 'logs were captured' );
		assert.match( logs, /"reqId"/ );
		const tokens = s.sim.issuedTokens();
		assert.equal( tokens.length, 2 );
		for ( const secret of [
			MASTER_SECRET,
			CLIENT_SECRET,
			siteKeyFor( SITE ),
			signature,
			'sneaky-client-token',
			...tokens,
		] ) {
			assert.ok(
				secret.length > 10 && ! logs.includes( secret ),
				`log leaks ${ secret.slice( 0, 6 ) }…`
			);
		}
	} );

	it( 'CLI prints the site key (and refuses a secret the service would); server refuses to start without config and stops on SIGTERM', async () => {
		const [ cli, weak, refused ] = await Promise.all( [
			run(
				[
					'host-service/src/cli/site-key.ts',
					'https://Example.COM:443/',
				],
				{ JSC_MASTER_SECRET: MASTER_SECRET }
			),
			run(
				[ 'host-service/src/cli/site-key.ts', 'https://example.com' ],
				{ JSC_MASTER_SECRET: 'short-secret' }
			),
			run( [ 'host-service/src/server.ts' ], {} ),
		] );
		assert.equal( weak.code, 78 );
		assert.equal( weak.stdout, '' );
		assert.match( weak.stderr, /at least 32 characters/ );
		assert.equal( cli.code, 0 );
		assert.equal( cli.stdout.trim(), vectorsFile.vectors[ 0 ]?.site_key );
		assert.equal( refused.code, 78 );
		assert.match( refused.stderr, /JSC_MASTER_SECRET is required/ );
		assert.match( refused.stderr, /JSC_PARTNER_CLIENT_SECRET is required/ );

		let killed = false;
		const served = await run(
			[ 'host-service/src/server.ts' ],
			{
				JSC_MASTER_SECRET: MASTER_SECRET,
				JSC_PARTNER_CLIENT_ID: 'id',
				JSC_PARTNER_CLIENT_SECRET: 'secret',
				JSC_PORT: '0',
				JSC_DRAIN_DELAY_MS: '0',
			},
			( out, kill ) => {
				if ( ! killed && out.includes( 'Server listening' ) ) {
					killed = true;
					kill();
				}
			}
		);
		assert.equal( served.code, 0, served.stderr );
		assert.match( served.stdout, /"msg":"closed"/ );
		assert.ok( ! served.stdout.includes( MASTER_SECRET ) );
	} );
} );
