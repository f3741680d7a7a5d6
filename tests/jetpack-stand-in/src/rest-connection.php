<?php
/**
 * Jetpack's public connection status route: GET /jetpack/v4/connection.
 *
 * @package jetpack-stand-in
 */

declare( strict_types=1 );

defined( 'ABSPATH' ) || exit;

add_action(
	'rest_api_init',
	static function (): void {
		register_rest_route(
			'jetpack/v4',
			'/connection',
			array(
				'methods'             => WP_REST_Server::READABLE,
				'callback'            => 'jetpack_stand_in_connection_status',
				'permission_callback' => '__return_true',
			)
		);
	}
);

/**
 * The connection status, shaped like the real REST_Connector::connection_status().
 *
 * @return WP_REST_Response
 */
function jetpack_stand_in_connection_status(): WP_REST_Response {
	$status     = new Automattic\Jetpack\Status();
	$connection = new Automattic\Jetpack\Connection\Manager( 'jetpack' );
	$owner      = $connection->get_connection_owner();

	$data = array(
		'isActive'          => $connection->has_connected_owner(),
		'isStaging'         => false,
		'isRegistered'      => $connection->is_connected(),
		'isUserConnected'   => $connection->is_user_connected(),
		'hasConnectedOwner' => $connection->has_connected_owner(),
		'offlineMode'       => array(
			'isActive'        => $status->is_offline_mode(),
			'constant'        => defined( 'JETPACK_DEV_DEBUG' ) && JETPACK_DEV_DEBUG,
			'url'             => $status->is_local_site(),
			'filter'          => (bool) apply_filters( 'jetpack_offline_mode', false ),
			'wpLocalConstant' => defined( 'WP_LOCAL_DEV' ) && WP_LOCAL_DEV,
			'option'          => (bool) get_option( 'jetpack_stand_in_offline_mode' ),
		),
		'isPublic'          => '1' === (string) get_option( 'blog_public' ),
		'connectionOwner'   => $owner instanceof WP_User ? $owner->user_login : null,
	);

	return rest_ensure_response( apply_filters( 'jetpack_connection_status', $data ) );
}
