import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { canonicalSiteUrl, wpcomSiteSlug } from '../src/lib/canonical.js';
import { ConfigError, loadConfig } from '../src/config/index.js';
import { deriveSiteKey } from '../src/lib/key-provider.js';
import {
	sha256Hex,
	sign,
	signatureMatches,
	stringToSign,
} from '../src/lib/signature.js';
import { isAllowedLink, linkOrigin } from '../src/lib/links.js';
import { productSlugsFor, readSiteStatus } from '../src/lib/plans.js';
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
				e.message.includes( 'JSC_MASTER_SECRET is required' )
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
					/JSC_WPCOM_BASE_URL must be .* without a user name, password, query or fragment/.test(
						e.message
					) &&
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
		assert.deepEqual( c.authorizeOrigins, [
			'https://jetpack.wordpress.com',
			'https://wordpress.com',
		] );
		assert.equal( c.nonceMemoryMax, 1_000_000 );
		assert.throws(
			() => loadConfig( { ...base, JSC_PORT: 'eighty' } ),
			/JSC_PORT/
		);
		// Every problem at once, each naming its variable, none echoing a value.
		assert.throws(
			() =>
				loadConfig( {
					...base,
					JSC_ONBOARDING: 'maybe',
					JSC_REDIS_URL: 'redis://:hunter2@h:1/0?x=1',
					JSC_AUTHORIZE_ORIGINS:
						'https://ok.example,https://bad.example/path',
				} ),
			( e: unknown ) =>
				e instanceof ConfigError &&
				e.problems.length === 3 &&
				! e.message.includes( 'hunter2' ) &&
				/JSC_AUTHORIZE_ORIGINS/.test( e.message )
		);
	} );
} );

describe( 'contract §7 links (vectors: links.cases)', () => {
	const { cases, default_allowed_origins: defaults } = vectorsFile.links;
	it( 'has cases to check', () => {
		assert.ok( cases.length > 40 );
	} );
	for ( const c of cases ) {
		it( `${ c.valid ? 'links' : 'refuses' } ${ JSON.stringify( c.url ) }${
			c.why === undefined ? '' : ` (${ c.why })`
		}`, () => {
			const allowed = c.allowed_origins ?? defaults;
			assert.equal( isAllowedLink( c.url, allowed ), c.valid );
			if ( c.valid ) {
				assert.equal( linkOrigin( c.url ), c.origin );
				// WHATWG agrees on the origin of everything the rule accepts.
				assert.equal( new URL( c.url ).origin, c.origin );
			}
		} );
	}
} );

describe( 'plan slugs (contract §4: the mapping lives in the service)', () => {
	it( "maps the documented plans to WordPress.com's product slugs", () => {
		assert.deepEqual( productSlugsFor( 'professional' ), [
			'jetpack_business',
			'jetpack_business_monthly',
		] );
		assert.deepEqual( productSlugsFor( 'jetpack-backup-daily' ), [
			'jetpack_backup_daily',
			'jetpack_backup_daily_monthly',
		] );
		assert.deepEqual( productSlugsFor( 'host-special' ), [
			'host_special',
			'jetpack_host_special',
		] );
	} );
	it( 'reads v1.4 status: active beats pending, missing, malformed', () => {
		const body = ( products: unknown[] ): unknown => ( {
			blog: { is_connected: true, has_backups_credentials: false },
			products,
		} );
		assert.deepEqual(
			readSiteStatus(
				body( [
					{ slug: 'jetpack_business_monthly', is_pending: true },
					{ slug: 'jetpack_business', is_pending: false },
				] ),
				'professional'
			),
			{ planOnSite: 'active', connected: true }
		);
		assert.equal(
			readSiteStatus(
				body( [ { slug: 'jetpack_personal', is_pending: true } ] ),
				'personal'
			)?.planOnSite,
			'pending'
		);
		assert.equal(
			readSiteStatus(
				body( [ { slug: 'jetpack_scan', is_pending: false } ] ),
				'professional'
			)?.planOnSite,
			'missing'
		);
		assert.equal( readSiteStatus( { products: [] }, 'free' ), null );
		assert.equal( readSiteStatus( body( [ 'x' ] ), 'free' ), null );
	} );
} );
