<?php
/**
 * Plugin Name: Jetpack
 * Plugin URI: https://jetpack.com
 * Description: TEST STAND-IN for Jetpack, used only by the Jetpack Start Companion test suite. It reproduces Jetpack's detection surface (constants, classes, connection options, REST status route, admin pages) and nothing else. Never install it on a real site.
 * Author: Jetpack Start Companion tests
 * Version: 14.5
 * Requires at least: 6.6
 * Requires PHP: 7.2
 * Text Domain: jetpack
 * License: GPL2+
 *
 * @package jetpack-stand-in
 */

declare( strict_types=1 );

defined( 'ABSPATH' ) || exit;

// Like the real plugin: the version constant comes first, before any check that may bail out.
define( 'JETPACK__VERSION', '14.5' );

// Test-only control route (not part of Jetpack). Loaded before the bail-early check so that
// tests can switch bail-early off again through the same route.
require_once __DIR__ . '/src/stand-in-control.php';

// Real Jetpack returns early (JETPACK__VERSION defined, class Jetpack absent) when it cannot
// load (old PHP/WP, missing autoloader...). The stand-in does it when this option is truthy.
if ( get_option( 'jetpack_stand_in_bail_early' ) ) {
	return;
}

define( 'JETPACK__PLUGIN_DIR', plugin_dir_path( __FILE__ ) );
define( 'JETPACK__PLUGIN_FILE', __FILE__ );

require_once __DIR__ . '/src/class-jetpack-options.php';
require_once __DIR__ . '/src/class-status.php';
require_once __DIR__ . '/src/connection/class-manager.php';
require_once __DIR__ . '/src/class-jetpack.php';
require_once __DIR__ . '/src/rest-connection.php';
require_once __DIR__ . '/src/admin-pages.php';
