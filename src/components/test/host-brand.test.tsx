/**
 * The host's logo and name head the panel, from what the server answers; a logo URL that
 * fails the link rule is never rendered, even if the server let one through.
 */

/**
 * External dependencies
 */
import { render, screen } from '@testing-library/react';

/**
 * Internal dependencies
 */
import { fixture } from '../../test/fixtures';
import { renderPanel, resetSite } from '../../test/helpers';
import { HostBrand } from '../host-brand';

beforeEach( resetSite );

test( 'the panel shows the host’s logo and name', async () => {
	const status = fixture( 'ready' );
	const { container } = await renderPanel( status );
	expect( screen.getByText( 'Provided by Example Hosting' ) ).toBeVisible();
	const logo = container.querySelector( 'img' );
	expect( logo ).toHaveAttribute( 'src', status.host.logo_url );
	// The name is beside it, so the image is decorative.
	expect( logo ).toHaveAttribute( 'alt', '' );
} );

test( 'without a name the logo says who it is', () => {
	render( <HostBrand host={ fixture( 'not-configured-unnamed' ).host } /> );
	expect(
		screen.getByRole( 'img', { name: 'Your hosting provider' } )
	).toBeVisible();
} );

test( 'a hostile logo URL is not rendered', () => {
	for ( const url of [
		'javascript:alert(1)',
		'data:image/png;base64,AAAA',
		'https://hosting.example\\@evil.example/logo.png',
	] ) {
		const { container, unmount } = render(
			<HostBrand host={ { ...fixture( 'ready' ).host, logo_url: url } } />
		);
		expect( container.querySelector( 'img' ) ).toBeNull();
		expect( container ).toHaveTextContent( 'Provided by Example Hosting' );
		unmount();
	}
} );
