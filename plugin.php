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
 *
 * @package JetpackStartCompanion
 */

declare( strict_types=1 );

defined( 'ABSPATH' ) || exit;

define( 'JETPACK_START_COMPANION_VERSION', '0.1.0' );
define( 'JETPACK_START_COMPANION_FILE', __FILE__ );
define( 'JETPACK_START_COMPANION_DIR', __DIR__ );

require_once __DIR__ . '/includes/autoload.php';

add_action( 'plugins_loaded', array( JetpackStartCompanion\Plugin::class, 'boot' ) );
