<?php
/**
 * Drives the WordPress.com simulator over its control API, so tests choose what WordPress.com
 * answers and read exactly what reached it.
 *
 * @package JetpackStartCompanion
 */

declare( strict_types=1 );

namespace JetpackStartCompanion\Tests;

final class Simulator {

	public static function base(): string {
		return getenv( 'JSC_SIMULATOR_URL' ) ?: 'http://127.0.0.1:8791';
	}

	/**
	 * @param string              $scenario Simulator scenario, e.g. case_b.
	 * @param array<string,mixed> $options  Extra scenario options (shape, delay_ms, then).
	 */
	public static function scenario( string $scenario, array $options = array() ): void {
		self::call(
			'POST',
			'/__sim/scenarios',
			array(
				'site'     => site_url(),
				'scenario' => $scenario,
			) + $options
		);
	}

	public static function reset_calls(): void {
		self::call( 'DELETE', '/__sim/calls' );
	}

	public static function reset(): void {
		self::call( 'DELETE', '/__sim/scenarios' );
		self::call( 'DELETE', '/__sim/sites' );
		self::call( 'DELETE', '/__sim/calls' );
	}

	/**
	 * WordPress.com forgets (revokes) the blog token, and unless $blog_only the user tokens, it
	 * issued to this site: the site's copies go stale.
	 */
	public static function revoke( bool $blog_only = false ): void {
		self::call(
			'POST',
			'/__sim/revoke',
			array(
				'site'      => site_url(),
				'blog_only' => $blog_only,
			)
		);
	}

	/**
	 * Every call WordPress.com received.
	 *
	 * @return list<array<string,mixed>>
	 */
	public static function calls(): array {
		return array_values( self::call( 'GET', '/__sim/calls' ) );
	}

	/**
	 * Provision calls WordPress.com received.
	 *
	 * @return list<array<string,mixed>>
	 */
	public static function provision_calls(): array {
		return array_values( array_filter( self::calls(), static fn ( $call ) => str_contains( (string) ( $call['path'] ?? '' ), '/jpphp/provision' ) ) );
	}

	/**
	 * @param string              $method HTTP method.
	 * @param string              $path   Control API path.
	 * @param array<string,mixed> $body   JSON body.
	 * @return array<mixed>
	 * @throws \RuntimeException When the simulator is unreachable or refuses.
	 */
	private static function call( string $method, string $path, array $body = array() ): array {
		$args = array(
			'method'  => $method,
			'timeout' => 10,
		);
		if ( array() !== $body ) {
			$args['headers'] = array( 'Content-Type' => 'application/json' );
			$args['body']    = wp_json_encode( $body );
		}
		$response = wp_remote_request( self::base() . $path, $args );
		if ( is_wp_error( $response ) ) {
			throw new \RuntimeException( 'Simulator unreachable: ' . $response->get_error_message() );
		}
		$code = wp_remote_retrieve_response_code( $response );
		if ( $code >= 300 ) {
			throw new \RuntimeException( "Simulator answered {$code} to {$method} {$path}: " . wp_remote_retrieve_body( $response ) );
		}
		$data = json_decode( wp_remote_retrieve_body( $response ), true );
		return is_array( $data ) ? $data : array();
	}
}
