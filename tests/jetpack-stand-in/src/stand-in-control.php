<?php
/**
 * TEST-ONLY control route (not part of Jetpack): lets the WordPress.com simulator and the
 * tests set the connection state server-to-server.
 *
 *   GET|POST /wp-json/jetpack-stand-in/v1/state
 *   Header   X-Jetpack-Stand-In-Secret: <JETPACK_STAND_IN_CONTROL_SECRET>
 *   Body     {"connected": bool, "owner": "<login>"|null, "blog_id": int|null,
 *             "connected_users": ["<login>", ...] (optional), "offline_mode": bool (optional),
 *             "bail_early": bool (optional)}
 *
 * Every key is optional: only the keys present change anything. `connected: true` writes the
 * blog id and blog token, and (when `owner` is a login) master_user and the owner's user
 * token; `owner: null` with `connected: true` is an orphan connection (no master_user, no
 * user tokens). `connected: false` removes all of them. Answers the resulting state.
 * Refuses everything (403) when JETPACK_STAND_IN_CONTROL_SECRET is not defined.
 *
 * This file is loaded before the bail-early check and does not use the Jetpack classes, so
 * it keeps working when the stand-in "bails early".
 *
 * @package jetpack-stand-in
 */

declare( strict_types=1 );

defined( 'ABSPATH' ) || exit;

const JETPACK_STAND_IN_DEFAULT_BLOG_ID = 1234567;

add_action(
	'rest_api_init',
	static function (): void {
		register_rest_route(
			'jetpack-stand-in/v1',
			'/state',
			array(
				array(
					'methods'             => WP_REST_Server::READABLE,
					'callback'            => 'jetpack_stand_in_control_get',
					'permission_callback' => 'jetpack_stand_in_control_permission',
				),
				array(
					'methods'             => WP_REST_Server::CREATABLE,
					'callback'            => 'jetpack_stand_in_control_set',
					'permission_callback' => 'jetpack_stand_in_control_permission',
				),
			)
		);
	}
);

/**
 * Only a request carrying the shared secret may use the route.
 *
 * @param WP_REST_Request $request Request.
 * @return true|WP_Error
 */
function jetpack_stand_in_control_permission( WP_REST_Request $request ) {
	$secret = defined( 'JETPACK_STAND_IN_CONTROL_SECRET' ) ? (string) constant( 'JETPACK_STAND_IN_CONTROL_SECRET' ) : '';
	$given  = (string) $request->get_header( 'X-Jetpack-Stand-In-Secret' );
	if ( '' !== $secret && '' !== $given && hash_equals( $secret, $given ) ) {
		return true;
	}
	return new WP_Error(
		'jetpack_stand_in_forbidden',
		'' === $secret ? 'The stand-in control route is disabled (JETPACK_STAND_IN_CONTROL_SECRET is not defined).' : 'Missing or wrong X-Jetpack-Stand-In-Secret header.',
		array( 'status' => 403 )
	);
}

/**
 * GET: the current state.
 *
 * @return WP_REST_Response
 */
function jetpack_stand_in_control_get(): WP_REST_Response {
	return rest_ensure_response( jetpack_stand_in_control_state() );
}

/**
 * POST: change the state.
 *
 * @param WP_REST_Request $request Request.
 * @return WP_REST_Response|WP_Error
 */
function jetpack_stand_in_control_set( WP_REST_Request $request ) {
	$body = $request->get_json_params();
	if ( ! is_array( $body ) ) {
		return new WP_Error( 'jetpack_stand_in_bad_body', 'Send a JSON object (Content-Type: application/json).', array( 'status' => 400 ) );
	}

	foreach ( array( 'connected', 'offline_mode', 'bail_early' ) as $flag ) {
		if ( array_key_exists( $flag, $body ) && ! is_bool( $body[ $flag ] ) ) {
			/* translators: %s: field name. */
			return new WP_Error( 'jetpack_stand_in_bad_field', sprintf( '"%s" must be a boolean.', $flag ), array( 'status' => 400 ) );
		}
	}

	if ( array_key_exists( 'connected', $body ) ) {
		if ( true === $body['connected'] ) {
			$owner   = null;
			$blog_id = $body['blog_id'] ?? null;
			if ( null !== $blog_id && ( ! is_int( $blog_id ) || $blog_id <= 0 ) ) {
				return new WP_Error( 'jetpack_stand_in_bad_field', '"blog_id" must be a positive integer or null.', array( 'status' => 400 ) );
			}
			if ( isset( $body['owner'] ) ) {
				$owner = is_string( $body['owner'] ) ? get_user_by( 'login', $body['owner'] ) : false;
				if ( ! $owner instanceof WP_User ) {
					return new WP_Error( 'jetpack_stand_in_unknown_owner', 'No user with that login.', array( 'status' => 400 ) );
				}
			}
			$users = array();
			foreach ( (array) ( $body['connected_users'] ?? array() ) as $login ) {
				$user = is_string( $login ) ? get_user_by( 'login', $login ) : false;
				if ( ! $user instanceof WP_User ) {
					return new WP_Error( 'jetpack_stand_in_unknown_user', 'No user with that login in connected_users.', array( 'status' => 400 ) );
				}
				$users[] = $user;
			}
			jetpack_stand_in_connect( $blog_id ?? JETPACK_STAND_IN_DEFAULT_BLOG_ID, $owner, $users );
		} else {
			jetpack_stand_in_disconnect();
		}
	}

	if ( array_key_exists( 'offline_mode', $body ) ) {
		jetpack_stand_in_set_flag( 'jetpack_stand_in_offline_mode', $body['offline_mode'] );
	}
	if ( array_key_exists( 'bail_early', $body ) ) {
		jetpack_stand_in_set_flag( 'jetpack_stand_in_bail_early', $body['bail_early'] );
	}

	return rest_ensure_response( jetpack_stand_in_control_state() );
}

