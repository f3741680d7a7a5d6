<?php
/**
 * GET /jetpack-start-companion/v1/diagnostics: the preflight checks (what each found, the
 * evidence, the fix in the owner's and the host's words). Network results are reused for
 * Preflight::FRESH_SECONDS; `check_again=true` runs every check now.
 *
 * GET …/diagnostics/site-health/<check>: one check in Site Health's format (its async tests).
 *
 * @package JetpackStartCompanion
 */

declare( strict_types=1 );

namespace JetpackStartCompanion\Rest;

use JetpackStartCompanion\Diagnostics\Preflight;
use JetpackStartCompanion\Diagnostics\SiteHealth;
use WP_Error;
use WP_REST_Request;
use WP_REST_Response;
use WP_REST_Server;

defined( 'ABSPATH' ) || exit;

final class DiagnosticsController extends Controller {

	public function register_routes(): void {
		register_rest_route(
			self::NAMESPACE,
			'/diagnostics',
			array(
				array(
					'methods'             => WP_REST_Server::READABLE,
					'callback'            => array( $this, 'get_item' ),
					'permission_callback' => array( $this, 'can_manage_plan' ),
					'args'                => array(
						'check_again' => array(
							'description' => __( 'Run every check now instead of reusing results found in the last five minutes.', 'jetpack-start-companion' ),
							'type'        => 'boolean',
							'default'     => false,
						),
					),
				),
				'schema' => array( $this, 'get_public_item_schema' ),
			)
		);
		register_rest_route(
			self::NAMESPACE,
			'/diagnostics/site-health/(?P<check>[a-z0-9_]{1,64})',
			array(
				array(
					'methods'             => WP_REST_Server::READABLE,
					'callback'            => array( $this, 'site_health' ),
					'permission_callback' => array( $this, 'can_manage_plan' ),
					'args'                => array(
						'check' => array(
							'description' => __( 'The check\'s id.', 'jetpack-start-companion' ),
							'type'        => 'string',
							'pattern'     => '^[a-z0-9_]{1,64}$',
							'required'    => true,
						),
					),
				),
			)
		);
	}

	/**
	 * @param WP_REST_Request $request Request with validated args.
	 */
	public function get_item( $request ): WP_REST_Response {
		$response = rest_ensure_response( ( new Preflight() )->run( true === $request->get_param( 'check_again' ) )->to_array() );
		$response->header( 'Cache-Control', 'no-store' );
		return $response;
	}

	/**
	 * @param WP_REST_Request $request Request with validated args.
	 */
	public function site_health( $request ): WP_REST_Response|WP_Error {
		$result = SiteHealth::find( ( new Preflight() )->run()->results, (string) $request->get_param( 'check' ) );
		if ( null !== $result ) {
			return rest_ensure_response( SiteHealth::format( $result ) );
		}
		return new WP_Error( 'rest_not_found', __( 'No such check.', 'jetpack-start-companion' ), array( 'status' => 404 ) );
	}

	/**
	 * The status object's `diagnostics` part (StatusSchema), as its own document.
	 *
	 * @return array<string,mixed>
	 */
	public function get_item_schema(): array {
		if ( null === $this->schema ) {
			$this->schema = array(
				'$schema' => 'http://json-schema.org/draft-04/schema#',
				'title'   => 'jetpack-start-companion-diagnostics',
			) + StatusSchema::get()['properties']['diagnostics'];
		}
		return $this->add_additional_fields_schema( $this->schema );
	}
}
