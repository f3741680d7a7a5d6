/**
 * The REST wrappers: paths, bodies, and plain-language errors.
 */

/**
 * WordPress dependencies
 */
import apiFetch from '@wordpress/api-fetch';

/**
 * Internal dependencies
 */
import {
	CompanionApiError,
	activateJetpack,
	getStatus,
	pluginRoute,
	provision,
	toCompanionError,
} from '../api';
import { errorFixture, fixture } from './fixtures';

const mockApiFetch = apiFetch as unknown as jest.Mock;

beforeEach( () => jest.clearAllMocks() );

describe( 'routes', () => {
	it( 'getStatus reads the status route and checks the answer’s shape', async () => {
		mockApiFetch.mockResolvedValueOnce( fixture( 'ready' ) );
		await expect( getStatus() ).resolves.toEqual( fixture( 'ready' ) );
		expect( mockApiFetch ).toHaveBeenCalledWith( {
			path: '/jetpack-start-companion/v1/status',
		} );

		mockApiFetch.mockResolvedValueOnce( {
			...fixture( 'ready' ),
			provisioning: { state: 'something_new' },
		} );
		await expect( getStatus() ).rejects.toMatchObject( {
			code: 'invalid_status',
		} );
	} );

	it( 'provision always sends accept_terms: true', async () => {
		mockApiFetch.mockResolvedValueOnce( fixture( 'ready' ) );
		await provision();
		expect( mockApiFetch ).toHaveBeenCalledWith( {
			path: '/jetpack-start-companion/v1/provision',
			method: 'POST',
			data: { accept_terms: true },
		} );
	} );

	it( 'activateJetpack refuses a plugin file core’s route can’t take, without a request', async () => {
		await expect( activateJetpack( '../evil.php' ) ).rejects.toBeInstanceOf(
			CompanionApiError
		);
		expect( mockApiFetch ).not.toHaveBeenCalled();
	} );

	it.each( [
		[ 'jetpack/jetpack.php', 'jetpack/jetpack' ],
		[ 'jetpack-dev/jetpack.php', 'jetpack-dev/jetpack' ],
		[ 'my jetpack/jetpack.php', 'my%20jetpack/jetpack' ],
	] )( 'pluginRoute( %s ) is %s', ( file, route ) => {
		expect( pluginRoute( file ) ).toBe( route );
	} );

	it.each( [ 'jetpack.1/jetpack.php', 'a/b/c.php', '/jetpack.php', '' ] )(
		'pluginRoute rejects %p',
		( file ) => {
			expect( () => pluginRoute( file ) ).toThrow( CompanionApiError );
		}
	);
} );

describe( 'toCompanionError', () => {
	it( 'keeps the plugin’s own errors in the server’s words, with code and status', () => {
		const body = errorFixture( 'not-configured' );
		const error = toCompanionError( body );
		expect( error ).toBeInstanceOf( CompanionApiError );
		expect( error.code ).toBe( 'jetpack_start_companion_not_configured' );
		expect( error.status ).toBe( 503 );
		expect( error.message ).toBe( body.message );
	} );

	it( 'keeps WordPress’s own (translated) message for other codes', () => {
		expect(
			toCompanionError( {
				code: 'rest_plugin_not_found',
				message: 'Plugin not found.',
				data: { status: 404 },
			} ).message
		).toBe( 'Plugin not found.' );
	} );

	it( 'falls back to something plain for anything else', () => {
		expect( toCompanionError( new TypeError( 'x' ) ).message ).toBe(
			'Something went wrong. Try again.'
		);
		expect(
			toCompanionError( { code: 'x', data: { status: 500 } } ).message
		).toMatch( /Your site ran into a problem/ );
	} );
} );
