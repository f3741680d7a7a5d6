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

	/**
	 * The URL's host is one of these, or a subdomain of one.
	 *
	 * @param string   $url   An http(s) URL.
	 * @param string[] $hosts Allowed host names.
	 */
	public static function is_on_hosts( string $url, array $hosts ): bool {
		$host = strtolower( (string) wp_parse_url( $url, PHP_URL_HOST ) );
		foreach ( $hosts as $allowed ) {
			$allowed = strtolower( (string) $allowed );
			if ( '' !== $allowed && ( $host === $allowed || str_ends_with( $host, '.' . $allowed ) ) ) {
				return true;
			}
		}
		return false;
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
