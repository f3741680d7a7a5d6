<?php
/**
 * POST /jetpack-start-companion/v1/provision: asks the host service for the plan.
 *
 * Answers the new status whatever the host service said, so the panel always has a
 * state to show; only requests that never reached the service are errors.
 *
 * @package JetpackStartCompanion
 */

declare( strict_types=1 );

namespace JetpackStartCompanion\Rest;

use JetpackStartCompanion\Config;
use JetpackStartCompanion\Provisioning\Provisioner;
use JetpackStartCompanion\Provisioning\StatusBuilder;
use WP_Error;
use WP_REST_Request;
use WP_REST_Response;
use WP_REST_Server;

defined( 'ABSPATH' ) || exit;

final class ProvisionController extends Controller {

	public function __construct( Config $config, StatusBuilder $status, private Provisioner $provisioner ) {
		parent::__construct( $config, $status );
	}

	public function register_routes(): void {
		register_rest_route(
			self::NAMESPACE,
			'/provision',
			array(
				array(
					'methods'             => WP_REST_Server::CREATABLE,
					'callback'            => array( $this, 'create_item' ),
					'permission_callback' => array( $this, 'can_manage_plan' ),
					'args'                => array(
						'accept_terms' => array(
							'description' => __( 'The user agreed to the WordPress.com Terms of Service shown next to the button.', 'jetpack-start-companion' ),
							'type'        => 'boolean',
							'enum'        => array( true ),
							'required'    => true,
						),
					),
				),
				'schema' => array( $this, 'get_public_item_schema' ),
			)
		);
	}

	/**
	 * @param WP_REST_Request $request Request with validated args.
	 */
	public function create_item( $request ): WP_REST_Response|WP_Error {
		$unknown = $this->unknown_fields( $request, array( 'accept_terms' ) );
		if ( null !== $unknown ) {
			return $unknown;
		}
		$user   = wp_get_current_user();
		$result = $this->provisioner->request( $user );
		if ( is_wp_error( $result ) ) {
			return $result;
		}
		return $this->status_response( $user->ID );
	}
}
