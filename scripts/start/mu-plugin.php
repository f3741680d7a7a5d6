<?php
/**
 * Plugin Name: JSC npm start
 * Description: Settings of the `npm start` demo site (WordPress Playground). Not part of the plugin.
 *
 * @package jetpack-start-companion-start
 */

declare( strict_types=1 );

defined( 'ABSPATH' ) || exit;

// Playground's auto-login (blueprint "login": true) logs in every request that has no cookie and
// answers it with a 302 to the same URL. Its own REST check (REST_REQUEST) is not defined yet on
// `init`, so REST calls from other programs (the WordPress.com simulator verifying a
// registration at /?rest_route=/jetpack/v4/verify_registration) would be redirected in a loop, a
// POST turned into a GET. Leave REST and XML-RPC requests alone; browsers still are logged in on
// their first page.
add_action(
	'init',
	static function (): void {
		$uri = isset( $_SERVER['REQUEST_URI'] ) ? sanitize_text_field( wp_unslash( $_SERVER['REQUEST_URI'] ) ) : '';
		// phpcs:ignore WordPress.Security.NonceVerification.Recommended -- only routing, nothing is changed.
		if ( ( defined( 'XMLRPC_REQUEST' ) && XMLRPC_REQUEST ) || isset( $_GET['rest_route'] ) || 0 === strpos( (string) wp_parse_url( $uri, PHP_URL_PATH ), '/wp-json' ) ) {
			remove_action( 'init', 'playground_auto_login', 1 );
		}
	},
	0
);
