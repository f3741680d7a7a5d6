<?php
/**
 * Keeps the provisioning record and the lock that allows one request at a time.
 *
 * None of its options autoloads: only the panel, its routes and the command read them.
 *
 * @package JetpackStartCompanion
 */

declare( strict_types=1 );

namespace JetpackStartCompanion\Provisioning;

use JetpackStartCompanion\Diagnostics\Preflight;

defined( 'ABSPATH' ) || exit;

final class Store {

	public const RECORD_OPTION = 'jetpack_start_companion_record';
	public const LOCK_OPTION   = 'jetpack_start_companion_lock';
	/**
	 * The provisioning state last announced (StateSignal).
	 */
	public const STATE_OPTION = 'jetpack_start_companion_state';

	/**
	 * Longer than the longest request (timeout capped at 120 s), so a crashed request frees the lock.
	 */
	public const LOCK_SECONDS = 150;

	public function record(): Record {
		return Record::from_array( get_option( self::RECORD_OPTION, null ) );
	}

	/**
	 * The record as the database has it now, past every cache (this request's and a persistent
	 * object cache): another request may have saved an answer since this one first read it.
	 */
	public function fresh_record(): Record {
		foreach ( array( self::RECORD_OPTION, 'notoptions', 'alloptions' ) as $key ) {
			wp_cache_delete( $key, 'options' );
		}
		return $this->record();
	}

	/**
	 * The record, whether a request holds the lock, and the state last announced, in one query,
	 * as the database has them now (a status read asks for all three). The preflight checks'
	 * kept results come in the same query, into the options cache, where the status object's
	 * `diagnostics` reads them next.
	 *
	 * @return array{0:Record,1:bool,2:string|null}
	 */
	public function snapshot( int $now ): array {
		global $wpdb;
		// phpcs:ignore WordPress.DB.DirectDatabaseQuery -- one read for the rows, past the options cache.
		$rows = (array) $wpdb->get_results( $wpdb->prepare( "SELECT option_name, option_value FROM {$wpdb->options} WHERE option_name IN (%s, %s, %s, %s)", self::RECORD_OPTION, self::LOCK_OPTION, self::STATE_OPTION, Preflight::OPTION ), OBJECT_K );
		if ( isset( $rows[ Preflight::OPTION ] ) ) {
			wp_cache_set( Preflight::OPTION, $rows[ Preflight::OPTION ]->option_value, 'options' );
		} else {
			$missing                      = (array) wp_cache_get( 'notoptions', 'options' );
			$missing[ Preflight::OPTION ] = true;
			wp_cache_set( 'notoptions', $missing, 'options' );
		}
		$record = isset( $rows[ self::RECORD_OPTION ] ) ? maybe_unserialize( $rows[ self::RECORD_OPTION ]->option_value ) : null;
		$lock   = isset( $rows[ self::LOCK_OPTION ] ) ? (string) $rows[ self::LOCK_OPTION ]->option_value : null;
		$state  = isset( $rows[ self::STATE_OPTION ] ) ? (string) $rows[ self::STATE_OPTION ]->option_value : null;
		return array( Record::from_array( $record ), null !== $lock && (int) $lock > $now, $state );
	}

	/**
	 * The state last announced, as the database has it now; null before the first.
	 *
	 * @phpstan-impure
	 */
	public function announced_state(): ?string {
		global $wpdb;
		// phpcs:ignore WordPress.DB.DirectDatabaseQuery -- read past the options cache: another request may have announced one.
		$value = $wpdb->get_var( $wpdb->prepare( "SELECT option_value FROM {$wpdb->options} WHERE option_name = %s", self::STATE_OPTION ) );
		return is_string( $value ) ? $value : null;
	}

	/**
	 * Records $state as announced if the last one announced is still $expected (null: none
	 * yet). Compare-and-set in one statement, so of concurrent requests that see the same
	 * change only one announces it.
	 *
	 * @phpstan-impure
	 */
	public function swap_state( ?string $expected, string $state ): bool {
		global $wpdb;
		if ( null === $expected ) {
			// phpcs:ignore WordPress.DB.DirectDatabaseQuery -- atomic first write, like the lock.
			$changed = $wpdb->query( $wpdb->prepare( "INSERT IGNORE INTO {$wpdb->options} (option_name, option_value, autoload) VALUES (%s, %s, 'off')", self::STATE_OPTION, $state ) );
		} else {
			// phpcs:ignore WordPress.DB.DirectDatabaseQuery -- compare-and-set: only the request that saw $expected wins.
			$changed = $wpdb->query( $wpdb->prepare( "UPDATE {$wpdb->options} SET option_value = %s WHERE option_name = %s AND option_value = %s", $state, self::STATE_OPTION, $expected ) );
		}
		wp_cache_delete( self::STATE_OPTION, 'options' );
		wp_cache_delete( 'notoptions', 'options' );
		return 1 === $changed;
	}

