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
use JetpackStartCompanion\Links;
use JetpackStartCompanion\Urls;

defined( 'ABSPATH' ) || exit;

final class Client {

	public const MAX_RESPONSE_BYTES = 65536;

	public function __construct( private Config $config ) {}

	/**
	 * Asks for the plan (contract §3).
	 *
	 * @param array{siteurl:string,home_url:string,local_user:string,plan:?string} $request         Body fields.
	 * @param string                                                               $idempotency_key Same key = same attempt.
	 */
	public function provision( array $request, string $idempotency_key ): ProvisionAnswer|ServiceError {
		$body   = (string) wp_json_encode( $request, JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE );
		$answer = $this->send( 'POST', '/v1/provision', $body, array( 'Idempotency-Key' => $idempotency_key ) );
		return $answer instanceof ServiceError ? $answer : ResponseParser::parse( $answer[0], $answer[1], Links::authorize_origins(), Links::site_origins() );
	}

	/**
	 * Asks what WordPress.com knows of this site and its plan (contract §4).
	 */
	public function plan_check( string $plan ): PlanCheck|ServiceError {
		$answer = $this->send( 'GET', '/v1/status?plan=' . rawurlencode( $plan ), '' );
		return $answer instanceof ServiceError ? $answer : ResponseParser::plan_check( $answer[0], $answer[1], $plan, time() );
	}

	/**
	 * Tells the service this site's state (contract §9). Nothing secret is in it.
	 *
	 * @param array<string,mixed> $report The report's body.
	 * @return true|ServiceError True once the service accepted it (202).
	 */
	public function report( array $report ): bool|ServiceError {
		$answer = $this->send( 'POST', '/v1/report', (string) wp_json_encode( $report, JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE ) );
		if ( $answer instanceof ServiceError ) {
			return $answer;
		}
		return 202 === $answer[0] ? true : ResponseParser::failure( $answer[0], $answer[1] );
	}

	/**
	 * The service's record of this site (contract §10).
	 */
	public function site_record(): SiteRecord|ServiceError {
		$answer = $this->send( 'GET', '/v1/site', '' );
		return $answer instanceof ServiceError ? $answer : ResponseParser::site_record( $answer[0], $answer[1], Links::authorize_origins(), Links::site_origins() );
	}

	/**
	 * A signed ping (contract §8): the service answers, knows this site's key and accepts its
	 * signature. The answer's Date header tells the service's clock.
	 *
	 * @param int|null $timestamp The signature's time (default: now); the clock-skew check passes its own clock.
	 * @param int      $timeout   Seconds to wait at most.
	 * @return array{status:int,body:string,date:?int}|ServiceError What came back, or why nothing did.
	 */
	public function ping( ?int $timestamp = null, int $timeout = 5 ): array|ServiceError {
		$answer = $this->send( 'GET', '/v1/ping', '', array(), $timestamp, $timeout );
		if ( $answer instanceof ServiceError ) {
			return $answer;
		}
		$date = '' === $answer[2] ? false : strtotime( $answer[2] );
		return array(
			'status' => $answer[0],
			'body'   => $answer[1],
			'date'   => false === $date ? null : $date,
		);
	}

	/**
	 * One signed request to the host service.
	 *
	 * @param string               $method    HTTP method.
	 * @param string               $route     Contract path, e.g. /v1/status.
	 * @param string               $body      Exact bytes to send and sign.
	 * @param array<string,string> $extra     More headers.
	 * @param int|null             $timestamp The signature's time (default: now).
	 * @param int|null             $timeout   Seconds (default: the configured timeout).
	 * @return array{0:int,1:string,2:string}|ServiceError HTTP status, body and Date header.
	 */
	private function send( string $method, string $route, string $body, array $extra = array(), ?int $timestamp = null, ?int $timeout = null ): array|ServiceError {
		$endpoint = $this->endpoint( $route );
		if ( $endpoint instanceof ServiceError ) {
			return $endpoint;
		}
		$site = SiteUrl::canonical( site_url() );
		if ( null === $site ) {
			return new ServiceError( 'site_url_invalid', 'This site\'s address cannot be used to ask for a plan.', 'site', false );
		}

		// The request target exactly as sent, query included (contract §2).
		$query   = (string) wp_parse_url( $endpoint, PHP_URL_QUERY );
		$path    = (string) wp_parse_url( $endpoint, PHP_URL_PATH ) . ( '' === $query ? '' : '?' . $query );
		$headers = ( new Signer( $this->config->site_key() ) )->headers( $site, $method, $path, $body, $timestamp ) + $extra + array( 'Accept' => 'application/json' );
		if ( '' !== $body ) {
			$headers['Content-Type'] = 'application/json';
		}

		$args = array(
			'method'              => $method,
			'headers'             => $headers,
			'timeout'             => (float) ( $timeout ?? $this->config->timeout() ),
			'redirection'         => 0,
			'limit_response_size' => self::MAX_RESPONSE_BYTES + 1,
			// The URL comes from wp-config, not from a user: core's "unsafe URL" rules
			// (no private addresses, ports 80/443/8080 only) would only break hosts'
			// internal services.
			'reject_unsafe_urls'  => false,
			'user-agent'          => 'JetpackStartCompanion/' . JETPACK_START_COMPANION_VERSION . '; ' . $site,
		);
		if ( '' !== $body ) {
			$args['body'] = $body;
		}
		$response = wp_remote_request( $endpoint, $args );

		if ( is_wp_error( $response ) ) {
			return $this->transport_error( $response );
		}
		$status = (int) wp_remote_retrieve_response_code( $response );
		$answer = (string) wp_remote_retrieve_body( $response );
		if ( strlen( $answer ) > self::MAX_RESPONSE_BYTES ) {
			return new ServiceError( 'service_response_too_large', 'The host service answered with more data than an answer can hold.', 'site', true, $status );
		}
		if ( $status >= 300 && $status < 400 ) {
			return new ServiceError( 'service_redirected', 'The host service answered with a redirect, which this plugin does not follow.', 'site', false, $status );
		}
		$date = wp_remote_retrieve_header( $response, 'date' );
		return array( $status, $answer, is_array( $date ) ? (string) reset( $date ) : $date );
	}

	/**
	 * The full URL for a contract path, or why the configured service URL cannot be used.
	 */
	private function endpoint( string $route ): string|ServiceError {
		$base   = $this->config->service_url();
		$scheme = strtolower( (string) wp_parse_url( $base, PHP_URL_SCHEME ) );
		$host   = (string) wp_parse_url( $base, PHP_URL_HOST );
		$parts  = (array) wp_parse_url( $base );
		// A query, fragment or credentials would change what is signed, or leak into logs.
		if ( '' === Urls::http_or_empty( $base ) || array() !== array_intersect_key( $parts, array_flip( array( 'query', 'fragment', 'user', 'pass' ) ) ) ) {
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
