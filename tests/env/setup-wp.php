<?php
/**
 * Installs WordPress into the database chosen by JSC_WP_DB and sets it up for the tests.
 * Run by tests/env/wp.sh, never by hand:
 *
 *   JSC_WP_DB=jsc_e2e php tests/env/setup-wp.php install <docroot> <site url>
 *   JSC_WP_DB=jsc_e2e php tests/env/setup-wp.php activate <docroot> <site url> <plugin>...
 *   JSC_WP_DB=jsc_e2e php tests/env/setup-wp.php jetpack-state <docroot> <site url> '<json>'
 *       (the test Jetpack's connection state, see tests/env/jetpack-state.php)
 *
 * @package jetpack-start-companion-tests
 */

declare( strict_types=1 );

if ( PHP_SAPI !== 'cli' ) {
	exit( 1 );
}

[ , $jsc_action, $jsc_docroot, $jsc_url ] = array_pad( $argv, 4, '' );
$jsc_plugins                              = array_slice( $argv, 4 );
if ( ! in_array( $jsc_action, array( 'install', 'activate', 'jetpack-state' ), true ) || ! is_file( $jsc_docroot . '/wp-load.php' ) || '' === $jsc_url ) {
	fwrite( STDERR, "usage: setup-wp.php install|activate <docroot> <site url> [plugin...]\n" );
	exit( 2 );
}

$jsc_parts                  = parse_url( $jsc_url );
$_SERVER['HTTP_HOST']       = $jsc_parts['host'] . ( isset( $jsc_parts['port'] ) ? ':' . $jsc_parts['port'] : '' );
$_SERVER['SERVER_NAME']     = $jsc_parts['host'];
$_SERVER['SERVER_PORT']     = (string) ( $jsc_parts['port'] ?? 80 );
$_SERVER['REQUEST_URI']     = '/';
$_SERVER['REQUEST_METHOD']  = 'GET';
$_SERVER['SERVER_PROTOCOL'] = 'HTTP/1.1';
$_SERVER['REMOTE_ADDR']     = '127.0.0.1';

if ( 'install' === $jsc_action ) {
	define( 'WP_INSTALLING', true );
}
require $jsc_docroot . '/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/upgrade.php';
require_once ABSPATH . 'wp-admin/includes/plugin.php';
add_filter( 'pre_wp_mail', '__return_false' );

if ( 'install' === $jsc_action ) {
	if ( is_blog_installed() ) {
		echo 'WordPress already installed in ' . DB_NAME . "\n";
		exit( 0 );
	}
	$result = wp_install( 'JSC Test Site', 'admin', 'admin@example.test', true, '', 'password', 'en_US' );
	if ( empty( $result['user_id'] ) ) {
		fwrite( STDERR, "wp_install() failed\n" );
		exit( 1 );
	}
	update_option( 'siteurl', $jsc_url );
	update_option( 'home', $jsc_url );
	update_option( 'timezone_string', 'UTC' );
	update_option( 'admin_email_lifespan', time() + 10 * YEAR_IN_SECONDS );
	update_option( 'permalink_structure', '/%postname%/' );
	update_user_meta( (int) $result['user_id'], 'show_welcome_panel', 0 );
	// What wp-admin's own compression test finds on this server (1). Without it, the first admin
	// page after every reset of the fresh install runs the test again: 2–3 more PHP requests.
	update_option( 'can_compress_scripts', 1, true );

	foreach ( array(
		'editor1' => 'editor',
		'author1' => 'author',
	) as $login => $role ) {
		if ( get_user_by( 'login', $login ) ) {
			continue;
		}
		$id = wp_insert_user(
			array(
				'user_login' => $login,
				'user_pass'  => 'password',
				'user_email' => $login . '@example.test',
				'role'       => $role,
			)
		);
		if ( is_wp_error( $id ) ) {
			fwrite( STDERR, "could not create $login: " . $id->get_error_message() . "\n" );
			exit( 1 );
		}
	}
	$theme = wp_get_theme( 'twentytwentyfive' );
	if ( ! $theme->exists() ) {
		fwrite( STDERR, "theme twentytwentyfive is missing\n" );
		exit( 1 );
	}
	switch_theme( 'twentytwentyfive' );
	echo 'WordPress ' . get_bloginfo( 'version' ) . ' installed in ' . DB_NAME . "\n";
	exit( 0 );
}

if ( 'jetpack-state' === $jsc_action ) {
	require_once __DIR__ . '/jetpack-state.php';
	$jsc_state = json_decode( (string) ( $jsc_plugins[0] ?? '' ), true );
	$jsc_error = is_array( $jsc_state ) ? jsc_jetpack_state_apply( $jsc_state ) : 'Pass the state as a JSON object.';
	if ( null !== $jsc_error ) {
		fwrite( STDERR, $jsc_error . "\n" );
		exit( 1 );
	}
	exit( 0 );
}

// activate: as the administrator, so activation hooks see a real admin context.
wp_set_current_user( 1 );
$jsc_failed = 0;
foreach ( $jsc_plugins as $jsc_plugin ) {
	if ( is_plugin_active( $jsc_plugin ) ) {
		continue;
	}
	$jsc_result = activate_plugin( $jsc_plugin, '', false, true );
	if ( is_wp_error( $jsc_result ) ) {
		fwrite( STDERR, "could not activate $jsc_plugin: " . $jsc_result->get_error_message() . "\n" );
		$jsc_failed = 1;
		continue;
	}
	echo "activated $jsc_plugin in " . DB_NAME . "\n";
}
flush_rewrite_rules( false );
exit( $jsc_failed );
