<?php
/**
 * Router for PHP's built-in web server (`php -S ... router.php`): serves existing files as
 * they are and sends every other path to WordPress's index.php, like the usual rewrite rules,
 * so pretty permalinks and /wp-json/ work. Tests can make it hostile at run time (xmlrpc.php
 * blocked or dropped, Jetpack's alternate endpoint blocked, an http → https redirect): see
 * web-server-switches.php.
 *
 * @package jetpack-start-companion-tests
 */

declare( strict_types=1 );

$jsc_docroot = (string) $_SERVER['DOCUMENT_ROOT'];
$jsc_path    = rawurldecode( (string) parse_url( (string) $_SERVER['REQUEST_URI'], PHP_URL_PATH ) );

// Never serve the generated config or dot-files.
if ( preg_match( '#(^|/)(wp-config\.php|jsc-config\.php|\.[^/]*)$#', $jsc_path ) && '/' !== $jsc_path ) {
	http_response_code( 404 );
	return true;
}

require __DIR__ . '/web-server-switches.php';
$jsc_switches = jsc_web_server_switches( false, $jsc_docroot );
// The owner's browser reaches the site over https (X-JSC-Via-Https, sent by the e2e tests, stands
// for a TLS front end): only plain-http callers (WordPress.com, the loopback checks) are redirected.
if ( ! empty( $jsc_switches['https_redirect'] ) && empty( $_SERVER['HTTP_X_JSC_VIA_HTTPS'] ) ) {
	header( 'Location: https://' . $_SERVER['HTTP_HOST'] . $_SERVER['REQUEST_URI'], true, 301 );
	return true;
}
// A reverse proxy in front of a back end on another port that does not send X-Forwarded-Port
// (or drops the caller's): PHP sees the back end's port, the Host header stays the public one.
if ( isset( $jsc_switches['server_port'] ) && ctype_digit( (string) $jsc_switches['server_port'] ) ) {
	$_SERVER['SERVER_PORT'] = (string) $jsc_switches['server_port'];
	unset( $_SERVER['HTTP_X_FORWARDED_PORT'] );
}
if ( isset( $jsc_switches['xmlrpc'] ) && '/xmlrpc.php' === $jsc_path ) {
	jsc_web_server_block( (string) $jsc_switches['xmlrpc'] );
}
// phpcs:ignore WordPress.Security.NonceVerification.Recommended -- routing only.
if ( isset( $jsc_switches['comms'], $_GET['for'], $_GET['jetpack'] ) && 'jetpack' === $_GET['for'] && 'comms' === $_GET['jetpack'] ) {
	jsc_web_server_block( (string) $jsc_switches['comms'] );
}

// phpcs:ignore WordPress.Security.NonceVerification.Recommended -- routing only.
if ( isset( $jsc_switches['rest'] ) && ( str_starts_with( $jsc_path, '/wp-json/' ) || isset( $_GET['rest_route'] ) ) ) {
	jsc_web_server_block( (string) $jsc_switches['rest'] );
}

$jsc_file = $jsc_docroot . $jsc_path;
if ( '/' !== $jsc_path && ( is_file( $jsc_file ) || ( is_dir( $jsc_file ) && is_file( rtrim( $jsc_file, '/' ) . '/index.php' ) ) ) ) {
	return false; // Let the built-in server serve the file or run the script.
}
if ( '/' !== $jsc_path && is_dir( $jsc_file ) ) {
	return false;
}

// Everything else: WordPress front controller.
$_SERVER['SCRIPT_NAME']     = '/index.php';
$_SERVER['SCRIPT_FILENAME'] = $jsc_docroot . '/index.php';
$_SERVER['PHP_SELF']        = '/index.php';
chdir( $jsc_docroot );
require $jsc_docroot . '/index.php';
