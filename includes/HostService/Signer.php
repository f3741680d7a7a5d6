<?php
/**
 * Signs requests to the host service (docs/host-service-contract.md §2).
 *
 * Timestamp and nonce make every signature single-use; the site is part of the
 * signed string so a signature cannot be replayed against another site's key.
 *
 * @package JetpackStartCompanion
 */

declare( strict_types=1 );

namespace JetpackStartCompanion\HostService;

defined( 'ABSPATH' ) || exit;

final class Signer {

	public const ALGORITHM = 'JSC1-HMAC-SHA256';

	public function __construct( private string $site_key ) {}

	public static function string_to_sign( string $site, int $timestamp, string $nonce, string $method, string $path, string $body ): string {
		return implode(
			"\n",
			array( self::ALGORITHM, $site, (string) $timestamp, $nonce, strtoupper( $method ), $path, hash( 'sha256', $body ) )
		);
	}

	public function signature( string $site, int $timestamp, string $nonce, string $method, string $path, string $body ): string {
		return hash_hmac( 'sha256', self::string_to_sign( $site, $timestamp, $nonce, $method, $path, $body ), $this->site_key );
	}

	/**
	 * The four contract headers for one request, with a fresh nonce.
	 *
	 * @return array<string,string>
	 */
	public function headers( string $site, string $method, string $path, string $body, ?int $timestamp = null, ?string $nonce = null ): array {
		$timestamp ??= time();
		$nonce     ??= bin2hex( random_bytes( 16 ) );
		return array(
			'X-Jetpack-Start-Site'      => $site,
			'X-Jetpack-Start-Timestamp' => (string) $timestamp,
			'X-Jetpack-Start-Nonce'     => $nonce,
			'X-Jetpack-Start-Signature' => $this->signature( $site, $timestamp, $nonce, $method, $path, $body ),
		);
	}
}
