<?php
/**
 * Installs a fresh WordPress into the PHPUnit database, in its own process (as WordPress's own
 * test suite does): wp-settings.php cannot load a site that is not installed yet.
 *
 * @package JetpackStartCompanion
 */

declare( strict_types=1 );

define( 'WP_INSTALLING', true );
putenv( 'JSC_WP_DB=' . ( getenv( 'JSC_WP_DB' ) ?: 'jsc_phpunit' ) );
$_SERVER['HTTP_HOST'] = '127.0.0.1:8889';
require dirname( __DIR__, 2 ) . '/.cache/wp/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/upgrade.php';

global $wpdb;
foreach ( $wpdb->get_col( $wpdb->prepare( 'SHOW TABLES LIKE %s', $wpdb->esc_like( $wpdb->prefix ) . '%' ) ) as $table ) {
	$wpdb->query( "DROP TABLE IF EXISTS `{$table}`" ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared
}
wp_cache_flush();
wp_install( 'Companion Tests', 'admin', 'admin@example.test', true, '', 'password' );
update_option( 'siteurl', 'http://127.0.0.1:8889' );
update_option( 'home', 'http://127.0.0.1:8889' );
update_option( 'active_plugins', array( 'jetpack/jetpack.php', 'jetpack-start-companion/plugin.php' ) );
echo "Installed WordPress in {$wpdb->dbname}\n";
