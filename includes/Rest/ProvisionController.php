<?php
/**
 * POST /jetpack-start-companion/v1/provision: records the owner's request for the plan and
 * answers at once (202, state "requesting"); the attempt runs on the server and the panel
 * follows it through GET /status. When the state needs no request, the current status (200).
 * Only requests that could not be recorded are errors.
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

final class ProvisionController extends Controller {

	public function __construct( Config $config, StatusBuilder $status, AttemptRunner $runner, private Provisioner $provisioner ) {
		parent::__construct( $config, $status, $runner );
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
		$queued = $this->provisioner->queue( $user );
		if ( is_wp_error( $queued ) ) {
			return $queued;
		}
		if ( null === $queued ) {
			return $this->status_response( $user->ID );
		}
		// The attempt runs elsewhere (AttemptRunner): this answer is "requesting", at once.
		$this->runner->dispatch( $queued );
		// A loopback runner may have finished the attempt meanwhile, and WordPress.com's callbacks
		// changed Jetpack's connection in other requests (a force_register drops the owner): read it
		// anew, or the answered record beside the connection this request loaded reads as "active".
		$this->status->forget_jetpack();
		return $this->status_response( $user->ID, 202 );
	}
}
