<?php
/**
 * Plugin Name: Jetpack
 * Plugin URI: https://jetpack.com
 * Description: TEST JETPACK for the Jetpack Start Companion test suite and demo. Its code is Jetpack's real connection, status and config packages (tests/jetpack/composer.json); this file adds only what the full Jetpack plugin adds on top of them that the companion reads: the Jetpack class, JETPACK__VERSION and the page=jetpack screen. Never install it on a real site.
 * Author: Jetpack Start Companion tests
 * Version: 14.5
 * Requires at least: 6.6
 * Requires PHP: 7.4
 * Text Domain: jetpack
 * License: GPL2+
 *
 * @package jetpack-test
 */

declare( strict_types=1 );

defined( 'ABSPATH' ) || exit;

// Like the real plugin: the version constant comes first, before any check that may bail out.
define( 'JETPACK__VERSION', '14.5' );
define( 'JETPACK__PLUGIN_DIR', plugin_dir_path( __FILE__ ) );
define( 'JETPACK__PLUGIN_FILE', __FILE__ );

// Real Jetpack loads its packages through the Jetpack autoloader, and returns early with an admin
// notice when it is missing (a broken upload): JETPACK__VERSION is then defined, the class Jetpack
// is not. Tests reach that state for real by taking vendor/ away from the installed copy.
$jetpack_autoloader = __DIR__ . '/vendor/autoload_packages.php';
if ( ! is_readable( $jetpack_autoloader ) ) {
	add_action(
		'admin_notices',
		static function (): void {
			echo '<div class="notice notice-error"><p>' . esc_html__( 'Your installation of Jetpack is incomplete.', 'jetpack' ) . '</p></div>';
		}
	);
	return;
}
require_once $jetpack_autoloader;
unset( $jetpack_autoloader );

require_once __DIR__ . '/src/class-jetpack.php';
require_once __DIR__ . '/src/admin-pages.php';

// The connection the way Jetpack configures it (Jetpack::configure(), on plugins_loaded at 1):
// Config then runs Connection\Manager::configure() on plugins_loaded at 2.
add_action(
	'plugins_loaded',
	static function (): void {
		( new Automattic\Jetpack\Config() )->ensure(
			'connection',
			array(
				'slug' => 'jetpack',
				'name' => 'Jetpack',
			)
		);
	},
	1
);
