import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { canonicalSiteUrl, wpcomSiteSlug } from '../src/canonical.js';
import { ConfigError, loadConfig } from '../src/config.js';
import { deriveSiteKey } from '../src/key-provider.js';
import { defaultPlanPolicy } from '../src/plan-policy.js';
import {
	sha256Hex,
	sign,
	signatureMatches,
	stringToSign,
} from '../src/signature.js';
import { MemorySiteRateLimiter } from '../src/rate-limit.js';
import {
	MemoryIdempotencyStore,
	MemoryNonceStore,
	type IdempotencyBegin,
} from '../src/stores.js';
import { normaliseSite } from '../../tests/wpcom-simulator/src/simulator.js';
import { MASTER_SECRET, vectorsFile } from './helpers.js';

describe( 'contract vectors', () => {
	it( 'canonicalises every listed pair', () => {
		for ( const { input, expected } of vectorsFile.canonicalization ) {
			assert.equal( canonicalSiteUrl( input ), expected, input );
		}
	} );
	it( 'rejects every listed invalid site URL', () => {
		for ( const input of vectorsFile.invalid_site_urls ) {
			assert.equal( canonicalSiteUrl( input ), null, input );
		}
		assert.equal( canonicalSiteUrl( 'https://example.com/?' ), null );
		for ( const input of [
			'https://example.com/..',
			'https://example.com/a/.',
			'https://example.com\tx',
			'https://example.com/\u00e9',
			'https://example.com/%',
		] ) {
			assert.equal(
				canonicalSiteUrl( input ),
				null,
				JSON.stringify( input )
			);
		}
		// Dots that are not whole segments are ordinary path characters.
		assert.equal(
			canonicalSiteUrl( 'https://example.com/a.b/..c/.../' ),
			'https://example.com/a.b/..c/...'
		);
	} );
	it( 'the simulator keys any site URL without throwing, even ones the contract refuses', () => {
		for ( const input of vectorsFile.invalid_site_urls ) {
			assert.equal( typeof normaliseSite( input ), 'string', input );
		}
		for ( const { expected } of vectorsFile.canonicalization ) {
			assert.equal( normaliseSite( expected ), expected );
		}
	} );
	for ( const v of vectorsFile.vectors ) {
		it( `signs "${ v.name }"`, () => {
			assert.equal( canonicalSiteUrl( v.site_url ), v.canonical_site );
			assert.equal(
				deriveSiteKey( MASTER_SECRET, v.canonical_site ),
				v.site_key
			);
			assert.equal( sha256Hex( v.body ), v.body_sha256 );
			const parts = {
				site: v.canonical_site,
				timestamp: String( v.timestamp ),
				nonce: v.nonce,
				method: v.method,
				path: v.path,
				body: v.body,
			};
			assert.equal( stringToSign( parts ), v.string_to_sign );
			assert.equal( sign( v.site_key, parts ), v.signature );
			assert.ok(
				signatureMatches( v.signature, sign( v.site_key, parts ) )
			);
			assert.ok(
				! signatureMatches( v.signature, v.signature.slice( 0, 63 ) )
			);
		} );
	}
	it( 'builds WordPress.com site slugs', () => {
		assert.equal(
			wpcomSiteSlug( 'https://example.com/demo' ),
			'example.com::demo'
		);
		assert.equal(
			wpcomSiteSlug( 'http://127.0.0.1:8889' ),
			'127.0.0.1:8889'
		);
	} );
} );

describe( 'config', () => {
	const base = {
		JSC_MASTER_SECRET: MASTER_SECRET,
		JSC_PARTNER_CLIENT_ID: 'id',
		JSC_PARTNER_CLIENT_SECRET: 'secret',
	};
	it( 'refuses to start without secrets, listing every problem', () => {
		assert.throws(
			() => loadConfig( {} ),
			( e: unknown ) =>
				e instanceof ConfigError &&
				e.problems.length === 3 &&
				e.message.includes( 'JSC_MASTER_SECRET' )
		);
	} );
	it( 'refuses plain http to a non-loopback WordPress.com', () => {
		assert.throws(
			() =>
				loadConfig( {
					...base,
					JSC_WPCOM_BASE_URL: 'http://public-api.wordpress.com',
				} ),
			/https/
		);
		assert.equal(
			loadConfig( {
				...base,
				JSC_WPCOM_BASE_URL: 'http://127.0.0.1:9999/',
			} ).wpcomBaseUrl,
			'http://127.0.0.1:9999'
		);
	} );
	it( 'refuses a WordPress.com base URL with credentials, a query or a fragment, without echoing it', () => {
		for ( const url of [
			'https://user:hunter2@public-api.wordpress.com',
			'https://public-api.wordpress.com/?x=1',
			'https://public-api.wordpress.com/?',
			'https://public-api.wordpress.com/#frag',
		] ) {
			assert.throws(
				() => loadConfig( { ...base, JSC_WPCOM_BASE_URL: url } ),
				( e: unknown ) =>
					e instanceof ConfigError &&
					/JSC_WPCOM_BASE_URL must not/.test( e.message ) &&
					! e.message.includes( 'hunter2' ),
				url
			);
		}
	} );
	it( 'parses defaults, lists and booleans', () => {
		const c = loadConfig( {
			...base,
			JSC_ALLOWED_PLANS: 'jetpack-scan, free',
			JSC_ONBOARDING: 'true',
			JSC_PATH_PREFIX: '/jetpack-start/',
		} );
		assert.equal( c.wpcomBaseUrl, 'https://public-api.wordpress.com' );
		assert.deepEqual( c.allowedPlans, [ 'jetpack-scan', 'free' ] );
		assert.equal( c.onboarding, true );
		assert.equal( c.pathPrefix, '/jetpack-start' );
		assert.equal( c.upstreamTimeoutMs, 60_000 );
		assert.equal( c.requestTimeoutMs, 30_000 );
		assert.equal( c.siteRatePerMinute, 120 );
		assert.throws(
			() => loadConfig( { ...base, JSC_PORT: 'eighty' } ),
			/JSC_PORT/
		);
	} );
} );

