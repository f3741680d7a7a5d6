/**
 * The preflight checks where owners and support look: Tools → Site Health (an async test) and
 * the panel's Site checks card, whose details for support are copied in one click.
 */
import { test, expect, openPanel, panel, screenshot } from './fixtures';

test( 'xmlrpc.php blocked: Site Health and the panel name it, the details for support are copied', async ( {
	page,
	site,
	context,
} ) => {
	await context.grantPermissions( [ 'clipboard-read', 'clipboard-write' ] );
	site.webServer( { xmlrpc: '403' } );
	const blocked =
		'Your site blocks xmlrpc.php (it answered with error 403), so WordPress.com cannot reach Jetpack.';

	await page.goto( '/wp-admin/site-health.php' );
	await expect( page.getByRole( 'button', { name: blocked } ) ).toBeVisible( {
		timeout: 30_000,
	} );
	await page.getByRole( 'button', { name: blocked } ).click();
	await expect(
		page.getByText( 'For your hosting provider: WordPress.com calls POST' )
	).toBeVisible();
	await screenshot( page, '30-site-health-xmlrpc-blocked' );

	// Site Health ran the checks: the panel shows what they found, with no new request.
	await openPanel( page );
	const card = panel( page ).getByRole( 'region', { name: 'Site checks' } );
	await expect( card.getByText( blocked ) ).toBeVisible();
	await card.getByText( 'Details for support' ).click();
	await card.getByRole( 'button', { name: 'Copy details' } ).click();
	const copied = await page.evaluate( () => navigator.clipboard.readText() );
	expect( copied ).toContain(
		'xmlrpc_reachable: critical | POST http://127.0.0.1:8889/xmlrpc.php?for=jetpack → HTTP 403'
	);
	await screenshot( page, '31-site-checks-support-details' );

	// Fixed, and checked again: the card says so.
	site.webServer( {} );
	await card.getByRole( 'button', { name: 'Check again' } ).click();
	await expect(
		card.getByText( 'Everything your plan needs is in place.' )
	).toBeVisible();
} );
