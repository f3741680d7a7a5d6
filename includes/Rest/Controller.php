<?php
/**
 * What both routes share: the namespace, the permission check and the status schema.
 *
 * @package JetpackStartCompanion
 */

declare( strict_types=1 );

namespace JetpackStartCompanion\Rest;

use JetpackStartCompanion\Config;
use JetpackStartCompanion\Plugin;
use JetpackStartCompanion\Provisioning\StatusBuilder;
use WP_Error;
use WP_REST_Controller;
use WP_REST_Request;
use WP_REST_Response;

defined( 'ABSPATH' ) || exit;

abstract class Controller extends WP_REST_Controller {

	public const NAMESPACE = 'jetpack-start-companion/v1';

	public function __construct(
		protected Config $config,
		protected StatusBuilder $status,
	) {
		$this->namespace = self::NAMESPACE;
	}

	/**
	 * Only users who may manage the site (filter `jetpack_start_companion_capability`).
	 *
	 * @param WP_REST_Request $request Unused; the check is about the user.
	 */
	public function can_manage_plan( WP_REST_Request $request ): bool|WP_Error { // phpcs:ignore Generic.CodeAnalysis.UnusedFunctionParameter.Found
		if ( current_user_can( Plugin::capability() ) ) {
			return true;
		}
		return new WP_Error(
			'rest_forbidden',
			__( 'Only a site administrator can manage the Jetpack plan included with your hosting.', 'jetpack-start-companion' ),
			array( 'status' => rest_authorization_required_code() )
		);
	}

	/**
	 * The status object for this user; never cached, since it changes with every request.
	 */
	protected function status_response( int $user_id ): WP_REST_Response {
		$response = rest_ensure_response( $this->status->build( $user_id ) );
		$response->header( 'Cache-Control', 'no-store' );
		return $response;
	}

	/**
	 * @return array<string,mixed>
	 */
	public function get_item_schema(): array {
		if ( null === $this->schema ) {
			$this->schema = StatusSchema::get();
		}
		return $this->add_additional_fields_schema( $this->schema );
	}
}
