<?php
/**
 * Derives the provisioning state from the stored record and what Jetpack reports now.
 *
 * Derived on every read rather than stored, so a pending plan turns active the moment
 * Jetpack is connected with an owner, and expires on time without a cron job.
 *
 * @package JetpackStartCompanion
 */

declare( strict_types=1 );

namespace JetpackStartCompanion\Provisioning;

use JetpackStartCompanion\HostService\ProvisionAnswer;
use JetpackStartCompanion\Jetpack\JetpackState;

defined( 'ABSPATH' ) || exit;

final class StateResolver {

	public const NOT_REQUESTED          = 'not_requested';
	public const REQUESTING             = 'requesting';
	public const ACTIVE                 = 'active';
	public const AWAITING_AUTHORIZATION = 'awaiting_authorization';
	public const AWAITING_DNS           = 'awaiting_dns';
	public const EXPIRED                = 'expired';
	public const CONNECTED_NO_OWNER     = 'connected_no_owner';
	public const FAILED                 = 'failed';
	public const CANCELLED              = 'cancelled';

	public const ALL = array( self::NOT_REQUESTED, self::REQUESTING, self::ACTIVE, self::AWAITING_AUTHORIZATION, self::AWAITING_DNS, self::EXPIRED, self::CONNECTED_NO_OWNER, self::FAILED, self::CANCELLED );

	/**
	 * @param Record       $record  Stored record.
	 * @param JetpackState $jetpack What Jetpack reports now.
	 * @param bool         $locked  A request holds the lock (an attempt is being sent or recorded).
	 * @param int          $now     Current time.
	 */
	public static function resolve( Record $record, JetpackState $jetpack, bool $locked, int $now ): string {
		// An intent queued for a runner, or being asked, is "requesting" until it is answered.
		if ( $locked || $record->has_open_attempt() ) {
			return self::REQUESTING;
		}
		// The host ended the plan (contract §10); only a new answer lifts it.
		if ( null !== $record->cancelled_at ) {
			return self::CANCELLED;
		}
		$good = self::good_state( $record, $jetpack, $now );
		if ( null !== $good ) {
			return $good;
		}
		// An orphan connection swallows plans silently: have the owner connect before asking again.
		if ( $jetpack->has_orphan_connection() ) {
			return self::CONNECTED_NO_OWNER;
		}
		if ( null !== $record->last_error && $record->last_error['at'] >= (int) $record->requested_at ) {
			return self::FAILED;
		}
		return null !== $record->outcome ? self::EXPIRED : self::NOT_REQUESTED;
	}

	/**
	 * What WordPress.com last said of the plan (PlanCheck::ACTIVE, PENDING or MISSING) when it was
	 * said about the current answer, else null (never asked, or asked about an older one).
	 */
	public static function plan_on_site( Record $record ): ?string {
		$check = $record->confirmation;
		return null === $check || (int) $check['at'] < (int) $record->requested_at ? null : (string) $check['plan_on_site'];
	}

	/**
	 * The state of the last good answer while it is still usable, else null.
	 */
	private static function good_state( Record $record, JetpackState $jetpack, int $now ): ?string {
		if ( ProvisionAnswer::ACTIVE === $record->outcome ) {
			return $jetpack->has_orphan_connection() ? self::CONNECTED_NO_OWNER : self::ACTIVE;
		}
		if ( null === $record->outcome ) {
			return null;
		}
		if ( $jetpack->has_owned_connection() ) {
			return self::ACTIVE;
		}
		if ( null === $record->expires_at || $record->expires_at <= $now ) {
			return null;
		}
		return ProvisionAnswer::AWAITING_DNS === $record->outcome ? self::AWAITING_DNS : self::AWAITING_AUTHORIZATION;
	}
}
