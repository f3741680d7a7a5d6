<?php
/**
 * The plugin's WP-Cron work for the host's fleet view: the daily report and pick-up, and the
 * report a change of state queues. Both events are in Plugin::EVENTS and scheduled through
 * Schedule; deactivation removes them (Lifecycle\Deactivation).
 *
 * @package JetpackStartCompanion
 */

declare( strict_types=1 );

namespace JetpackStartCompanion\Fleet;

use JetpackStartCompanion\Plugin;
use JetpackStartCompanion\Schedule;

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
	 * The state changed (`jetpack_start_companion_state_changed`): a report is queued, sent by
	 * WP-Cron right after. A second change before it runs needs no second event: the report
	 * tells the state as it is when it is sent.
	 */
	public static function queue_report(): void {
		Schedule::once( Plugin::EVENT_REPORT_CHANGED );
	}

	/**
	 * The queued report: tell the service.
	 */
	public static function changed(): void {
		Plugin::schedule_daily();
		Plugin::reporter()->send( 'changed' );
	}
}
