<?php
/**
 * The wp-config.php of the fleet test WordPress (tests/env/fleet.sh copies it into .cache/wp-fleet):
 * one docroot and one PHP server on 127.0.0.1:8893 serving several sites, chosen by host name,
 * the way a host serves many sites from one codebase.
 *
 *   127.0.0.1:8893                  subdirectory network, companion and Jetpack network-activated
 *   net.jsc.test:8893, *.net.…      subdomain network, companion and Jetpack activated per site
 *   cli.jsc.test:8893               single site (WP-CLI tests)
 *   mu.jsc.test:8893                single site, companion as a must-use plugin (wp-content-mu)
 *   zip.jsc.test:8893               fresh single site without the companion (the zip is uploaded)
 *
 * The *.jsc.test names resolve to 127.0.0.1 without /etc/hosts: curl's resolve option in PHP
 * (mu-plugins/jsc-fleet.php), --host-resolver-rules in Chromium.
 *
 * @package jetpack-start-companion-tests
 */

$jsc_host = strtolower( (string) ( $_SERVER['HTTP_HOST'] ?? '' ) );
$jsc_port = ':8893';
if ( '127.0.0.1' . $jsc_port === $jsc_host ) {
	$jsc_site = array( 'jsc_fleet_dir', 'wp-content', '127.0.0.1' . $jsc_port, false );
} elseif ( 'net.jsc.test' . $jsc_port === $jsc_host || 1 === preg_match( '/^[a-z0-9-]+\.net\.jsc\.test:8893$/', $jsc_host ) ) {
	$jsc_site = array( 'jsc_fleet_sub', 'wp-content', 'net.jsc.test' . $jsc_port, true );
} elseif ( 'cli.jsc.test' . $jsc_port === $jsc_host ) {
	$jsc_site = array( 'jsc_fleet_cli', 'wp-content', null, null );
} elseif ( 'mu.jsc.test' . $jsc_port === $jsc_host ) {
	$jsc_site = array( 'jsc_fleet_mu', 'wp-content-mu', null, null );
} elseif ( 'zip.jsc.test' . $jsc_port === $jsc_host ) {
	$jsc_site = array( 'jsc_fleet_zip', 'wp-content-zip', null, null );
} else {
	header( 'HTTP/1.1 404 Not Found' );
	exit( "No fleet site answers to this host name (WP-CLI: pass --url).\n" );
}
[ $jsc_db, $jsc_content, $jsc_network_domain, $jsc_subdomains ] = $jsc_site;

define( 'DB_NAME', $jsc_db );
define( 'DB_USER', 'jsc' );
define( 'DB_PASSWORD', 'jsc' );
define( 'DB_HOST', '127.0.0.1:3307' );
define( 'DB_CHARSET', 'utf8mb4' );
define( 'DB_COLLATE', '' );
require __DIR__ . '/../wp-salts.php';
$table_prefix = 'wp_';

define( 'WP_CONTENT_DIR', __DIR__ . '/' . $jsc_content );
define( 'WP_CONTENT_URL', 'http://' . $jsc_host . '/' . $jsc_content );

if ( null !== $jsc_network_domain ) {
	define( 'WP_ALLOW_MULTISITE', true );
	// Not while tests/env/fleet/setup.php creates the network tables.
	if ( ! getenv( 'JSC_FLEET_INSTALLING' ) ) {
		define( 'MULTISITE', true );
		define( 'SUBDOMAIN_INSTALL', $jsc_subdomains );
		define( 'DOMAIN_CURRENT_SITE', $jsc_network_domain );
		define( 'PATH_CURRENT_SITE', '/' );
		define( 'SITE_ID_CURRENT_SITE', 1 );
		define( 'BLOG_ID_CURRENT_SITE', 1 );
	}
}

define( 'WP_DEBUG', true );
define( 'WP_DEBUG_LOG', dirname( __DIR__ ) . '/wp-fleet-debug.log' );
define( 'WP_DEBUG_DISPLAY', false );
define( 'DISABLE_WP_CRON', true );
define( 'AUTOMATIC_UPDATER_DISABLED', true );
define( 'WP_AUTO_UPDATE_CORE', false );
define( 'WP_HTTP_BLOCK_EXTERNAL', true );
define( 'WP_ACCESSIBLE_HOSTS', '127.0.0.1,localhost,*.jsc.test' );
define( 'FS_METHOD', 'direct' );
// Jetpack's connection package talks to WordPress.com there: the simulator of tests/services.sh.
define( 'JETPACK__API_BASE', 'http://127.0.0.1:8791/jetpack.' );
define( 'JETPACK__WPCOM_JSON_API_BASE', 'http://127.0.0.1:8791' );

// The host's settings, shared by every site; each site's key comes from the map the host writes.
define( 'JETPACK_START_COMPANION_SERVICE_URL', 'http://127.0.0.1:8790' );
define( 'JETPACK_START_COMPANION_SITE_KEYS', dirname( __DIR__ ) . '/wp-fleet-site-keys.php' );
define( 'JETPACK_START_COMPANION_ALLOW_HTTP_LOOPBACK', true );
define( 'JETPACK_START_COMPANION_PLAN', 'jetpack-backup-daily' );
define( 'JETPACK_START_COMPANION_HOST_NAME', 'Example Hosting' );
define( 'JETPACK_STAND_IN_CONTROL_SECRET', 'stand-in-control-secret-for-tests' );
if ( is_file( dirname( __DIR__ ) . '/wp-fleet-extra.php' ) ) {
	require dirname( __DIR__ ) . '/wp-fleet-extra.php'; // Written by a test for one run (e.g. a consent constant).
}

if ( ! defined( 'ABSPATH' ) ) {
	define( 'ABSPATH', __DIR__ . '/' );
}
require_once ABSPATH . 'wp-settings.php';
