/**
 * What a failed REST call becomes in the panel: a `CompanionApiError` whose `message` is plain
 * language, ready to show to a site owner (the plugin's own routes word theirs on the server).
 */

/**
 * WordPress dependencies
 */
import { __ } from '@wordpress/i18n';

/**
 * An error from a REST call, with a message a site owner can act on.
 */
export class CompanionApiError extends Error {
	/** The WP_Error code, or a client-side code such as `fetch_error`. */
	readonly code: string;
	/** The HTTP status, when there was a response. */
	readonly status: number | null;

	constructor( code: string, message: string, status: number | null ) {
		super( message );
		this.name = 'CompanionApiError';
		this.code = code;
		this.status = status;
	}
}

/**
 * Turns whatever apiFetch rejected with (a WP_Error body, its own `fetch_error` /
 * `invalid_json`, or anything else) into a CompanionApiError with a plain message.
 *
 * @param error The rejection value.
 */
export function toCompanionError( error: unknown ): CompanionApiError {
	if ( error instanceof CompanionApiError ) {
		return error;
	}
	const body =
		typeof error === 'object' && error !== null
			? ( error as Record< string, unknown > )
			: {};
	const code = typeof body.code === 'string' ? body.code : 'unknown_error';
	const data =
		typeof body.data === 'object' && body.data !== null
			? ( body.data as Record< string, unknown > )
			: {};
	const status = typeof data.status === 'number' ? data.status : null;
	// A WP_Error body's message is written for people (and translated); a script
	// error's is not.
	const serverMessage =
		! ( error instanceof Error ) && typeof body.message === 'string'
			? body.message.trim()
			: '';

	return new CompanionApiError(
		code,
		plainMessage( code, status, serverMessage ),
		status
	);
}

function plainMessage(
	code: string,
	status: number | null,
	serverMessage: string
): string {
	const known = knownMessage( code );
	if ( known !== null ) {
		return known;
	}
	// WordPress already translates its own error messages into the user's language.
	if ( serverMessage ) {
		return serverMessage;
	}
	if ( status !== null && status >= 500 ) {
		return __(
			'Your site ran into a problem. Try again in a few minutes; if it keeps happening, contact your hosting provider.',
			'jetpack-start-companion'
		);
	}
	return __( 'Something went wrong. Try again.', 'jetpack-start-companion' );
}

/**
 * The panel's own words for the error codes of others (apiFetch, core) it knows, else null. The
 * plugin's own routes answer their errors in the owner's words already, translated on the server.
 *
 * @param code A WP_Error code or a client-side code.
 */
export function knownMessage( code: string ): string | null {
	switch ( code ) {
		case 'fetch_error':
			return __(
				'Your site couldn’t be reached. Check your internet connection, then try again.',
				'jetpack-start-companion'
			);
		case 'invalid_json':
			return __(
				'Your site sent an unexpected answer. Try again; if it keeps happening, contact your hosting provider.',
				'jetpack-start-companion'
			);
		case 'rest_cookie_invalid_nonce':
			return __(
				'Your session has expired. Reload the page, then try again.',
				'jetpack-start-companion'
			);
		case 'rest_forbidden':
		case 'rest_cannot_install_plugin':
		case 'rest_cannot_manage_plugins':
		case 'rest_cannot_activate_plugin':
			return __(
				'Your account isn’t allowed to do this. Ask a site administrator.',
				'jetpack-start-companion'
			);
		case 'folder_exists':
			return __(
				'Jetpack is already installed. Activate it instead.',
				'jetpack-start-companion'
			);
	}
	return null;
}
