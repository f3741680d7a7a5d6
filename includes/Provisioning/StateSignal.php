<?php
/**
 * The one place that announces a change of the provisioning state: the action
 * `jetpack_start_companion_state_changed`, whenever the state derived from the record and
 * Jetpack's connection differs from the last one announced. It is checked when the record is
 * saved (whoever saves it) and when the status is read (which is how a change made elsewhere,
 * by WordPress.com connecting Jetpack or by time passing, is found).
 *
 * The state here is the record's: an attempt in flight (`requesting`) is not announced, its
 * outcome is. A compare-and-set on the stored state makes each change announced once, even
 * when several requests see it at the same moment.
 *
 * @package JetpackStartCompanion
 */

declare( strict_types=1 );

namespace JetpackStartCompanion\Provisioning;

use JetpackStartCompanion\Jetpack\Detector;
use JetpackStartCompanion\Jetpack\JetpackState;

defined( 'ABSPATH' ) || exit;

final class StateSignal {

	/**
	 * Runs after the record is added or updated through the options API (both hooks pass the
	 * new value second); registered in Plugin.
	 *
	 * @param mixed $first The option's name (added) or old value (updated); unused.
	 * @param mixed $value The record as saved.
	 */
	public static function saved( $first, $value ): void {
		unset( $first );
		$store = new Store();
		self::observe( $store, Record::from_array( $value ), ( new Detector() )->detect( 0 ), $store->announced_state(), time() );
	}

	/**
	 * Announces the state if it differs from the last one announced.
	 *
	 * @param Store        $store     Where the announced state is kept.
	 * @param Record       $record    The record as it is now.
	 * @param JetpackState $jetpack   What Jetpack reports now.
	 * @param string|null  $announced The state last announced, null before the first.
	 * @param int          $now       Current time.
	 */
	public static function observe( Store $store, Record $record, JetpackState $jetpack, ?string $announced, int $now ): void {
		$state = StateResolver::resolve( $record, $jetpack, false, $now );
		$old   = $announced ?? StateResolver::NOT_REQUESTED;
		// A queued or running attempt is in flight, not a state: its outcome is announced.
		if ( StateResolver::REQUESTING === $state || $state === $old || ! $store->swap_state( $announced, $state ) ) {
			return;
		}
		/**
		 * The provisioning state changed: once per change, whether a save made it (an answer,
		 * a failure) or a read found it (Jetpack connected, an offer lapsed). Never fires for
		 * `requesting`. On a site that never announced one, the old state is `not_requested`.
		 *
		 * @since 0.2.0
		 *
		 * @param string $old_state The state announced before: one of StateResolver::ALL.
		 * @param string $new_state The state now.
		 * @param Record $record    The provisioning record (read-only): plan, outcome, dates,
		 *                          last_error, confirmation.
		 */
		do_action( 'jetpack_start_companion_state_changed', $old, $state, $record );
	}
}
