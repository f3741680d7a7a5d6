/**
 * Asking for the plan end to end: browser → WordPress → host service → WordPress.com simulator,
 * over real sockets, for each answer WordPress.com gives.
 */
import { siteKey } from '../reliability/site';
import {
	test,
	expect,
	openPanel,
	panel,
	screenshot,
	expectNoAxeViolations,
	PANEL,
	ACTIVATE_PLAN,
	askForPlan,
	approveOnWordPressCom,
	setUpJetpackLink,
	setUpJetpackButton,
	expectActiveAndConfirmed,
} from './fixtures';

test.describe( 'Activating the plan', () => {
	test( 'ready: the Terms of Service come before the button, and the page passes axe', async ( {
		page,
		site,
	} ) => {
		await openPanel( page );
		const terms = panel( page )
			.getByText( /Terms of Service/ )
			.first();
		const button = page.getByRole( 'button', { name: ACTIVATE_PLAN } );
		await expect( terms ).toBeVisible();
		const termsBox = await terms.boundingBox();
		const buttonBox = await button.boundingBox();
		expect( termsBox!.y ).toBeLessThan( buttonBox!.y );
		await screenshot( page, '06-ready' );
		await expectNoAxeViolations( page );
		expect( await site.provisionCalls() ).toEqual( [] );
	} );

	test( 'case A: the plan is active at once', async ( { page, site } ) => {
		await askForPlan( page, site, 'case_a' );
		await expectActiveAndConfirmed( page );
		// Each change is spoken; the last one is WordPress.com's confirmation.
		await expect( page.locator( '#a11y-speak-polite' ) ).toContainText(
			'WordPress.com confirms Jetpack Backup is on your site.'
		);
		await screenshot( page, '07-case-a-active' );
		await expectNoAxeViolations( page );

		const calls = await site.provisionCalls();
		expect( calls ).toHaveLength( 1 );
		expect( calls[ 0 ]!.form ).toMatchObject( {
			siteurl: 'http://127.0.0.1:8889',
			local_user: 'admin',
			plan: 'jetpack-backup-daily',
		} );
	} );

	test( 'while WordPress.com answers: a busy state, and a second click sends nothing', async ( {
		page,
		site,
	} ) => {
		// The request answers at once (the attempt runs on the server); the panel follows it.
		const queued = page.waitForResponse(
			( r ) =>
				r.request().method() === 'POST' &&
				r.url().includes( 'provision' )
		);
		await askForPlan( page, site, 'slow', {
			delay_ms: 6000,
			then: 'case_b',
		} );
		expect( ( await queued ).status() ).toBe( 202 );

		// The second click first: on a loaded machine the screenshot alone can outlast the answer.
		const busy = page.getByRole( 'button', { name: /Activating/ } );
		await expect( busy ).toHaveAttribute( 'aria-disabled', 'true' );
		await busy.click( { force: true } );
		await expect(
			panel( page )
				.getByText( /can take up to a minute/ )
				.first()
		).toBeVisible();
		await screenshot( page, '08a-requesting' );

		await expect( setUpJetpackLink( page ) ).toBeVisible();
		expect( await site.provisionCalls() ).toHaveLength( 1 );
	} );

	test( 'a second request while one runs is told to wait, and never reaches WordPress.com', async ( {
		page,
		site,
	} ) => {
		await site.wpcomAnswers( 'slow', { delay_ms: 3000, then: 'case_b' } );
		await openPanel( page );
		const outcomes = await page.evaluate( async () => {
			const { apiFetch } = (
				window as unknown as {
					wp: {
						apiFetch: < T >( options: object ) => Promise< T >;
					};
				}
			 ).wp;
			const ask = () =>
				apiFetch( {
					path: '/jetpack-start-companion/v1/provision',
					method: 'POST',
					data: { accept_terms: true },
				} ).then(
					() => 'answered',
					( error: { code?: string } ) => error.code ?? 'error'
				);
			const first = ask();
			// The second goes out once the first holds the lock. (Sent in the same instant, both
			// can land in one php -S worker, which would then run them one after the other.)
			for ( let i = 0; i < 40; i++ ) {
				const status = await apiFetch< {
					provisioning: { state: string };
				} >( {
					path: '/jetpack-start-companion/v1/status?fresh=' + i,
				} );
				if ( status.provisioning.state === 'requesting' ) {
					break;
				}
				await new Promise( ( resolve ) => setTimeout( resolve, 50 ) );
			}
			return Promise.all( [ first, ask() ] );
		} );
		// Told to wait while the first holds the lock; if a busy machine lets the first finish
		// before the second is read, the second answers the stored state. Never a second call.
		expect( outcomes[ 0 ] ).toBe( 'answered' );
		expect( [ 'jetpack_start_companion_busy', 'answered' ] ).toContain(
			outcomes[ 1 ]
		);
		expect( await site.provisionCalls() ).toHaveLength( 1 );
	} );

	test( 'case B: Set Up Jetpack, approve on WordPress.com, come back to an active plan', async ( {
		page,
		site,
	} ) => {
		// WordPress.com answers from what really happens with Jetpack's real package: it calls the
		// site's remoteRegister (which registers it) and remoteProvision; nobody owns it yet.
		await site.wpcomAnswers( 'auto' );
		await openPanel( page );
		await page.getByRole( 'button', { name: ACTIVATE_PLAN } ).click();

		const setUp = setUpJetpackLink( page );
		await expect( setUp ).toBeVisible();
		await expect( setUp ).toHaveAttribute(
			'href',
			/jetpack\.authorize\/1\/.*partner_redirect=/
		);
		await expect(
			panel( page )
				.getByText( /expires|until/i )
				.first()
		).toBeVisible();
		await screenshot( page, '08-case-b-awaiting-authorization' );
		await expectNoAxeViolations( page );

		await setUp.click();
		await approveOnWordPressCom( page );

		await expect( page ).toHaveURL(
			new RegExp( PANEL.replace( /[?]/g, '\\?' ) )
		);
		await expectActiveAndConfirmed( page );
		await screenshot( page, '09-case-b-returned-active' );
	} );

	test( 'case B: coming back to the tab after authorizing elsewhere refreshes the status', async ( {
		page,
		site,
	} ) => {
		await askForPlan( page, site, 'case_b' );
		await expect( setUpJetpackLink( page ) ).toBeVisible();

		await site.jetpack( { connected: true, owner: 'admin' } );
		await page.evaluate( () =>
			window.dispatchEvent( new Event( 'focus' ) )
		);
		await expect(
			panel( page )
				.getByText( /Jetpack Backup is active/ )
				.first()
		).toBeVisible();
	} );

	test( 'a plan that never landed on WordPress.com is caught and asked for again', async ( {
		page,
		site,
	} ) => {
		await askForPlan( page, site, 'case_b' );
		await expect( setUpJetpackLink( page ) ).toBeVisible();

		// The offer lapses on WordPress.com, then the owner connects Jetpack on their own.
		await site.forgetOnWordPressCom();
		await site.jetpack( { connected: true, owner: 'admin' } );
		await page.reload();
		await expect(
			panel( page ).getByText(
				'WordPress.com doesn’t list Jetpack Backup on your site.'
			)
		).toBeVisible();
		await screenshot( page, '09a-active-but-missing-on-wordpress-com' );
		await expectNoAxeViolations( page );

		await site.wpcomAnswers( 'case_a' );
		await page.getByRole( 'button', { name: 'Request again' } ).click();
		await expect(
			panel( page ).getByText(
				'WordPress.com confirms Jetpack Backup is on your site.'
			)
		).toBeVisible();
	} );

	test( 'case C: the domain did not resolve yet; once it does, Set Up Jetpack registers and authorizes through Jetpack, and the plan lands', async ( {
		page,
		site,
	} ) => {
		// The browser reaches the site while WordPress.com could not: that answer is scripted
		// (PHPUnit has the real unresolvable domain). Everything after it is the real protocol:
		// Jetpack's own registration route, WordPress.com's authorize page, Jetpack's webhook.
		await askForPlan( page, site, 'case_c' );

		const setUp = setUpJetpackButton( page );
		await expect( setUp ).toBeVisible();
		await expect(
			panel( page )
				.getByText( /domain/i )
				.first()
		).toBeVisible();
		await screenshot( page, '10-case-c-awaiting-dns' );
		await expectNoAxeViolations( page );
		await site.wpcomAnswers( 'auto' ); // the domain resolves now

		await setUp.click();
		await approveOnWordPressCom( page );
		await expect( page ).toHaveURL(
			new RegExp( PANEL.replace( /[?]/g, '\\?' ) )
		);
		await expectActiveAndConfirmed( page );
		expect( await site.provisionCalls() ).toHaveLength( 1 );
	} );

	test( 'a refusal is explained in plain words, and trying again works', async ( {
		page,
		site,
	} ) => {
		await askForPlan( page, site, 'partner_key_disabled', {
			shape: 'error',
		} );

		// In the explanation, not only in the panel's "Provided by" line.
		await expect(
			panel( page )
				.getByText( /Example Hosting/ )
				.filter( { hasNotText: /^Provided by/ } )
				.first()
		).toBeVisible();
		await expect(
			panel( page ).getByText( 'Error code: partner_key_disabled' )
		).toBeVisible();
		await screenshot( page, '11-failed' );
		await expectNoAxeViolations( page );

		await site.wpcomAnswers( 'case_c' );
		await page.getByRole( 'button', { name: 'Try again' } ).click();
		await expect( setUpJetpackButton( page ) ).toBeVisible();
	} );

	test( 'the whole flow works from the keyboard', async ( {
		page,
		site,
	} ) => {
		await site.wpcomAnswers( 'case_b' );
		await openPanel( page );
		const button = page.getByRole( 'button', { name: ACTIVATE_PLAN } );
		await button.focus();
		await expect( button ).toBeFocused();
		await page.keyboard.press( 'Enter' );
		const setUp = setUpJetpackLink( page );
		await expect( setUp ).toBeVisible();
		await setUp.focus();
		await expect( setUp ).toBeFocused();
	} );

	test( 'the site key never reaches the browser', async ( {
		page,
		site,
	} ) => {
		await site.wpcomAnswers( 'case_b' );
		const key = siteKey();
		expect( key ).toMatch( /^[0-9a-f]{64}$/ );

		// Every body is read before anything is asserted: a handler that reads it later, after
		// the assertion ran, would let a leaked key through.
		const bodies: Array< Promise< string > > = [];
		page.on( 'response', ( response ) => {
			bodies.push( response.text().catch( () => '' ) );
		} );
		await openPanel( page );
		await page.getByRole( 'button', { name: ACTIVATE_PLAN } ).click();
		await expect( setUpJetpackLink( page ) ).toBeVisible();
		await page.reload();
		await expect( setUpJetpackLink( page ) ).toBeVisible();

		const read = await Promise.all( bodies );
		expect( read.length ).toBeGreaterThan( 10 );
		expect(
			read.some( ( body ) => body.includes( 'jetpackStartCompanion' ) ),
			'the panel page with its script data was read'
		).toBe( true );
		expect(
			read.some( ( body ) => body.includes( '"provisioning"' ) ),
			'a status answer was read'
		).toBe( true );
		expect( await page.content() ).not.toContain( key );
		expect( read.filter( ( body ) => body.includes( key ) ) ).toEqual( [] );
	} );
} );
