import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
	call,
	callProvision,
	expectServiceError,
	provisionBody,
	provisionCalls,
	startStack,
	errorFields,
	withStack,
} from './helpers.js';

describe( 'partner token and upstream transport', () => {
	it( 'token is fetched once, cached, and refreshed once when rejected', async () => {
		const s = await startStack( { sim: { scenarios: { '*': 'case_c' } } } );
		try {
			const SITE = 'https://token.example.test';
			const results = await Promise.all(
				Array.from( { length: 6 }, () => callProvision( s.url, SITE ) )
			);
			assert.ok( results.every( ( r ) => r.status === 200 ) );
			const tokenCalls = (): number =>
				s.sim.calls().filter( ( c ) => c.path === '/oauth2/token' )
					.length;
			assert.equal( tokenCalls(), 1 );
			const oauth = s.sim
				.calls()
				.find( ( c ) => c.path === '/oauth2/token' );
			assert.deepEqual( oauth?.form, {
				grant_type: 'client_credentials',
				scope: 'jetpack-partner',
				client_id: 'partner-client-id-42',
				client_secret: '[redacted]',
			} );

			s.sim.setScenario( SITE, {
				scenario: 'token_expired_once',
				then: 'case_b',
			} );
			s.sim.clearCalls();
			const a = await callProvision( s.url, SITE );
			assert.equal(
				a.json.outcome,
				'awaiting_authorization',
				JSON.stringify( a.json )
			);
			assert.deepEqual(
				s.sim.calls().map( ( c ) => c.path ),
				[
					'/rest/v1.3/jpphp/provision',
					'/oauth2/token',
					'/rest/v1.3/jpphp/provision',
				]
			);

			// Tokens rotated on WordPress.com's side: one refresh, then success.
			s.sim.clearCalls();
			s.sim.setScenario( SITE, 'case_c' );
			s.sim.revokeTokens();
			const revoked = await callProvision( s.url, SITE );
			assert.equal( revoked.status, 200 );
			assert.equal( tokenCalls(), 1 );
			assert.equal( provisionCalls( s.sim, SITE ).length, 2 );
		} finally {
			await s.close();
		}
	} );

	it( 'a fresh token refused too → 502 host_partner_auth_failed after one refresh; WordPress.com 429 → retryable', async () => {
		await withStack( {}, async ( s ) => {
			const SITE = 'https://revoked.example.test';
			s.sim.setScenario( SITE, 'token_rejected' );
			const a = await callProvision( s.url, SITE );
			expectServiceError( a, 502, 'host_partner_auth_failed' );
			assert.equal( a.json.retryable, false );
			assert.deepEqual(
				s.sim.calls().map( ( c ) => c.path ),
				[
					'/oauth2/token',
					'/rest/v1.3/jpphp/provision',
					'/oauth2/token',
					'/rest/v1.3/jpphp/provision',
				]
			);
			s.sim.setScenario( SITE, 'rate_limited' );
			const limited = await callProvision( s.url, SITE );
			assert.equal( limited.status, 429 );
			assert.deepEqual( errorFields( limited ), {
				error_code: 'rate_limit_exceeded',
				error_message: 'Too many requests; try again later.',
				source: 'wpcom',
				retryable: true,
				answer_unknown: false,
			} );
		} );
	} );

	it( 'one deadline per attempt: calls that each fit the budget but not together → 504', async () => {
		await withStack(
			{
				config: { upstreamTimeoutMs: 500 },
				sim: {
					scenarios: {
						// 300 ms, then remoteProvision method_not_found, so the service retries
						// with force_register, which takes another 300 ms.
						'*': {
							scenario: 'slow',
							delay_ms: 300,
							then: 'method_not_found_provision',
						},
					},
				},
			},
			async ( s ) => {
				const SITE = 'https://deadline.example.test';
				const a = await callProvision( s.url, SITE );
				expectServiceError( a, 504, 'host_upstream_timeout' );
				assert.equal( provisionCalls( s.sim, SITE ).length, 2 );
			}
		);
	} );

	it( 'wrong partner credentials → host_partner_auth_failed, no provision call', async () => {
		await withStack(
			{ config: { partnerClientSecret: 'wrong-secret' } },
			async ( s ) => {
				const SITE = 'https://creds.example.test';
				const a = await callProvision( s.url, SITE );
				expectServiceError( a, 502, 'host_partner_auth_failed' );
				assert.equal( a.json.retryable, false );
				assert.equal( provisionCalls( s.sim ).length, 0 );
			}
		);
	} );

	it( 'timeout → 504 host_upstream_timeout; unreachable → host_upstream_unavailable; tracking id and onboarding forwarded', async () => {
		await withStack(
			{
				config: {
					upstreamTimeoutMs: 200,
					partnerTrackingId: 'host 42',
					onboarding: true,
				},
				sim: {
					scenarios: { '*': { scenario: 'slow', delay_ms: 3000 } },
				},
			},
			async ( s ) => {
				const SITE = 'https://slow.example.test';
				const started = Date.now();
				const a = await callProvision( s.url, SITE );
				expectServiceError( a, 504, 'host_upstream_timeout' );
				assert.equal( a.json.retryable, true );
				assert.ok( Date.now() - started < 2000 );
				const c = provisionCalls( s.sim, SITE )[ 0 ];
				assert.equal( c?.query[ 'partner-tracking-id' ], 'host 42' );
				assert.equal( c?.form.onboarding, '1' );
			}
		);
		await withStack(
			{ config: { wpcomBaseUrl: 'http://127.0.0.1:9' } },
			async ( dead ) => {
				const SITE = 'https://down.example.test';
				const a = await callProvision( dead.url, SITE );
				expectServiceError( a, 502, 'host_upstream_unavailable' );
			}
		);
	} );
} );

