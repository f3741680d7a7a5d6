<?php
/**
 * Confirmation without a browser: once a plan turns active, WordPress.com is asked (through
 * the host service, Provisioner::confirm()) whether the plan really is on the site, by WP-Cron,
 * so a site whose owner never opens the panel again is still confirmed, and a plan that never
 * landed there is caught (the confirmation says `missing`, and the state's action becomes
 * "Request again": Provisioner's rule, the same one the panel's check feeds).
 *
 * A single event FIRST_DELAY after the change (Plugin::EVENT_CONFIRM), then a daily one
 * (Plugin::EVENT_CONFIRM_DAILY) while the plan is not confirmed; both go once it is, or once
 * there is no active plan left to confirm, and on deactivation (Schedule::clear_all()).
 *
 * @package JetpackStartCompanion
 */

declare( strict_types=1 );

namespace JetpackStartCompanion\Provisioning;

use JetpackStartCompanion\HostService\PlanCheck;
use JetpackStartCompanion\Jetpack\Detector;
use JetpackStartCompanion\Plugin;
use JetpackStartCompanion\Schedule;

defined( 'ABSPATH' ) || exit;

final class ConfirmSchedule {

	/**
	 * Seconds between the plan turning active and the first check: WordPress.com has recorded the
	 * connection by then, and an owner who is still in the panel has had it checked already.
	 */
	public const FIRST_DELAY = 300;

	/**
	 * Listens to `jetpack_start_companion_state_changed` (registered in Plugin): an active plan
	 * not yet confirmed gets its first check; a plan that is no longer active, none.
	 *
	 * @param string $old_state The state before (unused).
	 * @param string $new_state The state now.
	 * @param Record $record    The record.
	 */
	public static function state_changed( string $old_state, string $new_state, Record $record ): void {
		unset( $old_state );
		if ( StateResolver::ACTIVE !== $new_state ) {
			self::clear();
		} elseif ( PlanCheck::ACTIVE !== StateResolver::plan_on_site( $record ) ) {
			Schedule::once( Plugin::EVENT_CONFIRM, array(), self::FIRST_DELAY );
		}
	}

	/**
	 * Both events (Plugin::EVENTS): asks WordPress.com unless the plan is confirmed already or no
	 * longer active; keeps the daily check while it is not confirmed. A check that fails (the
	 * service or WordPress.com cannot be reached) changes nothing and is tried again the next day.
	 */
	public static function run(): void {
		$now                     = time();
		list( $record, $locked ) = ( new Store() )->snapshot( $now );
		$state                   = StateResolver::resolve( $record, ( new Detector() )->detect( 0 ), $locked, $now );
		// A plan request is running: its answer, when it is active, is checked on the next day.
		if ( StateResolver::REQUESTING !== $state ) {
			if ( StateResolver::ACTIVE !== $state || PlanCheck::ACTIVE === StateResolver::plan_on_site( $record ) ) {
				self::clear();
				return;
			}
			Plugin::provisioner()->confirm();
			if ( PlanCheck::ACTIVE === StateResolver::plan_on_site( ( new Store() )->fresh_record() ) ) {
				self::clear();
				return;
			}
		}
		Schedule::daily( Plugin::EVENT_CONFIRM_DAILY );
	}

	/**
	 * Nothing left to confirm: neither event stays.
	 */
	public static function clear(): void {
		Schedule::clear( Plugin::EVENT_CONFIRM );
		Schedule::clear( Plugin::EVENT_CONFIRM_DAILY );
	}
}
