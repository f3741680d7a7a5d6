/**
 * What the panel says about Jetpack itself, for each way a site can be, on the real WordPress.
 */
import {
	test,
	expect,
	openPanel,
	panel,
	screenshot,
	expectNoAxeViolations,
	ACTIVATE_PLAN,
} from './fixtures';

test.describe( 'Jetpack on the site', () => {
	test( 'not installed: offers to install it', async ( { page, site } ) => {
		site.removeJetpack();
		await openPanel( page );
		await expect(
			page.getByRole( 'button', { name: 'Install Jetpack' } )
		).toBeVisible();
		await expect(
			page.getByRole( 'button', { name: ACTIVATE_PLAN } )
		).toHaveCount( 0 );
		await screenshot( page, '01-jetpack-missing' );
		await expectNoAxeViolations( page );

		// WordPress.org cannot be reached here: the failure is explained and the way forward stays.
		await page.getByRole( 'button', { name: 'Install Jetpack' } ).click();
		await expect(
			panel( page ).getByText(
				/couldn’t be downloaded from WordPress\.org/
			)
		).toBeVisible();
		await expect(
			page.getByRole( 'button', { name: 'Install Jetpack' } )
		).toBeEnabled();
		await expect( page.locator( '#a11y-speak-assertive' ) ).toContainText(
			/WordPress\.org/
		);
	} );

	test( 'a Jetpack-family plugin sharing its connection code is not taken for Jetpack', async ( {
		page,
		site,
	} ) => {
		site.removeJetpack();
		await site.utils.activatePlugin( 'jetpack-boost' );
		await openPanel( page );
		await expect(
			page.getByRole( 'button', { name: 'Install Jetpack' } )
		).toBeVisible();
	} );

	test( 'installed but inactive: activating it from the panel makes the plan available', async ( {
		page,
		site,
	} ) => {
		await site.utils.deactivatePlugin( 'jetpack' );
		await openPanel( page );
		await screenshot( page, '02-jetpack-inactive' );

		await page.getByRole( 'button', { name: 'Activate Jetpack' } ).click();
		await expect(
			page.getByRole( 'button', { name: ACTIVATE_PLAN } )
		).toBeVisible();
		await expect(
			panel( page ).getByText( 'Jetpack is installed and active.' )
		).toBeVisible();
	} );

	test( 'Jetpack that stopped loading is not taken for active', async ( {
		page,
		site,
	} ) => {
		await site.jetpack( { bail_early: true } );
		await openPanel( page );
		await expect(
			panel( page ).getByText( 'Jetpack is turned on but didn’t start.' )
		).toBeVisible();
		await expect(
			page.getByRole( 'button', { name: ACTIVATE_PLAN } )
		).toHaveCount( 0 );
		await expect(
			page.getByRole( 'button', { name: 'Activate Jetpack' } )
		).toHaveCount( 0 );
		await screenshot( page, '03-jetpack-not-loaded' );
	} );

	test( 'offline mode: explains that no connection is possible', async ( {
		page,
		site,
	} ) => {
		await site.jetpack( { offline_mode: true } );
		await openPanel( page );
		await expect(
			panel( page )
				.getByText( /offline/i )
				.first()
		).toBeVisible();
		await expect(
			page.getByRole( 'button', { name: ACTIVATE_PLAN } )
		).toHaveCount( 0 );
		await screenshot( page, '04-jetpack-offline' );
	} );

	test( 'a connection nobody owns: asks the owner to connect', async ( {
		page,
		site,
	} ) => {
		await site.jetpack( { connected: true, owner: null } );
		await openPanel( page );
		const connect = page.getByRole( 'link', {
			name: /Connect your account/,
		} );
		await expect( connect ).toHaveAttribute(
			'href',
			/page=my-jetpack#\/connection$/
		);
		await screenshot( page, '05-connected-no-owner' );
	} );
} );
