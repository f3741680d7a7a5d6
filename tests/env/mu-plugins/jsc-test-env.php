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

// The site lives on http://127.0.0.1:8889, which real Jetpack counts as a local development
// site (and would then put in Offline Mode). A real test site on a public host name would not
// be, so the environment says "not local"; tests switch offline mode on explicitly instead.
add_filter( 'jetpack_is_local_site', '__return_false' );

// No mail leaves the test machine.
add_filter( 'pre_wp_mail', '__return_false' );
