/**
 * Each action: the right endpoint, what the user sees while it runs and after.
 */

/**
 * External dependencies
 */
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';

/**
 * Internal dependencies
 */
import { AUTHORIZE_URL, errorFixture, fixture } from '../../test/fixtures';
import {
	TOS_LINK,
	expectActions,
	flush,
	mockApiFetch,
	mockSpeak,
	mountPanel,
	renderPanel,
	requests,
	resetSite,
	serve,
	site,
	statusRequests,
} from '../../test/helpers';
import type { CompanionStatus } from '../../types';

function deferred< T >() {
	let resolve: ( value: T ) => void = () => undefined;
	let reject: ( reason: unknown ) => void = () => undefined;
	const promise = new Promise< T >( ( res, rej ) => {
		resolve = res;
		reject = rej;
	} );
	return { promise, resolve, reject };
}

beforeEach( resetSite );

describe( 'Install and activate Jetpack', () => {
	it( 'Install Jetpack installs it through core’s plugins endpoint, then refreshes', async () => {
		const user = userEvent.setup();
		await renderPanel( fixture( 'jetpack-missing' ) );
		const install = deferred< unknown >();
		serve( { 'POST /wp/v2/plugins': () => install.promise } );

		await user.click(
			screen.getByRole( 'button', { name: 'Install Jetpack' } )
		);

		expect( mockApiFetch ).toHaveBeenLastCalledWith( {
			path: '/wp/v2/plugins',
			method: 'POST',
			data: { slug: 'jetpack', status: 'active' },
		} );
		expect(
			screen.getByRole( 'button', { name: 'Installing Jetpack…' } )
		).toHaveAttribute( 'aria-disabled', 'true' );
		expect( mockSpeak ).toHaveBeenCalledWith(
			'Installing Jetpack…',
			'polite'
		);

		site.status = fixture( 'ready' );
		install.resolve( { plugin: 'jetpack/jetpack', status: 'active' } );

		expect(
			await screen.findByText( 'Jetpack is installed and active.' )
		).toBeInTheDocument();
		// Its button is gone: focus goes to the card's heading, not the page.
		expect(
			screen.getByRole( 'heading', { name: 'Jetpack plugin' } )
		).toHaveFocus();
		expect( requests().slice( -2 ) ).toEqual( [
			'POST /wp/v2/plugins',
			'GET /jetpack-start-companion/v1/status',
		] );
		expectActions( {
			buttons: [ 'Activate Jetpack Backup' ],
			links: [ TOS_LINK ],
		} );
		expect( mockSpeak ).toHaveBeenCalledWith(
			'Jetpack is installed and active. Plan reserved: Activate Jetpack Backup: it’s already paid for with your hosting.',
			'polite'
		);
	} );

	it( 'Activate Jetpack activates the installed plugin file, then refreshes', async () => {
		const user = userEvent.setup();
		await renderPanel( fixture( 'jetpack-inactive' ) );
		serve( {
			'PUT /wp/v2/plugins/jetpack/jetpack': () => {
				site.status = fixture( 'ready' );
				return { status: 'active' };
			},
		} );

		await user.click(
			screen.getByRole( 'button', { name: 'Activate Jetpack' } )
		);

		expect(
			await screen.findByText( 'Jetpack is installed and active.' )
		).toBeInTheDocument();
		expect( mockApiFetch ).toHaveBeenCalledWith( {
			path: '/wp/v2/plugins/jetpack/jetpack',
			method: 'PUT',
			data: { status: 'active' },
		} );
		expect( requests().slice( -2 ) ).toEqual( [
			'PUT /wp/v2/plugins/jetpack/jetpack',
			'GET /jetpack-start-companion/v1/status',
		] );
	} );

	it( 'when WordPress.org cannot be reached, says what to do in plain words, never core’s markup', async () => {
		const user = userEvent.setup();
		await renderPanel( fixture( 'jetpack-missing' ) );
		serve( {
			'POST /wp/v2/plugins': () => {
				throw errorFixture( 'install-failed' );
			},
		} );

		await user.click(
			screen.getByRole( 'button', { name: 'Install Jetpack' } )
		);

		const message = await screen.findByText(
			/^Jetpack couldn’t be downloaded from WordPress.org. Ask your hosting provider to install it, or download Jetpack from WordPress.org and upload it on the Plugins screen/
		);
		expect( message ).toHaveTextContent(
			/Error code: plugins_api_failed$/
		);
		const panel = document.body.textContent ?? '';
		expect( panel ).not.toMatch( /&#8217;|<a |support forums/ );
		expect( mockSpeak ).toHaveBeenCalledWith(
			message.textContent,
			'assertive'
		);
		expect(
			screen.getByRole( 'button', { name: 'Install Jetpack' } )
		).not.toHaveAttribute( 'aria-disabled' );
	} );

	it( 'a failed install explains in plain words, is spoken, and the button comes back', async () => {
		const user = userEvent.setup();
		await renderPanel( fixture( 'jetpack-missing' ) );
		serve( {
			'POST /wp/v2/plugins': () => {
				throw errorFixture( 'install-forbidden' );
			},
		} );

		await user.click(
			screen.getByRole( 'button', { name: 'Install Jetpack' } )
		);

		const message =
			'Your account isn’t allowed to do this. Ask a site administrator.';
		expect( await screen.findByText( message ) ).toBeInTheDocument();
		expect( mockSpeak ).toHaveBeenCalledWith( message, 'assertive' );
		expect(
			screen.getByRole( 'button', { name: 'Install Jetpack' } )
		).not.toHaveAttribute( 'aria-disabled' );
	} );
} );

describe( 'Activate the plan', () => {
	it( 'sends accept_terms, shows the busy state, ignores a second click, then shows the answer', async () => {
		const user = userEvent.setup();
		await renderPanel( fixture( 'ready' ) );
		const answer = deferred< CompanionStatus >();
		serve( {
			'POST /jetpack-start-companion/v1/provision': () => answer.promise,
		} );

		await user.click(
			screen.getByRole( 'button', { name: 'Activate Jetpack Backup' } )
		);

		expect( mockApiFetch ).toHaveBeenLastCalledWith( {
			path: '/jetpack-start-companion/v1/provision',
			method: 'POST',
			data: { accept_terms: true },
		} );
		expect(
			screen.getByText(
				'Activating Jetpack Backup. This can take up to a minute.'
			)
		).toBeInTheDocument();
		const busy = screen.getByRole( 'button', { name: 'Activating…' } );
		expect( busy ).toHaveAttribute( 'aria-disabled', 'true' );
		// The clicked button itself turns busy: keyboard focus stays where the user is.
		expect( busy ).toHaveFocus();
		expect( mockSpeak ).toHaveBeenCalledWith(
			'Activating Jetpack Backup. This can take up to a minute.',
			'polite'
		);

		await user.click( busy );
		await user.keyboard( '{Enter}' );
		expect(
			requests().filter( ( r ) => r.endsWith( '/provision' ) )
		).toHaveLength( 1 );

		answer.resolve( fixture( 'awaiting-authorization' ) );

		expect(
			await screen.findByRole( 'link', { name: 'Set Up Jetpack' } )
		).toHaveAttribute( 'href', AUTHORIZE_URL );
		expect(
			screen.getByRole( 'heading', { name: 'Jetpack Backup' } )
		).toHaveFocus();
		expect( mockSpeak ).toHaveBeenLastCalledWith(
			expect.stringContaining(
				'Jetpack Backup is reserved for your site'
			),
			'polite'
		);
	} );

	it( 'a failed answer shows the explanation, what to do, and Try again, which asks again', async () => {
		const user = userEvent.setup();
		await renderPanel( fixture( 'ready' ) );
		let calls = 0;
		serve( {
			'POST /jetpack-start-companion/v1/provision': () =>
				fixture(
					++calls === 1
						? 'failed-retryable'
						: 'awaiting-authorization'
				),
		} );

		await user.click(
			screen.getByRole( 'button', { name: 'Activate Jetpack Backup' } )
		);

		expect(
			await screen.findByText(
				'WordPress.com could not be reached or gave an answer we could not read.'
			)
		).toBeInTheDocument();
		expect(
			screen.getByText( 'Wait a few minutes, then try again.' )
		).toBeInTheDocument();
		expect( mockSpeak ).toHaveBeenCalledWith(
			'Problem with Jetpack Backup: WordPress.com could not be reached or gave an answer we could not read. Wait a few minutes, then try again.',
			'assertive'
		);

		await user.click( screen.getByRole( 'button', { name: 'Try again' } ) );

		expect(
			await screen.findByRole( 'link', { name: 'Set Up Jetpack' } )
		).toBeInTheDocument();
		expect( calls ).toBe( 2 );
	} );

	it( 'Request again after expiry sends a new request', async () => {
		const user = userEvent.setup();
		await renderPanel( fixture( 'expired' ) );
		serve( {
			'POST /jetpack-start-companion/v1/provision': () =>
				fixture( 'awaiting-authorization' ),
		} );

		await user.click(
			screen.getByRole( 'button', { name: 'Request again' } )
		);

		expect(
			await screen.findByRole( 'link', { name: 'Set Up Jetpack' } )
		).toBeInTheDocument();
		expect( requests() ).toContain(
			'POST /jetpack-start-companion/v1/provision'
		);
	} );

	it( 'a request already running (409) is explained and the status is checked again', async () => {
		const user = userEvent.setup();
		await renderPanel( fixture( 'ready' ) );
		serve( {
			'POST /jetpack-start-companion/v1/provision': () => {
				site.status = fixture( 'requesting' );
				throw errorFixture( 'busy' );
			},
		} );
		const before = statusRequests();

		await user.click(
			screen.getByRole( 'button', { name: 'Activate Jetpack Backup' } )
		);

		expect(
			await screen.findByText( errorFixture( 'busy' ).message )
		).toBeInTheDocument();
		await waitFor( () => expect( statusRequests() ).toBe( before + 1 ) );
		expect(
			screen.getByRole( 'button', { name: 'Activating…' } )
		).toHaveAttribute( 'aria-disabled', 'true' );
	} );
} );

describe( 'Loading', () => {
	it( 'without a status from the page, loads it, then shows the panel', async () => {
		site.status = fixture( 'ready' );
		mountPanel();

		expect( screen.getByText( 'Checking your site…' ) ).toBeInTheDocument();
		expect(
			await screen.findByRole( 'button', {
				name: 'Activate Jetpack Backup',
			} )
		).toBeInTheDocument();
		expect( mockSpeak ).not.toHaveBeenCalled();
	} );

	it( 'a failed load says why and offers to try again', async () => {
		const user = userEvent.setup();
		serve( {
			'GET /jetpack-start-companion/v1/status': () => {
				throw {
					code: 'fetch_error',
					message: 'You are probably offline.',
				};
			},
		} );
		mountPanel();

		expect(
			await screen.findByText(
				'Your site couldn’t be reached. Check your internet connection, then try again.'
			)
		).toBeInTheDocument();

		site.status = fixture( 'ready' );
		serve();
		await user.click( screen.getByRole( 'button', { name: 'Try again' } ) );

		expect(
			await screen.findByRole( 'button', {
				name: 'Activate Jetpack Backup',
			} )
		).toBeInTheDocument();
		await flush();
	} );
} );
