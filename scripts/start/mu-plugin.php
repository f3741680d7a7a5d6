<?php
/**
 * Plugin Name: JSC npm start
 * Description: Settings of the `npm start` demo site (WordPress Playground). Not part of the plugin.
 *
 * @package jetpack-start-companion-start
 */

declare( strict_types=1 );

defined( 'ABSPATH' ) || exit;

// The demo site lives on http://127.0.0.1:<port>, which Jetpack (and the stand-in) count as a
// local development site and would put in Offline Mode. A host's real site would not be local.
add_filter( 'jetpack_is_local_site', '__return_false' );

// No update checks against WordPress.org: the default setup has no internet, and each failed
// check slows an admin page down.
foreach (
	array(
		'admin_init'           => array( '_maybe_update_core', '_maybe_update_plugins', '_maybe_update_themes' ),
		'wp_version_check'     => array( 'wp_version_check' ),
		'wp_update_plugins'    => array( 'wp_update_plugins' ),
		'wp_update_themes'     => array( 'wp_update_themes' ),
		'load-plugins.php'     => array( 'wp_update_plugins' ),
		'load-themes.php'      => array( 'wp_update_themes' ),
		'load-update.php'      => array( 'wp_update_plugins', 'wp_update_themes' ),
		'load-update-core.php' => array( 'wp_update_plugins', 'wp_update_themes' ),
		'wp_maybe_auto_update' => array( 'wp_maybe_auto_update' ),
		'init'                 => array( 'wp_schedule_update_checks' ),
	) as $jsc_hook => $jsc_callbacks
) {
	foreach ( $jsc_callbacks as $jsc_callback ) {
		remove_action( $jsc_hook, $jsc_callback );
	}
}
unset( $jsc_hook, $jsc_callbacks, $jsc_callback );

// Emoji images come from a CDN.
remove_action( 'admin_print_scripts', 'print_emoji_detection_script' );
remove_action( 'admin_print_styles', 'print_emoji_styles' );
