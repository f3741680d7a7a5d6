<?php
/**
 * Plugin Name: JSC test switches
 * Description: Test-only request headers of the test WordPress (tests/env), used by the browser, reliability and benchmark suites. Not part of the plugin.
 *
 *   X-JSC-Service-URL: http://127.0.0.1:<port>/<path>   this request talks to that host service
 *                       (loopback only), e.g. the misbehaving one of tests/phpunit/fixtures/odd-service.php
 *   X-JSC-Timeout: <seconds>                             the plugin's timeout for this request
 *                       (both are passed on to the loopback request that runs a plan request)
 *   X-JSC-Probe: 1                                       an HTML comment after the page lists the
 *                       plugin's PHP files PHP loaded, the number of database queries, and the
 *                       request's CPU time from must-use plugins to shutdown (getrusage: what
 *                       the plugin adds, little swayed by other processes) and its wall time
 *
 * @package jetpack-start-companion-tests
 */

declare( strict_types=1 );

defined( 'ABSPATH' ) || exit;

// phpcs:disable WordPress.Security.ValidatedSanitizedInput -- test-only switches, each checked against a strict pattern.
$jsc_service = isset( $_SERVER['HTTP_X_JSC_SERVICE_URL'] ) ? (string) $_SERVER['HTTP_X_JSC_SERVICE_URL'] : '';
if ( 1 === preg_match( '#^http://127\.0\.0\.1:[0-9]{2,5}(/[A-Za-z0-9/_=-]*)?$#', $jsc_service ) ) {
	add_filter( 'jetpack_start_companion_service_url', static fn (): string => $jsc_service, 100 );
}
$jsc_timeout = isset( $_SERVER['HTTP_X_JSC_TIMEOUT'] ) ? (string) $_SERVER['HTTP_X_JSC_TIMEOUT'] : '';
if ( 1 === preg_match( '/^[0-9]{1,3}$/', $jsc_timeout ) ) {
	add_filter( 'jetpack_start_companion_timeout', static fn (): int => (int) $jsc_timeout, 100 );
}
if ( isset( $_SERVER['HTTP_X_JSC_PROBE'] ) ) {
	$jsc_started = getrusage();
	add_action(
		'shutdown',
		static function () use ( $jsc_started ): void {
			global $wpdb;
			$root  = wp_normalize_path( WP_PLUGIN_DIR . '/jetpack-start-companion/' );
			$real  = wp_normalize_path( (string) realpath( $root ) ) . '/';
			$files = array();
			foreach ( get_included_files() as $file ) {
				$file = wp_normalize_path( $file );
				$own  = str_starts_with( $file, $root ) ? substr( $file, strlen( $root ) ) : ( str_starts_with( $file, $real ) ? substr( $file, strlen( $real ) ) : null );
				// In the test site the plugin folder is the repository, which also holds the docroot.
				if ( null !== $own && 1 === preg_match( '#^(plugin\.php|uninstall\.php|includes/|build/|languages/)#', $own ) ) {
					$files[] = $own;
				}
			}
			$cpu   = static fn ( array $ru ): float => $ru['ru_utime.tv_sec'] * 1000 + $ru['ru_utime.tv_usec'] / 1000 + $ru['ru_stime.tv_sec'] * 1000 + $ru['ru_stime.tv_usec'] / 1000;
			$probe = array(
				'plugin_files' => $files,
				'queries'      => (int) $wpdb->num_queries,
				'cpu_ms'       => round( $cpu( getrusage() ) - $cpu( $jsc_started ), 3 ),
				'wall_ms'      => round( ( microtime( true ) - (float) $_SERVER['REQUEST_TIME_FLOAT'] ) * 1000, 3 ),
			);
			printf( "\n<!-- jsc-probe %s -->\n", wp_json_encode( $probe ) );
		},
		PHP_INT_MAX
	);
}
// A plan request runs in the site's own loopback request (Provisioning\AttemptRunner): it gets
// this request's switches too, as it would run under the same configuration on a real site.
$jsc_switches = array_filter(
	array(
		'X-JSC-Service-URL' => isset( $_SERVER['HTTP_X_JSC_SERVICE_URL'] ) ? (string) $_SERVER['HTTP_X_JSC_SERVICE_URL'] : '',
		'X-JSC-Timeout'     => $jsc_timeout,
	)
);
if ( array() !== $jsc_switches ) {
	add_filter(
		'jetpack_start_companion_runner_request',
		static function ( $args ) use ( $jsc_switches ) {
			$args['headers'] = $jsc_switches + (array) ( $args['headers'] ?? array() );
			return $args;
		}
	);
}
unset( $jsc_service, $jsc_timeout, $jsc_started, $jsc_switches );
// phpcs:enable
