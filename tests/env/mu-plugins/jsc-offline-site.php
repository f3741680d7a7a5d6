<?php
/**
 * Plugin Name: JSC offline site
 * Description: Settings shared by the test WordPress (tests/env) and the `npm start` demo (WordPress Playground): sites on 127.0.0.1 without internet. Not part of the plugin.
 *
 * @package jetpack-start-companion-tests
 */

declare( strict_types=1 );

defined( 'ABSPATH' ) || exit;

// The site lives on http://127.0.0.1:<port>, which real Jetpack counts as a local development
// site (and would then put in Offline Mode). A host's real site on a public host name would not
// be, so these sites say "not local"; tests switch offline mode on explicitly instead.
add_filter( 'jetpack_is_local_site', '__return_false' );

// No update checks: there is no internet, and each failed check slows an admin page down and
// writes a warning to the debug log.
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

// The WordPress.org APIs cannot be reached either: answer them locally, without a warning.
add_filter(
	'translations_api',
	static function () {
		return array( 'translations' => array() );
	}
);
foreach ( array( 'plugins_api', 'themes_api' ) as $jsc_api ) {
	add_filter(
		$jsc_api,
		static function () {
			return new WP_Error( 'jsc_test_env_offline', 'WordPress.org cannot be reached from this site.' );
		}
	);
}
unset( $jsc_api );

// No mail leaves the test machine.
add_filter( 'pre_wp_mail', '__return_false' );

// Emoji images come from a CDN these sites cannot reach; without this, "↗" in external links
// renders as a broken image. wp-admin adds its emoji hooks after must-use plugins load.
add_action(
	'admin_init',
	static function (): void {
		remove_action( 'admin_print_scripts', 'print_emoji_detection_script' );
		remove_action( 'admin_enqueue_scripts', 'wp_enqueue_emoji_styles' );
		// Core keeps this deprecated printer hooked until wp_enqueue_emoji_styles() unhooks it.
		remove_action( 'admin_print_styles', 'print_emoji_styles' );
	}
);

// Avatars come from Gravatar, which the test machine cannot reach either.
add_filter( 'pre_option_show_avatars', '__return_zero' );

// WordPress.com is the simulator here: its authorize page is served on this machine
// (tests/services.sh: port 8791; `npm start` defines JSC_SIMULATOR_URL).
add_filter(
	'jetpack_start_companion_authorize_origins',
	static function ( array $origins ): array {
		$origins[] = defined( 'JSC_SIMULATOR_URL' ) ? (string) JSC_SIMULATOR_URL : 'http://127.0.0.1:8791';
		return $origins;
	}
);
