/**
 * An active plan is checked with WordPress.com once, and what it says is shown:
 * confirmed, still finishing, or missing (with the way to ask again).
 */

/**
 * External dependencies
 */
import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';

/**
 * Internal dependencies
 */
import { errorFixture, fixture } from '../../test/fixtures';
import {
	flush,
	mockSpeak,
	renderPanel,
	requests,
	resetSite,
	serve,
} from '../../test/helpers';
import type { CompanionStatus, PlanConfirmation } from '../../types';

const CONFIRM = 'POST /jetpack-start-companion/v1/confirm';

/** The plan looks active (Jetpack connected with an owner); WordPress.com not asked yet. */
const active = () => fixture( 'active' );

function confirmed( planOnSite: PlanConfirmation[ 'plan_on_site' ] ) {
	return fixture(
		(
			{
				active: 'active-confirmed',
				pending: 'active-pending-on-wordpress-com',
				missing: 'active-missing-on-wordpress-com',
			} as const
		 )[ planOnSite ]
	);
}

beforeEach( resetSite );

it( 'asks WordPress.com once when the plan turns active, and says it is confirmed', async () => {
	serve( { [ CONFIRM ]: () => confirmed( 'active' ) } );
	await renderPanel( active() );

	expect(
		await screen.findByText(
			'WordPress.com confirms Jetpack Backup is on your site.'
		)
	).toBeInTheDocument();
	expect( requests().filter( ( r ) => r === CONFIRM ) ).toHaveLength( 1 );
	expect( mockSpeak ).toHaveBeenCalledWith(
		expect.stringContaining( 'WordPress.com confirms' ),
		'polite'
	);
} );

it( 'does not ask again when the answer is already there', async () => {
	await renderPanel( confirmed( 'pending' ) );
	expect(
		screen.getByText(
			'WordPress.com is still finishing setting up Jetpack Backup.'
		)
	).toBeInTheDocument();
	expect( requests() ).not.toContain( CONFIRM );
} );

it( 'a plan WordPress.com does not list gets a warning and Request again', async () => {
	const user = userEvent.setup();
	let provisioned = false;
	serve( {
		'POST /jetpack-start-companion/v1/provision': () => {
			provisioned = true;
			return confirmed( 'active' );
		},
	} );
	await renderPanel( confirmed( 'missing' ) );

	expect(
		screen.getByText(
			'WordPress.com doesn’t list Jetpack Backup on your site.'
		)
	).toBeInTheDocument();
	await user.click( screen.getByRole( 'button', { name: 'Request again' } ) );
	await waitFor( () => expect( provisioned ).toBe( true ) );
} );

it( 'a failed check stays silent and changes nothing', async () => {
	serve( {
		[ CONFIRM ]: () => {
			throw errorFixture( 'confirm-failed' );
		},
	} );
	await renderPanel( active() );
	await waitFor( () => expect( requests() ).toContain( CONFIRM ) );
	await flush();

	expect(
		screen.getByText( 'Jetpack Backup is active on your site.' )
	).toBeInTheDocument();
	expect(
		screen.queryByText( /could not be asked/ )
	).not.toBeInTheDocument();
	expect( mockSpeak ).not.toHaveBeenCalledWith(
		expect.anything(),
		'assertive'
	);
} );

it( 'a status check racing the confirmation does not drop it', async () => {
	let answerConfirm: ( status: CompanionStatus ) => void = () => undefined;
	serve( {
		[ CONFIRM ]: () =>
			new Promise< CompanionStatus >( ( resolve ) => {
				answerConfirm = resolve;
			} ),
		'GET /jetpack-start-companion/v1/status': () => active(),
	} );
	await renderPanel( active() );
	await waitFor( () => expect( requests() ).toContain( CONFIRM ) );

	// The owner comes back to the tab while WordPress.com is being asked.
	await act( async () => {
		window.dispatchEvent( new Event( 'focus' ) );
	} );
	await flush();
	await act( async () => answerConfirm( confirmed( 'missing' ) ) );

	expect(
		await screen.findByText(
			'WordPress.com doesn’t list Jetpack Backup on your site.'
		)
	).toBeInTheDocument();
} );
