#!/usr/bin/env node
// Smoke check of a running `npm start`: opens the panel in Chromium (auto-login), lets the
// simulator answer through the real protocol (auto: it calls the site's Jetpack back, which is
// not connected yet, so case B), clicks "Activate Jetpack Backup", checks the "Set Up Jetpack"
// link, approves on the simulated WordPress.com (which authorizes the user through Jetpack's own
// code) and checks the plan comes back active.
// Screenshot: artifacts/screenshots/npm-start.png (taken at "Set Up Jetpack").
//
//   node scripts/start/smoke.mjs     (same JSC_START_* port variables as scripts/start.mjs)
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';

const ROOT = path.resolve(
	path.dirname( fileURLToPath( import.meta.url ) ),
	'../..'
);
const SITE = `http://127.0.0.1:${ process.env.JSC_START_PORT || 9400 }`;
const SIM = `http://127.0.0.1:${ process.env.JSC_START_SIM_PORT || 9402 }`;
const PANEL = `${ SITE }/wp-admin/admin.php?page=jetpack-start-companion`;
const SCENARIO = process.env.JSC_SMOKE_SCENARIO || 'auto';
const SHOT = path.join( ROOT, 'artifacts/screenshots/npm-start.png' );

const t0 = performance.now();
class StopHere extends Error {}
const step = ( msg ) =>
	process.stdout.write(
		`[smoke ${ ( ( performance.now() - t0 ) / 1000 ).toFixed(
			1
		) } s] ${ msg }\n`
	);

const res = await fetch( `${ SIM }/__sim/scenarios`, {
	method: 'POST',
	headers: { 'content-type': 'application/json' },
	body: JSON.stringify( { site: SITE, scenario: SCENARIO } ),
} );
if ( ! res.ok ) {
	throw new Error(
		`simulator scenario: HTTP ${ res.status } ${ await res.text() }`
	);
}
step( `simulator answers ${ SCENARIO }` );

const browser = await chromium.launch( {
	executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
	args: [
		'--no-sandbox',
		'--disable-gpu',
		'--disable-background-networking',
		'--disable-component-update',
	],
} );
let failed = false;
try {
	const page = await browser.newPage( {
		viewport: { width: 1280, height: 900 },
	} );
	page.setDefaultTimeout( 60_000 );
	await page.goto( PANEL );
	await page
		.getByRole( 'heading', { level: 1, name: 'Your Jetpack plan' } )
		.waitFor();
	step( `panel open (logged in automatically): ${ page.url() }` );

	const activate = page.getByRole( 'button', {
		name: /^Activate Jetpack Backup/,
	} );
	await activate.click();
	const setUp = page.getByRole( 'link', { name: /Set Up Jetpack/ } );
	await setUp.waitFor();
	const href = await setUp.getAttribute( 'href' );
	if ( ! /jetpack\.authorize\/1\/.*partner_redirect=/.test( href ?? '' ) ) {
		throw new Error( `unexpected Set Up Jetpack href: ${ href }` );
	}
	step( `"Set Up Jetpack" link shown: ${ href }` );
	await page.screenshot( { path: SHOT, fullPage: true } );
	step( `screenshot ${ path.relative( ROOT, SHOT ) }` );

	// JSC_SMOKE_UNTIL=case-b stops here: panel, plan request, case B (php-versions-smoke.mjs).
	if ( process.env.JSC_SMOKE_UNTIL === 'case-b' ) {
		throw new StopHere();
	}
	await setUp.click();
	await page
		.getByRole( 'heading', { name: 'Approve the Jetpack connection' } )
		.waitFor();
	await page.getByRole( 'button', { name: 'Approve' } ).click();
	// To DOMContentLoaded: offline, a page's `load` may wait on images from the internet.
	await page.waitForURL( ( u ) => u.href.startsWith( PANEL ), {
		waitUntil: 'domcontentloaded',
	} );
	await page
		.getByText( /Jetpack Backup is active/ )
		.first()
		.waitFor();
	step(
		'approved on the simulated WordPress.com: back on the panel, "Jetpack Backup is active"'
	);
	await page.screenshot( {
		path: SHOT.replace( /\.png$/, '-active.png' ),
		fullPage: true,
	} );
} catch ( e ) {
	if ( e instanceof StopHere ) {
		step( 'stopped after case B (JSC_SMOKE_UNTIL=case-b)' );
		await browser.close();
		process.exit( 0 );
	}
	failed = true;
	process.stderr.write( `[smoke] FAILED: ${ e.stack ?? e }\n` );
	// Where it stopped: the page's address and text, and a screenshot.
	const [ last ] = browser.contexts().flatMap( ( c ) => c.pages() );
	if ( last ) {
		const text = await last
			.locator( 'body' )
			.innerText( { timeout: 5000 } )
			.catch( () => '' );
		process.stderr.write(
			`[smoke] on ${ last.url() }: ${ text.slice( 0, 400 ) }\n`
		);
		await last
			.screenshot( { path: SHOT.replace( /\.png$/, '-failed.png' ) } )
			.catch( () => undefined );
	}
} finally {
	await browser.close();
}
process.exit( failed ? 1 : 0 );
