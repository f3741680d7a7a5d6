<?php
/**
 * The list of readiness checks, in the order they are shown: the one place a new check is added.
 *
 * @package JetpackStartCompanion
 */

declare( strict_types=1 );

namespace JetpackStartCompanion\Diagnostics;

use JetpackStartCompanion\Config;
use JetpackStartCompanion\Jetpack\Detector;

defined( 'ABSPATH' ) || exit;

final class Checks {

	/**
	 * @return Check[]
	 */
	public static function all(): array {
		$config   = new Config();
		$detector = new Detector();
		return array(
			new HostServiceConfigured( $config ),
			new JetpackReady( $detector ),
			new ConnectionOwner( $detector ),
		);
	}

	/**
	 * Runs every check.
	 *
	 * @param Check[] $checks The checks to run (default: all).
	 * @return Result[]
	 */
	public static function run( ?array $checks = null ): array {
		return array_map( static fn ( Check $check ): Result => $check->run(), $checks ?? self::all() );
	}

	/**
	 * True when no result is critical: a plan request can be made.
	 *
	 * @param Result[] $results Results of run().
	 */
	public static function ready( array $results ): bool {
		foreach ( $results as $result ) {
			if ( Result::CRITICAL === $result->status ) {
				return false;
			}
		}
		return true;
	}
}
