<?php
/**
 * Router of the fleet test server (`php -S 127.0.0.1:8893 … router.php`): what a subdirectory
 * network's rewrite rules do (/shop/wp-admin/… and /shop/wp-includes/… are the network's own
 * files), then the shared router of tests/env.
 *
 * @package jetpack-start-companion-tests
 */

declare( strict_types=1 );

$jsc_docroot = (string) $_SERVER['DOCUMENT_ROOT'];
$jsc_path    = rawurldecode( (string) parse_url( (string) $_SERVER['REQUEST_URI'], PHP_URL_PATH ) );

if ( ! file_exists( $jsc_docroot . $jsc_path ) && 1 === preg_match( '#^/[_0-9a-zA-Z-]+(/(?:wp-(?:content|admin|includes)(?:/.*)?|[^/]+\.php))$#', $jsc_path, $jsc_match ) ) {
	$jsc_real = $jsc_match[1];
	if ( is_dir( $jsc_docroot . $jsc_real ) ) {
		$jsc_real = rtrim( $jsc_real, '/' ) . '/index.php';
	}
	$jsc_file = $jsc_docroot . $jsc_real;
	if ( is_file( $jsc_file ) && str_ends_with( $jsc_file, '.php' ) ) {
		$_SERVER['SCRIPT_NAME']     = $jsc_real;
		$_SERVER['PHP_SELF']        = $jsc_real;
		$_SERVER['SCRIPT_FILENAME'] = $jsc_file;
		chdir( dirname( $jsc_file ) );
		require $jsc_file;
		return true;
	}
	if ( is_file( $jsc_file ) ) {
		$jsc_types = array(
			'css'   => 'text/css',
			'js'    => 'text/javascript',
			'svg'   => 'image/svg+xml',
			'png'   => 'image/png',
			'gif'   => 'image/gif',
			'woff2' => 'font/woff2',
			'woff'  => 'font/woff',
			'ttf'   => 'font/ttf',
			'json'  => 'application/json',
		);
		header( 'Content-Type: ' . ( $jsc_types[ strtolower( pathinfo( $jsc_file, PATHINFO_EXTENSION ) ) ] ?? 'application/octet-stream' ) );
		readfile( $jsc_file );
		return true;
	}
}

return require dirname( __DIR__ ) . '/router.php';
