<?php
/**
 * Puts the test Jetpack into a connection state through the connection package's own storage API
 * (Jetpack_Options, Tokens), for tests that need a state as a precondition rather than as the
 * thing under test. The flows themselves (registration, authorization, provisioning) are tested
 * through the real package and the WordPress.com simulator; this is the shortcut to their end
 * states, with tokens WordPress.com never issued (so the simulator treats them as stale).
 *
 * Used in-process by TestCase::jetpack_connection() and, for the e2e tests, from the command line:
 *   JSC_WP_DB=jsc_e2e php tests/env/setup-wp.php jetpack-state <docroot> <site url> '<json>'
 * with {"connected": bool, "owner": login|null, "blog_id": int, "connected_users": [login…],
 *       "offline_mode": bool, "idc_wpcom_url": the address WordPress.com knows the connection by
 *       (Jetpack's identity crisis, through Identity_Crisis::check_response_for_idc())}.
 *
 * @package jetpack-start-companion-tests
 */

declare( strict_types=1 );

use Automattic\Jetpack\Connection\Manager;
use Automattic\Jetpack\Connection\Tokens;

/**
 * A token shaped like the ones WordPress.com issues ("key.secret").
 */
function jsc_jetpack_state_token(): string {
	return wp_generate_password( 32, false ) . '.' . wp_generate_password( 32, false );
}

/**
 * Registers the site (blog id and blog token) with an owner and further connected users, or
 * disconnects it when $blog_id is null.
 *
 * @param int|null $blog_id  WordPress.com blog id, null to disconnect.
 * @param int|null $owner_id Connection owner, null for an orphan connection.
 * @param int[]    $user_ids Further connected (non-owner) users.
 */
function jsc_jetpack_state_connect( ?int $blog_id, ?int $owner_id = null, array $user_ids = array() ): void {
	$tokens = new Tokens();
	$tokens->delete_all();
	Jetpack_Options::delete_option( array( 'id', 'master_user' ) );
	if ( null !== $blog_id ) {
		Jetpack_Options::update_option( 'id', $blog_id );
		$tokens->update_blog_token( jsc_jetpack_state_token() );
		if ( null !== $owner_id ) {
			$tokens->update_user_token( $owner_id, jsc_jetpack_state_token() . '.' . $owner_id, true );
		}
		foreach ( $user_ids as $user_id ) {
			$tokens->update_user_token( $user_id, jsc_jetpack_state_token() . '.' . $user_id, false );
		}
	}
	jsc_jetpack_state_forget();
}

/**
 * Forgets what the package memoised for this request (connection status, offline mode).
 */
function jsc_jetpack_state_forget(): void {
	if ( class_exists( Manager::class ) ) {
		( new Manager() )->reset_connection_status();
	}
	if ( class_exists( Automattic\Jetpack\Status\Cache::class ) ) {
		Automattic\Jetpack\Status\Cache::clear();
	}
}

/**
 * Applies a JSON-shaped state (see the file comment).
 *
 * @param array<string,mixed> $state The state.
 * @return string|null An error, or null.
 */
function jsc_jetpack_state_apply( array $state ): ?string {
	if ( array_key_exists( 'connected', $state ) ) {
		$owner = null;
		$users = array();
		if ( isset( $state['owner'] ) ) {
			$user = get_user_by( 'login', (string) $state['owner'] );
			if ( ! $user instanceof WP_User ) {
				return 'No user with the login ' . $state['owner'];
			}
			$owner = (int) $user->ID;
		}
		foreach ( (array) ( $state['connected_users'] ?? array() ) as $login ) {
			$user = get_user_by( 'login', (string) $login );
			if ( ! $user instanceof WP_User ) {
				return 'No user with the login ' . $login;
			}
			$users[] = (int) $user->ID;
		}
		jsc_jetpack_state_connect( true === $state['connected'] ? (int) ( $state['blog_id'] ?? 1234567 ) : null, $owner, $users );
	}
	if ( isset( $state['idc_wpcom_url'] ) ) {
		// What Jetpack does when WordPress.com answers that the connection belongs to another address.
		Automattic\Jetpack\Identity_Crisis::init()->check_response_for_idc(
			array(
				'error_code'    => 'jetpack_url_mismatch',
				'wpcom_home'    => (string) $state['idc_wpcom_url'],
				'wpcom_siteurl' => (string) $state['idc_wpcom_url'],
			)
		);
		jsc_jetpack_state_forget();
	}
	if ( array_key_exists( 'offline_mode', $state ) ) {
		// Jetpack's own option (Status::is_offline_mode() reads it after the constants and filter).
		update_option( 'jetpack_offline_mode', (bool) $state['offline_mode'] );
		jsc_jetpack_state_forget();
	}
	return null;
}
