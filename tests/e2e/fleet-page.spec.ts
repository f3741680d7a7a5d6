/**
 * The fleet page in Chromium: a fleet seeded through the real signed routes and the simulator
 * (the service in its own process, on PGlite, with a clock the test moves), its counts, filters,
 * search, one site's history, a cancel and a renewal; axe and the keyboard.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { RequestUtils } from '@wordpress/e2e-test-utils-playwright';
import {
	openPanel,
	panel,
	screenshot,
	setUpJetpackLink,
	SIMULATOR,
	SITE,
	test as siteTest,
} from './fixtures';

const SCREENSHOTS = path.join( process.cwd(), 'artifacts/screenshots' );
const DAY = 24 * 3600_000;

async function noAxeViolations( page: Page ): Promise< void > {
	const results = await new AxeBuilder( { page } ).analyze();
	expect( results.violations ).toEqual( [] );
}

interface Fleet {
	admin: string;
	control: string;
	token: string;
}

const site = ( name: string ): string => `https://${ name }.fleet-e2e.example`;

test.describe( 'fleet page', () => {
	let child: ChildProcess;
	let fleet: Fleet;

	// The service with its fleet and a movable clock, as its own process
	// (host-service/test/fleet-e2e-server.ts): seeded through the real signed routes.
	test.beforeAll( async () => {
		child = spawn(
			process.execPath,
			[ '--import', 'tsx', 'host-service/test/fleet-e2e-server.ts' ],
			{
				cwd: process.cwd(),
				stdio: [ 'ignore', 'pipe', 'inherit' ],
			}
		);
		fleet = await new Promise< Fleet >( ( resolve, reject ) => {
			let out = '';
			child.stdout?.on( 'data', ( d: Buffer ) => {
				out += d.toString();
				const line = out
					.split( '\n' )
					.find( ( l ) => l.startsWith( '{"admin"' ) );
				if ( line !== undefined ) {
					resolve( JSON.parse( line ) as Fleet );
				}
			} );
			child.on( 'exit', ( code ) =>
				reject( new Error( `fleet server exited (${ code })` ) )
			);
		} );
	} );

	test.afterAll( async () => {
		await fetch( `${ fleet.control }/stop`, { method: 'POST' } ).catch(
			() => undefined
		);
		await new Promise(
			( r ) => child.once( 'exit', r ).unref?.() ?? setTimeout( r, 2000 )
		);
	} );

	test( "counts, filters, search, a site's history, a cancel and a renewal; axe and the keyboard", async ( {
		page,
	} ) => {
		const dialogs: string[] = [];
		page.on( 'dialog', ( d ) => {
			dialogs.push( d.message() );
			void d.dismiss();
		} );
		await page.goto( `${ fleet.admin }/fleet` );
		await expect( page ).toHaveURL( /\/login$/ );
		await page.getByLabel( 'Admin token' ).fill( fleet.token );
		await page.getByLabel( 'Admin token' ).press( 'Enter' );
		await expect(
			page.getByRole( 'heading', {
				level: 1,
				name: 'Jetpack plans across your sites',
			} )
		).toBeVisible();

		const counts = page.getByRole( 'region', { name: /Sites by state/ } );
		const count = ( label: string ) =>
			counts.getByRole( 'link', {
				name: new RegExp( `^\\d+ ${ label }` ),
			} );
		await expect( count( 'Active' ) ).toHaveText( /^1\s+Active/ );
		await expect( count( 'Awaiting authorization' ) ).toHaveText(
			/^2\s+Awaiting authorization/
		);
		await expect( count( 'Awaiting DNS' ) ).toHaveText(
			/^1\s+Awaiting DNS/
		);
		await expect( count( 'Expired' ) ).toHaveText( /^1\s+Expired/ );
		await expect( count( 'Failed' ) ).toHaveText( /^2\s+Failed/ );
		await expect( count( 'Orphaned connection' ) ).toHaveText(
			/^1\s+Orphaned connection/
		);
		await expect( count( 'Cancelled' ) ).toHaveText( /^0\s+Cancelled/ );
		await expect(
			counts.getByRole( 'link', { name: /^1 xmlrpc/ } )
		).toBeVisible();
		await noAxeViolations( page );
		mkdirSync( SCREENSHOTS, { recursive: true } );
		await page.screenshot( {
			path: path.join( SCREENSHOTS, 'fleet-page.png' ),
			fullPage: true,
		} );

		// The keyboard: the skip link first, then a count filters the table.
		await page.keyboard.press( 'Tab' );
		await expect(
			page.getByRole( 'link', { name: 'Skip to content' } )
		).toBeFocused();
		await count( 'Awaiting authorization' ).focus();
		await page.keyboard.press( 'Enter' );
		await expect( page ).toHaveURL( /state=awaiting_authorization/ );
		const rows = page.getByRole( 'table' ).getByRole( 'row' );
		await expect( rows ).toHaveCount( 3 ); // header + bakery + florist
		await expect( rows.filter( { hasText: 'bakery' } ) ).toContainText(
			'14 days left'
		);

		await page.getByLabel( 'Search sites' ).fill( 'florist' );
		await page.getByRole( 'button', { name: 'Show sites' } ).click();
		await expect( rows ).toHaveCount( 2 );
		await page.getByRole( 'link', { name: site( 'florist' ) } ).click();
		await expect(
			page.getByRole( 'heading', { level: 1, name: site( 'florist' ) } )
		).toBeVisible();
		const history = page.getByRole( 'region', {
			name: 'History',
			exact: true,
		} );
		await expect( history.getByRole( 'row' ) ).toHaveCount( 2 );
		await expect( history ).toContainText( 'Site asked for the plan' );
		await noAxeViolations( page );

		// Cancel (hosting ended): the checkbox first, then the button; the notice is announced.
		await page.getByLabel( /Cancel jetpack-backup-daily for/ ).check();
		await page.getByRole( 'button', { name: 'Cancel plan' } ).click();
		await expect( page.getByRole( 'status' ) ).toContainText(
			'The plan was cancelled on WordPress.com.'
		);
		await expect( page.locator( '.record' ).first() ).toContainText(
			'Cancelled'
		);
		await expect( history ).toContainText( 'Host cancelled' );

		// Day 12.5: the background re-check renews the bakery's offer once.
		await fetch(
			`${ fleet.control }/advance?ms=${ 12 * DAY + 12 * 3600_000 }`,
			{ method: 'POST' }
		);
		await expect
			.poll(
				async () =>
					(
						( await (
							await fetch(
								`${
									fleet.control
								}/row?site=${ encodeURIComponent(
									site( 'bakery' )
								) }`
							)
						).json() ) as { renewals: number }
					 ).renewals,
				{ timeout: 30_000 }
			)
			.toBe( 1 );
		await page.goto(
			`${ fleet.admin }/fleet/site?url=${ encodeURIComponent(
				site( 'bakery' )
			) }`
		);
		await expect(
			page.getByRole( 'region', { name: 'History', exact: true } )
		).toContainText( 'Offer renewed' );
		await expect( page.locator( '.record' ).first() ).toContainText(
			'14 days left'
		);

		// What the hostile site reported is text, not markup.
		await page.goto(
			`${ fleet.admin }/fleet/site?url=${ encodeURIComponent(
				site( 'hostile' )
			) }`
		);
		await expect(
			page.getByText( 'WordPress <script>alert(1)</script>', {
				exact: false,
			} )
		).toBeVisible();
		expect( dialogs ).toEqual( [] );
		await expect( page.locator( 'img' ) ).toHaveCount( 0 );
		await page.screenshot( {
			path: path.join( SCREENSHOTS, 'fleet-site-history.png' ),
			fullPage: true,
		} );
	} );
} );

// The fleet page of the service the test WordPress talks to (tests/services.sh), and the site
// itself: what the host does there reaches the site's own panel.
const HOST_FLEET = 'http://127.0.0.1:8796';
const HOST_ADMIN_TOKEN = 'test-admin-token-not-for-production-0123456789';

siteTest(
	'a site provisioned from the fleet page shows its pending state in its own panel',
	async ( { page, site: wordpress } ) => {
		await wordpress.wpcomAnswers( 'case_b' );
		await page.goto( `${ HOST_FLEET }/fleet` );
		await page.getByLabel( 'Admin token' ).fill( HOST_ADMIN_TOKEN );
		await page.getByLabel( 'Admin token' ).press( 'Enter' );
		await page.getByLabel( 'Site address' ).fill( SITE );
		await page.getByLabel( 'WordPress login of the owner' ).fill( 'admin' );
		await page.getByRole( 'button', { name: 'Provision' } ).click();
		await expect( page.getByRole( 'status' ) ).toContainText(
			'WordPress.com answered the provision'
		);

		try {
			// The panel picks the host's plan up once it has rendered.
			await openPanel( page );
			await expect(
				panel( page ).getByText(
					'Jetpack Backup is reserved for your site. Set up Jetpack to connect your site to WordPress.com and receive it.'
				)
			).toBeVisible();
			await expect( setUpJetpackLink( page ) ).toHaveAttribute(
				'href',
				new RegExp( `^${ SIMULATOR.replace( /\./g, '\\.' ) }/` )
			);
			expect( await wordpress.provisionCalls() ).toHaveLength( 1 );
			await screenshot( page, 'panel-provisioned-by-host' );
		} finally {
			// The service's record becomes the site's own again, so the next suites' fresh
			// sites have nothing of the host's to pick up.
			execFileSync( 'bash', [ 'tests/env/wp.sh', 'reset', 'jsc_e2e' ], {
				stdio: 'ignore',
			} );
			const utils = await RequestUtils.setup( { baseURL: SITE } );
			await utils.setupRest();
			await utils.rest( {
				method: 'POST',
				path: '/jetpack-start-companion/v1/provision',
				data: { accept_terms: true },
			} );
			await utils.request.dispose();
		}
	}
);
