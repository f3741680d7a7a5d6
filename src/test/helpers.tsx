/**
 * Test helpers: a fake WordPress REST server behind the mocked apiFetch, and
 * assertions on what the panel offers the user.
 */

/**
 * External dependencies
 */
import { act, render, screen } from '@testing-library/react';

/**
 * WordPress dependencies
 */
import { speak } from '@wordpress/a11y';
import apiFetch, { type APIFetchOptions } from '@wordpress/api-fetch';

/**
 * Internal dependencies
 */
import { CompanionPanel } from '../components/companion-panel';
import type { CompanionStatus } from '../types';

export const mockApiFetch = apiFetch as unknown as jest.Mock<
	Promise< unknown >,
	[ APIFetchOptions ]
>;

/** speak(), mocked in setup.ts. */
export const mockSpeak = speak as jest.Mock;

type Handler = ( options: APIFetchOptions ) => unknown;

/**
 * What the fake site answers. GET /status answers `site.status` unless a handler
 * for "GET /jetpack-start-companion/v1/status" is given.
 */
export const site: { status: CompanionStatus | null } = { status: null };

/**
 * Routes apiFetch calls, keyed "METHOD /path". Unknown routes answer a 404 WP_Error.
 *
 * @param handlers Route handlers; a handler may return a value, a promise, or throw.
 */
export function serve( handlers: Record< string, Handler > = {} ): void {
	mockApiFetch.mockImplementation( async ( options ) => {
		const key = `${ options.method ?? 'GET' } ${ options.path ?? '' }`;
		const handler = handlers[ key ];
		if ( handler ) {
			return handler( options );
		}
		if ( key === 'GET /jetpack-start-companion/v1/status' && site.status ) {
			return site.status;
		}
		throw {
			code: 'rest_no_route',
			message: 'No route was found matching the URL and request method.',
			data: { status: 404 },
		};
	} );
}

/**
 * A fresh fake site for each test: no calls recorded, nothing spoken, default
 * routes, no status. Use as `beforeEach( resetSite )`.
 */
export function resetSite(): void {
	jest.clearAllMocks();
	site.status = null;
	serve();
}

/** "METHOD /path" of every apiFetch call so far. */
export function requests(): string[] {
	return mockApiFetch.mock.calls.map(
		( [ options ] ) =>
			`${ options.method ?? 'GET' } ${ options.path ?? '' }`
	);
}

export function statusRequests(): number {
	return requests().filter(
		( request ) => request === 'GET /jetpack-start-companion/v1/status'
	).length;
}

/** Lets pending promises (mocked requests) settle inside act(). */
export async function flush(): Promise< void > {
	await act( () => new Promise( ( resolve ) => setTimeout( resolve, 0 ) ) );
}

/**
 * Renders the panel with a status printed by the page, and lets its first check
 * (served from the preload in real life) settle.
 *
 * @param status The initial status; also what GET /status answers.
 */
export async function renderPanel( status: CompanionStatus ) {
	site.status = status;
	const result = mountPanel( status );
	await flush();
	return result;
}

/**
 * Renders the panel and lets nothing settle yet, so the loading state can be
 * checked, or the first check run under fake timers.
 *
 * @param status The status printed by the page; null (the default) to load it.
 */
export function mountPanel( status: CompanionStatus | null = null ) {
	return render( <CompanionPanel initialStatus={ status } /> );
}

type Name = string | RegExp;

/**
 * Asserts the panel offers exactly these buttons and links, nothing else.
 *
 * @param expected
 * @param expected.buttons Accessible names of every button.
 * @param expected.links   Accessible names of every link.
 */
export function expectActions( {
	buttons = [],
	links = [],
}: {
	buttons?: Name[];
	links?: Name[];
} ): void {
	expect( screen.queryAllByRole( 'button' ) ).toHaveLength( buttons.length );
	for ( const name of buttons ) {
		expect( screen.getByRole( 'button', { name } ) ).toBeInTheDocument();
	}
	expect( screen.queryAllByRole( 'link' ) ).toHaveLength( links.length );
	for ( const name of links ) {
		expect( screen.getByRole( 'link', { name } ) ).toBeInTheDocument();
	}
}

export const TOS_LINK = /Terms of Service/;
