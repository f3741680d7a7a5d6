<?php
/**
 * JSON Schema of the status object both routes answer (docs/rest-api.md).
 *
 * @package JetpackStartCompanion
 */

declare( strict_types=1 );

namespace JetpackStartCompanion\Rest;

use JetpackStartCompanion\Provisioning\Journey;
use JetpackStartCompanion\Provisioning\StateResolver;

defined( 'ABSPATH' ) || exit;

final class StatusSchema {

	/**
	 * @return array<string,mixed>
	 */
	public static function get(): array {
		$bool     = array( 'type' => 'boolean' );
		$string   = array( 'type' => 'string' );
		$nullable = array( 'type' => array( 'string', 'null' ) );
		$url      = array(
			'type'   => array( 'string', 'null' ),
			'format' => 'uri',
		);
		$date     = array(
			'type'   => array( 'string', 'null' ),
			'format' => 'date-time',
		);

		return array(
			'$schema'              => 'http://json-schema.org/draft-04/schema#',
			'title'                => 'jetpack-start-companion-status',
			'type'                 => 'object',
			'context'              => array( 'view' ),
			'required'             => array( 'jetpack', 'provisioning', 'journey', 'host', 'links', 'user', 'diagnostics', 'checked_at' ),
			'additionalProperties' => false,
			'properties'           => array(
				'jetpack'      => self::object(
					array(
						'installed'           => $bool,
						'active'              => $bool,
						'plugin_active'       => $bool,
						'plugin_file'         => $nullable,
						'version'             => $nullable,
						'connected'           => $bool,
						'has_connected_owner' => $bool,
						'user_connected'      => $bool,
						'offline_mode'        => $bool,
						'blog_id'             => array( 'type' => array( 'integer', 'null' ) ),
						'setup_url'           => $url,
						'connect_user_url'    => $url,
						'plugins_screen_url'  => $url,
					)
				),
				'provisioning' => self::object(
					array(
						'state'        => array(
							'type' => 'string',
							'enum' => StateResolver::ALL,
						),
						'plan'         => $nullable,
						'requested_at' => $date,
						'expires_at'   => $date,
						'expires_on'   => $nullable,
						'action_url'   => $url,
						'sign_on_url'  => $url,
						'error'        => self::object(
							array(
								'code'      => $string,
								'message'   => $string,
								'action'    => $string,
								'retryable' => $bool,
								'at'        => $date,
								'support'   => array( 'description' => 'One line for the host\'s support: code, hop, HTTP status, time, request id, and what the check that explains it found.' ) + $string,
							),
							true
						),
						'confirmation' => array( 'description' => 'What WordPress.com last said of the plan on this site.' ) + self::object(
							array(
								'plan_on_site' => array(
									'type' => 'string',
									'enum' => array( 'active', 'pending', 'missing' ),
								),
								'checked_at'   => $date,
							),
							true
						),
					)
				),
				'journey'      => array( 'description' => 'The owner\'s journey: the step they are on and the one thing to do there (Provisioning\\Journey).' ) + self::object(
					array(
						'current' => array(
							'type' => 'string',
							'enum' => Journey::STEPS,
						),
						'todo'    => $string,
						'steps'   => array(
							'type'  => 'array',
							'items' => self::object(
								array(
									'id'    => array(
										'type' => 'string',
										'enum' => Journey::STEPS,
									),
									'label' => $string,
									'done'  => $bool,
								)
							),
						),
					)
				),
				'host'         => self::object(
					array(
						'configured'  => $bool,
						'name'        => $string,
						'plan_label'  => $string,
						'support_url' => $string,
						'logo_url'    => $string,
					)
				),
				'links'        => self::object(
					array(
						'authorize_origins' => array(
							'description' => 'Origins the authorize page (case B) may be on; the panel checks links against these.',
							'type'        => 'array',
							'items'       => $string,
						),
						'site_origins'      => array(
							'description' => 'This site\'s own origins: where sign-on and wp-admin links may lead.',
							'type'        => 'array',
							'items'       => $string,
						),
					)
				),
				'user'         => self::object(
					array(
						'can_provision'        => $bool,
						'can_install_plugins'  => $bool,
						'can_activate_plugins' => $bool,
						'display_name'         => $string,
					)
				),
				'diagnostics'  => array( 'description' => 'What the preflight checks last found (GET /diagnostics runs them).' ) + self::object(
					array(
						'status'      => array(
							'type' => 'string',
							'enum' => array( 'good', 'recommended', 'critical' ),
						),
						'checked_at'  => $date,
						'fresh_until' => $date,
						'incomplete'  => $bool,
						'results'     => array(
							'type'  => 'array',
							'items' => self::object(
								array(
									'check'    => $string,
									'status'   => $string,
									'label'    => $string,
									'evidence' => $string,
									'fix'      => $string,
									'host_fix' => $string,
								)
							),
						),
						'support'     => array( 'description' => 'Every result on one line each, for the host\'s support.' ) + $string,
					)
				),
				'checked_at'   => $date,
			),
		);
	}

	/**
	 * An object with exactly these properties, all of them always present.
	 *
	 * @param array<string,mixed> $properties Property schemas.
	 * @param bool                $nullable   Null instead of the object is allowed.
	 * @return array<string,mixed>
	 */
	private static function object( array $properties, bool $nullable = false ): array {
		return array(
			'type'                 => $nullable ? array( 'object', 'null' ) : 'object',
			'context'              => array( 'view' ),
			'readonly'             => true,
			'required'             => array_keys( $properties ),
			'additionalProperties' => false,
			'properties'           => $properties,
		);
	}
}
