<?php
/**
 * The version of what the plugin stores, and the routine that brings a site's stored data up to
 * it. Each site keeps its own version (multisite sites upgrade on their own first load); plugin.php
 * compares it on every load (an autoloaded option: no query) and loads this class only when it
 * differs.
 *
 * @package JetpackStartCompanion
 */

declare( strict_types=1 );

namespace JetpackStartCompanion\Lifecycle;

use JetpackStartCompanion\Provisioning\Store;

defined( 'ABSPATH' ) || exit;

final class Schema {

	/** Bump (in plugin.php) with a new step in upgrade() whenever the stored shape changes. */
	public const VERSION = JETPACK_START_COMPANION_SCHEMA_VERSION;

	public const OPTION = JETPACK_START_COMPANION_SCHEMA_OPTION;

	/**
	 * The stored version of the current site (0: stored by 0.1.0, which had none, or nothing yet).
	 */
	public static function stored(): int {
		return (int) get_option( self::OPTION, 0 );
	}

	/**
	 * Runs each step between the stored version and VERSION, in order, then records VERSION.
	 * A site whose data is newer than this code (a downgrade) is left alone.
	 */
	public static function upgrade(): void {
		$from = self::stored();
		// Version => the step that brings data stored by the version before it up to it.
		$steps = array( 1 => array( self::class, 'to_1' ) );
		foreach ( $steps as $version => $step ) {
			if ( $version > $from ) {
				$step();
			}
		}
		if ( $from < self::VERSION ) {
			update_option( self::OPTION, self::VERSION, true );
		}
	}

	/**
	 * 1: the record and the lock are read by the panel and its routes only, so they must not be
	 * loaded on every page: make sure neither autoloads, whatever wrote them.
	 */
	public static function to_1(): void {
		foreach ( array( Store::RECORD_OPTION, Store::LOCK_OPTION ) as $name ) {
			if ( false !== get_option( $name ) ) {
				wp_set_option_autoload( $name, false );
			}
		}
	}
}
