/**
 * Keeping the status fresh and announcing changes.
 */

/**
 * External dependencies
 */
import { act, renderHook, screen } from '@testing-library/react';

/**
 * Internal dependencies
 */
import {
	REQUESTING_POLL_MS,
	useCompanionStatus,
} from '../use-companion-status';
import { fixture } from '../../test/fixtures';
import {
	flush,
	mockSpeak,
	mountPanel,
	renderPanel,
	resetSite,
	serve,
	site,
	requests,
	statusRequests,
} from '../../test/helpers';

const AWAITING = fixture( 'awaiting-authorization' );
const ACTIVE = fixture( 'active' );

function setVisibility( state: DocumentVisibilityState ) {
	Object.defineProperty( document, 'visibilityState', {
		configurable: true,
		get: () => state,
	} );
}

/**
 * Dispatches one browser event on its own, inside act().
 *
 * @param target Where the event happens.
 * @param type   The event's type.
 */
function fire( target: EventTarget, type: string ) {
	act( () => {
		target.dispatchEvent( new Event( type ) );
	} );
}

beforeEach( () => {
	resetSite();
	setVisibility( 'visible' );
} );

it( 'checks the status once on load (answered by the preload) and says nothing', async () => {
	await renderPanel( AWAITING );

	expect( statusRequests() ).toBe( 1 );
	expect( mockSpeak ).not.toHaveBeenCalled();
} );

it( 'refreshes when the tab becomes visible again, and announces the change', async () => {
	await renderPanel( AWAITING );
	site.status = ACTIVE;

	setVisibility( 'hidden' );
	fire( document, 'visibilitychange' );
	await flush();
	expect( statusRequests() ).toBe( 1 );

	setVisibility( 'visible' );
	fire( document, 'visibilitychange' );

	expect(
		await screen.findByText( 'Jetpack Backup is active on your site.' )
	).toBeInTheDocument();
	expect( statusRequests() ).toBe( 2 );
	expect( mockSpeak ).toHaveBeenCalledWith(
		'Jetpack Backup is active on your site. Plan active: Nothing left to do.',
		'polite'
	);
} );

it( 'refreshes on window focus (back from WordPress.com)', async () => {
	await renderPanel( AWAITING );
	site.status = ACTIVE;

	fire( window, 'focus' );

	expect(
		await screen.findByText( 'Jetpack Backup is active on your site.' )
	).toBeInTheDocument();
	expect( statusRequests() ).toBe( 2 );
} );

it( 'focus and visibilitychange together make one request', async () => {
	await renderPanel( AWAITING );

	act( () => {
		document.dispatchEvent( new Event( 'visibilitychange' ) );
		window.dispatchEvent( new Event( 'focus' ) );
	} );
	await flush();

	expect( statusRequests() ).toBe( 2 );
	expect( mockSpeak ).not.toHaveBeenCalled();
} );

it( 'a failed background check is said, and cleared by the next good one', async () => {
	await renderPanel( AWAITING );
	serve( {
		'GET /jetpack-start-companion/v1/status': () => {
			throw { code: 'fetch_error', message: 'You are probably offline.' };
		},
	} );

	fire( window, 'focus' );
	const message =
		'Your site couldn’t be reached. Check your internet connection, then try again.';
	expect( await screen.findByText( message ) ).toBeInTheDocument();
	expect( mockSpeak ).toHaveBeenCalledWith( message, 'assertive' );

	// The same failure again (the next poll, the next focus) is not said again.
	fire( window, 'focus' );
	await flush();
	expect(
		mockSpeak.mock.calls.filter( ( [ said ] ) => said === message )
	).toHaveLength( 1 );
	// What was known stays on screen.
	expect(
		screen.getByRole( 'link', { name: 'Set Up Jetpack' } )
	).toBeInTheDocument();

	serve();
	fire( window, 'focus' );
	await flush();
	expect( screen.queryByText( message ) ).not.toBeInTheDocument();
} );

it( 'while a request runs elsewhere, checks again every few seconds', async () => {
	jest.useFakeTimers();
	try {
		const requesting = fixture( 'requesting' );
		site.status = requesting;
		mountPanel( requesting );
		await act( async () => {} );
		expect( statusRequests() ).toBe( 1 );

		site.status = AWAITING;
		await act( async () => {
			jest.advanceTimersByTime( REQUESTING_POLL_MS );
		} );

		expect( statusRequests() ).toBe( 2 );
		expect(
			screen.getByRole( 'link', { name: 'Set Up Jetpack' } )
		).toBeInTheDocument();

		// Not requesting any more: no more checks.
		await act( async () => {
			jest.advanceTimersByTime( REQUESTING_POLL_MS * 3 );
		} );
		expect( statusRequests() ).toBe( 2 );
	} finally {
		jest.useRealTimers();
	}
} );

it( 'the request answers at once with the attempt started; the panel follows it to the answer', async () => {
	jest.useFakeTimers();
	try {
		serve( {
			'POST /jetpack-start-companion/v1/provision': () => {
				site.status = fixture( 'requesting' );
				return site.status;
			},
		} );
		const { result } = renderHook( () =>
			useCompanionStatus( fixture( 'ready' ) )
		);
		await act( () => result.current.provision() );
		expect( result.current.busy ).toBeNull();
		expect( result.current.status?.provisioning.state ).toBe(
			'requesting'
		);

		// The attempt runs on the server: the next check finds its answer.
		site.status = AWAITING;
		await act( async () => {
			jest.advanceTimersByTime( REQUESTING_POLL_MS );
		} );
		expect( result.current.status?.provisioning.state ).toBe(
			'awaiting_authorization'
		);
		expect( mockSpeak ).toHaveBeenLastCalledWith(
			expect.stringContaining(
				'Jetpack Backup is reserved for your site'
			),
			'polite'
		);
	} finally {
		jest.useRealTimers();
	}
} );

it( 'two calls in the same tick send one request (the guard is in the hook, not the button)', async () => {
	serve( {
		'POST /jetpack-start-companion/v1/provision': () => AWAITING,
	} );
	const { result } = renderHook( () =>
		useCompanionStatus( fixture( 'ready' ) )
	);
	await act( async () => {
		await Promise.all( [
			result.current.provision(),
			result.current.provision(),
		] );
	} );
	expect(
		requests().filter( ( r ) => r.endsWith( '/provision' ) )
	).toHaveLength( 1 );
} );
