/**
 * The panel's last check on links (contract §7), on the contract's table of hostile and good
 * URLs (the same one PHPUnit and the host service's tests read), alone and in the panel.
 */

/**
 * External dependencies
 */
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';

/**
 * Internal dependencies
 */
import { linkOrigin, safeHref } from '../links';
import type { CompanionStatus } from '../types';
import { LINKS, fixture } from './fixtures';
import { renderPanel, resetSite } from './helpers';

beforeEach( resetSite );

const label = ( c: ( typeof LINKS.cases )[ number ] ) =>
	`${ JSON.stringify( c.url ) } (${ c.valid ? 'good' : c.why })`;

describe.each( LINKS.cases.map( ( c ) => [ label( c ), c ] as const ) )(
	'%s',
	( _, link ) => {
		const allowed = link.allowed_origins ?? LINKS.default_allowed_origins;

		it( 'is a link only when the table says so, and the browser reads the same origin', () => {
			expect( safeHref( link.url, allowed ) !== null ).toBe( link.valid );
			if ( link.valid ) {
				expect( linkOrigin( link.url ) ).toBe( link.origin );
				expect( new URL( link.url ).origin ).toBe( link.origin );
			}
		} );
	}
);

/**
 * A real answer with one link replaced by a URL the server would never send.
 *
 * @param status The real answer.
 * @param change Replaces the link.
 */
function hostile(
	status: CompanionStatus,
	change: ( s: CompanionStatus ) => void
): CompanionStatus {
	change( status );
	return status;
}

const HOSTILE = LINKS.cases.filter( ( c ) => ! c.valid ).map( ( c ) => c.url );

it.each( HOSTILE )(
	'a Set Up Jetpack link to %j is never rendered; Jetpack’s own connection flow is offered instead',
	async ( url ) => {
		await renderPanel(
			hostile( fixture( 'awaiting-authorization' ), ( s ) => {
				s.provisioning.action_url = url;
			} )
		);
		expect( screen.queryAllByRole( 'link' ) ).toHaveLength( 0 );
		expect(
			screen.getByRole( 'button', { name: 'Set Up Jetpack' } )
		).toBeInTheDocument();
	}
);

it( 'a sign-on link off this site, or a hostile setup link, is never rendered', async () => {
	const { unmount } = await renderPanel(
		hostile( fixture( 'active-sign-on' ), ( s ) => {
			s.provisioning.sign_on_url =
				'http://evil.example\\@127.0.0.1:8889/wp-login.php?action=jetpack-sso';
		} )
	);
	expect( screen.queryAllByRole( 'link' ) ).toHaveLength( 0 );
	unmount();

	await renderPanel(
		hostile( fixture( 'awaiting-dns' ), ( s ) => {
			s.provisioning.action_url = 'javascript:alert(1)';
			s.jetpack.setup_url = 'https://jetpack.wordpress.com/setup';
		} )
	);
	expect( screen.queryAllByRole( 'link' ) ).toHaveLength( 0 );
	// Without Jetpack's registration route, the setup screen would be the way: not off-site.
	await userEvent
		.setup()
		.click( screen.getByRole( 'button', { name: 'Set Up Jetpack' } ) );
	expect(
		await screen.findByText(
			'Open Jetpack from the admin menu to continue.'
		)
	).toBeInTheDocument();
} );

it( 'every link the panel renders for a real answer passes the rule', async () => {
	for ( const name of [
		'awaiting-authorization',
		'active-sign-on',
		'connected-no-owner',
		'failed-refused-with-support',
		'jetpack-inactive-renamed-folder',
	] as const ) {
		const { unmount } = await renderPanel( fixture( name ) );
		const links = screen.queryAllByRole( 'link' );
		expect( links.length ).toBeGreaterThan( 0 );
		for ( const link of links ) {
			// wp-admin screens of Jetpack carry a route fragment (#/setup); the rest is checked.
			const [ url, route ] = ( link.getAttribute( 'href' ) ?? '' ).split(
				'#'
			);
			expect( linkOrigin( url ) ).not.toBeNull();
			expect( route ?? '/' ).toMatch( /^\/[A-Za-z0-9/_-]*$/ );
		}
		unmount();
	}
} );
