<?php
/**
 * Loads the real WordPress (MariaDB, the test Jetpack on Jetpack's real connection package, this
 * plugin) for PHPUnit.
 *
 * WordPress's own PHPUnit library is not available from the package registries here, so this
 * does the few things it does: a fresh install per run, and a transaction per test (TestCase).
 *
 * @package JetpackStartCompanion
 */

declare( strict_types=1 );

$root = dirname( __DIR__, 2 );
putenv( 'JSC_WP_DB=' . ( getenv( 'JSC_WP_DB' ) ?: 'jsc_phpunit' ) );
if ( ! is_file( $root . '/.cache/wp/wp-load.php' ) ) {
	fwrite( STDERR, "No WordPress in .cache/wp: run tests/env/wp.sh up first.\n" );
	exit( 1 );
}

passthru( escapeshellarg( PHP_BINARY ) . ' ' . escapeshellarg( __DIR__ . '/install.php' ), $code );
if ( 0 !== $code ) {
	exit( $code );
}

$_SERVER['HTTP_HOST']   = '127.0.0.1:8889';
$_SERVER['SERVER_NAME'] = '127.0.0.1';
define( 'WP_USE_THEMES', false );
require $root . '/.cache/wp/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/plugin.php';

// Plan requests run where a test says: by default as WP-Cron would (TestCase::run_queued_attempt()),
// since this process's transaction is not visible to a loopback request.
add_filter( 'jetpack_start_companion_runner', static fn (): string => 'cron' );

require_once $root . '/vendor/autoload.php';
require_once $root . '/tests/env/jetpack-state.php';
require_once __DIR__ . '/TestCase.php';
require_once __DIR__ . '/Simulator.php';
require_once __DIR__ . '/RealFlowTestCase.php';

// The misbehaving service runs on a real socket (tests/services.sh starts it; else for this run).
$odd_running = @fsockopen( '127.0.0.1', 8795 ); // phpcs:ignore WordPress.PHP.NoSilencedErrors.Discouraged
if ( false !== $odd_running ) {
	fclose( $odd_running );
	return;
}
$odd_service = proc_open(
	array( PHP_BINARY, '-d', 'ffi.enable=1', '-S', '127.0.0.1:8795', __DIR__ . '/fixtures/odd-service.php' ),
	array( array( 'file', '/dev/null', 'r' ), array( 'file', '/dev/null', 'w' ), array( 'file', '/dev/null', 'w' ) ),
	$odd_service_pipes
);
register_shutdown_function(
	static function () use ( $odd_service ): void {
		proc_terminate( $odd_service );
		proc_close( $odd_service );
	}
);
for ( $i = 0; $i < 50 && false === @fsockopen( '127.0.0.1', 8795 ); $i++ ) { // phpcs:ignore WordPress.PHP.NoSilencedErrors.Discouraged
	usleep( 100000 );
}
