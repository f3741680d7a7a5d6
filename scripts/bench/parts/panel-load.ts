/**
 * Bench part "panel-load": in Debian's Chromium, opening the panel until its first action is
 * visible, against opening Settings → General until its Save button is: each timed from the
 * navigation's start to DOMContentLoaded or the element's first paint, whichever is later (never
 * to `load`: offline, wp-admin's emoji script waits on the internet). Interleaved, round after round.
 */
import { chromium, type Page } from '@playwright/test';
import { SITE, login } from '../../../tests/reliability/site';
import { figure, writePart } from './figures';

const ROUNDS = Number( process.env.JSC_BENCH_ROUNDS ?? 15 );
const PANEL = '/wp-admin/admin.php?page=jetpack-start-companion';
const GENERAL = '/wp-admin/options-general.php';

/** Notes when the page's ready element is first laid out (performance.now(), from navigation start). */
const WATCH = `(() => {
	const selector = location.pathname.endsWith( 'options-general.php' )
		? '#submit'
		: '#jetpack-start-companion-root .button';
	const seen = () => {
		const el = document.querySelector( selector );
		if ( el && el.getClientRects().length > 0 ) {
			window.__jscReady = performance.now();
			return true;
		}
		return false;
	};
	const observer = new MutationObserver( () => seen() && observer.disconnect() );
	observer.observe( document, { childList: true, subtree: true } );
})();`;

async function open( page: Page, url: string ): Promise< number > {
	await page.goto( `${ SITE }${ url }`, { waitUntil: 'domcontentloaded' } );
	await page.waitForFunction(
		() => ( window as unknown as { __jscReady?: number } ).__jscReady
	);
	return page.evaluate( () => {
		const nav = performance.getEntriesByType(
			'navigation'
		)[ 0 ] as PerformanceNavigationTiming;
		return Math.max(
			nav.domContentLoadedEventEnd,
			( window as unknown as { __jscReady: number } ).__jscReady
		);
	} );
}

void ( async () => {
	const admin = await login( 'admin' );
	const browser = await chromium.launch( {
		executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
		args: [ '--no-sandbox', '--disable-gpu', '--no-first-run' ],
	} );
	try {
		const context = await browser.newContext();
		await context.addCookies(
			admin.cookies.split( '; ' ).map( ( pair ) => {
				const at = pair.indexOf( '=' );
				return {
					name: pair.slice( 0, at ),
					value: pair.slice( at + 1 ),
					url: SITE,
				};
			} )
		);
		await context.addInitScript( { content: WATCH } );
		const page = await context.newPage();
		await open( page, GENERAL );
		await open( page, PANEL );
		const panel: number[] = [];
		const general: number[] = [];
		for ( let i = 0; i < ROUNDS; i++ ) {
			if ( i % 2 ) {
				panel.push( await open( page, PANEL ) );
				general.push( await open( page, GENERAL ) );
			} else {
				general.push( await open( page, GENERAL ) );
				panel.push( await open( page, PANEL ) );
			}
		}
		writePart( 'panel-load', [
			figure(
				'panel-first-action',
				'Panel until its first action is visible ÷ Settings → General ready (Chromium)',
				'ms',
				panel,
				{ baseline: general, max: 1.1 }
			),
		] );
	} finally {
		await browser.close();
	}
} )();
