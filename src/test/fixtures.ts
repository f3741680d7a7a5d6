/**
 * Status objects for tests, shaped exactly like docs/rest-api.md.
 */

/**
 * Internal dependencies
 */
import type {
	CompanionStatus,
	HostStatus,
	JetpackStatus,
	Provisioning,
	ProvisioningError,
	UserStatus,
} from '../types';

export interface StatusOverrides {
	jetpack?: Partial< JetpackStatus >;
	provisioning?: Partial< Provisioning >;
	host?: Partial< HostStatus >;
	user?: Partial< UserStatus >;
}

export const ACTION_URL =
	'https://jetpack.wordpress.com/jetpack.authorize/1/?client_id=1&partner_redirect=https%3A%2F%2Fexample.test%2Fwp-admin%2F';
export const SETUP_URL =
	'https://example.test/wp-admin/admin.php?page=jetpack#/setup';
export const CONNECT_USER_URL =
	'https://example.test/wp-admin/admin.php?page=my-jetpack#/connection';
export const SIGN_ON_URL =
	'https://example.test/wp-login.php?action=jetpack-sso&redirect_to=https%3A%2F%2Fexample.test%2Fwp-admin';
export const SUPPORT_URL = 'https://hosting.example/support';

/**
 * A ready site (Jetpack installed, active, online), nothing requested yet.
 *
 * @param overrides Fields to change, per section.
 */
export function makeStatus( overrides: StatusOverrides = {} ): CompanionStatus {
	return {
		jetpack: {
			installed: true,
			active: true,
			// Inactive unless said otherwise: "active but did not load" is its own case.
			plugin_active: overrides.jetpack?.active ?? true,
			plugin_file: 'jetpack/jetpack.php',
			version: '14.5',
			connected: false,
			has_connected_owner: false,
			user_connected: false,
			offline_mode: false,
			blog_id: null,
			setup_url: SETUP_URL,
			connect_user_url: CONNECT_USER_URL,
			...overrides.jetpack,
		},
		provisioning: {
			state: 'not_requested',
			plan: null,
			requested_at: null,
			expires_at: null,
			action_url: null,
			sign_on_url: null,
			error: null,
			confirmation: null,
			...overrides.provisioning,
		},
		host: {
			configured: true,
			name: 'Example Hosting',
			plan_label: 'Jetpack Backup',
			support_url: '',
			...overrides.host,
		},
		user: {
			can_provision: true,
			can_install_plugins: true,
			can_activate_plugins: true,
			display_name: 'Admin',
			...overrides.user,
		},
		checked_at: '2026-11-27T10:00:05+00:00',
	};
}

/** A pending activation: requested on Nov 27, valid until Dec 11. */
export const PENDING = {
	plan: 'jetpack-backup-daily',
	requested_at: '2026-11-27T10:00:00+00:00',
	expires_at: '2026-12-11T10:00:00+00:00',
} as const;

/** Reserved, waiting for the user to approve the connection on WordPress.com. */
export const AWAITING = makeStatus( {
	provisioning: {
		state: 'awaiting_authorization',
		...PENDING,
		action_url: ACTION_URL,
	},
} );

/** A retryable failure: WordPress.com didn't answer the host service. */
export const UPSTREAM_UNAVAILABLE: ProvisioningError = {
	code: 'jetpack_start_companion_upstream_unavailable',
	message: 'WordPress.com didn’t answer.',
	action: 'Try again in a few minutes.',
	retryable: true,
	at: '2026-11-27T10:00:00+00:00',
};
