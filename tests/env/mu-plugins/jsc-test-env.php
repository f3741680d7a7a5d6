<?php
/**
 * Plugin Name: JSC test environment
 * Description: Settings of the Jetpack Start Companion test environment (tests/env). Not part of the plugin under test.
 *
 * @package jetpack-start-companion-tests
 */

declare( strict_types=1 );

defined( 'ABSPATH' ) || exit;

// PHP's built-in server routes every path through tests/env/router.php: tell WordPress that
// URL rewriting works, so pretty permalinks and /wp-json/ are used.
add_filter( 'got_url_rewrite', '__return_true' );
