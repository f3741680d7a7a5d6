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
	test( 'xmlrpc.php blocked: the preflight gate names it and WordPress.com is never called', async ( {
		page,
		site,
	} ) => {
		site.webServer( { xmlrpc: '403' } );
		await openPanel( page );
		await page.getByRole( 'button', { name: ACTIVATE_PLAN } ).click();
		await expect(
			panel( page ).getByText(
				'Your site blocks xmlrpc.php (it answered with error 403), so WordPress.com cannot reach Jetpack.',
				{ exact: false }
			)
		).toBeVisible();
		await screenshot( page, '12-xmlrpc-blocked' );
		expect( await site.provisionCalls() ).toEqual( [] );

		// The host unblocks it: asking again works (the refusal is checked again, not reused).
		site.webServer( {} );
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
