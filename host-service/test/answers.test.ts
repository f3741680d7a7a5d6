import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ProvisionOutcome, WpcomClient } from '../src/wpcom/client.js';
import {
	call,
	callProvision,
	errorFields,
	expectServiceError,
	provisionBody,
	provisionCalls,
	signedHeaders,
	upstreamCalls,
	vectorsFile,
	withStack,
} from './helpers.js';

const KEY = { 'idempotency-key': 'unknown-answer-01' };

describe( 'answers WordPress.com never gave (contract §3 answer_unknown; issue 6 #3)', () => {
	it( 'a timeout is answer-unknown; the retry with the key asks status first and does not provision again', async () => {
		await withStack(
			{
				config: { upstreamTimeoutMs: 500 },
				sim: {
					scenarios: {
						'*': {
							scenario: 'slow',
							delay_ms: 900,
							then: 'case_b',
						},
					},
				},
			},
			async ( s ) => {
				const SITE = 'https://timeout.example.test';
				const first = await callProvision( s.url, SITE, {
					headers: KEY,
				} );
				expectServiceError( first, 504, 'host_upstream_timeout' );
				assert.equal( first.json.answer_unknown, true );
				assert.equal( first.json.retryable, true );
				// WordPress.com finishes the provision nobody heard about (900 ms after it arrived).
				await new Promise( ( r ) => setTimeout( r, 800 ) );
				s.sim.setScenario( SITE, 'case_b' );
				const retry = await callProvision( s.url, SITE, {
					headers: KEY,
				} );
				assert.equal( retry.status, 200, JSON.stringify( retry.json ) );
				assert.equal( retry.json.outcome, 'awaiting_authorization' );
				assert.equal( retry.json.next_url, '' );
				assert.equal( retry.json.idempotent_replay, true );
				assert.equal(
					Date.parse( String( retry.json.pending_expires_at ) ) -
						Date.parse( String( retry.json.provisioned_at ) ),
					14 * 24 * 3600 * 1000
				);
				assert.equal( provisionCalls( s.sim, SITE ).length, 1 );
				assert.ok(
					s.sim.calls().some( ( c ) => c.path.endsWith( '/status' ) )
				);
				// Now a known answer: replayed, no further call of any kind.
				s.sim.clearCalls();
				const again = await callProvision( s.url, SITE, {
					headers: KEY,
				} );
				assert.equal( again.json.outcome, 'awaiting_authorization' );
				assert.deepEqual( upstreamCalls( s.sim ), [] );
			}
		);
	} );

	it( 'a connection cut after sending is answer-unknown; when status shows nothing landed, the retry provisions', async () => {
		await withStack( {}, async ( s ) => {
			const SITE = 'https://reset.example.test';
			s.sim.setScenario( SITE, 'reset' );
			const first = await callProvision( s.url, SITE, { headers: KEY } );
			expectServiceError( first, 502, 'host_upstream_unavailable' );
			assert.equal( first.json.answer_unknown, true );
			s.sim.setScenario( SITE, 'case_c' );
			const retry = await callProvision( s.url, SITE, { headers: KEY } );
			assert.equal(
				retry.json.outcome,
				'awaiting_dns',
				JSON.stringify( retry.json )
			);
			assert.equal( retry.json.idempotent_replay, false );
			assert.equal( provisionCalls( s.sim, SITE ).length, 2 );
		} );
		// An unreachable WordPress.com (nothing was sent) is a known answer.
		await withStack(
			{ config: { wpcomBaseUrl: 'http://127.0.0.1:9' } },
			async ( s ) => {
				const a = await callProvision(
					s.url,
					'https://down.example.test'
				);
				assert.deepEqual( errorFields( a ), {
					error_code: 'host_upstream_unavailable',
					error_message: 'WordPress.com could not be reached.',
					source: 'service',
					retryable: true,
					answer_unknown: false,
				} );
			}
		);
	} );
} );

/**
 * A WordPress.com that answers every provision with the outcome and next_url given.
 * @param answer
 */
function fixedWpcom( answer: () => ProvisionOutcome ): WpcomClient {
	return {
		provision: async () => answer(),
		status: async () => ( { blog: { is_connected: false }, products: [] } ),
		cancel: async () => false,
	};
}

