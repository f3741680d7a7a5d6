/**
 * The e2e fixture: before each test the site goes back to its fresh install (with the admin
 * session the worker logged in once), the WordPress.com simulator forgets its scenarios and
 * calls, and the browser gets the admin's cookies.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { APIRequestContext, Locator, Page } from '@playwright/test';
import {
	test as base,
	expect,
	RequestUtils,
} from '@wordpress/e2e-test-utils-playwright';
import AxeBuilder from '@axe-core/playwright';

const ROOT = path.resolve( __dirname, '../..' );
export const SITE = 'http://127.0.0.1:8889';
export const SIMULATOR = 'http://127.0.0.1:8791';
export const PANEL = '/wp-admin/admin.php?page=jetpack-start-companion';
const SCREENSHOTS = path.join( ROOT, 'artifacts/screenshots' );

export interface JetpackState {
	connected?: boolean;
	owner?: string | null;
	offline_mode?: boolean;
	bail_early?: boolean;
}

export class Site {
	private readonly request: APIRequestContext;
	readonly utils: RequestUtils;

	constructor( request: APIRequestContext, utils: RequestUtils ) {
		this.request = request;
		this.utils = utils;
	}

	/**
	 * What WordPress.com (the simulator) answers for this site from now on.
	 *
	 * @param scenario A simulator scenario, e.g. case_b or invalid_plan.
	 * @param options  Scenario options (shape, delay_ms, then).
	 */
	async wpcomAnswers(
		scenario: string,
		options: Record< string, unknown > = {}
	): Promise< void > {
		const response = await this.request.post(
			`${ SIMULATOR }/__sim/scenarios`,
			{
				data: { site: SITE, scenario, ...options },
			}
		);
		expect( response.status() ).toBe( 204 );
	}

	/** WordPress.com forgets every site: products, pending offers, connections. */
	async forgetOnWordPressCom(): Promise< void > {
		await this.request.delete( `${ SIMULATOR }/__sim/sites` );
	}

	/** Provision calls that reached WordPress.com. */
	async provisionCalls(): Promise<
		Array< { form: Record< string, string > } >
	> {
		const calls = ( await (
			await this.request.get( `${ SIMULATOR }/__sim/calls` )
		).json() ) as Array< { path: string; form: Record< string, string > } >;
		return calls.filter( ( call ) =>
			call.path.includes( '/jpphp/provision' )
		);
	}

	/**
	 * Puts the test Jetpack (Jetpack's real connection package) in a state as a precondition,
	 * through the package's own storage API on the server (tests/env/jetpack-state.php); with
	 * `bail_early`, its packages are taken away, so it stops loading like a broken upload.
	 *
	 * @param state Connection, owner, offline mode, bail-early.
	 */
	async jetpack( state: JetpackState ): Promise< void > {
		const { bail_early: bailEarly, ...rest } = state;
		if ( bailEarly !== undefined ) {
			const vendor = path.join(
				ROOT,
				'.cache/wp/wp-content/plugins/jetpack/vendor'
			);
			const away = `${ vendor }-removed-by-e2e`;
			if ( bailEarly && existsSync( vendor ) ) {
				renameSync( vendor, away );
			} else if ( ! bailEarly && existsSync( away ) ) {
				renameSync( away, vendor );
			}
		}
		if ( Object.keys( rest ).length > 0 ) {
			execFileSync(
				'php',
				[
					path.join( ROOT, 'tests/env/setup-wp.php' ),
					'jetpack-state',
					path.join( ROOT, '.cache/wp' ),
					SITE,
					JSON.stringify( rest ),
				],
				{ env: { ...process.env, JSC_WP_DB: 'jsc_e2e' }, stdio: 'pipe' }
			);
		}
	}
	/**
	 * Makes the test web server hostile until the next test (tests/env/web-server-switches.php):
	 * e.g. `{ xmlrpc: '403' }`, `{ xmlrpc: 'drop' }`, `{ comms: '403' }`, `{ https_redirect: true }`.
	 *
	 * @param switches The switches; `{}` is the well-behaved server.
	 */
	webServer( switches: Record< string, unknown > ): void {
		const file = path.join( ROOT, '.cache/web-server.json' );
		writeFileSync( `${ file }.tmp`, JSON.stringify( switches ) );
		renameSync( `${ file }.tmp`, file );
	}

	/**
	 * WordPress.com's partner flow for this site, as a host's own tooling would run it: a
	 * provision call (auto, the real protocol with the site), then the user approves the case B
	 * link. Leaves the site connected, with `localUser` as the owner, through Jetpack's own code.
	 *
	 * @param localUser The user who approves.
	 */
	async wpcomConnects( localUser = 'admin' ): Promise< void > {
		const token = ( await (
			await this.request.post( `${ SIMULATOR }/oauth2/token`, {
				form: {
					grant_type: 'client_credentials',
					scope: 'jetpack-partner',
					client_id: 'test-partner',
					client_secret: 'test-partner-secret-0123456789',
				},
			} )
		).json() ) as { access_token: string };
		const answer = ( await (
			await this.request.post(
				`${ SIMULATOR }/rest/v1.3/jpphp/provision`,
				{
					headers: {
						authorization: `Bearer ${ token.access_token }`,
					},
					form: {
						siteurl: SITE,
						local_user: localUser,
						plan: 'jetpack-scan',
					},
					timeout: 30_000,
				}
			)
		).json() ) as { next_url: string };
		const html = await ( await this.request.get( answer.next_url ) ).text();
		const form: Record< string, string > = {};
		for ( const m of html.matchAll( /name="([^"]+)" value="([^"]*)"/g ) ) {
			form[ m[ 1 ] ?? '' ] = ( m[ 2 ] ?? '' ).replace(
				/&#(\d+);/g,
				( _x, d: string ) => String.fromCharCode( Number( d ) )
			);
		}
		const approved = await this.request.post(
			`${ SIMULATOR }/jetpack.authorize/1/`,
			{ form, maxRedirects: 0, timeout: 30_000 }
		);
		expect( approved.status() ).toBe( 200 );
		await this.request.delete( `${ SIMULATOR }/__sim/calls` );
	}

	/**
	 * WordPress.com stops accepting the site's tokens (rotated, or the site was restored from a
	 * backup); with `blogOnly`, the owner's user token stays valid.
	 *
	 * @param blogOnly Only the blog token.
	 */
	async wpcomRevokesTokens( blogOnly: boolean ): Promise< void > {
		const response = await this.request.post(
			`${ SIMULATOR }/__sim/revoke`,
			{
				data: { site: SITE, blog_only: blogOnly },
			}
		);
		expect( response.status() ).toBe( 204 );
	}

	/** Takes the Jetpack folder away, as on a site where it was never installed. */
	removeJetpack(): void {
		const plugins = path.join( ROOT, '.cache/wp/wp-content/plugins' );
		if ( existsSync( path.join( plugins, 'jetpack' ) ) ) {
			renameSync(
				path.join( plugins, 'jetpack' ),
				path.join( ROOT, '.cache/jetpack-removed-by-e2e' )
			);
		}
	}
}

