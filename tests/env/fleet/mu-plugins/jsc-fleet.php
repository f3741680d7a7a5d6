<?php
/**
 * Plugin Name: JSC fleet test environment
 * Description: The fleet sites' names (*.jsc.test) resolve to 127.0.0.1 for PHP's own HTTP requests, through curl's resolve option: no /etc/hosts entry. Not part of the plugin.
 *
 * @package jetpack-start-companion-tests
 */

declare( strict_types=1 );

defined( 'ABSPATH' ) || exit;

add_filter( 'got_url_rewrite', '__return_true' );

add_action(
	'http_api_curl',
	static function ( $handle, array $args, string $url ): void {
		$host = strtolower( (string) wp_parse_url( $url, PHP_URL_HOST ) );
		if ( str_ends_with( $host, '.jsc.test' ) ) {
			$port = (int) ( wp_parse_url( $url, PHP_URL_PORT ) ?? 80 );
			curl_setopt( $handle, CURLOPT_RESOLVE, array( $host . ':' . $port . ':127.0.0.1' ) );
		}
	},
	10,
	3
);

if ( defined( 'WP_CLI' ) && WP_CLI ) {
	/**
	 * `wp jsc-fleet …`: what the fleet tests need from a site that WP-CLI's bundled commands
	 * would give (this project has the runner only). Test environment only.
	 */
	WP_CLI::add_command(
		'jsc-fleet uninstall',
		static function (): void {
			require_once ABSPATH . 'wp-admin/includes/plugin.php';
			$plugin = 'jetpack-start-companion/plugin.php';
			// What Plugins → Delete does: deactivate (network-wide when it is), then uninstall.
			deactivate_plugins( $plugin, false, is_plugin_active_for_network( $plugin ) );
			uninstall_plugin( $plugin );
			WP_CLI::success( 'uninstalled' );
		}
	);
	WP_CLI::add_command(
		'jsc-fleet rows',
		static function ( array $args ): void {
			global $wpdb;
			$like = $wpdb->esc_like( $args[0] ?? 'jetpack_start_companion' ) . '%';
			$rows = array();
			foreach ( $wpdb->get_col( "SHOW TABLES LIKE '%options'" ) as $table ) {
				// phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- a table name SHOW TABLES gave.
				foreach ( $wpdb->get_col( $wpdb->prepare( "SELECT option_name FROM `$table` WHERE option_name LIKE %s OR option_name LIKE %s OR option_name LIKE %s", $like, '_transient_' . $like, '_site_transient_' . $like ) ) as $name ) {
					$rows[] = $table . ':' . $name;
				}
			}
			if ( is_multisite() ) {
				foreach ( $wpdb->get_col( $wpdb->prepare( "SELECT meta_key FROM {$wpdb->sitemeta} WHERE meta_key LIKE %s OR meta_key LIKE %s", $like, '_site_transient_' . $like ) ) as $name ) {
					$rows[] = $wpdb->sitemeta . ':' . $name;
				}
			}
			// User options of every site (the reminder's dismissal): "<site prefix>jetpack_start_companion_…".
			foreach ( $wpdb->get_col( $wpdb->prepare( "SELECT DISTINCT meta_key FROM {$wpdb->usermeta} WHERE meta_key LIKE %s", '%' . $like ) ) as $name ) {
				$rows[] = $wpdb->usermeta . ':' . $name;
			}
			echo wp_json_encode( $rows ), "\n";
		}
	);
	WP_CLI::add_command(
		'jsc-fleet cron',
		static function (): void {
			echo wp_json_encode( array_values( array_unique( array_merge( ...array_map( 'array_keys', array_values( array_filter( (array) _get_cron_array(), 'is_array' ) ) ) ) ) ) ), "\n";
		}
	);
}

if ( defined( 'WP_CLI' ) && WP_CLI ) {
	WP_CLI::add_command(
		'jsc-fleet textdomain-path',
		static function (): void {
			$registry = $GLOBALS['wp_textdomain_registry'];
			$paths    = ( new ReflectionProperty( $registry, 'custom_paths' ) )->getValue( $registry );
			echo (string) ( $paths['jetpack-start-companion'] ?? '' ), "\n";
		}
	);
}

// A test may make this site report an older WordPress (must-use plugins load before plugins).
if ( defined( 'JSC_FLEET_PRETEND_WP_VERSION' ) ) {
	$GLOBALS['wp_version'] = JSC_FLEET_PRETEND_WP_VERSION; // phpcs:ignore WordPress.WP.GlobalVariablesOverride.Prohibited
}
