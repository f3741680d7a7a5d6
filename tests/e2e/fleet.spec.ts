/**
 * Multisite in the browser (tests/env/fleet.sh): a network admin lists the network's sites and
 * follows a link into one subsite's own panel, on a subdomain network whose names Chromium
 * resolves to 127.0.0.1 through --host-resolver-rules (nothing in /etc/hosts). That subsite then
 * asks for its own plan and gets its own "Set Up Jetpack".
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import config from '../../playwright.config';

const ROOT = path.resolve( __dirname, '../..' );
const NETWORK = 'http://net.jsc.test:8893';
const SHOP = 'http://shop.net.jsc.test:8893';
const SIMULATOR = 'http://127.0.0.1:8791';
const PANEL = '/wp-admin/admin.php?page=jetpack-start-companion';

test.use( {
	launchOptions: {
		...config.use?.launchOptions,
		args: [
			...( config.use?.launchOptions?.args ?? [] ),
			'--host-resolver-rules=MAP *.jsc.test 127.0.0.1',
		],
	},
	storageState: { cookies: [], origins: [] },
} );

test.beforeAll( () => {
	execFileSync( 'bash', [ 'tests/env/fleet.sh', 'up' ], { cwd: ROOT } );
	execFileSync( 'bash', [ 'tests/env/fleet.sh', 'reset', 'jsc_fleet_sub' ], {
		cwd: ROOT,
	} );
} );

async function logIn( page: Page, site: string ): Promise< void > {
	await page.goto( `${ site }/wp-login.php`, {
		waitUntil: 'domcontentloaded',
	} );
	await page.getByLabel( 'Username or Email Address' ).fill( 'admin' );
	await page.getByLabel( 'Password', { exact: true } ).fill( 'password' );
	await page.getByRole( 'button', { name: 'Log In' } ).click();
	await page.waitForURL( /\/wp-admin\//, { waitUntil: 'domcontentloaded' } );
}

test( 'the network page lists every site and leads to each site’s own panel', async ( {
	page,
	request,
} ) => {
	const answered = await request.post( `${ SIMULATOR }/__sim/scenarios`, {
		data: { site: SHOP, scenario: 'case_b' },
	} );
	expect( answered.status() ).toBe( 204 );

	await logIn( page, NETWORK );
	await page.goto(
		`${ NETWORK }/wp-admin/network/admin.php?page=jetpack-start-companion-sites`,
		{ waitUntil: 'domcontentloaded' }
	);
	await expect(
		page.getByRole( 'heading', { name: 'Jetpack plans on this network' } )
	).toBeVisible();
	const rows = page.locator( 'table tbody tr' );
	await expect( rows ).toHaveCount( 3 );
	await expect( rows.nth( 1 ) ).toContainText( SHOP );
	await expect( rows.nth( 1 ) ).toContainText( 'Not asked for yet' );
	await page.locator( '#wpbody-content' ).screenshot( {
		path: path.join( ROOT, 'artifacts/screenshots/network-sites.png' ),
	} );

	// The link names its site for screen readers; the subsite has its own login (host-only cookies).
	await page.getByRole( 'link', { name: `Open panel ${ SHOP }` } ).click();
	await page.waitForURL( ( u ) => u.origin === SHOP, {
		waitUntil: 'domcontentloaded',
	} );
	await logIn( page, SHOP );
	await page.goto( `${ SHOP }${ PANEL }`, { waitUntil: 'domcontentloaded' } );
	await page
		.getByRole( 'button', { name: /^Activate Jetpack Backup/ } )
		.click();
	const setUp = page.getByRole( 'link', { name: /Set Up Jetpack/ } );
	await expect( setUp ).toBeVisible();
	expect( await setUp.getAttribute( 'href' ) ).toContain(
		encodeURIComponent( SHOP )
	);

	// Back on the network page (still logged in there): the subsite's new state, from its record.
	await page.goto(
		`${ NETWORK }/wp-admin/network/admin.php?page=jetpack-start-companion-sites`,
		{ waitUntil: 'domcontentloaded' }
	);
	await expect( page.locator( 'tr[data-blog-id="2"]' ) ).toHaveAttribute(
		'data-state',
		'awaiting_authorization'
	);
} );