/**
 * Stores a boolean test switch (deleted when false, as a fresh site has none).
 *
 * @param string $option Option name.
 * @param bool   $on     Value.
 */
function jetpack_stand_in_set_flag( string $option, bool $on ): void {
	if ( $on ) {
		update_option( $option, 1 );
	} else {
		delete_option( $option );
	}
}

/**
 * A token shaped like Jetpack's ("key.secret", user tokens add ".<user id>").
 *
 * @return string
 */
function jetpack_stand_in_token(): string {
	return wp_generate_password( 32, false ) . '.' . wp_generate_password( 32, false );
}

/**
 * Writes a connection into Jetpack's real options.
 *
 * @param int          $blog_id WordPress.com blog id.
 * @param WP_User|null $owner   Connection owner, null for an orphan connection.
 * @param WP_User[]    $users   Further connected (non-owner) users.
 */
function jetpack_stand_in_connect( int $blog_id, ?WP_User $owner, array $users ): void {
	$options = get_option( 'jetpack_options' );
	$options = is_array( $options ) ? $options : array();
	$private = get_option( 'jetpack_private_options' );
	$private = is_array( $private ) ? $private : array();

	$options['id']         = $blog_id;
	$private['blog_token'] = jetpack_stand_in_token();
	$tokens                = array();
	unset( $options['master_user'] );

	if ( $owner instanceof WP_User ) {
		$options['master_user'] = (int) $owner->ID;
		$tokens[ $owner->ID ]   = jetpack_stand_in_token() . '.' . $owner->ID;
	}
	foreach ( $users as $user ) {
		$tokens[ $user->ID ] = $tokens[ $user->ID ] ?? jetpack_stand_in_token() . '.' . $user->ID;
	}
	if ( array() === $tokens ) {
		unset( $private['user_tokens'] );
	} else {
		$private['user_tokens'] = $tokens;
	}

	update_option( 'jetpack_options', $options );
	update_option( 'jetpack_private_options', $private );
}

/**
 * Removes the connection from Jetpack's options (what a disconnect leaves behind).
 */
function jetpack_stand_in_disconnect(): void {
	foreach (
		array(
			'jetpack_options'         => array( 'id', 'master_user' ),
			'jetpack_private_options' => array( 'blog_token', 'user_token', 'user_tokens' ),
		) as $option => $keys
	) {
		$values = get_option( $option );
		if ( ! is_array( $values ) ) {
			delete_option( $option );
			continue;
		}
		foreach ( $keys as $key ) {
			unset( $values[ $key ] );
		}
		if ( array() === $values ) {
			delete_option( $option );
		} else {
			update_option( $option, $values );
		}
	}
}

/**
 * The state, read straight from the options (works even when the stand-in bailed early).
 *
 * @return array<string, mixed>
 */
function jetpack_stand_in_control_state(): array {
	$options = get_option( 'jetpack_options' );
	$options = is_array( $options ) ? $options : array();
	$private = get_option( 'jetpack_private_options' );
	$private = is_array( $private ) ? $private : array();

	$blog_id     = isset( $options['id'] ) ? (int) $options['id'] : null;
	$has_token   = ! empty( $private['blog_token'] );
	$tokens      = isset( $private['user_tokens'] ) && is_array( $private['user_tokens'] ) ? $private['user_tokens'] : array();
	$master_id   = isset( $options['master_user'] ) ? (int) $options['master_user'] : 0;
	$owner       = $master_id && isset( $tokens[ $master_id ] ) ? get_userdata( $master_id ) : false;
	$user_logins = array();
	foreach ( array_keys( $tokens ) as $id ) {
		$user = get_userdata( (int) $id );
		if ( $user instanceof WP_User ) {
			$user_logins[] = $user->user_login;
		}
	}

	return array(
		'connected'       => $blog_id && $has_token,
		'blog_id'         => $blog_id,
		'owner'           => $owner instanceof WP_User ? $owner->user_login : null,
		'master_user'     => $master_id ? $master_id : null,
		'connected_users' => $user_logins,
		'offline_mode'    => (bool) get_option( 'jetpack_stand_in_offline_mode' ),
		'bail_early'      => (bool) get_option( 'jetpack_stand_in_bail_early' ),
	);
}
