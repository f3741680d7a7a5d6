<?php
/**
 * URL rules shared by everything that turns a URL into a link or a request.
 *
 * @package JetpackStartCompanion
 */

declare( strict_types=1 );

namespace JetpackStartCompanion;

defined( 'ABSPATH' ) || exit;

final class Urls {

	/**
	 * The URL when it is an absolute http(s) URL with a host, else ''.
	 * Keeps javascript:, data: and relative URLs out of every link the panel renders.
	 */
	public static function http_or_empty( string $url ): string {
		$url = trim( $url );
		if ( '' === $url || 1 !== preg_match( '#^https?://#i', $url ) ) {
			return '';
		}
		$host = wp_parse_url( $url, PHP_URL_HOST );
		return is_string( $host ) && '' !== $host ? $url : '';
	}

	public static function is_loopback_host( string $host ): bool {
		$host = strtolower( trim( $host, '[]' ) );
		return 'localhost' === $host || '::1' === $host || 1 === preg_match( '/^127(\.\d{1,3}){3}$/', $host );
	}
}