describe( 'simulator surface used by other suites', () => {
	it( 'multipart provision, its own validation, HTTP control API, partner-cancel, custom plan policy', async () => {
		const s = await startStack( {
			deps: {
				planPolicy: ( requested ) =>
					requested === 'premium'
						? { ok: true, plan: 'premium' }
						: { ok: false, reason: 'premium only' },
			},
		} );
		try {
			const SITE = 'https://multi.example.test';
			const ctl = await fetch( `${ s.sim.url }/__sim/scenarios`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify( { site: '*', scenario: 'case_c' } ),
			} );
			assert.equal( ctl.status, 204 );
			const tok = ( await (
				await fetch( `${ s.sim.url }/oauth2/token`, {
					method: 'POST',
					body: new URLSearchParams( {
						grant_type: 'client_credentials',
						scope: 'jetpack-partner',
						client_id: 'partner-client-id-42',
						client_secret: 'partner-client-secret-DO-NOT-LOG-7f3a',
					} ),
				} )
			).json() ) as Record< string, unknown >;
			assert.equal( tok.token_type, 'bearer' );
			// WordPress.com takes forms only: the same request as JSON is not understood.
			const asJson = await fetch( `${ s.sim.url }/oauth2/token`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify( {
					grant_type: 'client_credentials',
					scope: 'jetpack-partner',
					client_id: 'partner-client-id-42',
					client_secret: 'partner-client-secret-DO-NOT-LOG-7f3a',
				} ),
			} );
			assert.equal( asJson.status, 415 );
			const auth = {
				authorization: `Bearer ${ String( tok.access_token ) }`,
			};
			const fd = new FormData();
			fd.set( 'siteurl', SITE );
			fd.set( 'local_user', 'admin' );
			fd.set( 'plan', 'jetpack-anti-spam' );
			const mp = await fetch(
				`${ s.sim.url }/rest/v1.3/jpphp/provision`,
				{ method: 'POST', headers: auth, body: fd }
			);
			assert.deepEqual( await mp.json(), {
				success: true,
				auth_required: true,
				next_url: '',
			} );
			const bad = await fetch(
				`${ s.sim.url }/rest/v1.3/jpphp/provision`,
				{
					method: 'POST',
					headers: auth,
					body: new URLSearchParams( {
						siteurl: SITE,
						local_user: 'admin',
						plan: 'bogus',
					} ),
				}
			);
			assert.equal( bad.status, 400 );
			assert.deepEqual( await bad.json(), {
				error_code: 'invalid_plan',
				error_message: 'bogus is not a valid plan',
			} );
			const noAuth = await fetch(
				`${ s.sim.url }/rest/v1.3/jpphp/provision`,
				{
					method: 'POST',
					body: new URLSearchParams( { siteurl: SITE } ),
				}
			);
			assert.equal( noAuth.status, 403 );
			const cancel = await fetch(
				`${ s.sim.url }/rest/v1.3/jpphp/multi.example.test/partner-cancel`,
				{
					method: 'POST',
					headers: auth,
					body: new URLSearchParams( { 'cancel-all': '1' } ),
				}
			);
			assert.deepEqual( await cancel.json(), { success: true } );
			const logged = ( await (
				await fetch( `${ s.sim.url }/__sim/calls` )
			).json() ) as { path: string; headers: Record< string, string > }[];
			assert.equal( logged.length, 5 );
			assert.ok(
				logged.every(
					( c ) =>
						! JSON.stringify( c ).includes(
							String( tok.access_token )
						)
				)
			);
			assert.equal(
				(
					await fetch( `${ s.sim.url }/__sim/calls`, {
						method: 'DELETE',
					} )
				).status,
				204
			);
			assert.equal( s.sim.calls().length, 0 );

			// A host-supplied plan policy replaces the default/allow-list one.
			assert.equal(
				( await callProvision( s.url, SITE ) ).json.error_code,
				'host_plan_not_allowed'
			);
			const ok = await call( s.url, {
				site: SITE,
				body: provisionBody( SITE, { plan: 'premium' } ),
			} );
			assert.equal( ok.json.plan, 'premium' );
			assert.equal(
				provisionCalls( s.sim, SITE )[ 0 ]?.form.plan,
				'premium'
			);
		} finally {
			await s.close();
		}
	} );
} );
