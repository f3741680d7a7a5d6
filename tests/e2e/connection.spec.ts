/**
 * The failures that dominate real provisioning, reproduced with Jetpack's real connection package
 * on the site and WordPress.com's side of its protocol in the simulator, in Chromium.
 */
import {
	test,
	expect,
	openPanel,
	panel,
	screenshot,
	PANEL,
	ACTIVATE_PLAN,
	approveOnWordPressCom,
	setUpJetpackLink,
	expectActiveAndConfirmed,
} from './fixtures';

test.describe( 'Through Jetpack’s real connection', () => {
	test( 'xmlrpc.php blocked: the gate names it, WordPress.com is never called; the Site checks card, its details for support and Site Health say why', async ( {
		page,
		site,
		context,
	} ) => {
		await context.grantPermissions( [
			'clipboard-read',
			'clipboard-write',
		] );
		site.webServer( { xmlrpc: '403' } );
		const blocked =
			'Your site blocks xmlrpc.php (it answered with error 403), so WordPress.com cannot reach Jetpack.';
		await openPanel( page );
		await page.getByRole( 'button', { name: ACTIVATE_PLAN } ).click();
		const card = panel( page ).getByRole( 'region', {
			name: 'Site checks',
		} );
		await expect( card.getByText( blocked ) ).toBeVisible();
		// The refusal's notice: the cause and the owner's fix.
		await expect(
			panel( page )
				.getByRole( 'paragraph' )
				.filter( { hasText: `${ blocked } Ask your hosting provider` } )
		).toBeVisible();
		expect( await site.provisionCalls() ).toEqual( [] );
		await card.getByText( 'Details for support' ).click();
		await card.getByRole( 'button', { name: 'Copy details' } ).click();
		expect(
			await page.evaluate( () => navigator.clipboard.readText() )
		).toContain(
			'xmlrpc_reachable: critical | POST http://127.0.0.1:8889/xmlrpc.php?for=jetpack → HTTP 403'
		);
		await screenshot( page, '12-xmlrpc-blocked' );

		// Tools → Site Health: the same check, as an async test, with the host's fix.
		await page.goto( '/wp-admin/site-health.php' );
		await page.getByRole( 'button', { name: blocked } ).click();
		await expect(
			page.getByText(
				'For your hosting provider: WordPress.com calls POST'
			)
		).toBeVisible();
		await screenshot( page, '13-site-health-xmlrpc-blocked' );

		// The host unblocks it: asking again works (the refusal is checked again, not reused).
		site.webServer( {} );
		await openPanel( page );
		await page.getByRole( 'button', { name: ACTIVATE_PLAN } ).click();
		await expect( setUpJetpackLink( page ) ).toBeVisible();
		const [ call ] = await site.provisionCalls();
		expect( call?.form.siteurl ).toBe( 'http://127.0.0.1:8889' );
	} );

	test( 'a stale blog token: one force_register retry, then Set Up Jetpack, then active', async ( {
		page,
		site,
	} ) => {
		await site.wpcomConnects( 'admin' );
		await site.wpcomRevokesTokens( true );

		await openPanel( page );
		await page.getByRole( 'button', { name: ACTIVATE_PLAN } ).click();
		await expect( setUpJetpackLink( page ) ).toBeVisible();
		const calls = await site.provisionCalls();
		expect( calls.map( ( c ) => c.form.force_register ?? '' ) ).toEqual( [
			'',
			'1',
		] );

		await setUpJetpackLink( page ).click();
		await approveOnWordPressCom( page );
		await expect( page ).toHaveURL(
			new RegExp( PANEL.replace( /[?]/g, '\\?' ) )
		);
		await expectActiveAndConfirmed( page );
	} );

	test( 'an orphan from a registration nobody authorized: Connect your account, then the plan', async ( {
		page,
		site,
	} ) => {
		// Jetpack's own Set up, abandoned on WordPress.com's authorize page.
		await site.wpcomAnswers( 'auto' );
		await page.goto( '/wp-admin/admin.php?page=jetpack' );
		await page.getByRole( 'button', { name: 'Set up Jetpack' } ).click();
		await expect(
			page.getByRole( 'heading', {
				name: 'Approve the Jetpack connection',
			} )
		).toBeVisible();

		await openPanel( page );
		const connect = page.getByRole( 'link', {
			name: /Connect your account/,
		} );
		await expect( connect ).toBeVisible();
		await expect(
			page.getByRole( 'button', { name: ACTIVATE_PLAN } )
		).toHaveCount( 0 );
		await connect.click();
		await page
			.getByRole( 'button', { name: 'Connect your account' } )
			.click();
		await approveOnWordPressCom( page );
		await expect( page.getByTestId( 'jetpack-status' ) ).toContainText(
			'Connection owner: admin'
		);

		await openPanel( page );
		await page.getByRole( 'button', { name: ACTIVATE_PLAN } ).click();
		await expectActiveAndConfirmed( page );
	} );
} );
