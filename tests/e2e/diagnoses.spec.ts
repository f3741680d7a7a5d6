/**
 * Every cause of a failed provision the preflight checks name (xmlrpc.php blocked is in
 * connection.spec.ts), each made real, one after the other on one logged-in page: the Site checks
 * card says it in the owner's words, "Details for support" copies the check's evidence, and
 * Tools → Site Health shows the same result. Screenshots: artifacts/screenshots/diagnosis-*.png.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect, panel, screenshot, PANEL, type Site } from './fixtures';

const ROOT = path.resolve( __dirname, '../..' );

interface Cause {
	name: string;
	/** The check that names it. */
	check: string;
	/** The cause, in the words of issue 10's "Why". */
	why: string;
	/** Makes the cause real on the server (web server, Jetpack's state, WordPress.com). */
	make: ( site: Site ) => Promise< void >;
	/** The check's label, as the owner reads it. */
	label: string | RegExp;
	/** The start of the check's line in the details for support. */
	support: string | RegExp;
	/** Where the owner opens wp-admin (default: the test site's address). */
	origin?: string;
	/** The last of its group: Site Health shows the group's causes together. */
	siteHealth?: boolean;
}

// In three groups of causes that do not hide one another: each one is added to the last, shown in
// the panel, and each group is shown together in Site Health (one page for several causes).
const causes: Cause[] = [
	{
		name: 'tokens-refused',
		check: 'tokens_accepted',
		why: 'tokens out of step',
		make: async ( site ) => {
			await site.wpcomConnects( 'admin' );
			await site.wpcomRevokesTokens( false );
		},
		label: "WordPress.com no longer accepts this site's connection: the keys it holds are out of date.",
		support:
			/tokens_accepted: critical \| POST http:\/\/127\.0\.0\.1:8791\/wpcom\/v2\/sites\/\d+\/jetpack-token-health .*→ blog token healthy: no; user token healthy: no/,
	},
	{
		name: 'cloned-site',
		check: 'identity_crisis',
		why: 'a clone of another connected site (identity crisis)',
		make: ( site ) =>
			site.jetpack( { idc_wpcom_url: 'https://original-site.example' } ),
		label: 'Jetpack thinks this site is a copy of another site (for example a staging copy, or the site moved to a new address).',
		support:
			'identity_crisis: critical | Identity_Crisis::get_mismatched_urls: WordPress.com has original-site.example',
	},
	{
		name: 'clock-skew',
		check: 'host_service_ping',
		why: 'this server and the host service disagree on the time',
		make: async ( site ) => site.webServer( { clock_offset: 400 } ),
		label: /This server's clock is (39\d|40\d) seconds off, so your hosting provider's service refuses its requests\./,
		support:
			/host_service_ping: critical \| .*HTTP 401 host_stale_timestamp .*this server's clock \+(39\d|40\d) s/,
	},
	{
		name: 'xmlrpc-blocked',
		check: 'xmlrpc_reachable',
		why: "xmlrpc.php blocked by the host's firewall or a WAF",
		make: async ( site ) =>
			site.webServer( { clock_offset: 400, xmlrpc: '403' } ),
		label: 'Your site blocks xmlrpc.php (it answered with error 403), so WordPress.com cannot reach Jetpack.',
		support:
			'xmlrpc_reachable: critical | POST http://127.0.0.1:8889/xmlrpc.php?for=jetpack → HTTP 403',
	},
	{
		name: 'proxy-port',
		check: 'signed_port',
		why: 'a reverse proxy changes the port Jetpack signs',
		make: async ( site ) =>
			site.webServer( {
				clock_offset: 400,
				xmlrpc: '403',
				server_port: '8080',
			} ),
		label: "Jetpack on your site expects WordPress.com on port 8080, but WordPress.com calls it on port 8889, so it cannot confirm WordPress.com's requests.",
		support:
			/signed_port: critical \| .*SERVER_PORT 8080, X-Forwarded-Port none/,
		siteHealth: true,
	},
	{
		name: 'orphan-connection',
		check: 'connection_owner',
		why: 'the connection has no owner',
		make: async ( site ) => {
			site.webServer( {} );
			await site.jetpack( { connected: true, owner: null } );
		},
		label: 'This site is connected to WordPress.com, but nobody owns the connection.',
		support:
			'connection_owner: critical | connected: yes; connection owner: no',
	},
	{
		name: 'https-redirect',
		check: 'site_scheme',
		why: 'the site answers on https while siteurl says http',
		make: async ( site ) => site.webServer( { https_redirect: true } ),
		label: 'Your site answers on https://, but its address in Settings → General starts with http://, so WordPress.com cannot reach Jetpack.',
		support:
			'site_scheme: critical | siteurl http://127.0.0.1:8889/, home http://127.0.0.1:8889/; GET http://127.0.0.1:8889/ → HTTP 301, Location: https://127.0.0.1:8889/',
		siteHealth: true,
	},
	{
		name: 'domain-does-not-resolve',
		check: 'host_name_resolves',
		why: 'the domain does not resolve yet',
		make: async ( site ) =>
			site.webServer( { site_host: 'jsc-new-domain.invalid' } ),
		origin: 'http://jsc-new-domain.invalid:8889',
		label: "Your site's domain name does not point to a server yet, so WordPress.com cannot reach the site.",
		support:
			'host_name_resolves: recommended | host name jsc-new-domain.invalid of siteurl http://jsc-new-domain.invalid:8889 does not resolve',
		siteHealth: true,
	},
];

