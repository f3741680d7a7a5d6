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

use JetpackStartCompanion\Provisioning\StateResolver;
use JetpackStartCompanion\Provisioning\Store;
use JetpackStartCompanion\Reminders\Hint;

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
		$steps = array(
			1 => array( self::class, 'to_1' ),
			2 => array( self::class, 'to_2' ),
		);
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

	/**
	 * 2: reminders are decided from an autoloaded option that follows each announced change of
	 * state (Reminders\Hint), and is always there (a missing option costs a query). A site
	 * pending since before it gets the option from the state it last announced, so its reminder
	 * shows without waiting for the next change.
	 */
	public static function to_2(): void {
		Hint::follow( ( new Store() )->announced_state() ?? StateResolver::NOT_REQUESTED, ( new Store() )->record() );
	}
}
