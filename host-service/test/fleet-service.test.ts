import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { backends, useDatabase } from './databases.js';
import {
	ADMIN_TOKEN,
	report,
	startFleetStack,
	type FleetStack,
} from './fleet-stack.js';
import { call, callProvision, provisionBody, vectorsFile } from './helpers.js';

const drained = async ( s: FleetStack ): Promise< void > => {
	await s.app.fleet?.writer.drain();
};

const siteRecord = ( s: FleetStack, site: string ) =>
	call( s.url, { site, method: 'GET', path: '/v1/site' } );

for ( const backend of backends ) {
	describe(
		`fleet routes and admin listener on ${ backend.name }`,
		{ skip: backend.skip },
		() => {
			const used = useDatabase( backend.name );

			it( 'a site provisions, reports and reads its record back (contract §9, §10); the fleet counts it', async () => {
				const s = await startFleetStack( {
					db: used.db(),
					dataDir: used.dataDir(),
				} );
				try {
					const site = 'https://b.report.example';
					s.sim.setScenario( site, 'case_b' );
					const p = await callProvision( s.url, site );
					assert.equal( p.status, 200 );
					const r = await call( s.url, {
						site,
						path: '/v1/report',
						body: JSON.stringify(
							report( site, 'awaiting_authorization', [
								{
									id: 'xmlrpc',
									status: 'fail',
									code: 'xmlrpc_blocked',
								},
							] )
						),
					} );
					assert.equal( r.status, 202, JSON.stringify( r.json ) );
					assert.equal( r.json.accepted, true );
					await drained( s );
					const rec = await siteRecord( s, site );
					assert.equal( rec.status, 200 );
					assert.equal( rec.json.state, 'awaiting_authorization' );
					assert.equal( rec.json.known, true );
					assert.equal( rec.json.provisioned_by, 'site' );
					assert.equal( rec.json.next_url, p.json.next_url );
					assert.ok(
						String( rec.json.next_url ).startsWith( s.sim.url )
					);

					const fleet = await s.adminCall( '/api/v1/fleet' );
					assert.equal(
						( fleet.json.counts as Record< string, number > )
							.awaiting_authorization,
						1
					);
					assert.deepEqual( fleet.json.failing_checks, [
						{ check: 'xmlrpc', sites: 1 },
					] );

					// Refusals: another site's URL in the body, a body off the schema, no signature.
					const other = await call( s.url, {
						site,
						path: '/v1/report',
						body: JSON.stringify(
							report( 'https://other.example', 'active' )
						),
					} );
					assert.equal( other.json.error_code, 'host_site_mismatch' );
					const bad = await call( s.url, {
						site,
						path: '/v1/report',
						body: JSON.stringify( {
							...report( site, 'active' ),
							secret: 'x',
						} ),
					} );
					assert.equal( bad.json.error_code, 'host_invalid_request' );
					// The contract's report vector is a report the service accepts.
					const vector = vectorsFile.vectors.find(
						( v ) => v.path === '/v1/report'
					);
					const fromVector = await call( s.url, {
						site: vector?.canonical_site ?? '',
						path: '/v1/report',
						body: vector?.body ?? '',
					} );
					assert.equal(
						fromVector.status,
						202,
						JSON.stringify( fromVector.json )
					);
					const unsigned = await fetch( `${ s.url }/v1/site` );
					assert.equal( unsigned.status, 401 );
					const unknown = await siteRecord(
						s,
						'https://never.seen.example'
					);
					assert.equal( unknown.json.known, false );
					assert.equal( unknown.json.state, 'not_requested' );
				} finally {
					await s.close();
				}
			} );

			it( 'the host provisions and cancels from its side; the site reads both; nothing to cancel is not retried', async () => {
				const s = await startFleetStack( {
					db: used.db(),
					dataDir: used.dataDir(),
				} );
				try {
					const site = 'https://host.side.example';
					s.sim.setScenario( site, 'case_b' );
					const p = await s.adminCall( '/api/v1/provision', {
						body: {
							site_url: 'HTTPS://Host.Side.example/',
							local_user: 'owner1',
						},
					} );
					assert.equal( p.status, 200, p.text );
					assert.equal( p.json.site, site );
					assert.equal( p.json.outcome, 'awaiting_authorization' );
					assert.equal(
						p.json.next_url,
						undefined,
						'the admin API never shows the link'
					);
					let rec = await siteRecord( s, site );
					assert.equal( rec.json.state, 'awaiting_authorization' );
					assert.equal( rec.json.provisioned_by, 'host' );
					assert.ok(
						String( rec.json.next_url ).startsWith( s.sim.url )
					);

					const c = await s.adminCall( '/api/v1/cancel', {
						body: { site },
					} );
					assert.deepEqual( c.json, { outcome: 'cancelled' } );
					rec = await siteRecord( s, site );
					assert.equal( rec.json.state, 'cancelled' );
					assert.equal( rec.json.next_url, '' );
					assert.ok( rec.json.cancelled_at );
					const cancels = () =>
						s.sim
							.calls()
							.filter( ( x ) =>
								x.path.endsWith( '/partner-cancel' )
							).length;
					assert.equal( cancels(), 1 );
					const again = await s.adminCall( '/api/v1/cancel', {
						body: { site },
					} );
					assert.deepEqual( again.json, {
						outcome: 'nothing_to_cancel',
					} );
					assert.equal(
						cancels(),
						2,
						'one call each, no retry of success:false'
					);
					const h = await s.adminCall(
						`/api/v1/site?url=${ encodeURIComponent( site ) }`
					);
					assert.deepEqual(
						( h.json.history as { outcome: string }[] ).map(
							( x ) => x.outcome
						),
						[
							'nothing_to_cancel',
							'cancelled',
							'awaiting_authorization',
						]
					);
				} finally {
					await s.close();
				}
			} );

			it( 'the admin listener wants the token: Bearer for scripts, a session with CSRF for forms', async () => {
				const s = await startFleetStack( {
					db: used.db(),
					dataDir: used.dataDir(),
				} );
				try {
					for ( const path of [
						'/api/v1/fleet',
						'/api/v1/sites',
						'/fleet/sites.csv',
					] ) {
						const r = await fetch( `${ s.adminUrl }${ path }`, {
							redirect: 'manual',
						} );
						assert.ok(
							r.status === 401 || r.status === 303,
							`${ path }: ${ r.status }`
						);
						const wrong = await fetch( `${ s.adminUrl }${ path }`, {
							headers: {
								authorization: `Bearer ${ ADMIN_TOKEN }x`,
							},
							redirect: 'manual',
						} );
						assert.equal( wrong.status, 401, path );
					}
					const page = await fetch( `${ s.adminUrl }/fleet`, {
						redirect: 'manual',
					} );
					assert.equal( page.status, 303 );
					assert.equal( page.headers.get( 'location' ), '/login' );
					const form = ( body: Record< string, string > ) =>
						new URLSearchParams( body ).toString();
					const bad = await fetch( `${ s.adminUrl }/login`, {
						method: 'POST',
						headers: {
							'content-type': 'application/x-www-form-urlencoded',
						},
						body: form( { token: 'nope' } ),
					} );
					assert.equal( bad.status, 401 );
					const login = await fetch( `${ s.adminUrl }/login`, {
						method: 'POST',
						headers: {
							'content-type': 'application/x-www-form-urlencoded',
						},
						body: form( { token: ADMIN_TOKEN } ),
						redirect: 'manual',
					} );
					assert.equal( login.status, 303 );
					const cookie = String( login.headers.get( 'set-cookie' ) );
					assert.match( cookie, /HttpOnly; SameSite=Strict/ );
					assert.ok( ! cookie.includes( ADMIN_TOKEN ) );
					const session = cookie.split( ';' )[ 0 ] ?? '';
					const html = await (
						await fetch( `${ s.adminUrl }/fleet`, {
							headers: { cookie: session },
						} )
					).text();
					const csrf =
						/name="csrf" value="([0-9a-f]{64})"/.exec(
							html
						)?.[ 1 ] ?? '';
					assert.notEqual( csrf, '' );
					const post = ( body: Record< string, string > ) =>
						fetch( `${ s.adminUrl }/fleet/provision`, {
							method: 'POST',
							headers: {
								cookie: session,
								'content-type':
									'application/x-www-form-urlencoded',
							},
							body: form( body ),
							redirect: 'manual',
						} );
					const noCsrf = await post( {
						site_url: 'https://csrf.example',
						local_user: 'a',
					} );
					assert.equal( noCsrf.status, 403 );
					s.sim.setScenario( 'https://csrf.example', 'case_a' );
					const ok = await post( {
						site_url: 'https://csrf.example',
						local_user: 'a',
						csrf,
					} );
					assert.equal( ok.status, 303 );
					assert.match(
						String( ok.headers.get( 'location' ) ),
						/done=provisioned/
					);
				} finally {
					await s.close();
				}
			} );

			it( 'everything a site reported is escaped on the page and defused in the CSV', async () => {
				const s = await startFleetStack( {
					db: used.db(),
					dataDir: used.dataDir(),
				} );
				try {
					const site = 'https://hostile.report.example';
					s.sim.setScenario( site, 'case_b' );
					const evilUser =
						'=HYPERLINK("https://evil.example")<b>x</b>';
					await callProvision( s.url, site, {
						body: provisionBody( site, { local_user: evilUser } ),
					} );
					const hostile = report( site, 'failed', [
						{ id: 'xmlrpc', status: 'fail', code: 'x"><img' },
					] );
					hostile.wp_version = '<script>alert(1)</script>';
					hostile.plugin_version = '"><img src=x onerror=alert(1)>';
					hostile.jetpack.version = "'onmouseover='alert(1)";
					hostile.provisioning.error_code = 'e<svg/onload=1>'.replace(
						/[^A-Za-z0-9_.:-]/g,
						'_'
					);
					const r = await call( s.url, {
						site,
						path: '/v1/report',
						body: JSON.stringify( hostile ),
					} );
					assert.equal(
						r.status,
						400,
						'check codes are restricted by the schema'
					);
					hostile.checks = [
						{
							id: 'xmlrpc',
							status: 'fail',
							code: 'xmlrpc_blocked',
						},
					];
					assert.equal(
						(
							await call( s.url, {
								site,
								path: '/v1/report',
								body: JSON.stringify( hostile ),
							} )
						).status,
						202
					);
					await drained( s );
					const pages = [
						await s.adminCall( '/fleet' ),
						await s.adminCall(
							`/fleet/site?url=${ encodeURIComponent( site ) }`
						),
					];
					for ( const p of pages ) {
						assert.equal( p.status, 200 );
						assert.ok(
							! p.text.includes( '<script>alert' ),
							'no script element'
						);
						assert.ok(
							! p.text.includes( '<img' ),
							'no img element'
						);
						assert.ok( ! p.text.includes( '<b>x' ) );
						assert.match(
							p.headers.get( 'content-security-policy' ) ?? '',
							/default-src 'none'/
						);
					}
					assert.ok(
						pages[ 1 ]?.text.includes(
							'&lt;script&gt;alert(1)&lt;/script&gt;'
						)
					);
					assert.ok(
						pages[ 1 ]?.text.includes(
							'&#39;onmouseover=&#39;alert(1)'
						)
					);
					const csv = await s.adminCall( '/fleet/sites.csv' );
					const line =
						csv.text
							.split( '\r\n' )
							.find( ( l ) => l.startsWith( `"${ site }"` ) ) ??
						'';
					assert.ok(
						line.includes(
							`"'=HYPERLINK(""https://evil.example"")<b>x</b>"`
						),
						line
					);
				} finally {
					await s.close();
				}
			} );
		}
	);
}
