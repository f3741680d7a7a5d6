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
import { MemoryIdempotencyStore, MemoryNonceStore } from '../src/stores.js';
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
	it( 'memory idempotency store: waits, replays, expires, forgets retryable answers', async () => {
		let t = 0;
		const s = new MemoryIdempotencyStore( 1000, 10, () => t );
		assert.deepEqual( await s.begin( 'a', 'k', 'f' ), { kind: 'owner' } );
		const waiter = s.begin( 'a', 'k', 'f' );
		assert.deepEqual( await s.begin( 'a', 'k', 'other' ), {
			kind: 'mismatch',
		} );
		await s.finish( 'a', 'k', 'f', { status: 200, body: { x: 1 } }, true );
		assert.deepEqual( await waiter, {
			kind: 'replay',
			response: { status: 200, body: { x: 1 } },
		} );
		t = 1001;
		assert.deepEqual( await s.begin( 'a', 'k', 'f' ), { kind: 'owner' } );
		await s.finish( 'a', 'k', 'f', { status: 504, body: {} }, false );
		assert.deepEqual( await s.begin( 'a', 'k', 'f' ), { kind: 'owner' } );
	} );
} );
