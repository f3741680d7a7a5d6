<?php
/**
 * Keeps the one autoloaded option the reminders are decided from (Plugin::REMINDER_OPTION): the
 * pending offer's expiry while the site awaits authorization or DNS, kept once it has expired
 * (the reminder then says "Request again"), 0 in every other state. It follows the state
 * announced by Provisioning\StateSignal, the one place a change of state is found.
 *
 * @package JetpackStartCompanion
 */

declare( strict_types=1 );

namespace JetpackStartCompanion\Reminders;

use JetpackStartCompanion\Plugin;
use JetpackStartCompanion\Provisioning\Record;
use JetpackStartCompanion\Provisioning\StateResolver;

defined( 'ABSPATH' ) || exit;

final class Hint {

	/** States a reminder speaks of. */
	public const STATES = array( StateResolver::AWAITING_AUTHORIZATION, StateResolver::AWAITING_DNS, StateResolver::EXPIRED );

	/**
	 * On `jetpack_start_companion_state_changed`.
	 *
	 * @param string $old_state The state announced before (unused).
	 * @param string $new_state The state now.
	 * @param Record $record    The provisioning record.
	 */
	public static function changed( string $old_state, string $new_state, Record $record ): void {
		unset( $old_state );
		self::follow( $new_state, $record );
	}

	/**
	 * Sets the option for this state and record, or removes it.
	 */
	public static function follow( string $state, Record $record ): void {
		if ( in_array( $state, self::STATES, true ) && null !== $record->expires_at ) {
			if ( (int) get_option( Plugin::REMINDER_OPTION ) !== $record->expires_at ) {
				update_option( Plugin::REMINDER_OPTION, $record->expires_at, true );
			}
			return;
		}
		self::clear();
	}

	/**
	 * No reminder: 0, not a missing option, which would cost every page a query (WordPress asks
	 * the database for an option that is neither autoloaded nor known to be missing).
	 */
	public static function clear(): void {
		if ( '0' !== (string) get_option( Plugin::REMINDER_OPTION ) ) {
			update_option( Plugin::REMINDER_OPTION, 0, true );
		}
	}
}
