<?php
/**
 * The one place that schedules and unschedules the plugin's WP-Cron events. Their names and
 * callbacks are in Plugin::EVENTS (hooked on every load at no cost); every name starts with
 * `jetpack_start_companion_`, which is how deactivation finds them all.
 *
 * @package JetpackStartCompanion
 */

declare( strict_types=1 );

namespace JetpackStartCompanion;

use JetpackStartCompanion\Lifecycle\StoredData;

defined( 'ABSPATH' ) || exit;

final class Schedule {

	/**
	 * Runs the event once, `$delay` seconds from now, unless it is already due with these arguments.
	 *
	 * @param string           $event An event of Plugin::EVENTS.
	 * @param array<int,mixed> $args  Its arguments.
	 * @param int              $delay Seconds from now.
	 * @phpstan-param list<mixed> $args
	 */
	public static function once( string $event, array $args = array(), int $delay = 0 ): void {
		if ( false === wp_next_scheduled( $event, $args ) ) {
			wp_schedule_single_event( time() + $delay, $event, $args );
		}
	}

	/**
	 * Runs the event every day, the first time `$delay` seconds from now, unless it already does.
	 *
	 * @param string $event An event of Plugin::EVENTS.
	 * @param int    $delay Seconds until the first run.
	 */
	public static function daily( string $event, int $delay = 86400 ): void {
		if ( false === wp_next_scheduled( $event ) ) {
			wp_schedule_event( time() + $delay, 'daily', $event );
		}
	}

	/**
	 * Whether the event is due (with these arguments; none: the recurring one).
	 *
	 * @param string           $event An event of Plugin::EVENTS.
	 * @param array<int,mixed> $args  Its arguments.
	 * @phpstan-param list<mixed> $args
	 */
	public static function is_scheduled( string $event, array $args = array() ): bool {
		return false !== wp_next_scheduled( $event, $args );
	}

	/**
	 * Unschedules the event: with these arguments only, or every occurrence of it.
	 *
	 * @param string                $event An event of Plugin::EVENTS.
	 * @param array<int,mixed>|null $args  Its arguments; null for all.
	 * @phpstan-param list<mixed>|null $args
	 */
	public static function clear( string $event, ?array $args = null ): void {
		if ( null === $args ) {
			wp_unschedule_hook( $event );
			return;
		}
		wp_clear_scheduled_hook( $event, $args );
	}

	/**
	 * Every event of the plugin on the current site, gone (whatever version scheduled it).
	 */
	public static function clear_all(): void {
		$hooks = array();
		foreach ( (array) _get_cron_array() as $events ) {
			foreach ( array_keys( (array) $events ) as $hook ) {
				if ( str_starts_with( (string) $hook, StoredData::PREFIX ) ) {
					$hooks[ $hook ] = true;
				}
			}
		}
		foreach ( array_keys( $hooks ) as $hook ) {
			wp_unschedule_hook( (string) $hook );
		}
	}
}
