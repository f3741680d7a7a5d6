/**
 * Once the panel has rendered it picks up what the hosting provider did from its side: a plan
 * the host cancelled is said plainly, with nothing to click that would ask for it again.
 */

/**
 * External dependencies
 */
import { act, screen } from '@testing-library/react';

/**
 * Internal dependencies
 */
import { fixture } from '../../test/fixtures';
import {
	flush,
	mockSpeak,
	mountPanel,
	renderPanel,
	requests,
	resetSite,
	serve,
	site,
	statusRequests,
} from '../../test/helpers';

const HOST_RECORD = 'POST /jetpack-start-companion/v1/host-record';

beforeEach( resetSite );

test( 'a plan the host cancelled is picked up after first paint and said plainly', async () => {
	serve( { [ HOST_RECORD ]: () => fixture( 'cancelled-by-host' ) } );
	await renderPanel( fixture( 'awaiting-authorization' ) );

	expect( requests() ).toContain( HOST_RECORD );
	expect(
		screen.getByText(
			'Jetpack Backup was cancelled by your hosting provider. It is no longer included with your hosting.'
		)
	).toBeInTheDocument();
	expect(
		screen.queryByRole( 'button', { name: /Activate|Request again/ } )
	).not.toBeInTheDocument();
	expect( mockSpeak ).toHaveBeenCalledWith(
		expect.stringContaining( 'was cancelled by your hosting provider' ),
		'polite'
	);
} );

test( 'when the host cannot be asked, the panel keeps what it shows', async () => {
	await renderPanel( fixture( 'awaiting-authorization' ) );
	expect( requests() ).toContain( HOST_RECORD );
	expect(
		screen.getByText( /is reserved for your site/ )
	).toBeInTheDocument();
	expect( mockSpeak ).not.toHaveBeenCalledWith(
		expect.anything(),
		'assertive'
	);
} );

test( 'a pick-up that answers after the WordPress.com confirmation does not hide it', async () => {
	let answerPickUp: ( status: unknown ) => void = () => undefined;
	serve( {
		[ HOST_RECORD ]: () =>
			new Promise( ( resolve ) => {
				answerPickUp = resolve;
			} ),
		'POST /jetpack-start-companion/v1/confirm': () =>
			fixture( 'active-confirmed' ),
	} );
	await renderPanel( fixture( 'active' ) );
	expect(
		screen.getByText( /WordPress.com confirms .* is on your site/ )
	).toBeInTheDocument();

	// The pick-up read the record before the confirmation was saved; the site now stores both.
	site.status = fixture( 'active-confirmed' );
	await act( async () => answerPickUp( fixture( 'active' ) ) );
	await flush();
	expect(
		screen.getByText( /WordPress.com confirms .* is on your site/ )
	).toBeInTheDocument();
	expect( statusRequests() ).toBeGreaterThanOrEqual( 1 );
} );

test( 'while a request runs on the server, its follow is the one poller: no pick-up', async () => {
	jest.useFakeTimers();
	try {
		serve( { [ HOST_RECORD ]: () => fixture( 'cancelled-by-host' ) } );
		site.status = fixture( 'requesting' );
		mountPanel( site.status );
		await act( async () => {} );

		site.status = fixture( 'awaiting-authorization' );
		await act( async () => {
			jest.advanceTimersByTime( 2_000 );
		} );
		expect( requests() ).not.toContain( HOST_RECORD );
		expect( statusRequests() ).toBe( 2 );
		expect(
			screen.getByText( /is reserved for your site/ )
		).toBeInTheDocument();
	} finally {
		jest.useRealTimers();
	}
} );
