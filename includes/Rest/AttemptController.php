<?php
/**
 * POST /jetpack-start-companion/v1/attempts/run: where this site's own loopback request runs a
 * queued plan request (Provisioning\AttemptRunner). No user is logged in on it: the one-time
 * token the queueing request generated is the permission, for that attempt only, and running
 * the attempt consumes it. What it runs is the intent already recorded, nothing the caller sends.
 *
 * @package JetpackStartCompanion
 */

declare( strict_types=1 );

namespace JetpackStartCompanion\Rest;

use JetpackStartCompanion\Provisioning\AttemptRunner;
use WP_Error;
use WP_REST_Controller;
use WP_REST_Request;
use WP_REST_Response;
use WP_REST_Server;

defined( 'ABSPATH' ) || exit;

final class AttemptController extends WP_REST_Controller {

	public function __construct( private AttemptRunner $runner ) {
		$this->namespace = Controller::NAMESPACE;
		$this->rest_base = ltrim( AttemptRunner::ROUTE, '/' );
	}

	public function register_routes(): void {
		register_rest_route(
			Controller::NAMESPACE,
			AttemptRunner::ROUTE,
			array(
				array(
					'methods'             => WP_REST_Server::CREATABLE,
					'callback'            => array( $this, 'create_item' ),
					'permission_callback' => array( $this, 'create_item_permissions_check' ),
					'args'                => array(
						'key'   => array(
							'description' => __( 'The queued attempt.', 'jetpack-start-companion' ),
							'type'        => 'string',
							'pattern'     => '^[0-9a-f]{32}$',
							'required'    => true,
						),
						'token' => array(
							'description' => __( 'The one-time token the attempt was queued with.', 'jetpack-start-companion' ),
							'type'        => 'string',
							'pattern'     => '^[0-9a-f]{64}$',
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
	public function create_item_permissions_check( $request ): bool|WP_Error {
		if ( $this->runner->accepts( (string) $request['key'], (string) $request['token'] ) ) {
			return true;
		}
		return new WP_Error( 'rest_forbidden', __( 'This request may not run a plan request.', 'jetpack-start-companion' ), array( 'status' => 403 ) );
	}

	/**
	 * @param WP_REST_Request $request Request with validated args.
	 */
	public function create_item( $request ): WP_REST_Response {
		$response = rest_ensure_response( array( 'ran' => $this->runner->run_for_loopback( (string) $request['key'] ) ) );
		$response->header( 'Cache-Control', 'no-store' );
		return $response;
	}

	/**
	 * @return array<string,mixed>
	 */
	public function get_item_schema(): array {
		return array(
			'$schema'    => 'http://json-schema.org/draft-04/schema#',
			'title'      => 'jetpack-start-companion-attempt-run',
			'type'       => 'object',
			'properties' => array(
				'ran' => array(
					'description' => 'This request sent the attempt (false: another runner had it, or it was no longer queued).',
					'type'        => 'boolean',
					'readonly'    => true,
				),
			),
		);
	}
}
