<?php
/**
 * On deactivation nothing of the plugin stays scheduled: every WP-Cron event whose hook starts
 * with `jetpack_start_companion_`, on every site it was active on. The record stays, so turning
 * the plugin on again loses nothing.
 *
 * @package JetpackStartCompanion
 */

declare( strict_types=1 );

namespace JetpackStartCompanion\Lifecycle;

use JetpackStartCompanion\Schedule;

defined( 'ABSPATH' ) || exit;

final class Deactivation {

	/**
	 * Deactivation hook (plugin.php).
	 *
	 * @param bool $network_wide Deactivated for the whole network.
	 */
	public static function run( bool $network_wide = false ): void {
		if ( $network_wide ) {
			StoredData::each_site( array( self::class, 'unschedule' ) );
			return;
		}
		self::unschedule();
	}

	/**
	 * The current site's events of the plugin, removed.
	 */
	public static function unschedule(): void {
		Schedule::clear_all();
	}
}