/**
 * The panel itself, without WordPress's screen-reader live regions that repeat its words.
 *
 * @param page The page showing the panel.
 */
export function panel( page: Page ): Locator {
	return page.locator( '#jetpack-start-companion-root' );
}

/**
 * Opens the panel and waits for it to render.
 *
 * @param page The browser page.
 */
export async function openPanel( page: Page ): Promise< void > {
	await page.goto( PANEL );
	await expect(
		page.getByRole( 'heading', { level: 1, name: 'Your Jetpack plan' } )
	).toBeVisible();
	await expect(
		page.locator( '#jetpack-start-companion-root' )
	).not.toContainText( 'Loading…' );
}

/**
 * Saves the admin content area to artifacts/screenshots/<name>.png.
 *
 * @param page The browser page.
 * @param name File name without extension.
 */
/** The plan the test site's host bundles (JETPACK_START_COMPANION_PLAN_LABEL). */
export const ACTIVATE_PLAN = /^Activate Jetpack Backup/;

/**
 * Chooses what WordPress.com answers, opens the panel and asks for the plan.
 *
 * @param page     The browser page.
 * @param site     The site fixture.
 * @param scenario Simulator scenario.
 * @param options  Scenario options.
 */
export async function askForPlan(
	page: Page,
	site: Site,
	scenario: string,
	options: Record< string, unknown > = {}
): Promise< void > {
	await site.wpcomAnswers( scenario, options );
	await openPanel( page );
	await page.getByRole( 'button', { name: ACTIVATE_PLAN } ).click();
}

/**
 * The "Set Up Jetpack" link of cases B and C.
 *
 * @param page The browser page.
 */
export function setUpJetpackLink( page: Page ): Locator {
	return page.getByRole( 'link', { name: /Set Up Jetpack/ } );
}

