<?php
/**
 * One request to this site's own public address, as WordPress.com would make it: no redirect
 * followed, a short timeout, a bounded answer. Describes what was tried and what came back.
 *
 * @package JetpackStartCompanion
 */

declare( strict_types=1 );

namespace JetpackStartCompanion\Diagnostics;

defined( 'ABSPATH' ) || exit;

final class SiteProbe {

	/**
	 * @param int    $status   HTTP status, 0 when no answer came.
	 * @param string $location The Location header of a redirect, or ''.
	 * @param string $body     The answer's body (at most 256 KB).
	 * @param string $error    The transport error when no answer came, or ''.
	 * @param string $tried    What was asked, e.g. "POST http://example.com/xmlrpc.php".
	 */
	public function __construct(
		public readonly int $status,
		public readonly string $location,
		public readonly string $body,
		public readonly string $error,
		public readonly string $tried,
	) {}

	/**
	 * @param string $method HTTP method.
	 * @param string $url    The site's public URL to ask.
	 * @param string $body   XML body for a POST, or ''.
	 */
	public static function send( string $method, string $url, string $body = '' ): self {
		$response = wp_remote_request(
			$url,
			array(
				'method'              => $method,
				'body'                => $body,
				'headers'             => '' === $body ? array() : array( 'Content-Type' => 'text/xml' ),
				'timeout'             => NetworkCheck::TIMEOUT,
				'redirection'         => 0,
				'limit_response_size' => 262144,
				// The site's own address: core's "unsafe URL" rules refuse loopback and odd ports.
				'reject_unsafe_urls'  => false,
				'user-agent'          => 'JetpackStartCompanion/' . JETPACK_START_COMPANION_VERSION . ' (preflight check)',
			)
		);
		$tried = $method . ' ' . $url;
		if ( is_wp_error( $response ) ) {
			return new self( 0, '', '', $response->get_error_message(), $tried );
		}
		$location = wp_remote_retrieve_header( $response, 'location' );
		return new self( (int) wp_remote_retrieve_response_code( $response ), is_array( $location ) ? (string) reset( $location ) : $location, (string) wp_remote_retrieve_body( $response ), '', $tried );
	}

	/**
	 * "POST http://…/xmlrpc.php → HTTP 403", "… → no answer: cURL error 52: Empty reply from server".
	 */
	public function evidence(): string {
		if ( 0 === $this->status ) {
			return $this->tried . ' → no answer: ' . $this->error;
		}
		return $this->tried . ' → HTTP ' . $this->status . ( '' === $this->location ? '' : ', Location: ' . $this->location );
	}

	/**
	 * The host name does not resolve: nothing else about the address can be tested from here.
	 */
	public static function host_resolves( string $url ): bool {
		$host = (string) wp_parse_url( $url, PHP_URL_HOST );
		if ( '' === $host ) {
			return false;
		}
		$host = trim( $host, '[]' );
		if ( false !== filter_var( $host, FILTER_VALIDATE_IP ) || false !== gethostbynamel( $host ) ) {
			return true;
		}
		// Not in the system's resolver: WordPress's HTTP transport may still reach it (a resolve
		// option set by the host, an IPv6-only name). Only "could not resolve" means it does not.
		$probe = self::send( 'HEAD', $url );
		return ! ( 0 === $probe->status && 1 === preg_match( '/resolve|getaddrinfo|name or service/i', $probe->error ) );
	}
}
