<?php
/**
 * The list of readiness checks, in the order they are shown: the one place a new check is added.
 * Cheap checks first (no request leaves the server), then the network ones (NetworkCheck), in
 * the order a failure explains the next: a scheme redirect before xmlrpc.php, the domain first.
 *
 * @package JetpackStartCompanion
 */

declare( strict_types=1 );

namespace JetpackStartCompanion\Diagnostics;

use JetpackStartCompanion\Config;
use JetpackStartCompanion\HostService\Client;
use JetpackStartCompanion\Jetpack\Detector;

defined( 'ABSPATH' ) || exit;

final class Checks {

	/**
	 * @return Check[]
	 */
	public static function all(): array {
		$config   = new Config();
		$detector = new Detector();
		$checks   = array(
			new HostServiceConfigured( $config ),
			new JetpackReady( $detector ),
			new ConnectionOwner( $detector ),
			new IdentityCrisis(),
			new HostNameResolves(),
			new SiteScheme(),
			new XmlrpcReachable(),
			new HostServicePing( $config, new Client( $config ) ),
		);
		/**
		 * The preflight checks the panel, Site Health, `wp jetpack-start-companion diagnose` and
		 * the plan request's gate run. A host removes one that cannot work on its platform (e.g.
		 * loopback requests blocked by design) or adds its own: an object implementing
		 * JetpackStartCompanion\Diagnostics\Check (NetworkCheck when it makes requests).
		 *
		 * @since 0.2.0
		 *
		 * @param Check[] $checks The checks, in the order they are shown.
		 */
		$filtered = apply_filters( 'jetpack_start_companion_preflight_checks', $checks );
		return is_array( $filtered ) ? array_values( array_filter( $filtered, static fn ( $check ): bool => $check instanceof Check ) ) : $checks;
	}

	/**
	 * Runs every check now, with no cache (Preflight keeps and reuses results).
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
		return null === self::first_critical( $results );
	}

	/**
	 * @param Result[] $results Results.
	 */
	public static function first_critical( array $results ): ?Result {
		foreach ( $results as $result ) {
			if ( Result::CRITICAL === $result->status ) {
				return $result;
			}
		}
		return null;
	}
}
