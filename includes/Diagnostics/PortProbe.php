<?php
/**
 * The answer of GET …/diagnostics/signed-port: what Jetpack makes of a request that reached the
 * site through its public address, as WordPress.com's calls do: the scheme (is_ssl()), the
 * Host header, and the port Jetpack_Signature::get_current_request_port() will sign (from
 * X-Forwarded-Port, else SERVER_PORT, and the JETPACK_SIGNATURE__HTTP(S)_PORT constants).
 *
 * Only a request carrying a key this site made in the last minute gets it (SignedPort sends one):
 * the back end's port is nobody else's business.
 *
 * @package JetpackStartCompanion
 */

declare( strict_types=1 );

namespace JetpackStartCompanion\Diagnostics;

defined( 'ABSPATH' ) || exit;

final class PortProbe {

	public const ROUTE = '/diagnostics/signed-port';

	private const KEY_SECONDS = 60;

	/**
	 * A key for one probe: "<time>.<HMAC of it with this site's salt>".
	 */
	public static function key( ?int $now = null ): string {
		$now = $now ?? time();
		return $now . '.' . hash_hmac( 'sha256', 'jetpack-start-companion-port-probe|' . $now, wp_salt( 'nonce' ) );
	}

	/**
	 * The key was made by this site less than a minute ago.
	 *
	 * @param mixed $key The request's key.
	 */
	public static function valid( $key ): bool {
		if ( ! is_string( $key ) || 1 !== preg_match( '/^(\d{1,12})\.[0-9a-f]{64}$/', $key, $m ) ) {
			return false;
		}
		return abs( time() - (int) $m[1] ) <= self::KEY_SECONDS && hash_equals( self::key( (int) $m[1] ), $key );
	}

	/**
	 * What Jetpack sees of the current request.
	 *
	 * @return array{jetpack:bool,scheme:string,host:string,signed_port:string,server_port:string,forwarded_port:string}
	 */
	public static function answer(): array {
		// phpcs:disable WordPress.Security.ValidatedSanitizedInput -- reported as digits only, never used.
		$digits = static fn ( string $name ): string => isset( $_SERVER[ $name ] ) && ctype_digit( (string) $_SERVER[ $name ] ) ? (string) $_SERVER[ $name ] : '';
		$host   = isset( $_SERVER['HTTP_HOST'] ) ? (string) preg_replace( '/[^A-Za-z0-9.:\[\]-]/', '', (string) $_SERVER['HTTP_HOST'] ) : '';
		// phpcs:enable
		$jetpack = class_exists( 'Jetpack_Signature' );
		return array(
			'jetpack'        => $jetpack,
			'scheme'         => is_ssl() ? 'https' : 'http',
			'host'           => $host,
			'signed_port'    => $jetpack ? (string) ( new \Jetpack_Signature( 'probe.probe', 0 ) )->get_current_request_port() : '',
			'server_port'    => $digits( 'SERVER_PORT' ),
			'forwarded_port' => $digits( 'HTTP_X_FORWARDED_PORT' ),
		);
	}
}
