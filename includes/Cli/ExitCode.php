<?php
/**
 * The exit codes of `wp jetpack-start-companion …`, the one place that maps an outcome to one
 * (documented in docs/wp-cli.md, which a host's scripts rely on).
 *
 * @package JetpackStartCompanion
 */

declare( strict_types=1 );

namespace JetpackStartCompanion\Cli;

use JetpackStartCompanion\Provisioning\StateResolver;
use WP_Error;

defined( 'ABSPATH' ) || exit;

final class ExitCode {

	/** Done: the plan is active, or reserved and waiting for the owner (pending). */
	public const DONE = 0;

	/** A usage mistake or an unexpected failure (WP-CLI's own code for errors). */
	public const ERROR = 1;

	/** The site cannot ask yet: configuration, Jetpack, the connection's owner, consent. Fix, then run again. */
	public const NOT_READY = 2;

	/** WordPress.com (or the host service) said no; asking again the same way will not help. */
	public const REFUSED = 3;

	/** Nothing is wrong with the site: busy, a timeout, a passing failure. Run again later. */
	public const RETRY_LATER = 4;

	/** The word a script reads in the JSON output, by code. */
	public const RESULTS = array(
		self::DONE        => 'done',
		self::ERROR       => 'error',
		self::NOT_READY   => 'not_ready',
		self::REFUSED     => 'refused',
		self::RETRY_LATER => 'retry_later',
	);

	/**
	 * The code for the state a plan request or a confirmation left behind.
	 *
	 * @param array<string,mixed> $provisioning The `provisioning` part of the status object.
	 */
	public static function for_state( array $provisioning ): int {
		$state = (string) ( $provisioning['state'] ?? '' );
		switch ( $state ) {
			case StateResolver::ACTIVE:
			case StateResolver::AWAITING_AUTHORIZATION:
			case StateResolver::AWAITING_DNS:
				return 'missing' === ( $provisioning['confirmation']['plan_on_site'] ?? null ) ? self::REFUSED : self::DONE;
			case StateResolver::REQUESTING:
				return self::RETRY_LATER;
			case StateResolver::FAILED:
				return true === ( $provisioning['error']['retryable'] ?? false ) ? self::RETRY_LATER : self::REFUSED;
			case StateResolver::CONNECTED_NO_OWNER:
			case StateResolver::EXPIRED:
			case StateResolver::NOT_REQUESTED:
				return self::NOT_READY;
			default:
				return self::ERROR;
		}
	}

	/**
	 * The code for a request the plugin refused before anything was asked.
	 */
	public static function for_error( WP_Error $error ): int {
		$by_code = array(
			'jetpack_start_companion_not_configured'      => self::NOT_READY,
			'jetpack_start_companion_jetpack_not_ready'   => self::NOT_READY,
			'jetpack_start_companion_connection_has_no_owner' => self::NOT_READY,
			'jetpack_start_companion_preflight_failed'    => self::NOT_READY,
			'jetpack_start_companion_nothing_to_confirm'  => self::NOT_READY,
			'jetpack_start_companion_terms_not_accepted'  => self::NOT_READY,
			'jetpack_start_companion_no_user'             => self::NOT_READY,
			'jetpack_start_companion_busy'                => self::RETRY_LATER,
			'jetpack_start_companion_confirmation_failed' => self::RETRY_LATER,
			'jetpack_start_companion_invalid_plan'        => self::ERROR,
			'jetpack_start_companion_not_allowed'         => self::NOT_READY,
		);
		$code    = (string) $error->get_error_code();
		if ( isset( $by_code[ $code ] ) ) {
			return $by_code[ $code ];
		}
		// A code this table does not know yet: the HTTP status the REST route would answer decides.
		$data   = $error->get_error_data();
		$status = is_array( $data ) && isset( $data['status'] ) ? (int) $data['status'] : 0;
		if ( 429 === $status || $status >= 500 || 409 === $status ) {
			return self::RETRY_LATER;
		}
		return $status >= 400 ? self::NOT_READY : self::ERROR;
	}
}
