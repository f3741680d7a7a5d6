<?php
/**
 * Everything the plugin stores in a site's database, found by its one prefix: options (the
 * record, the lock, the schema version), transients, and its user options (the reminder's
 * dismissal, prefixed with the site's table prefix), on the current site. A row belongs to the
 * plugin exactly when its name starts with `jetpack_start_companion_` (or is that name's
 * transient): the rule that reset and uninstall share, and that new rows must follow.
 *
 * @package JetpackStartCompanion
 */

declare( strict_types=1 );

namespace JetpackStartCompanion\Lifecycle;

defined( 'ABSPATH' ) || exit;

final class StoredData {

	public const PREFIX = 'jetpack_start_companion_';

	/**
	 * Names of the current site's options that are the plugin's (transients included).
	 *
	 * @return string[]
	 */
	public static function option_names(): array {
		global $wpdb;
		$like = $wpdb->esc_like( self::PREFIX ) . '%';
		// phpcs:ignore WordPress.DB.DirectDatabaseQuery -- no API lists options by prefix.
		return array_map( 'strval', (array) $wpdb->get_col( $wpdb->prepare( "SELECT option_name FROM {$wpdb->options} WHERE option_name LIKE %s OR option_name LIKE %s OR option_name LIKE %s OR option_name LIKE %s OR option_name LIKE %s", $like, '\_transient\_' . $like, '\_transient\_timeout\_' . $like, '\_site\_transient\_' . $like, '\_site\_transient\_timeout\_' . $like ) ) );
	}

	/**
	 * Deletes them through the options API (so caches forget them too).
	 */
	public static function forget_site(): void {
		foreach ( self::option_names() as $name ) {
			delete_option( $name );
		}
		foreach ( self::user_option_names() as $key ) {
			delete_metadata( 'user', 0, $key, '', true );
		}
	}

	/**
	 * Keys of the current site's user options that are the plugin's (update_user_option() prefixes
	 * them with the site's table prefix: the reminder's dismissal), for every user.
	 *
	 * @return string[]
	 */
	public static function user_option_names(): array {
		global $wpdb;
		$like = $wpdb->esc_like( $wpdb->get_blog_prefix() . self::PREFIX ) . '%';
		// phpcs:ignore WordPress.DB.DirectDatabaseQuery -- no API lists user meta keys by prefix.
		return array_map( 'strval', (array) $wpdb->get_col( $wpdb->prepare( "SELECT DISTINCT meta_key FROM {$wpdb->usermeta} WHERE meta_key LIKE %s", $like ) ) );
	}

	/**
	 * The network's own rows of the plugin (site options and site transients), on multisite.
	 */
	public static function forget_network(): void {
		global $wpdb;
		if ( ! is_multisite() ) {
			return;
		}
		$like = $wpdb->esc_like( self::PREFIX ) . '%';
		// phpcs:ignore WordPress.DB.DirectDatabaseQuery -- no API lists site options by prefix.
		$names = (array) $wpdb->get_col( $wpdb->prepare( "SELECT meta_key FROM {$wpdb->sitemeta} WHERE meta_key LIKE %s OR meta_key LIKE %s OR meta_key LIKE %s", $like, '\_site\_transient\_' . $like, '\_site\_transient\_timeout\_' . $like ) );
		foreach ( $names as $name ) {
			delete_site_option( (string) $name );
		}
	}

	/**
	 * Runs a callback on every site of the network (or once on a single site).
	 *
	 * @param callable $callback Called with no argument, switched to each site.
	 */
	public static function each_site( callable $callback ): void {
		if ( ! is_multisite() ) {
			$callback();
			return;
		}
		foreach ( get_sites(
			array(
				'fields' => 'ids',
				'number' => 0,
			)
		) as $site_id ) {
			switch_to_blog( (int) $site_id );
			try {
				$callback();
			} finally {
				restore_current_blog();
			}
		}
	}
}