/**
 * Tools → Site Health shows each result: every test of the plugin is an accordion button named
 * by its label; the last one opened shows the host's fix.
 *
 * @param page   The browser page.
 * @param labels The checks' labels.
 * @param origin Where wp-admin is.
 */
async function siteHealthShows(
	page: Page,
	labels: Array< string | RegExp >,
	origin: string
) {
	// Up to the DOM (wp-admin's emoji script reaches for the internet before `load`).
	await page.goto( `${ origin }/wp-admin/site-health.php`, {
		waitUntil: 'domcontentloaded',
	} );
	for ( const label of labels ) {
		await expect(
			page.getByRole( 'button', { name: label } )
		).toBeVisible();
	}
	await page
		.getByRole( 'button', { name: labels[ labels.length - 1 ] ?? '' } )
		.click();
	await expect(
		page
			.getByText( 'For your hosting provider:' )
			.filter( { visible: true } )
	).toHaveCount( 1 );
}

test( 'each cause of a failed provision is named in the panel, copied for support and shown in Site Health', async ( {
	page,
	site,
	context,
} ) => {
	test.setTimeout( 180_000 );
	await context.grantPermissions( [ 'clipboard-read', 'clipboard-write' ] );
	// The owner's browser reaches the site over https when the server redirects http to it.
	// Site Health runs only this plugin's tests (tests/env/mu-plugins/jsc-test-switches.php).
	await page.setExtraHTTPHeaders( {
		'X-JSC-Via-Https': '1',
		'X-JSC-Site-Health': 'plugin',
	} );
	// The owner can reach a domain whose DNS is not there yet (a hosts file, the host's preview
	// name): the browser maps it (playwright.config.ts) and is logged in there too.
	// WordPress names its cookies after the site URL (COOKIEHASH): the same session, renamed.
	const hash = ( url: string ) =>
		createHash( 'md5' ).update( url ).digest( 'hex' );
	await context.addCookies(
		( await context.cookies() ).map( ( cookie ) => ( {
			...cookie,
			name: cookie.name.replace(
				hash( 'http://127.0.0.1:8889' ),
				hash( 'http://jsc-new-domain.invalid:8889' )
			),
			domain: 'jsc-new-domain.invalid',
		} ) )
	);
	let started = Date.now();
	const lap = ( what: string ) => {
		// eslint-disable-next-line no-console
		console.log( `${ what }: ${ Date.now() - started } ms` );
		started = Date.now();
	};
	let group: Cause[] = [];
	// The origin of the panel the page shows, or null when it shows something else.
	let loaded: string | null = null;
	const table: Array< { cause: Cause; found: Record< string, string > } > =
		[];
	for ( const [ i, cause ] of causes.entries() ) {
		await test.step( cause.name, async () => {
			await cause.make( site );
			lap( `${ cause.name } made` );
			const card = panel( page ).getByRole( 'region', {
				name: 'Site checks',
			} );
			let results: Array< Record< string, string > >;
			if ( loaded === ( cause.origin ?? '' ) ) {
				// The panel is open: its "Check again" runs every check now and shows what it found.
				const answer = page.waitForResponse( ( r ) =>
					r.url().includes( 'check_again' )
				);
				await card
					.getByRole( 'button', { name: 'Check again' } )
					.click();
				results = (
					( await ( await answer ).json() ) as {
						results: Array< Record< string, string > >;
					}
				 ).results;
			} else {
				// Every check now on the server (what "Check again" does), then the panel opens
				// on what was found, from its first paint.
				const diagnose = spawnSync(
					path.join( ROOT, 'vendor/bin/wp' ),
					[
						'--allow-root',
						`--path=${ path.join( ROOT, '.cache/wp' ) }`,
						'jetpack-start-companion',
						'diagnose',
						'--format=json',
					],
					{
						env: { ...process.env, JSC_WP_DB: 'jsc_e2e' },
						encoding: 'utf8',
					}
				);
				results = JSON.parse( diagnose.stdout ) as Array<
					Record< string, string >
				>;
				await page.goto( `${ cause.origin ?? '' }${ PANEL }`, {
					waitUntil: 'domcontentloaded',
				} );
				loaded = cause.origin ?? '';
			}
			const found = results.find( ( r ) => r.check === cause.check );
			expect( found?.status ).toMatch( /^(critical|recommended)$/ );
			table.push( { cause, found: found ?? {} } );
			lap( 'checked' );
			await expect( card.getByText( cause.label ) ).toBeVisible();
			const details = card.locator( 'details' );
			if (
				! ( await details.evaluate(
					( d ) => ( d as HTMLDetailsElement ).open
				) )
			) {
				await card.getByText( 'Details for support' ).click();
			}
			await card.getByRole( 'button', { name: 'Copy details' } ).click();
			const copied = await page.evaluate( () =>
				navigator.clipboard.readText()
			);
			expect( copied ).not.toMatch( /key=\d/ );
			if ( typeof cause.support === 'string' ) {
				expect( copied ).toContain( cause.support );
			} else {
				expect( copied ).toMatch( cause.support );
			}
			await screenshot( page, `diagnosis-${ i + 1 }-${ cause.name }` );
			lap( 'panel' );
			group.push( cause );
			if ( cause.siteHealth === true ) {
				await siteHealthShows(
					page,
					group.map( ( c ) => c.label ),
					cause.origin ?? ''
				);
				await screenshot(
					page,
					`diagnosis-${ i + 1 }-site-health-${ group
						.map( ( c ) => c.name )
						.join( '-' ) }`
				);
				group = [];
				loaded = null;
				lap( 'site health' );
			}
		} );
	}
	// What the owner and the host's support see for each cause, as PHP answered it
	// (artifacts/results/causes.md; the closing note quotes it).
	const cell = ( text: string ) => text.replace( /\|/g, '\\|' );
	mkdirSync( path.join( ROOT, 'artifacts/results' ), { recursive: true } );
	writeFileSync(
		path.join( ROOT, 'artifacts/results/causes.md' ),
		[
			"| cause | check | the owner sees | the host's support sees (Details for support) |",
			'|---|---|---|---|',
			...table.map(
				( { cause, found } ) =>
					`| ${ cause.why } | \`${ cause.check }\` (${
						found.status ?? ''
					}) | ${ cell(
						`${ found.label ?? '' } ${ found.fix ?? '' }`
					) } | ${ cell(
						`${ found.evidence ?? '' }${
							found.host_fix ? ` — ${ found.host_fix }` : ''
						}`
					) } |`
			),
			'',
		].join( '\n' )
	);
} );
