<?php
/**
 * The plugin's WP-Cron work for the host's fleet view: the daily report and pick-up, and the
 * report a changed record queues. Deactivation removes both events (Lifecycle\Deactivation).
 *
 * @package JetpackStartCompanion
 */

declare( strict_types=1 );

namespace JetpackStartCompanion\Fleet;

use JetpackStartCompanion\Plugin;

defined( 'ABSPATH' ) || exit;

final class Cron {

	/**
	 * Daily: tell the service the site's state, then pick up what the host did.
	 */
	public static function daily(): void {
		Plugin::reporter()->send( 'daily' );
		Plugin::host_record()->pick_up();
	}

	/**
	 * The record changed (Store::save): tell the service.
	 */
	public static function changed(): void {
		Plugin::schedule_daily();
		Plugin::reporter()->send( 'changed' );
	}
}
