/**
 * Set Up Jetpack for a plan waiting on the connection without a link of its own: Jetpack's own
 * registration route (its answers are the real package's, src/test/fixtures/jetpack/), the link
 * rule on what it answers, and the fallback for an older Jetpack.
 */

/**
 * External dependencies
 */
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';

/**
 * Internal dependencies
 */
import { JETPACK_REGISTER_PATH } from '../../api';
import {
	LINKS,
	SETUP_URL,
	errorFixture,
	fixture,
	jetpackFixture,
} from '../../test/fixtures';
import { mockApiFetch, mockSpeak, resetSite, serve } from '../../test/helpers';
import { SetUpJetpack } from '../set-up-jetpack';

beforeEach( resetSite );

const REGISTER = `POST ${ JETPACK_REGISTER_PATH }`;

async function click( go: jest.Mock ): Promise< void > {
	render( <SetUpJetpack status={ fixture( 'awaiting-dns' ) } go={ go } /> );
	await userEvent
		.setup()
		.click( screen.getByRole( 'button', { name: 'Set Up Jetpack' } ) );
}

describe( 'Set Up Jetpack starts Jetpack’s own connection flow', () => {
	it( 'registers the site with Jetpack, then goes to the authorize URL it answered', async () => {
		const go = jest.fn();
		const answer = jetpackFixture( 'register' );
		serve( { [ REGISTER ]: () => answer } );
		await click( go );
		await waitFor( () =>
			expect( go ).toHaveBeenCalledWith( answer.authorizeUrl )
		);
		expect( mockApiFetch.mock.calls[ 0 ]?.[ 0 ] ).toMatchObject( {
			path: JETPACK_REGISTER_PATH,
			method: 'POST',
			data: { redirect_uri: 'admin.php?page=jetpack-start-companion' },
		} );
		expect(
			screen.getByRole( 'button', {
				name: 'Connecting to WordPress.com…',
			} )
		).toHaveAttribute( 'aria-disabled', 'true' );
	} );

	// An answer the real route would not give: one field of a real answer changed.
	it.each( LINKS.cases.filter( ( c ) => ! c.valid ).map( ( c ) => c.url ) )(
		'does not follow an authorize URL %j, and says so',
		async ( url ) => {
			const go = jest.fn();
			serve( {
				[ REGISTER ]: () => ( {
					...jetpackFixture( 'register' ),
					authorizeUrl: url,
				} ),
			} );
			await click( go );
			expect(
				await screen.findByText( /won’t open/ )
			).toBeInTheDocument();
			expect( go ).not.toHaveBeenCalled();
			expect( mockSpeak ).toHaveBeenCalledWith(
				expect.stringMatching( /won’t open/ ),
				'assertive'
			);
		}
	);

	it( 'a registration WordPress.com could not verify: Jetpack’s reason, and the button works again', async () => {
		const go = jest.fn();
		const failed = jetpackFixture( 'register-failed' );
		serve( {
			[ REGISTER ]: () => {
				throw failed;
			},
		} );
		await click( go );
		expect(
			await screen.findByText( failed.message as string )
		).toBeInTheDocument();
		expect( mockSpeak ).toHaveBeenCalledWith( failed.message, 'assertive' );
		expect(
			screen.getByRole( 'button', { name: 'Set Up Jetpack' } )
		).not.toHaveAttribute( 'aria-disabled' );
		expect( go ).not.toHaveBeenCalled();
	} );

	it( 'an older Jetpack without the route gets its setup screen', async () => {
		const go = jest.fn();
		serve( {
			[ REGISTER ]: () => {
				throw errorFixture( 'jetpack-register-missing' );
			},
		} );
		await click( go );
		await waitFor( () => expect( go ).toHaveBeenCalledWith( SETUP_URL ) );
	} );
} );
