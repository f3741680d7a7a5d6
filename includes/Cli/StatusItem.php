<?php
/**
 * The status object (docs/rest-api.md) as one flat record a fleet script can read: the same
 * fields in every format, JSON keeps their types, no secret in any of them.
 *
 * @package JetpackStartCompanion
 */

declare( strict_types=1 );

namespace JetpackStartCompanion\Cli;

defined( 'ABSPATH' ) || exit;

final class StatusItem {

	public const FIELDS = array(
		'site_url',
		'blog_id',
		'state',
		'plan',
		'plan_label',
		'requested_at',
		'expires_at',
		'action_url',
		'jetpack',
		'jetpack_version',
		'wpcom_blog_id',
		'host_configured',
		'error_code',
		'error_message',
		'plan_on_site',
		'confirmed_at',
	);

	/** What `provision`, `confirm` and `reset` add: how it ended, as a word and as the exit code. */
	public const OUTCOME_FIELDS = array( 'result', 'exit_code', 'message' );

	/**
	 * @param array<string,mixed> $status The status object.
	 * @return array<string,mixed>
	 */
	public static function from_status( array $status ): array {
		$jetpack      = (array) ( $status['jetpack'] ?? array() );
		$provisioning = (array) ( $status['provisioning'] ?? array() );
		$host         = (array) ( $status['host'] ?? array() );
		$error        = is_array( $provisioning['error'] ?? null ) ? $provisioning['error'] : array();
		$confirmation = is_array( $provisioning['confirmation'] ?? null ) ? $provisioning['confirmation'] : array();
		return array(
			'site_url'        => site_url(),
			'blog_id'         => get_current_blog_id(),
			'state'           => (string) ( $provisioning['state'] ?? '' ),
			'plan'            => $provisioning['plan'] ?? null,
			'plan_label'      => (string) ( $host['plan_label'] ?? '' ),
			'requested_at'    => $provisioning['requested_at'] ?? null,
			'expires_at'      => $provisioning['expires_at'] ?? null,
			'action_url'      => $provisioning['action_url'] ?? null,
			'jetpack'         => self::jetpack_summary( $jetpack ),
			'jetpack_version' => $jetpack['version'] ?? null,
			'wpcom_blog_id'   => $jetpack['blog_id'] ?? null,
			'host_configured' => (bool) ( $host['configured'] ?? false ),
			'error_code'      => $error['code'] ?? null,
			'error_message'   => $error['message'] ?? null,
			'plan_on_site'    => $confirmation['plan_on_site'] ?? null,
			'confirmed_at'    => $confirmation['checked_at'] ?? null,
		);
	}

	/**
	 * One word for Jetpack on this site, the first thing that stands in the way (or "connected").
	 *
	 * @param array<string,mixed> $jetpack The `jetpack` part of the status object.
	 */
	public static function jetpack_summary( array $jetpack ): string {
		if ( empty( $jetpack['installed'] ) ) {
			return 'not_installed';
		}
		if ( empty( $jetpack['active'] ) ) {
			return empty( $jetpack['plugin_active'] ) ? 'inactive' : 'not_loaded';
		}
		if ( ! empty( $jetpack['offline_mode'] ) ) {
			return 'offline';
		}
		if ( empty( $jetpack['connected'] ) ) {
			return 'not_connected';
		}
		return empty( $jetpack['has_connected_owner'] ) ? 'connected_no_owner' : 'connected';
	}

	/**
	 * Table and CSV cells: yes/no instead of 1 and an empty cell, nothing for null.
	 *
	 * @param array<string,mixed> $item A record.
	 * @return array<string,mixed>
	 */
	public static function for_text( array $item ): array {
		foreach ( $item as $key => $value ) {
			if ( is_bool( $value ) ) {
				$item[ $key ] = $value ? 'yes' : 'no';
			} elseif ( null === $value ) {
				$item[ $key ] = '';
			}
		}
		return $item;
	}
}
