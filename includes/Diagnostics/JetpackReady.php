<?php
/**
 * Jetpack is installed, active, loaded and online: WordPress.com calls back into it.
 *
 * @package JetpackStartCompanion
 */

declare( strict_types=1 );

namespace JetpackStartCompanion\Diagnostics;

use JetpackStartCompanion\Jetpack\Detector;

defined( 'ABSPATH' ) || exit;

final class JetpackReady implements Check {

	/**
	 * Older Jetpack releases are out of security support; provisioning may still work, so a warning.
	 */
	public const MINIMUM_VERSION = '13.0';

	public function __construct( private Detector $detector ) {}

	public function id(): string {
		return 'jetpack_ready';
	}

	public function run(): Result {
		$jetpack  = $this->detector->detect( get_current_user_id() );
		$evidence = sprintf(
			'plugin file: %s; version: %s; turned on: %s; loaded: %s; offline mode: %s',
			$jetpack->plugin_file ?? 'none found',
			$jetpack->version ?? 'unknown',
			$jetpack->plugin_active ? 'yes' : 'no',
			$jetpack->active ? 'yes' : 'no',
			$jetpack->offline_mode ? 'yes' : 'no'
		);
		$critical = function ( string $label, string $fix, string $host_fix ) use ( $evidence ): Result {
			return new Result( $this->id(), Result::CRITICAL, $label, $evidence, $fix, $host_fix );
		};
		if ( ! $jetpack->installed ) {
			return $critical( __( 'Jetpack is not installed.', 'jetpack-start-companion' ), __( 'Install Jetpack from Plugins → Add New.', 'jetpack-start-companion' ), 'Install and activate the jetpack plugin on this site.' );
		}
		if ( $jetpack->is_stalled() ) {
			return $critical( __( 'Jetpack is turned on but did not load.', 'jetpack-start-companion' ), __( 'Contact your hosting provider\'s support.', 'jetpack-start-companion' ), 'Jetpack is active but its class did not load: check the PHP version Jetpack needs and its files.' );
		}
		if ( ! $jetpack->active ) {
			return $critical( __( 'Jetpack is installed but not turned on.', 'jetpack-start-companion' ), __( 'Activate Jetpack in Plugins.', 'jetpack-start-companion' ), 'Activate the jetpack plugin on this site.' );
		}
		if ( $jetpack->offline_mode ) {
			return $critical( __( 'Jetpack is in offline mode, so WordPress.com cannot reach this site.', 'jetpack-start-companion' ), __( 'Contact your hosting provider\'s support.', 'jetpack-start-companion' ), 'Jetpack reports offline mode (Automattic\\Jetpack\\Status::is_offline_mode(): JETPACK_DEV_DEBUG, WP_LOCAL_DEV, the jetpack_offline_mode filter, or a local site URL such as localhost, *.local or 127.0.0.1).' );
		}
		if ( null !== $jetpack->version && version_compare( $jetpack->version, self::MINIMUM_VERSION, '<' ) ) {
			/* translators: 1: the installed Jetpack version, 2: the oldest version recommended. */
			return new Result( $this->id(), Result::RECOMMENDED, sprintf( __( 'Jetpack %1$s is old: version %2$s or newer is recommended.', 'jetpack-start-companion' ), $jetpack->version, self::MINIMUM_VERSION ), $evidence, __( 'Update Jetpack in Dashboard → Updates.', 'jetpack-start-companion' ), 'Update the jetpack plugin to ' . self::MINIMUM_VERSION . ' or newer.' );
		}
		return new Result( $this->id(), Result::GOOD, __( 'Jetpack is installed, turned on and online.', 'jetpack-start-companion' ), $evidence );
	}
}
