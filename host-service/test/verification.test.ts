import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import {
	call,
	callProvision,
	expectServiceError,
	newNonce,
	provisionBody,
	signedHeaders,
	siteKeyFor,
	startStack,
	upstreamCalls,
	vectorsFile,
	withStack,
	type SignOptions,
	type Stack,
} from './helpers.js';

const SITE = 'https://verify.example.test';

describe( 'request verification (nothing reaches WordPress.com)', () => {
	let s: Stack;
	before( async () => {
		s = await startStack( { sim: { scenarios: { '*': 'case_c' } } } );
	} );
	after( async () => s.close() );
	afterEach( () => {
		// Every refusal here must happen before any upstream call, token fetch included.
		assert.deepEqual( upstreamCalls( s.sim ), [] );
		s.sim.clearCalls();
	} );

	/**
	 * Sends each variant of a signed provision for SITE and expects the same refusal for all.
	 * @param variants
	 * @param status
	 * @param code
	 */
	const expectAllRefused = async (
		variants: Partial< SignOptions >[],
		status: number,
		code: string
	): Promise< void > => {
		for ( const o of variants ) {
			expectServiceError(
				await callProvision( s.url, SITE, o ),
				status,
				code
			);
		}
	};

	it( 'forged signature', async () => {
		expectServiceError(
			await callProvision( s.url, SITE, { key: 'f'.repeat( 64 ) } ),
			401,
			'host_invalid_signature'
		);
	} );
	it( 'body tampered after signing', async () => {
		const h = signedHeaders( { site: SITE, body: provisionBody( SITE ) } );
		const res = await fetch( `${ s.url }/v1/provision`, {
			method: 'POST',
			headers: h,
			body: provisionBody( SITE, { local_user: 'root' } ),
		} );
		expectServiceError(
			{
				status: res.status,
				json: ( await res.json() ) as Record< string, unknown >,
			},
			401,
			'host_invalid_signature'
		);
	} );
	it( 'each missing or malformed header', async () => {
		const missing = [
			'x-jetpack-start-site',
			'x-jetpack-start-timestamp',
			'x-jetpack-start-nonce',
			'x-jetpack-start-signature',
		].map( ( h ) => ( { headers: { [ h ]: undefined } } ) );
		// Site header must already be canonical, even if the signature was made over it.
		const raw = `${ SITE }/`;
		await expectAllRefused(
			[
				...missing,
				{ headers: { 'x-jetpack-start-nonce': 'XYZ' } },
				{ headers: { 'x-jetpack-start-timestamp': '12.5' } },
				{ site: raw, key: siteKeyFor( raw ) },
			],
			401,
			'host_invalid_signature'
		);
		// Nor one the contract refuses outright (dot segments, '%', '\\', spaces), signed or not.
		await expectAllRefused(
			vectorsFile.invalid_site_urls
				.filter( ( u ) => /^[\x20-\x7e]+$/.test( u ) )
				.map( ( bad ) => ( {
					site: bad,
					key: siteKeyFor( bad ),
					body: provisionBody( bad ),
				} ) ),
			401,
			'host_invalid_signature'
		);
	} );
	it( 'replayed nonce (only after a verified signature)', async () => {
		const nonce = newNonce();
		// A forged request with this nonce must not burn it…
		expectServiceError(
			await callProvision( s.url, SITE, {
				nonce,
				key: '0'.repeat( 64 ),
				headers: {},
			} ),
			401,
			'host_invalid_signature'
		);
		// …so the genuine one is refused only for its body (empty local_user), not as a replay.
		const body = provisionBody( SITE, { local_user: '' } );
		expectServiceError(
			await callProvision( s.url, SITE, { body, nonce } ),
			400,
			'host_invalid_request'
		);
		expectServiceError(
			await callProvision( s.url, SITE, { body, nonce } ),
			401,
			'host_replayed_nonce'
		);
	} );
	it( 'the body hash is over the bytes received: invalid UTF-8 is never repaired, a foreign charset is refused', async () => {
		const bytes = Buffer.concat( [
			Buffer.from(
				`{"siteurl":"${ SITE }","home_url":"${ SITE }","local_user":"a`
			),
			Buffer.from( [ 0xff ] ),
			Buffer.from( '","plan":null}' ),
		] );
		// Signed over the raw bytes: the signature holds, but it is not UTF-8 JSON.
		expectServiceError(
			await callProvision( s.url, SITE, { body: bytes } ),
			400,
			'host_invalid_request'
		);
		// Signed over the text a lenient decoder makes of them (U+FFFD): not what was sent.
		expectServiceError(
			await callProvision( s.url, SITE, {
				body: bytes,
				signedBody: bytes.toString( 'utf8' ),
			} ),
			401,
			'host_invalid_signature'
		);
		expectServiceError(
			await callProvision( s.url, SITE, {
				headers: {
					'content-type': 'application/json; charset=iso-8859-1',
				},
			} ),
			400,
			'host_invalid_request'
		);
	} );
	it( 'stale timestamp, both directions', async () => {
		const t = Math.floor( Date.now() / 1000 );
		await expectAllRefused(
			[ { timestamp: t - 301 }, { timestamp: t + 301 } ],
			401,
			'host_stale_timestamp'
		);
	} );
	it( 'cross-site: body siteurl is another site', async () => {
		await expectAllRefused(
			[
				{ body: provisionBody( 'https://victim.example.test' ) },
				{
					body: provisionBody( 'ftp://verify.example.test', {
						home_url: SITE,
					} ),
				},
			],
			403,
			'host_site_mismatch'
		);
	} );
	it( 'unknown site when the key provider has no key', async () => {
		await withStack(
			{ deps: { keyProvider: { keyFor: async () => null } } },
			async ( stack ) => {
				expectServiceError(
					await callProvision( stack.url, SITE ),
					401,
					'host_unknown_site'
				);
				assert.deepEqual( upstreamCalls( stack.sim ), [] );
			}
		);
	} );
	it( 'oversize body (> 16 KiB)', async () => {
		const big = provisionBody( SITE, {
			local_user: 'x'.repeat( 17 * 1024 ),
		} );
		expectServiceError(
			await callProvision( s.url, SITE, { body: big } ),
			413,
			'host_body_too_large'
		);
	} );
	it( 'schema-invalid bodies', async () => {
		const bad = [
			provisionBody( SITE, { extra: 1 } ),
			JSON.stringify( { siteurl: SITE, local_user: 'admin' } ),
			provisionBody( SITE, { local_user: 'u'.repeat( 61 ) } ),
			provisionBody( SITE, { home_url: 'javascript:alert(1)' } ),
			provisionBody( SITE, { plan: 42 } ),
			provisionBody( SITE, { plan: 'Bad Plan' } ),
			'{"siteurl":',
			'[]',
		];
		await expectAllRefused(
			[
				...bad.map( ( body ) => ( { body } ) ),
				{ headers: { 'content-type': 'text/plain' } },
				{ headers: { 'idempotency-key': 'short' } },
			],
			400,
			'host_invalid_request'
		);
	} );
	it( 'status is signed too: a signature for another path is refused', async () => {
		const h = signedHeaders( {
			site: SITE,
			method: 'GET',
			path: '/v1/provision',
		} );
		const res = await fetch( `${ s.url }/v1/status`, { headers: h } );
		assert.equal( res.status, 401 );
		assert.equal(
			( ( await res.json() ) as Record< string, unknown > ).error_code,
			'host_invalid_signature'
		);
	} );
} );

describe( 'path prefix', () => {
	it( 'signs the path as sent, prefix included', async () => {
		const s = await startStack( {
			config: { pathPrefix: '/jetpack-start' },
			sim: { scenarios: { '*': 'case_c' } },
		} );
		try {
			// An explicit UTF-8 charset, in any spelling, is fine.
			const ok = await call( s.url, {
				site: SITE,
				path: '/jetpack-start/v1/provision',
				body: provisionBody( SITE ),
				headers: {
					'content-type': 'application/json; charset="UTF-8"',
				},
			} );
			assert.equal( ok.status, 200, JSON.stringify( ok.json ) );
			assert.equal( ok.json.outcome, 'awaiting_dns' );
			const health = await fetch( `${ s.url }/jetpack-start/healthz` );
			assert.equal( health.status, 200 );
			// Signed without the prefix but sent with it: refused.
			const h = signedHeaders( {
				site: SITE,
				path: '/v1/provision',
				body: provisionBody( SITE ),
			} );
			const res = await fetch( `${ s.url }/jetpack-start/v1/provision`, {
				method: 'POST',
				headers: h,
				body: provisionBody( SITE ),
			} );
			assert.equal( res.status, 401 );
		} finally {
			await s.close();
		}
	} );
} );
