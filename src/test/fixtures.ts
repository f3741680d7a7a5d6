/**
 * What the server really answers: status objects and error bodies written by PHPUnit
 * (tests/phpunit/Integration/PanelFixturesTest.php) from the real routes, checked against the
 * published schema. The panel is tested on these only; a test that needs a situation the
 * server cannot produce (a hostile link) says so and changes one field of a real answer.
 */

/**
 * External dependencies
 */
import { readFileSync } from 'fs';
import path from 'path';

/**
 * Internal dependencies
 */
import type { CompanionStatus } from '../types';

export type StatusFixture =
	| 'ready'
	| 'ready-unnamed-plan'
	| 'requesting'
	| 'active-sign-on'
	| 'active'
	| 'active-confirmed'
	| 'active-pending-on-wordpress-com'
	| 'active-missing-on-wordpress-com'
	| 'active-missing-request-again-failed'
	| 'awaiting-authorization'
	| 'awaiting-dns'
	| 'expired'
	| 'cancelled-by-host'
	| 'connected-no-owner'
	| 'failed-retryable'
	| 'failed-refused-with-support'
	| 'failed-unnamed-plan'
	| 'jetpack-missing'
	| 'jetpack-missing-editor'
	| 'jetpack-inactive'
	| 'jetpack-inactive-renamed-folder'
	| 'jetpack-inactive-editor'
	| 'offline'
	| 'not-configured-with-support'
	| 'not-configured-unnamed'
	| 'xmlrpc-blocked-checked';

export type ErrorFixture =
	| 'busy'
	| 'not-configured'
	| 'jetpack-not-ready'
	| 'forbidden'
	| 'confirm-failed'
	| 'install-forbidden'
	| 'install-failed'
	| 'jetpack-register-missing';

/** A WP_Error as the REST API sends it. */
export interface ErrorBody {
	code: string;
	message: string;
	data: { status: number };
}

function read( file: string ): unknown {
	return JSON.parse(
		readFileSync( path.join( __dirname, 'fixtures', file ), 'utf8' )
	);
}

/**
 * A fresh copy of a status object the server answered.
 *
 * @param name The fixture's name (src/test/fixtures/status/<name>.json).
 */
export function fixture( name: StatusFixture ): CompanionStatus {
	return read( `status/${ name }.json` ) as CompanionStatus;
}

/**
 * An error body the server answered, for a mocked route to throw.
 *
 * @param name The fixture's name (src/test/fixtures/error/<name>.json).
 */
export function errorFixture( name: ErrorFixture ): ErrorBody {
	return read( `error/${ name }.json` ) as ErrorBody;
}

/** What Jetpack's real POST jetpack/v4/connection/register answers (SetUpJetpackTest). */
export type JetpackFixture = 'register' | 'register-failed';

/**
 * A body Jetpack's registration route answered (a success, or an error for a mocked route to throw).
 *
 * @param name The fixture's name (src/test/fixtures/jetpack/<name>.json).
 */
export function jetpackFixture(
	name: JetpackFixture
): Record< string, unknown > {
	return read( `jetpack/${ name }.json` ) as Record< string, unknown >;
}

/** The link table of the contract (§7), shared with PHPUnit and the host service's tests. */
export interface LinkCase {
	url: string;
	valid: boolean;
	origin?: string;
	why?: string;
	allowed_origins?: string[];
}

export const LINKS = (
	JSON.parse(
		readFileSync(
			path.join(
				__dirname,
				'../../docs/host-service-contract.vectors.json'
			),
			'utf8'
		)
	) as {
		links: { default_allowed_origins: string[]; cases: LinkCase[] };
	}
 ).links;

export const AUTHORIZE_URL = fixture( 'awaiting-authorization' ).provisioning
	.action_url!;
export const SETUP_URL = fixture( 'ready' ).jetpack.setup_url;
export const CONNECT_USER_URL = fixture( 'ready' ).jetpack.connect_user_url;
export const SIGN_ON_URL =
	fixture( 'active-sign-on' ).provisioning.sign_on_url!;
export const SUPPORT_URL = fixture( 'failed-refused-with-support' ).host
	.support_url;
