<?php
/**
 * Router for PHP's built-in web server (`php -S ... router.php`): serves existing files as
 * they are and sends every other path to WordPress's index.php, like the usual rewrite rules,
 * so pretty permalinks and /wp-json/ work.
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
