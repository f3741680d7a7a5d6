<?php
/**
 * Keeps the provisioning record and the lock that allows one request at a time.
 *
 * Neither option autoloads: only the panel and its routes read them.
 *
 * @package JetpackStartCompanion
 */

declare( strict_types=1 );

namespace JetpackStartCompanion\Provisioning;

defined( 'ABSPATH' ) || exit;

final class Store {

	public const RECORD_OPTION = 'jetpack_start_companion_record';
	public const LOCK_OPTION   = 'jetpack_start_companion_lock';

	/**
	 * Longer than the longest request (timeout capped at 120 s), so a crashed request frees the lock.
	 */
	public const LOCK_SECONDS = 150;

	public function record(): Record {
		return Record::from_array( get_option( self::RECORD_OPTION, null ) );
	}

	public function save( Record $record ): void {
		update_option( self::RECORD_OPTION, $record->to_array(), false );
	}

	/**
	 * Takes the lock atomically: add_option() fails when the row exists, whichever request got there first.
	 */
	public function acquire_lock( int $now ): bool {
		if ( add_option( self::LOCK_OPTION, $now + self::LOCK_SECONDS, '', false ) ) {
			return true;
		}
		$expires = (int) get_option( self::LOCK_OPTION, 0 );
		if ( $expires > $now ) {
			return false;
		}
		// A stale lock from a request that died: only one contender's delete succeeds.
		global $wpdb;
		$deleted = $wpdb->query( // phpcs:ignore WordPress.DB.DirectDatabaseQuery -- a compare-and-delete the options API cannot express.
			$wpdb->prepare( "DELETE FROM {$wpdb->options} WHERE option_name = %s AND option_value = %s", self::LOCK_OPTION, (string) $expires )
		);
		wp_cache_delete( self::LOCK_OPTION, 'options' );
		wp_cache_delete( 'notoptions', 'options' );
		return 1 === $deleted && add_option( self::LOCK_OPTION, $now + self::LOCK_SECONDS, '', false );
	}

	public function is_locked( int $now ): bool {
		return (int) get_option( self::LOCK_OPTION, 0 ) > $now;
	}

	public function release_lock(): void {
		delete_option( self::LOCK_OPTION );
	}
}
