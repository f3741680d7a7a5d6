/**
 * The preflight checks in the panel: what stands in the way and its fix, Check again, and the
 * details for support copied in one click.
 */

/**
 * External dependencies
 */
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';

/**
 * Internal dependencies
 */
import { fixture } from '../../test/fixtures';
import {
	mockSpeak,
	renderPanel,
	requests,
	resetSite,
	serve,
} from '../../test/helpers';

beforeEach( resetSite );

it( 'shows a blocked xmlrpc.php with its fix, copies the details for support, and checks again', async () => {
	const user = userEvent.setup();
	// What the browser copies: the selection when the copy command runs (a plain-http
	// site, which has no navigator.clipboard, copies the same way).
	let copied = '';
	document.execCommand = jest.fn( ( command: string ) => {
		copied = command === 'copy' ? String( getSelection() ) : copied;
		return true;
	} );
	const good = fixture( 'ready' ).diagnostics;
	serve( {
		'GET /jetpack-start-companion/v1/diagnostics?check_again=true': () =>
			good,
	} );
	await renderPanel( fixture( 'xmlrpc-blocked-checked' ) );

	expect(
		screen.getByRole( 'heading', { name: 'Site checks' } )
	).toBeInTheDocument();
	expect(
		screen.getByText(
			'Your site blocks xmlrpc.php (it answered with error 403), so WordPress.com cannot reach Jetpack.'
		)
	).toBeInTheDocument();
	expect(
		screen.getByText( /Ask your hosting provider to allow xmlrpc.php/ )
	).toBeInTheDocument();

	await user.click( screen.getByText( 'Details for support' ) );
	await user.click( screen.getByRole( 'button', { name: 'Copy details' } ) );
	expect( copied ).toContain(
		'xmlrpc_reachable: critical | POST http://127.0.0.1:8889/xmlrpc.php?for=jetpack → HTTP 403'
	);
	expect( copied ).toContain( '\njetpack_ready: good | plugin file:' );
	expect( mockSpeak ).toHaveBeenCalledWith( 'Copied.' );

	await user.click( screen.getByRole( 'button', { name: 'Check again' } ) );
	expect( await screen.findByText( 'All checks passed.' ) ).toHaveAttribute(
		'aria-live',
		'polite'
	);
	expect( screen.queryByText( /Your site blocks xmlrpc.php/ ) ).toBeNull();
	expect( requests() ).toContain(
		'GET /jetpack-start-companion/v1/diagnostics?check_again=true'
	);
} );
