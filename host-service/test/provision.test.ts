import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import {
	ERROR_SCENARIOS,
	type ScenarioName,
} from '../../tests/wpcom-simulator/src/simulator.js';
import {
	call,
	callProvision,
	expectServiceError,
	provisionBody,
	provisionAtOnce,
	provisionCalls,
	startStack,
	errorFields,
	upstreamCalls,
	type Answer,
	type Stack,
} from './helpers.js';
import { approve, startFakeSite, type FakeSite } from './fake-site.js';

const DAY_MS = 24 * 3600 * 1000;
const REMOTE_REGISTER = 'remoteRegister method not found on remote site.';

describe( 'provision end to end (service ↔ simulator over sockets)', () => {
	let s: Stack;
	let site: FakeSite;
	before( async () => {
		s = await startStack();
		site = await startFakeSite();
	} );
	after( async () => {
		await s.close();
		await site.close();
	} );
	afterEach( () => {
		s.sim.clearScenarios();
		s.sim.clearCalls();
	} );

	it( 'case A: active, Secure Sign On link, default plan sent', async () => {
		const SITE = 'https://a.example.test';
		s.sim.setScenario( SITE, 'case_a' );
		const a = await call( s.url, {
			site: SITE,
			body: provisionBody( SITE, { local_user: 'zoë' } ),
		} );
		assert.equal( a.status, 200, JSON.stringify( a.json ) );
		assert.equal( a.json.outcome, 'active' );
		assert.equal( a.json.auth_required, false );
		assert.equal(
			a.json.next_url,
			`${ SITE }/wp-login.php?action=jetpack-sso&redirect_to=${ encodeURIComponent(
				`${ SITE }/wp-admin`
			) }`
		);
		assert.equal( a.json.pending_expires_at, null );
		assert.equal( a.json.plan, 'jetpack-backup-daily' );
		assert.equal( a.json.forced_register, false );
		assert.equal( a.json.idempotent_replay, false );
		const [ c, ...rest ] = provisionCalls( s.sim, SITE );
		assert.equal( rest.length, 0 );
		assert.deepEqual( c?.form, {
			siteurl: SITE,
			local_user: 'zoë',
			plan: 'jetpack-backup-daily',
		} );
		assert.equal( c?.headers.authorization, 'Bearer [redacted]' );
		assert.match(
			String( c?.headers[ 'content-type' ] ),
			/application\/x-www-form-urlencoded/
		);
	} );

	it( 'case B: awaiting authorization with a 14-day pending window', async () => {
		const SITE = 'https://b.example.test/blog';
		s.sim.setScenario( SITE, 'case_b' );
		const a = await call( s.url, {
			site: SITE,
			body: provisionBody( `${ SITE }/`, { plan: 'jetpack-scan' } ),
		} );
		assert.equal( a.status, 200, JSON.stringify( a.json ) );
		assert.equal( a.json.outcome, 'awaiting_authorization' );
		assert.equal( a.json.auth_required, true );
		assert.match(
			String( a.json.next_url ),
			new RegExp( `^${ s.sim.url }/jetpack\\.authorize/1/\\?site=` )
		);
		assert.equal(
			Date.parse( String( a.json.pending_expires_at ) ) -
				Date.parse( String( a.json.provisioned_at ) ),
			14 * DAY_MS
		);
		assert.equal( a.json.plan, 'jetpack-scan' );
	} );

	it( 'case C: awaiting DNS, empty next_url', async () => {
		const SITE = 'https://c.example.test';
		s.sim.setScenario( SITE, 'case_c' );
		const a = await callProvision( s.url, SITE );
		assert.equal( a.status, 200 );
		assert.equal( a.json.outcome, 'awaiting_dns' );
		assert.equal( a.json.next_url, '' );
		assert.notEqual( a.json.pending_expires_at, null );
	} );

	// `auto` speaks Jetpack's connection protocol with the site (XML-RPC callbacks, signatures):
	// cases A and B against Jetpack's real package are tested by PHPUnit and Playwright. Here,
	// what needs no Jetpack at all.
	it( 'auto: no Jetpack where WordPress.com looks → remoteRegister method_not_found; nobody listening → case C', async () => {
		site.connection = 'missing';
		let a = await callProvision( s.url, site.url );
		assert.equal( a.status, 400 );
		assert.deepEqual( errorFields( a ), {
			error_code: 'method_not_found',
			error_message: REMOTE_REGISTER,
			source: 'wpcom',
			retryable: false,
			answer_unknown: false,
		} );

		// A site that redirects WordPress.com's call (http → https, say) is not followed.
		site.connection = 'redirect';
		a = await callProvision( s.url, site.url );
		assert.equal( a.json.error_message, REMOTE_REGISTER );

		// Nothing listening (DNS not propagated stand-in) → case C.
		a = await callProvision( s.url, 'http://127.0.0.1:9' );
		assert.equal(
			a.json.outcome,
			'awaiting_dns',
			JSON.stringify( a.json )
		);
	} );

	it( 'the authorize page: escaped, a loopback partner_redirect honoured, an unlisted one dropped, status follows', async () => {
		const SITE = 'https://authorize.example.test';
		s.sim.setScenario( SITE, 'case_b' );
		const ask = ( localUser: string ) =>
			call( s.url, {
				site: SITE,
				body: provisionBody( SITE, {
					local_user: localUser,
					plan: 'jetpack-scan',
				} ),
			} );
		let a = await ask( '<b>eve</b>' );
		assert.equal( a.json.outcome, 'awaiting_authorization' );
		const scanStatus = (): Promise< Answer > =>
			call( s.url, {
				site: SITE,
				method: 'GET',
				path: '/v1/status?plan=jetpack-scan',
			} );
		let st = await scanStatus();
		assert.equal( st.status, 200 );
		assert.equal( st.json.plan, 'jetpack-scan' );
		assert.equal( st.json.plan_on_site, 'pending' );

		const panel =
			'http://127.0.0.1:8889/wp-admin/admin.php?page=jetpack-start-companion';
		const { html, approved } = await approve(
			s.sim.url,
			String( a.json.next_url ),
			panel
		);
		assert.ok(
			html.includes( '&#60;b&#62;eve&#60;/b&#62;' ) &&
				! html.includes( '<b>eve' ),
			'user name escaped'
		);
		assert.match( html, /<button type="submit">Approve<\/button>/ );
		assert.equal( approved.status, 302 );
		assert.equal( approved.headers.get( 'location' ), panel );
		st = await scanStatus();
		assert.equal( st.json.connected, true );
		assert.equal( st.json.plan_on_site, 'active' );

		a = await ask( 'admin' );
		const dropped = await approve(
			s.sim.url,
			String( a.json.next_url ),
			'https://host.example/panel?x=1'
		);
		assert.equal( dropped.approved.status, 200 );
		assert.match( await dropped.approved.text(), /<h1>Connected<\/h1>/ );
	} );

	it( 'every documented WordPress.com error passes through, in both shapes', async () => {
		const SITE = 'https://errors.example.test';
		for ( const [ name, def ] of Object.entries( ERROR_SCENARIOS ) ) {
			if ( name === 'method_not_found_provision' || def === undefined ) {
				continue;
			} // retried; see below
			for ( const shape of [ 'error_code', 'error' ] as const ) {
				s.sim.setScenario( SITE, {
					scenario: name as ScenarioName,
					shape,
				} );
				const a = await callProvision( s.url, SITE );
				assert.equal( a.status, def.status, `${ name }/${ shape }` );
				assert.deepEqual( errorFields( a ), {
					error_code: def.code,
					error_message: def.message( 'jetpack-backup-daily' ),
					source: 'wpcom',
					retryable: def.code === 'invalid_signature',
					answer_unknown: false,
				} );
			}
		}
		s.sim.setScenario( SITE, 'case_c' );
		const a = await call( s.url, {
			site: SITE,
			body: provisionBody( SITE, { plan: 'free' } ),
		} );
		assert.equal( a.status, 200 );
	} );

	it( 'remoteProvision method_not_found → exactly one retry with force_register=1', async () => {
		const SITE = 'https://force.example.test';
		s.sim.setScenario( SITE, {
			scenario: 'method_not_found_provision',
			then: 'case_b',
		} );
		const a = await callProvision( s.url, SITE );
		assert.equal( a.status, 200, JSON.stringify( a.json ) );
		assert.equal( a.json.forced_register, true );
		assert.equal( a.json.outcome, 'awaiting_authorization' );
		const calls = provisionCalls( s.sim, SITE );
		assert.equal( calls.length, 2 );
		assert.equal( calls[ 0 ]?.form.force_register, undefined );
		assert.equal( calls[ 1 ]?.form.force_register, '1' );
	} );

	it( 'upstream 5xx and malformed answers become host_ codes', async () => {
		const SITE = 'https://flaky.example.test';
		for ( const [ scenario, status, code ] of [
			[ 'http_500', 502, 'host_upstream_unavailable' ],
			[ 'http_503', 502, 'host_upstream_unavailable' ],
			[ 'malformed_json', 502, 'host_upstream_malformed' ],
		] as const ) {
			s.sim.setScenario( SITE, scenario );
			const a = await callProvision( s.url, SITE );
			expectServiceError( a, status, code );
			assert.equal( a.json.retryable, true, scenario );
		}
	} );

	it( 'plan policy: allow-list refusal never calls WordPress.com', async () => {
		const SITE = 'https://plans.example.test';
		const a = await call( s.url, {
			site: SITE,
			body: provisionBody( SITE, { plan: 'professional' } ),
		} );
		assert.equal( a.status, 403 );
		assert.equal( a.json.error_code, 'host_plan_not_allowed' );
		assert.deepEqual( upstreamCalls( s.sim ), [] );
	} );

	it( 'idempotency: concurrent same key → one upstream call, same answer; reuse with another body → 422', async () => {
		const SITE = 'https://idem.example.test';
		s.sim.setScenario( SITE, {
			scenario: 'slow',
			delay_ms: 150,
			then: 'case_b',
		} );
		const body = provisionBody( SITE );
		const headers = { 'idempotency-key': 'attempt-0001' };
		const [ x, y ] = await provisionAtOnce(
			[ s.url, s.url ],
			SITE,
			headers
		);
		assert.equal( x.json.provisioned_at, y.json.provisioned_at );
		assert.deepEqual(
			[ x.json.idempotent_replay, y.json.idempotent_replay ].sort(),
			[ false, true ]
		);
		assert.equal( provisionCalls( s.sim, SITE ).length, 1 );
		const later = await call( s.url, { site: SITE, body, headers } );
		assert.equal( later.json.idempotent_replay, true );
		assert.equal( provisionCalls( s.sim, SITE ).length, 1 );
		const reused = await call( s.url, {
			site: SITE,
			body: provisionBody( SITE, { local_user: 'other' } ),
			headers,
		} );
		assert.equal( reused.status, 422 );
		assert.equal( reused.json.error_code, 'host_idempotency_key_reused' );
		// A retryable failure is not replayed: the retry really asks again.
		s.sim.setScenario( SITE, 'http_503' );
		const h2 = { 'idempotency-key': 'attempt-0002' };
		assert.equal(
			( await call( s.url, { site: SITE, body, headers: h2 } ) ).status,
			502
		);
		s.sim.setScenario( SITE, 'case_c' );
		assert.equal(
			( await call( s.url, { site: SITE, body, headers: h2 } ) ).json
				.outcome,
			'awaiting_dns'
		);
	} );

	it( "status (contract §4): the plan in the site's terms, never WordPress.com's product slugs", async () => {
		const SITE = 'https://status.example.test/shop';
		s.sim.setScenario( SITE, 'case_c' );
		await callProvision( s.url, SITE );
		const st = await call( s.url, {
			site: SITE,
			method: 'GET',
			path: '/v1/status',
		} );
		assert.equal( st.status, 200, JSON.stringify( st.json ) );
		assert.deepEqual( Object.keys( st.json ).sort(), [
			'checked_at',
			'connected',
			'plan',
			'plan_on_site',
			'request_id',
		] );
		assert.equal( st.json.plan, 'jetpack-backup-daily' );
		assert.equal( st.json.plan_on_site, 'pending' );
		assert.equal( st.json.connected, false );
		assert.ok(
			Math.abs(
				Date.parse( String( st.json.checked_at ) ) - Date.now()
			) < 5000
		);
		assert.ok(
			s.sim
				.calls()
				.some(
					( c ) =>
						c.path ===
						'/rest/v1.4/jpphp/status.example.test::shop/status'
				)
		);
		// Another plan the policy allows is looked for under its own product slugs.
		const scan = await call( s.url, {
			site: SITE,
			method: 'GET',
			path: '/v1/status?plan=jetpack-scan',
		} );
		assert.equal( scan.json.plan_on_site, 'missing' );
		// A plan the policy refuses is refused before WordPress.com is asked.
		s.sim.clearCalls();
		const refused = await call( s.url, {
			site: SITE,
			method: 'GET',
			path: '/v1/status?plan=professional',
		} );
		expectServiceError( refused, 403, 'host_plan_not_allowed' );
		assert.deepEqual( upstreamCalls( s.sim ), [] );
		// A site WordPress.com does not know has nothing on it.
		const unknown = await call( s.url, {
			site: 'https://never.example.test',
			method: 'GET',
			path: '/v1/status',
		} );
		assert.equal( unknown.status, 200 );
		assert.equal( unknown.json.plan_on_site, 'missing' );
		assert.equal( unknown.json.connected, false );
	} );
} );
