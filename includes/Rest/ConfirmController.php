<?php
/**
 * POST /jetpack-start-companion/v1/confirm: asks WordPress.com, through the host service,
 * whether the plan really is on the site, and answers the status with that confirmation.
 *
 * A site can look connected while WordPress.com never applied the plan (an expired offer,
 * an orphan connection): this is how the panel finds out instead of showing "active" blindly.
 *
 * @package JetpackStartCompanion
 */

declare( strict_types=1 );

namespace JetpackStartCompanion\Rest;

use JetpackStartCompanion\Config;
use JetpackStartCompanion\Provisioning\AttemptRunner;
use JetpackStartCompanion\Provisioning\Provisioner;
use JetpackStartCompanion\Provisioning\StatusBuilder;
use WP_Error;
use WP_REST_Request;
use WP_REST_Response;
use WP_REST_Server;

defined( 'ABSPATH' ) || exit;

final class ConfirmController extends Controller {

	public function __construct( Config $config, StatusBuilder $status, AttemptRunner $runner, private Provisioner $provisioner ) {
		parent::__construct( $config, $status, $runner );
	}

	public function register_routes(): void {
		register_rest_route(
			self::NAMESPACE,
			'/confirm',
			array(
				array(
					'methods'             => WP_REST_Server::CREATABLE,
					'callback'            => array( $this, 'create_item' ),
					'permission_callback' => array( $this, 'can_manage_plan' ),
					'args'                => array(),
				),
				'schema' => array( $this, 'get_public_item_schema' ),
			)
		);
	}

	/**
	 * @param WP_REST_Request $request Request (no arguments).
	 */
	public function create_item( $request ): WP_REST_Response|WP_Error {
		$unknown = $this->unknown_fields( $request, array() );
		if ( null !== $unknown ) {
			return $unknown;
		}
		$result = $this->provisioner->confirm();
		if ( is_wp_error( $result ) ) {
			return $result;
		}
		return $this->status_response( get_current_user_id() );
	}
}
