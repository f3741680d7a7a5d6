<?php
/**
 * A route with no body that does one thing and answers the status object: POST /confirm,
 * POST /host-record. The subclass names the route and does the thing.
 *
 * @package JetpackStartCompanion
 */

declare( strict_types=1 );

namespace JetpackStartCompanion\Rest;

use WP_Error;
use WP_REST_Request;
use WP_REST_Response;
use WP_REST_Server;

defined( 'ABSPATH' ) || exit;

abstract class StatusActionController extends Controller {

	/**
	 * The route, e.g. /confirm.
	 *
	 * @return non-falsy-string
	 */
	abstract protected function route(): string;

	/**
	 * @return bool|WP_Error True once done; WP_Error to answer instead of the status.
	 */
	abstract protected function perform(): bool|WP_Error;

	public function register_routes(): void {
		register_rest_route(
			self::NAMESPACE,
			$this->route(),
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
		$result = $this->perform();
		if ( is_wp_error( $result ) ) {
			return $result;
		}
		return $this->status_response( get_current_user_id() );
	}
}