describe( 'contract §7 on next_url before it is relayed (issue 6 #1)', () => {
	it( 'every link in links.cases: relayed when the rule allows it, "" (and a warning) when not', async () => {
		const { cases, default_allowed_origins: defaults } = vectorsFile.links;
		let current: ProvisionOutcome = {
			outcome: 'awaiting_authorization',
			nextUrl: '',
			forcedRegister: false,
		};
		await withStack(
			{
				config: { authorizeOrigins: defaults },
				deps: { wpcom: fixedWpcom( () => current ) },
			},
			async ( s ) => {
				for ( const c of cases ) {
					// Cases with their own origins are sign-on links into that site (case A).
					const site =
						c.allowed_origins?.[ 0 ] ?? 'https://shop.example.test';
					current = {
						outcome:
							c.allowed_origins === undefined
								? 'awaiting_authorization'
								: 'active',
						nextUrl: c.url,
						forcedRegister: false,
					};
					const a = await callProvision( s.url, site );
					assert.equal(
						a.status,
						200,
						`${ JSON.stringify( c ) } ${ JSON.stringify( a.json ) }`
					);
					assert.equal(
						a.json.next_url,
						c.valid ? c.url : '',
						`${ JSON.stringify( c.url ) } (${ c.why ?? 'valid' })`
					);
				}
				const refusals = s.logs.filter( ( l ) =>
					l.includes( 'refused by the link rule' )
				);
				assert.equal(
					refusals.length,
					cases.filter( ( c ) => ! c.valid && c.url !== '' ).length
				);
				assert.ok(
					refusals.every(
						( l ) => ! l.includes( 'evil.example\\\\@' )
					)
				);
			}
		);
	} );

	it( 'a case B link to another origin, or a sign-on link to another site, becomes ""', async () => {
		await withStack(
			{ sim: { publicUrl: 'https://evil.example' } },
			async ( s ) => {
				const SITE = 'https://linkrule.example.test';
				s.sim.setScenario( SITE, 'case_b' );
				const b = await callProvision( s.url, SITE );
				assert.equal( b.json.outcome, 'awaiting_authorization' );
				assert.equal( b.json.next_url, '' );
			}
		);
		let current: ProvisionOutcome = {
			outcome: 'active',
			nextUrl:
				'https://other.example.test/wp-login.php?action=jetpack-sso',
			forcedRegister: false,
		};
		await withStack(
			{ deps: { wpcom: fixedWpcom( () => current ) } },
			async ( s ) => {
				const SITE = 'https://site.example.test/blog';
				assert.equal(
					( await callProvision( s.url, SITE ) ).json.next_url,
					''
				);
				// home_url's origin is the site's too.
				current = {
					...current,
					nextUrl: 'https://www.site.example.test/wp-login.php',
				};
				const a = await call( s.url, {
					site: SITE,
					body: provisionBody( SITE, {
						home_url: 'https://www.site.example.test/',
					} ),
				} );
				assert.equal(
					a.json.next_url,
					'https://www.site.example.test/wp-login.php'
				);
			}
		);
	} );
} );

describe( 'request ids and ping (contract §3, §8)', () => {
	it( 'ping answers each vector site signed with its key; refusals carry server_time; X-Request-Id on every answer', async () => {
		await withStack( {}, async ( s ) => {
			for ( const v of vectorsFile.vectors ) {
				const headers = signedHeaders( {
					site: v.canonical_site,
					method: 'GET',
					path: '/v1/ping',
					key: v.site_key,
				} );
				const res = await fetch( `${ s.url }/v1/ping`, { headers } );
				const json = ( await res.json() ) as Record< string, unknown >;
				assert.equal( res.status, 200, JSON.stringify( json ) );
				assert.equal( json.status, 'ok' );
				assert.equal( json.site, v.canonical_site );
				assert.ok(
					Math.abs(
						Date.parse( String( json.server_time ) ) - Date.now()
					) < 5000
				);
				assert.equal(
					json.request_id,
					res.headers.get( 'x-request-id' )
				);
				assert.ok( res.headers.get( 'date' ) !== null );
			}
			// A site whose clock is 20 minutes off learns by how much from server_time.
			const stale = await call( s.url, {
				site: 'https://example.com',
				method: 'GET',
				path: '/v1/ping',
				timestamp: Math.floor( Date.now() / 1000 ) - 1200,
			} );
			expectServiceError( stale, 401, 'host_stale_timestamp' );
			const skew =
				Date.parse( String( stale.json.server_time ) ) / 1000 -
				( Date.now() / 1000 - 1200 );
			assert.ok( Math.abs( skew - 1200 ) < 5 );
			const notFound = await fetch( `${ s.url }/v1/nothing` );
			assert.equal( notFound.status, 404 );
			assert.match(
				String( notFound.headers.get( 'x-request-id' ) ),
				/^req-[0-9a-f]{12}$/
			);
			assert.deepEqual( upstreamCalls( s.sim ), [] );
		} );
	} );

	it( 'pings count against the per-site budget', async () => {
		await withStack( { config: { siteRatePerMinute: 2 } }, async ( s ) => {
			const ping = (): ReturnType< typeof call > =>
				call( s.url, {
					site: 'https://budget.example.test',
					method: 'GET',
					path: '/v1/ping',
				} );
			assert.equal( ( await ping() ).status, 200 );
			assert.equal( ( await ping() ).status, 200 );
			const over = await ping();
			expectServiceError( over, 429, 'host_rate_limited' );
		} );
	} );
} );