	public function save( Record $record ): void {
		update_option( self::RECORD_OPTION, $record->to_array(), false );
	}

	/**
	 * Takes the lock, or answers null when another request holds it.
	 *
	 * A raw INSERT IGNORE on the unique option_name is the atomic step: add_option() is not
	 * (it upserts, and trusts the "missing options" cache). The value, "<expiry>:<random>",
	 * is the handle that release_lock() needs, so a request never frees another's lock.
	 */
	public function acquire_lock( int $now ): ?string {
		$handle = ( $now + self::LOCK_SECONDS ) . ':' . bin2hex( random_bytes( 8 ) );
		if ( $this->insert_lock( $handle ) ) {
			return $handle;
		}
		$current = $this->lock_value();
		if ( null === $current || (int) $current > $now ) {
			return null === $current && $this->insert_lock( $handle ) ? $handle : null;
		}
		// A stale lock from a request that died: only one contender's compare-and-delete succeeds.
		return $this->delete_lock( $current ) && $this->insert_lock( $handle ) ? $handle : null;
	}

	/**
	 * The lock for a short step that has just learned something (the host's record, WordPress.com's
	 * word on the plan): another short step holds it only for a moment (the panel sends the
	 * pick-up and the confirmation together), so this one waits for it, up to $patience_ms,
	 * instead of dropping what it learned. Null at once while a plan request runs, whose answer
	 * is newer, and once the patience runs out.
	 *
	 * @param int $patience_ms How long to wait for the lock at the most.
	 */
	public function acquire_lock_soon( int $patience_ms = 2000 ): ?string {
		$deadline = microtime( true ) + $patience_ms / 1000;
		while ( true ) {
			$lock = $this->acquire_lock( time() );
			if ( null !== $lock || $this->fresh_record()->has_open_attempt() || microtime( true ) >= $deadline ) {
				return $lock;
			}
			usleep( 50000 );
		}
	}

	public function is_locked( int $now ): bool {
		$current = $this->lock_value();
		return null !== $current && (int) $current > $now;
	}

	public function release_lock( string $handle ): void {
		$this->delete_lock( $handle );
	}

	/**
	 * @phpstan-impure Each call is a new INSERT: its answer depends on the database now.
	 */
	private function insert_lock( string $handle ): bool {
		global $wpdb;
		// phpcs:ignore WordPress.DB.DirectDatabaseQuery -- the atomic step the options API cannot express.
		$inserted = $wpdb->query( $wpdb->prepare( "INSERT IGNORE INTO {$wpdb->options} (option_name, option_value, autoload) VALUES (%s, %s, 'off')", self::LOCK_OPTION, $handle ) );
		$this->forget_cached_lock();
		return 1 === $inserted;
	}

	/**
	 * @phpstan-impure Each call is a new DELETE.
	 */
	private function delete_lock( string $handle ): bool {
		global $wpdb;
		// phpcs:ignore WordPress.DB.DirectDatabaseQuery -- compare-and-delete: only the holder's value matches.
		$deleted = $wpdb->query( $wpdb->prepare( "DELETE FROM {$wpdb->options} WHERE option_name = %s AND option_value = %s", self::LOCK_OPTION, $handle ) );
		$this->forget_cached_lock();
		return 1 === $deleted;
	}

	/**
	 * The lock row as the database has it now, never a cached copy.
	 *
	 * @phpstan-impure
	 */
	private function lock_value(): ?string {
		global $wpdb;
		// phpcs:ignore WordPress.DB.DirectDatabaseQuery -- read past the options cache on purpose.
		$value = $wpdb->get_var( $wpdb->prepare( "SELECT option_value FROM {$wpdb->options} WHERE option_name = %s", self::LOCK_OPTION ) );
		return is_string( $value ) ? $value : null;
	}

	private function forget_cached_lock(): void {
		wp_cache_delete( self::LOCK_OPTION, 'options' );
		wp_cache_delete( 'notoptions', 'options' );
	}
}
