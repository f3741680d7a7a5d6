<?php
/**
 * The one rule for every URL that becomes a link (docs/host-service-contract.md §7).
 *
 * PHP's parse_url() and a browser's WHATWG URL parser disagree on backslashes, user info,
 * tabs and newlines, percent-encoded dots, numeric hosts and more, so this rule trusts
 * neither: it accepts only URLs whose origin both read the same way, and compares that
 * origin exactly (scheme, host and port) with the origins allowed for the link.
 *
 * @package JetpackStartCompanion
 */

declare( strict_types=1 );

namespace JetpackStartCompanion;

defined( 'ABSPATH' ) || exit;

final class Links {

	/**
	 * Where WordPress.com's authorize page (case B) may be, unless filtered.
	 */
	public const DEFAULT_AUTHORIZE_ORIGINS = array( 'https://jetpack.wordpress.com', 'https://wordpress.com' );

	private const MAX_LENGTH = 2048;

	/**
	 * Rule 4: scheme, host (a DNS name whose last label starts with a letter, or dotted-decimal
	 * IPv4 without leading zeros), optional port, path and query. No user info, no IPv6.
	 */
	private const SHAPE = '~^(https?)://((?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)*[a-z](?:[a-z0-9-]*[a-z0-9])?|(?:(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])\.){3}(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9]))(?::([1-9][0-9]{0,4}))?(/[^?]*)?(\?.*)?$~i';

	/**
	 * The URL's origin ("scheme://host[:port]", lower-cased, default port dropped) when it
	 * passes rules 1 to 4 of §7, else null.
	 */
	public static function origin( string $url ): ?string {
		$length = strlen( $url );
		// Rules 1–3: printable ASCII only; nothing a browser re-encodes or reads as a separator;
		// well-formed percent escapes and no encoded dot.
		if ( $length < 1 || $length > self::MAX_LENGTH
			|| 1 === preg_match( '~[^\x21-\x7E]|[\\\\"<>`{}|^#]|%(?![0-9a-fA-F]{2})|%2e~i', $url )
			|| 1 !== preg_match( self::SHAPE, $url, $parts ) ) {
			return null;
		}
		$scheme = strtolower( $parts[1] );
		$port   = isset( $parts[3] ) && '' !== $parts[3] ? (int) $parts[3] : null;
		if ( null !== $port && $port > 65535 ) {
			return null;
		}
		foreach ( explode( '/', $parts[4] ?? '' ) as $segment ) {
			if ( '.' === $segment || '..' === $segment ) {
				return null;
			}
		}
		$default = 'https' === $scheme ? 443 : 80;
		return $scheme . '://' . strtolower( $parts[2] ) . ( null === $port || $default === $port ? '' : ':' . $port );
	}

	/**
	 * The URL passes §7 and its origin is exactly one of these.
	 *
	 * @param string   $url     The URL as received.
	 * @param string[] $origins Allowed origins.
	 */
	public static function is_allowed( string $url, array $origins ): bool {
		$origin = self::origin( $url );
		return null !== $origin && in_array( $origin, self::normalise( $origins ), true );
	}

	/**
	 * The URL when it is allowed, else ''.
	 *
	 * @param string   $url     The URL as received.
	 * @param string[] $origins Allowed origins.
	 */
	public static function allowed_or_empty( string $url, array $origins ): string {
		return self::is_allowed( $url, $origins ) ? $url : '';
	}

	/**
	 * The URL when it passes rules 1 to 4 (any origin), else ''. For URLs the host configured.
	 */
	public static function valid_or_empty( string $url ): string {
		return null === self::origin( $url ) ? '' : $url;
	}

	/**
	 * Origins WordPress.com's authorize page may be on (case B).
	 *
	 * @return string[]
	 */
	public static function authorize_origins(): array {
		$origins = self::DEFAULT_AUTHORIZE_ORIGINS;
		if ( has_filter( 'jetpack_start_companion_authorize_hosts' ) ) {
			/**
			 * Host names the authorize page may be on. Deprecated: each host now means exactly
			 * that host over https (no subdomains); use jetpack_start_companion_authorize_origins.
			 *
			 * @deprecated 0.2.0
			 * @param string[] $hosts Host names.
			 */
			$hosts   = apply_filters_deprecated( 'jetpack_start_companion_authorize_hosts', array( array( 'jetpack.wordpress.com', 'wordpress.com' ) ), '0.2.0', 'jetpack_start_companion_authorize_origins' );
			$origins = array_map( static fn ( $host ): string => 'https://' . ( is_string( $host ) ? $host : '' ), (array) $hosts );
		}
		/**
		 * Origins ("https://host[:port]") WordPress.com's authorize page may be on. Each is
		 * compared exactly: scheme, host and port, no subdomains.
		 *
		 * @since 0.2.0
		 * @param string[] $origins Default: https://jetpack.wordpress.com, https://wordpress.com.
		 */
		return self::normalise( (array) apply_filters( 'jetpack_start_companion_authorize_origins', $origins ) );
	}

	/**
	 * This site's own origins (site_url, home_url and admin_url): the only places a sign-on
	 * link (case A) or a link into wp-admin may lead.
	 *
	 * @return string[]
	 */
	public static function site_origins(): array {
		return self::normalise( array( site_url(), home_url(), admin_url() ) );
	}

	/**
	 * Valid origins only, in their canonical spelling, each once.
	 *
	 * @param mixed[] $origins Origins or URLs.
	 * @return string[]
	 */
	private static function normalise( array $origins ): array {
		$clean = array();
		foreach ( $origins as $origin ) {
			$canonical = is_string( $origin ) ? self::origin( $origin ) : null;
			if ( null !== $canonical ) {
				$clean[ $canonical ] = true;
			}
		}
		return array_keys( $clean );
	}
}
