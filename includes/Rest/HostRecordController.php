<?php
/**
 * POST /jetpack-start-companion/v1/host-record: reads the host service's record of this site
 * (contract §10) and adopts what the host did from its side (a plan it provisioned or renewed,
 * a plan it cancelled), then answers the status. The panel calls it once it has rendered.
 *
 * @package JetpackStartCompanion
 */

declare( strict_types=1 );

namespace JetpackStartCompanion\Rest;

use JetpackStartCompanion\Config;
use JetpackStartCompanion\Fleet\HostRecord;
use JetpackStartCompanion\Provisioning\StatusBuilder;
use WP_Error;
use WP_REST_Request;
use WP_REST_Response;
use WP_REST_Server;

defined( 'ABSPATH' ) || exit;

final class HostRecordController extends Controller {

	public function __construct( Config $config, StatusBuilder $status, private HostRecord $host_record ) {
		parent::__construct( $config, $status );
	}

	public function register_routes(): void {
		register_rest_route(
			$this->namespace,
			'/host-record',
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
		$result = $this->host_record->pick_up();
		if ( is_wp_error( $result ) ) {
			return $result;
		}
		return $this->status_response( get_current_user_id() );
	}
}
