<?php
/**
 * Plugin Name:       Jetpack Start Companion
 * Description:       Gives this site the Jetpack plan included with your hosting: checks Jetpack, asks your host for the plan and walks you through the one step WordPress.com may still need.
 * Version:           0.1.0
 * Requires at least: 6.6
 * Requires PHP:      8.1
 * Author:            Jetpack Start Companion contributors
 * License:           GPL-2.0-or-later
 * Text Domain:       jetpack-start-companion
 * Domain Path:       /languages
 * Update URI:        jetpack-start-companion
 *
 * Update URI: not a WordPress.org address, so WordPress.org never offers an "update" from a
 * same-named plugin in its directory. Hosts ship new versions themselves (or answer the filter
 * `update_plugins_jetpack-start-companion`, see docs/hooks.md).
 *
 * This file must parse and run on any PHP WordPress runs on (7.2+): on an older PHP or WordPress
 * it shows an admin notice and loads nothing else, instead of a fatal error on every page.
 *
 * @package JetpackStartCompanion
 */

declare( strict_types=1 );

defined( 'ABSPATH' ) || exit;

define( 'JETPACK_START_COMPANION_VERSION', '0.1.0' );
define( 'JETPACK_START_COMPANION_FILE', __FILE__ );
define( 'JETPACK_START_COMPANION_DIR', __DIR__ );
define( 'JETPACK_START_COMPANION_MIN_PHP', '8.1' );
define( 'JETPACK_START_COMPANION_MIN_WP', '6.6' );
// Version of what the plugin stores, and the option each site keeps it in (Lifecycle\Schema).
define( 'JETPACK_START_COMPANION_SCHEMA_VERSION', 2 );
define( 'JETPACK_START_COMPANION_SCHEMA_OPTION', 'jetpack_start_companion_schema' );

/**
 * What this site lacks to run the plugin, in words for the person who can fix it; empty when nothing.
 *
 * @param string $php_version PHP version of this site.
 * @param string $wp_version  WordPress version of this site.
 * @return string[]
 */
function jetpack_start_companion_unmet_requirements( $php_version, $wp_version ) {
	$unmet = array();
	if ( version_compare( $php_version, JETPACK_START_COMPANION_MIN_PHP, '<' ) ) {
		/* translators: 1: required PHP version, 2: this site's PHP version. */
		$unmet[] = sprintf( __( 'PHP %1$s or newer (this site runs PHP %2$s)', 'jetpack-start-companion' ), JETPACK_START_COMPANION_MIN_PHP, $php_version );
	}
	// "6.6-RC1" and "6.6-alpha-12345" count as 6.6: their features are in.
	if ( version_compare( (string) preg_replace( '/-.*$/', '', $wp_version ), JETPACK_START_COMPANION_MIN_WP, '<' ) ) {
		/* translators: 1: required WordPress version, 2: this site's WordPress version. */
		$unmet[] = sprintf( __( 'WordPress %1$s or newer (this site runs WordPress %2$s)', 'jetpack-start-companion' ), JETPACK_START_COMPANION_MIN_WP, $wp_version );
	}
	return $unmet;
}

/**
 * Loads the translations from languages/ beside this file, wherever it is: plugins/ or
 * mu-plugins/. Here rather than in Plugin because the requirements notice needs it too.
 */
function jetpack_start_companion_load_textdomain(): void {
	$mu_plugins = wp_normalize_path( WPMU_PLUGIN_DIR ) . '/';
	$file       = wp_normalize_path( __FILE__ );
	if ( 0 === strpos( $file, $mu_plugins ) ) {
		load_muplugin_textdomain( 'jetpack-start-companion', dirname( substr( $file, strlen( $mu_plugins ) ) ) . '/languages' );
	} else {
		load_plugin_textdomain( 'jetpack-start-companion', false, dirname( plugin_basename( __FILE__ ) ) . '/languages' );
	}
}

if ( array() !== jetpack_start_companion_unmet_requirements( PHP_VERSION, (string) $GLOBALS['wp_version'] ) ) {
	$jetpack_start_companion_notice = static function () {
		if ( ! current_user_can( 'activate_plugins' ) ) {
			return;
		}
		jetpack_start_companion_load_textdomain();
		$unmet = jetpack_start_companion_unmet_requirements( PHP_VERSION, (string) $GLOBALS['wp_version'] );
		/* translators: joins two requirements: "PHP 8.1 or newer (…) and WordPress 6.6 or newer (…)". */
		$and = __( ' and ', 'jetpack-start-companion' );
		/* translators: %s: what is missing, e.g. "PHP 8.1 or newer (this site runs PHP 7.4.33)". */
		$message = __( 'Jetpack Start Companion is turned off: it needs %s. Ask your hosting provider to update the site.', 'jetpack-start-companion' );
		printf( '<div class="notice notice-error"><p>%s</p></div>', esc_html( sprintf( $message, implode( $and, $unmet ) ) ) );
	};
	add_action( 'admin_notices', $jetpack_start_companion_notice );
	add_action( 'network_admin_notices', $jetpack_start_companion_notice );
	unset( $jetpack_start_companion_notice );
	return;
}

require_once __DIR__ . '/includes/autoload.php';

// Every hook of the plugin is registered there.
JetpackStartCompanion\Plugin::register();
