/**
 * One typed wrapper per REST route the panel uses.
 *
 * Every wrapper rejects with a `CompanionApiError` whose `message` is plain
 * language, ready to show to a site owner.
 */

/**
 * WordPress dependencies
 */
import apiFetch, { type APIFetchOptions } from '@wordpress/api-fetch';
import { __, sprintf } from '@wordpress/i18n';

/**
 * Internal dependencies
 */
import { CompanionApiError, knownMessage, toCompanionError } from './api-error';
import {
	isCompanionStatus,
	type CompanionStatus,
	type Diagnostics,
} from './types';

export { CompanionApiError, toCompanionError };

export const STATUS_PATH = '/jetpack-start-companion/v1/status';
export const PROVISION_PATH = '/jetpack-start-companion/v1/provision';
export const CONFIRM_PATH = '/jetpack-start-companion/v1/confirm';
export const HOST_RECORD_PATH = '/jetpack-start-companion/v1/host-record';
export const DIAGNOSTICS_PATH = '/jetpack-start-companion/v1/diagnostics';
export const PLUGINS_PATH = '/wp/v2/plugins';
/** Jetpack's own registration (its connection package's REST_Connector::connection_register). */
export const JETPACK_REGISTER_PATH = '/jetpack/v4/connection/register';

/** GET /jetpack-start-companion/v1/status (answered from the page's preload on first use). */
export async function getStatus(): Promise< CompanionStatus > {
	return expectStatus( await request< unknown >( { path: STATUS_PATH } ) );
}

/**
 * POST /jetpack-start-companion/v1/provision. Sending it is the user's consent to the
 * Terms of Service shown next to the button.
 */
export async function provision(): Promise< CompanionStatus > {
	return expectStatus(
		await request< unknown >( {
			path: PROVISION_PATH,
			method: 'POST',
			data: { accept_terms: true },
		} )
	);
}

/**
 * POST /confirm: asks WordPress.com, through the host service, whether the plan is on the site.
 */
export async function confirmPlan(): Promise< CompanionStatus > {
	return expectStatus(
		await request< unknown >( { path: CONFIRM_PATH, method: 'POST' } )
	);
}

/** GET /diagnostics?check_again=true: every preflight check, now. */
export async function checkAgain(): Promise< Diagnostics > {
	return request< Diagnostics >( {
		path: DIAGNOSTICS_PATH + '?check_again=true',
	} );
}

/**
 * POST /host-record: picks up what the hosting provider did from its side (a plan it set up or
 * cancelled) and answers the status.
 */
export async function pickUpHostRecord(): Promise< CompanionStatus > {
	return expectStatus(
		await request< unknown >( { path: HOST_RECORD_PATH, method: 'POST' } )
	);
}

/**
 * Jetpack's POST /jetpack/v4/connection/register, as Jetpack's own Set up sends it: Jetpack
 * registers the site with WordPress.com and answers the URL of WordPress.com's authorize page,
 * which sends the owner back to this panel (`redirect_uri`, relative to wp-admin). The URL is
 * returned unchecked: the caller applies the link rule.
 */
export async function registerWithJetpack(): Promise< unknown > {
	const answer = await request< unknown >( {
		path: JETPACK_REGISTER_PATH,
		method: 'POST',
		data: {
			redirect_uri: 'admin.php?page=jetpack-start-companion',
			from: 'jetpack-start-companion',
		},
	} );
	return typeof answer === 'object' && answer !== null
		? ( answer as { authorizeUrl?: unknown } ).authorizeUrl
		: null;
}

/**
 * Core's POST /wp/v2/plugins: installs Jetpack from WordPress.org and activates it.
 *
 * Core's own messages for a failed download are HTML written for its own screens (entities,
 * a link to the support forums), so a failure is told in the panel's words, with its code.
 */
export async function installJetpack(): Promise< void > {
	try {
		await apiFetch( {
			path: PLUGINS_PATH,
			method: 'POST',
			data: { slug: 'jetpack', status: 'active' },
		} );
	} catch ( error ) {
		const known = toCompanionError( error );
		if ( knownMessage( known.code ) !== null ) {
			throw known;
		}
		throw new CompanionApiError(
			known.code,
			sprintf(
				/* translators: %s: a short technical error code, e.g. plugins_api_failed. */
				__(
					'Jetpack couldn’t be downloaded from WordPress.org. Ask your hosting provider to install it, or download Jetpack from WordPress.org and upload it on the Plugins screen (Add New Plugin, then Upload Plugin). Error code: %s',
					'jetpack-start-companion'
				),
				known.code
			),
			known.status
		);
	}
}

/**
 * Core's PUT /wp/v2/plugins/<plugin>: activates an installed Jetpack.
 *
 * @param pluginFile The plugin file from the status object, e.g. "jetpack/jetpack.php".
 */
export async function activateJetpack( pluginFile: string ): Promise< void > {
	await request< unknown >( {
		path: `${ PLUGINS_PATH }/${ pluginRoute( pluginFile ) }`,
		method: 'PUT',
		data: { status: 'active' },
	} );
}

const PLUGIN_ROUTE = /^[^./]+(?:\/[^./]+)?$/;

/**
 * Whether core's plugin route can name this plugin file (a folder such as jetpack-14.9/
 * cannot be activated through it; the Plugins screen can).
 *
 * @param pluginFile E.g. "jetpack/jetpack.php", or null.
 */
export function canActivateHere( pluginFile: string | null ): boolean {
	return (
		pluginFile !== null &&
		PLUGIN_ROUTE.test( pluginFile.replace( /\.php$/, '' ) )
	);
}

/**
 * Core's plugin route takes the plugin file without ".php" and allows no dots:
 * `(?P<plugin>[^.\/]+(?:\/[^.\/]+)?)`.
 *
 * @param pluginFile E.g. "jetpack/jetpack.php".
 */
export function pluginRoute( pluginFile: string ): string {
	const route = pluginFile.replace( /\.php$/, '' );
	if ( ! PLUGIN_ROUTE.test( route ) ) {
		throw new CompanionApiError(
			'invalid_plugin_file',
			__(
				'Activate Jetpack on the Plugins screen, then come back here.',
				'jetpack-start-companion'
			),
			null
		);
	}
	return route.split( '/' ).map( encodeURIComponent ).join( '/' );
}

async function request< T >( options: APIFetchOptions< true > ): Promise< T > {
	try {
		return await apiFetch< T >( options );
	} catch ( error ) {
		throw toCompanionError( error );
	}
}

function expectStatus( value: unknown ): CompanionStatus {
	if ( ! isCompanionStatus( value ) ) {
		throw new CompanionApiError(
			'invalid_status',
			__(
				'Your site sent an answer the panel doesn’t understand. Reload the page; if it keeps happening, contact your hosting provider.',
				'jetpack-start-companion'
			),
			null
		);
	}
	return value;
}
