/**
 * The journey at a glance (issue 10 §8): an ordered list above the cards, the step the owner is
 * on marked aria-current="step" with the one thing to do there, and a new step announced with
 * the other changes. Rendered from the status objects the server really answers.
 */

/**
 * External dependencies
 */
import { act, screen, within } from '@testing-library/react';

/**
 * Internal dependencies
 */
import { fixture, type StatusFixture } from '../../test/fixtures';
import {
	flush,
	mockSpeak,
	renderPanel,
	resetSite,
	site,
} from '../../test/helpers';

beforeEach( resetSite );

function steps() {
	const list = screen.getByRole( 'list', { name: 'Your progress' } );
	return { list, items: within( list ).getAllByRole( 'listitem' ) };
}

// Fixture, the current step, and which steps are done (x) or not (.).
const CASES: Array< [ StatusFixture, string, string ] > = [
	[ 'jetpack-missing', 'Jetpack ready', '....' ],
	[ 'ready', 'Plan reserved', 'x...' ],
	[ 'requesting', 'Plan reserved', 'x...' ],
	[ 'expired', 'Plan reserved', 'x...' ],
	[ 'awaiting-authorization', 'Site connected', 'xx..' ],
	[ 'awaiting-dns', 'Site connected', 'xx..' ],
	// Connected, but WordPress.com does not list the plan: ask for it again.
	[ 'active-missing-on-wordpress-com', 'Plan reserved', 'x.x.' ],
	[ 'active-confirmed', 'Plan active', 'xxxx' ],
];

it.each( CASES )(
	'%s: the owner is on “%s”, with the one thing to do there',
	async ( name, label, done ) => {
		const status = fixture( name );
		const { container } = await renderPanel( status );
		const { list, items } = steps();

		expect( list.tagName ).toBe( 'OL' );
		expect(
			items.map( ( item ) =>
				item.textContent!.replace( /^Done:✓ |^○ /, '' )
			)
		).toEqual( [
			'Jetpack ready',
			'Plan reserved',
			'Site connected',
			'Plan active',
		] );
		const current = items.filter( ( item ) =>
			item.hasAttribute( 'aria-current' )
		);
		expect( current ).toHaveLength( 1 );
		expect( current[ 0 ] ).toHaveAttribute( 'aria-current', 'step' );
		expect( current[ 0 ] ).toHaveTextContent( label );
		expect(
			items
				.map( ( item ) =>
					item.textContent!.startsWith( 'Done:' ) ? 'x' : '.'
				)
				.join( '' )
		).toBe( done );
		expect( screen.getByText( status.journey!.todo ) ).toBeInTheDocument();
		// Above the cards: before the first card's heading.
		const firstCard = container.querySelector( 'section h2' )!;
		expect( list.compareDocumentPosition( firstCard ) ).toBe(
			Node.DOCUMENT_POSITION_FOLLOWING
		);
	}
);

it( 'announces the new step when it changes, not on first paint', async () => {
	await renderPanel( fixture( 'awaiting-authorization' ) );
	expect( mockSpeak ).not.toHaveBeenCalled();

	const active = fixture( 'active-confirmed' );
	site.status = active;
	act( () => {
		window.dispatchEvent( new Event( 'focus' ) );
	} );
	await flush();

	expect( steps().items[ 3 ] ).toHaveAttribute( 'aria-current', 'step' );
	expect( mockSpeak ).toHaveBeenCalledWith(
		expect.stringContaining( `Plan active: ${ active.journey!.todo }` ),
		'polite'
	);
} );

it( 'a server older than the journey shows the cards alone', async () => {
	const { journey, ...older } = fixture( 'ready' );
	expect( journey ).toBeDefined();
	await renderPanel( older );
	expect(
		screen.queryByRole( 'list', { name: 'Your progress' } )
	).toBeNull();
	expect(
		screen.getByRole( 'button', { name: 'Activate Jetpack Backup' } )
	).toBeInTheDocument();
} );
