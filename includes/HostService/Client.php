<?php
/**
 * Asks the host's provision service for the plan, over the WordPress HTTP API.
 *
 * Bounded on every side: a timeout, no redirects (a redirect would carry the signed
 * request somewhere the host did not configure), and a cap on the answer's size.
 *
 * @package JetpackStartCompanion
 */

declare( strict_types=1 );

namespace JetpackStartCompanion\HostService;

use JetpackStartCompanion\Config;
use JetpackStartCompanion\Urls;

defined( 'ABSPATH' ) || exit;

final class Client {

	public const MAX_RESPONSE_BYTES = 65536;

	public function __construct( private Config $config ) {}

	/**
	 * @param array{siteurl:string,home_url:string,local_user:string,plan:?string} $request Body fields.
	 */
	public function provision( array $request, string $idempotency_key ): ProvisionAnswer|ServiceError {
		$endpoint = $this->endpoint( '/v1/provision' );
		if ( $endpoint instanceof ServiceError ) {
			return $endpoint;
		}
		$site = SiteUrl::canonical( $request['siteurl'] );
		if ( null === $site ) {
			return new ServiceError( 'site_url_invalid', 'This site\'s address cannot be used to ask for a plan.', 'site', false );
		}

		$body    = (string) wp_json_encode( $request, JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE );
		$path    = (string) wp_parse_url( $endpoint, PHP_URL_PATH );
		$signer  = new Signer( $this->config->site_key() );
		$headers = $signer->headers( $site, 'POST', $path, $body ) + array(
			'Content-Type'    => 'application/json',
			'Accept'          => 'application/json',
			'Idempotency-Key' => $idempotency_key,
		);

		$response = wp_remote_request(
			$endpoint,
			array(
				'method'              => 'POST',
				'headers'             => $headers,
				'body'                => $body,
				'timeout'             => $this->config->timeout(),
				'redirection'         => 0,
				'limit_response_size' => self::MAX_RESPONSE_BYTES + 1,
				'reject_unsafe_urls'  => ! $this->config->allows_http_loopback(),
				'user-agent'          => 'JetpackStartCompanion/' . JETPACK_START_COMPANION_VERSION . '; ' . $site,
			)
		);

		if ( is_wp_error( $response ) ) {
			return $this->transport_error( $response );
		}
		$status = (int) wp_remote_retrieve_response_code( $response );
		$answer = (string) wp_remote_retrieve_body( $response );
		if ( strlen( $answer ) > self::MAX_RESPONSE_BYTES ) {
			return new ServiceError( 'service_response_too_large', 'The host service answered with more data than a provision answer can hold.', 'site', true, $status );
		}
		if ( $status >= 300 && $status < 400 ) {
			return new ServiceError( 'service_redirected', 'The host service answered with a redirect, which this plugin does not follow.', 'site', false, $status );
		}
		return ResponseParser::parse( $status, $answer );
	}

	/**
	 * The full URL for a contract path, or why the configured service URL cannot be used.
	 */
	private function endpoint( string $route ): string|ServiceError {
		$base   = $this->config->service_url();
		$scheme = strtolower( (string) wp_parse_url( $base, PHP_URL_SCHEME ) );
		$host   = (string) wp_parse_url( $base, PHP_URL_HOST );
		$query  = wp_parse_url( $base, PHP_URL_QUERY );
		if ( '' === Urls::http_or_empty( $base ) || null !== $query ) {
			return new ServiceError( 'service_url_invalid', 'The host service address set in wp-config.php is not a valid URL.', 'site', false );
		}
		if ( 'https' !== $scheme && ! ( $this->config->allows_http_loopback() && Urls::is_development_host( $host ) ) ) {
			return new ServiceError( 'service_url_insecure', 'The host service address must start with https://.', 'site', false );
		}
		return rtrim( $base, '/' ) . $route;
	}

	private function transport_error( \WP_Error $error ): ServiceError {
		$text = strtolower( $error->get_error_message() );
		if ( str_contains( $text, 'timed out' ) || str_contains( $text, 'curl error 28' ) || str_contains( $text, 'timeout' ) ) {
			return new ServiceError( 'service_timeout', 'The host service did not answer in time.', 'site', true );
		}
		return new ServiceError( 'service_unreachable', 'The host service could not be reached.', 'site', true );
	}
}
