<?php
/**
 * The test web server's run-time switches: how hostile it is, which host name the site answers
 * under, which database it serves. Read by tests/env/router.php (every request), the generated
 * wp-config.php and the test-environment mu-plugin; written by tests (TestCase::web_server(),
 * the e2e fixture's site.webServer()) or by `tests/env/wp.sh web-server '<json>'`.
 *
 * The switches live in one JSON file beside the docroot (.cache/web-server.json, never served):
 *
 *   {"xmlrpc": "403" | "drop"}     /xmlrpc.php answers 403, or the connection is dropped
 *                                  (closed with no reply, as a firewall that resets it)
 *   {"comms": "403" | "drop"}      the same for Jetpack's alternate endpoint ?for=jetpack&jetpack=comms
 *   {"rest": "403" | "drop"}       the REST API (/wp-json/…, ?rest_route=…) blocked, as some security
 *                                  plugins and WAF rules do
 *   {"https_redirect": true}       every http:// request gets a 301 to the same URL on https://
 *                                  (not those with X-JSC-Via-Https: the owner's browser on https)
 *   {"clock_offset": 400}          the host service's signed ping signs at this server's clock + 400 s
 *   {"server_port": "8080"}        PHP sees SERVER_PORT 8080 and no X-Forwarded-Port, the Host header
 *                                  unchanged: a reverse proxy on the public port in front of a back
 *                                  end on 8080 that does not say which port it was called on
 *   {"site_host": "NAME"}          WordPress's siteurl and home use host NAME (e.g. a .invalid
 *                                  name, which never resolves): a domain whose DNS is not there yet
 *   {"jetpack_local_site": true}   Jetpack's own local-site rule applies: on 127.0.0.1 it is offline
 *   {"database": "jsc_phpunit"}    the server serves this database instead of jsc_e2e (PHPUnit
 *                                  tests whose flows need WordPress.com to call the site back)
 *
 * No file, or an empty object, is the well-behaved server.
 *
 * @package jetpack-start-companion-tests
 */

declare( strict_types=1 );

if ( ! function_exists( 'jsc_web_server_switches' ) ) {
	/**
	 * Path of the switch file for a docroot (default: the docroot of this test environment).
	 *
	 * @param string|null $docroot WordPress docroot (.cache/wp).
	 */
	function jsc_web_server_switch_file( ?string $docroot = null ): string {
		$docroot = $docroot ?? ( defined( 'ABSPATH' ) ? rtrim( ABSPATH, '/' ) : (string) ( $_SERVER['DOCUMENT_ROOT'] ?? '' ) );
		return dirname( $docroot ) . '/web-server.json';
	}

	/**
	 * The switches in force (read once per request; pass $fresh after changing the file in-process).
	 *
	 * @param bool        $fresh   Read the file again.
	 * @param string|null $docroot WordPress docroot.
	 * @return array<string,mixed>
	 */
	function jsc_web_server_switches( bool $fresh = false, ?string $docroot = null ): array {
		static $switches = null;
		if ( null === $switches || $fresh ) {
			$file     = jsc_web_server_switch_file( $docroot );
			$data     = is_file( $file ) ? json_decode( (string) file_get_contents( $file ), true ) : array();
			$switches = is_array( $data ) ? $data : array();
		}
		return $switches;
	}

	/**
	 * Closes the current request's connection without a reply, as a firewall dropping it would.
	 * php -S keeps the client socket to itself, so this finds it in /proc by the client's port
	 * and shuts it down through libc (the server runs with ffi.enable=1). The worker survives.
	 */
	function jsc_web_server_drop_connection(): void {
		$port   = (int) ( $_SERVER['REMOTE_PORT'] ?? 0 );
		$inodes = array();
		foreach ( array( '/proc/net/tcp', '/proc/net/tcp6' ) as $table ) {
			foreach ( array_slice( (array) @file( $table ), 1 ) as $line ) { // phpcs:ignore WordPress.PHP.NoSilencedErrors.Discouraged
				$fields = preg_split( '/\s+/', trim( (string) $line ) );
				if ( isset( $fields[9] ) && hexdec( substr( (string) strrchr( $fields[2], ':' ), 1 ) ) === $port ) {
					$inodes[] = $fields[9];
				}
			}
		}
		$libc = FFI::cdef( 'int shutdown(int sockfd, int how);', 'libc.so.6' );
		foreach ( (array) glob( '/proc/self/fd/*' ) as $fd ) {
			$target = (string) @readlink( (string) $fd ); // phpcs:ignore WordPress.PHP.NoSilencedErrors.Discouraged
			if ( preg_match( '/^socket:\[(\d+)\]$/', $target, $m ) && in_array( $m[1], $inodes, true ) ) {
				$libc->shutdown( (int) basename( (string) $fd ), 2 ); // SHUT_RDWR.
			}
		}
		exit( 0 );
	}

	/**
	 * Applies a block ("403" or "drop") to the current request.
	 *
	 * @param string $block The switch value.
	 */
	function jsc_web_server_block( string $block ): void {
		if ( 'drop' === $block ) {
			jsc_web_server_drop_connection();
		}
		http_response_code( 403 );
		header( 'Content-Type: text/html; charset=utf-8' );
		echo "<html><body><h1>403 Forbidden</h1><p>Blocked by the test web server (tests/env/web-server.json).</p></body></html>\n";
		exit( 0 );
	}
}
