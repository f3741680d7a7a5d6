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
use JetpackStartCompanion\Provisioning\AttemptRunner;
use JetpackStartCompanion\Provisioning\StatusBuilder;
use WP_Error;
use WP_REST_Controller;
use WP_REST_Request;
use WP_REST_Response;

defined( 'ABSPATH' ) || exit;

abstract class Controller extends WP_REST_Controller {

	public const NAMESPACE = 'jetpack-start-companion/v1';

	/**
	 * Parameters WordPress's REST server itself reads from any request.
	 */
	private const WORDPRESS_PARAMETERS = array( '_wpnonce', '_method', '_envelope', '_fields', '_embed', '_locale', '_jsonp', '_pretty' );

	public function __construct(
		protected Config $config,
		protected StatusBuilder $status,
		protected AttemptRunner $runner,
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
	 * Body fields the route does not know are refused, not ignored: a script sending a typo
	 * (`accept_term`) or more than the route takes gets told, before anything is asked.
	 * WordPress's own request parameters (`_wpnonce`, `_method`, `_fields`…) are not fields.
	 *
	 * @param WP_REST_Request $request The request.
	 * @param string[]        $known   Fields the route's schema has.
	 */
	protected function unknown_fields( WP_REST_Request $request, array $known ): ?WP_Error {
		$sent    = array_merge( array_keys( (array) $request->get_json_params() ), array_keys( $request->get_body_params() ) );
		$unknown = array_values( array_diff( array_unique( array_map( 'strval', $sent ) ), $known, self::WORDPRESS_PARAMETERS ) );
		if ( array() === $unknown ) {
			return null;
		}
		return new WP_Error(
			'rest_additional_properties_forbidden',
			/* translators: %s: a field name sent in the request. */
			sprintf( __( '%s is not a field this request takes.', 'jetpack-start-companion' ), mb_substr( $unknown[0], 0, 60 ) ),
			array(
				'status' => 400,
				'params' => array_slice( $unknown, 0, 10 ),
			)
		);
	}

	/**
	 * The status object for this user; never cached, since it changes with every request. Reading
	 * it hands out an attempt nobody is running (AttemptRunner::snapshot()).
	 *
	 * @param int $user_id     The user.
	 * @param int $http_status 200, or 202 when this request queued an attempt.
	 */
	protected function status_response( int $user_id, int $http_status = 200 ): WP_REST_Response {
		$response = rest_ensure_response( $this->status->build( $user_id, $this->runner->snapshot() ) );
		$response->set_status( $http_status );
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