/**
 * The "Set Up Jetpack" button of case C (and of a pending plan without a usable link): it starts
 * Jetpack's own connection flow.
 *
 * @param page The browser page.
 */
export function setUpJetpackButton( page: Page ): Locator {
	return page.getByRole( 'button', { name: 'Set Up Jetpack' } );
}

/**
 * Approves the connection on WordPress.com's authorize page, which the browser is on.
 *
 * @param page The browser page.
 */
export async function approveOnWordPressCom( page: Page ): Promise< void > {
	await expect(
		page.getByRole( 'heading', { name: 'Approve the Jetpack connection' } )
	).toBeVisible();
	await page.getByRole( 'button', { name: 'Approve' } ).click();
}

/**
 * The plan shows as active, and WordPress.com has confirmed it is on the site.
 *
 * @param page The browser page.
 */
export async function expectActiveAndConfirmed( page: Page ): Promise< void > {
	await expect(
		panel( page ).getByText( 'Jetpack Backup is active on your site.' )
	).toBeVisible();
	await expect(
		panel( page ).getByText(
			'WordPress.com confirms Jetpack Backup is on your site.'
		)
	).toBeVisible();
}

export async function screenshot( page: Page, name: string ): Promise< void > {
	mkdirSync( SCREENSHOTS, { recursive: true } );
	await page
		.locator( '#wpbody-content' )
		.screenshot( { path: path.join( SCREENSHOTS, `${ name }.png` ) } );
}

/**
 * Runs axe on the panel and expects no violations at all.
 *
 * @param page The browser page.
 */
export async function expectNoAxeViolations( page: Page ): Promise< void > {
	const results = await new AxeBuilder( { page } )
		.include( '#jetpack-start-companion-root' )
		.analyze();
	expect( results.violations ).toEqual( [] );
}

const WP_SH = path.join( ROOT, 'tests/env/wp.sh' );

/**
 * The site back at its fresh install, with the worker's admin session put back into it when
 * there is one (so the browser stays logged in across the reset).
 *
 * @param sessionSql The SQL file of `wp.sh sessions`, if any.
 */
function resetSite( sessionSql?: string ): void {
	execFileSync(
		'bash',
		[ WP_SH, 'reset', 'jsc_e2e', ...( sessionSql ? [ sessionSql ] : [] ) ],
		{ stdio: 'ignore' }
	);
}

interface AdminLogin {
	/** Cookies, REST nonce and root of the logged-in admin (RequestUtils' storage state). */
	statePath: string;
	/** `wp.sh sessions`: the admin's session, put back after each reset. */
	sessionSql: string;
}

export const test = base.extend< { site: Site }, { adminLogin: AdminLogin } >( {
	// One real log-in (wp-login.php, then the REST nonce) per worker, not one per test: its
	// session (user meta) goes back into every fresh install, so the cookies and the nonce
	// stay valid.
	adminLogin: [
		async ( {}, use, workerInfo ) => {
			const stem = path.join(
				ROOT,
				`artifacts/storage-states/e2e-admin-${ workerInfo.workerIndex }`
			);
			const login = {
				statePath: `${ stem }.json`,
				sessionSql: `${ stem }.sql`,
			};
			resetSite();
			const utils = await RequestUtils.setup( {
				baseURL: SITE,
				storageStatePath: login.statePath,
			} );
			await utils.setupRest();
			await utils.request.dispose();
			writeFileSync(
				login.sessionSql,
				execFileSync( 'bash', [ WP_SH, 'sessions', 'jsc_e2e' ] )
			);
			await use( login );
		},
		{ scope: 'worker' },
	],
	site: async ( { request, context, adminLogin }, use ) => {
		resetSite( adminLogin.sessionSql );
		const removed = path.join( ROOT, '.cache/jetpack-removed-by-e2e' );
		if ( existsSync( removed ) ) {
			execFileSync( 'rm', [ '-rf', removed ] );
		}
		await request.delete( `${ SIMULATOR }/__sim/scenarios` );
		await request.delete( `${ SIMULATOR }/__sim/sites` );
		await request.delete( `${ SIMULATOR }/__sim/calls` );

		// A RequestUtils of its own each test (it caches the plugin list), logged in already.
		const utils = await RequestUtils.setup( {
			baseURL: SITE,
			storageStatePath: adminLogin.statePath,
		} );
		await context.addCookies( utils.storageState?.cookies ?? [] );
		await use( new Site( request, utils ) );
		await utils.request.dispose();
	},
} );

export { expect };
