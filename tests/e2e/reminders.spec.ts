/**
 * Issue 10 §5 and §8 in the browser, on one pending activation (case B): the panel's step
 * indicator (axe), then the reminder on the Dashboard (notice and widget, Set Up Jetpack going
 * where the panel's own link goes), dismissed with the keyboard. Who sees it when, and that other
 * pages load nothing, is PHPUnit's (RemindersTest).
 */
import {
	test,
	expect,
	askForPlan,
	expectNoAxeViolations,
	panel,
	screenshot,
	setUpJetpackLink,
} from './fixtures';

test( 'a pending activation: the step indicator in the panel, a reminder on the Dashboard dismissed with the keyboard', async ( {
	page,
	site,
} ) => {
	await askForPlan( page, site, 'case_b' );
	const steps = panel( page ).getByRole( 'list', { name: 'Your progress' } );
	await expect( steps.locator( '[aria-current="step"]' ) ).toHaveText(
		/Site connected$/
	);
	await expect( steps.getByRole( 'listitem' ) ).toHaveText( [
		/Jetpack ready$/,
		/Plan reserved$/,
		/Site connected$/,
		/Plan active$/,
	] );
	await expect(
		panel( page ).getByText(
			'Set up Jetpack and approve the connection to WordPress.com.'
		)
	).toBeVisible();
	// The new step was announced with the plan's news.
	await expect( page.locator( '#a11y-speak-polite' ) ).toContainText(
		'Site connected: Set up Jetpack and approve the connection to WordPress.com.'
	);
	await screenshot( page, '14-journey-awaiting-authorization' );
	await expectNoAxeViolations( page );
	const authorize = await setUpJetpackLink( page ).getAttribute( 'href' );

	await page.goto( '/wp-admin/' );
	const notice = page.locator( '.notice.jetpack-start-companion-reminder' );
	const widget = page.locator( '#jetpack_start_companion_reminder' );
	await expect( notice ).toContainText(
		'Jetpack Backup is reserved for your site for 14 more days (until '
	);
	await expect( widget ).toContainText( 'for 14 more days' );
	const setUp = notice.getByRole( 'link', { name: 'Set Up Jetpack' } );
	await expect( setUp ).toHaveAttribute( 'href', authorize! );
	await screenshot( page, '15-reminder-dashboard' );
	// From the keyboard: Set Up Jetpack, then Tab to the dismiss button, Enter.
	await setUp.focus();
	await page.keyboard.press( 'Tab' );
	await expect(
		notice.getByRole( 'button', { name: 'Dismiss this reminder' } )
	).toBeFocused();
	await page.keyboard.press( 'Enter' );
	await page.waitForURL( /\/wp-admin\/(index\.php)?$/ );
	await expect( widget ).toContainText( 'for 14 more days' );
	// Back on the Dashboard, from the server: dismissed for this user, the widget stays.
	await expect( notice ).toHaveCount( 0 );
} );
