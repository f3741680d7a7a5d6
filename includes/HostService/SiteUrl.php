<?php
/**
 * The canonical site URL of the host service contract (docs/host-service-contract.md §1).
 *
 * @package JetpackStartCompanion
 */

declare( strict_types=1 );

namespace JetpackStartCompanion\HostService;

defined( 'ABSPATH' ) || exit;

final class SiteUrl {

	/**
	 * A DNS name whose last label starts with a letter, dotted-decimal IPv4, or bracketed IPv6.
	 */
	private const HOST = '(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\\.)*[a-z](?:[a-z0-9-]*[a-z0-9])?|(?:(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])\\.){3}(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])|\\[[0-9a-f:.]+\\]';

	/**
	 * Canonical form: scheme and host lower-cased, default port dropped, trailing slashes removed.
	 *
	 * @return string|null Null when the URL cannot identify a site (not http(s), credentials, query, fragment).
	 */
	public static function canonical( string $url ): ?string {
		$url = trim( $url );
		// URL parsers disagree on international names, percent-encoding, dot segments and numeric
		// host spellings, so the contract refuses them instead of risking a different normal form.
		if ( 1 === preg_match( '#[^\x21-\x7E]|[%\\\\{}|^`"<>@]|/\.{1,2}(/|$)#', $url ) || 1 !== preg_match( '#^https?://(' . self::HOST . ')(:[1-9][0-9]{0,4})?(/|$)#i', $url ) ) {
			return null;
		}
		$parts = wp_parse_url( $url );
		if ( ! is_array( $parts ) || ! isset( $parts['scheme'], $parts['host'] ) ) {
			return null;
		}
		$scheme = strtolower( $parts['scheme'] );
		if ( ! in_array( $scheme, array( 'http', 'https' ), true ) || '' === $parts['host'] ) {
			return null;
		}
		if ( isset( $parts['user'] ) || isset( $parts['pass'] ) || isset( $parts['query'] ) || isset( $parts['fragment'] ) ) {
			return null;
		}
		$default_port = 'https' === $scheme ? 443 : 80;
		$port         = isset( $parts['port'] ) && (int) $parts['port'] !== $default_port ? ':' . (int) $parts['port'] : '';
		$path         = rtrim( $parts['path'] ?? '', '/' );
		return $scheme . '://' . strtolower( $parts['host'] ) . $port . $path;
	}
}