describe( 'units', () => {
	it( 'plan policy: default plan, allow-list, refusal', () => {
		const p = defaultPlanPolicy( 'jetpack-backup-daily', [
			'jetpack-scan',
		] );
		assert.deepEqual( p( null, { site: 's', localUser: 'u' } ), {
			ok: true,
			plan: 'jetpack-backup-daily',
		} );
		assert.deepEqual( p( 'jetpack-scan', { site: 's', localUser: 'u' } ), {
			ok: true,
			plan: 'jetpack-scan',
		} );
		assert.equal(
			(
				p( 'professional', { site: 's', localUser: 'u' } ) as {
					ok: boolean;
				}
			 ).ok,
			false
		);
	} );
	it( 'memory nonce store: per site, expires, bounded (fails closed)', async () => {
		let t = 0;
		const s = new MemoryNonceStore( 2, () => t );
		assert.equal( await s.remember( 'a', 'n1', 600 ), 'new' );
		assert.equal( await s.remember( 'a', 'n1', 600 ), 'seen' );
		assert.equal( await s.remember( 'b', 'n1', 600 ), 'new' );
		assert.equal( await s.remember( 'a', 'n2', 600 ), 'full' );
		t = 601;
		assert.equal( await s.remember( 'a', 'n1', 600 ), 'new' );
		assert.equal( s.size, 1 );
	} );
	/**
	 * The owner token of a `begin` that must have made the caller the owner.
	 * @param b
	 */
	const ownerOf = ( b: IdempotencyBegin ): string => {
		assert.equal( b.kind, 'owner' );
		return b.kind === 'owner' ? b.owner : '';
	};
	it( 'memory idempotency store: waits, replays, expires, forgets retryable answers, only the owner finishes', async () => {
		let t = 0;
		const s = new MemoryIdempotencyStore( 1000, 10, () => t );
		const owner = ownerOf( await s.begin( 'a', 'k', 'f' ) );
		const waiter = s.begin( 'a', 'k', 'f' );
		assert.deepEqual( await s.begin( 'a', 'k', 'other' ), {
			kind: 'mismatch',
		} );
		await s.finish(
			'a',
			'k',
			'not-the-owner',
			{ status: 500, body: {} },
			true
		);
		await s.finish(
			'a',
			'k',
			owner,
			{ status: 200, body: { x: 1 } },
			true
		);
		assert.deepEqual( await waiter, {
			kind: 'replay',
			response: { status: 200, body: { x: 1 } },
		} );
		t = 1001;
		const again = ownerOf( await s.begin( 'a', 'k', 'f' ) );
		await s.finish( 'a', 'k', again, { status: 504, body: {} }, false );
		ownerOf( await s.begin( 'a', 'k', 'f' ) );
	} );
	it( "memory idempotency store: one site cannot evict another site's answers", async () => {
		const s = new MemoryIdempotencyStore( 60_000, 5, Date.now, 2 );
		const answer = { status: 200, body: { site: 'b' } };
		await s.finish(
			'b',
			'k',
			ownerOf( await s.begin( 'b', 'k', 'f' ) ),
			answer,
			true
		);
		for ( let i = 0; i < 10; i++ ) {
			const o = ownerOf( await s.begin( 'a', `k${ i }`, 'f' ) );
			await s.finish(
				'a',
				`k${ i }`,
				o,
				{ status: 200, body: {} },
				true
			);
		}
		assert.equal( s.size, 3 ); // b's one and a's two newest
		assert.deepEqual( await s.begin( 'b', 'k', 'f' ), {
			kind: 'replay',
			response: answer,
		} );
		// With all of its slots in flight, the site is refused rather than evicting anyone.
		ownerOf( await s.begin( 'c', 'p1', 'f' ) );
		ownerOf( await s.begin( 'c', 'p2', 'f' ) );
		assert.deepEqual( await s.begin( 'c', 'p3', 'f' ), { kind: 'busy' } );
	} );
	it( 'per-site rate limiter: burst, refill, per site, forgets idle sites', () => {
		let t = 0;
		const l = new MemorySiteRateLimiter( 60, 2, () => t ); // one a second, burst 2
		for ( let i = 0; i < 2; i++ ) {
			assert.equal( l.allows( 'a' ), true );
			l.consume( 'a' );
		}
		assert.equal( l.allows( 'a' ), false );
		assert.equal( l.allows( 'b' ), true );
		t = 1_000;
		assert.equal( l.allows( 'a' ), true );
		l.consume( 'a' );
		assert.equal( l.allows( 'a' ), false );
		t = 10_000;
		l.consume( 'b' );
		assert.equal( l.size, 1 ); // 'a' was full again, so forgotten
	} );
} );
