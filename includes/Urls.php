<?php
/**
 * URL checks for addresses the host configured (the service URL). Links shown to the site owner
 * follow the stricter link rule in Links.
 *
 * @package JetpackStartCompanion
 */

declare( strict_types=1 );

namespace JetpackStartCompanion;

defined( 'ABSPATH' ) || exit;

final class Urls {

	/**
	 * The URL when it is an absolute http(s) URL with a host, else ''.
	 */
	public static function http_or_empty( string $url ): string {
		$url = trim( $url );
		if ( '' === $url || 1 !== preg_match( '#^https?://#i', $url ) ) {
			return '';
		}
		$host = wp_parse_url( $url, PHP_URL_HOST );
		return is_string( $host ) && '' !== $host ? $url : '';
	}

	/**
	 * A host on the developer's own machine: loopback, or Docker's name for the machine a
	 * container runs on (wp-env reaches a service started with `npm start` through it).
	 */
	public static function is_development_host( string $host ): bool {
		$host = strtolower( trim( $host, '[]' ) );
		return in_array( $host, array( 'localhost', '::1', 'host.docker.internal' ), true ) || 1 === preg_match( '/^127(\.\d{1,3}){3}$/', $host );
	}
}
