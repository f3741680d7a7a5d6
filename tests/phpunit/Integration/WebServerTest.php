<?php
/**
 * The test web server's hostile switches (tests/env/web-server-switches.php), over real HTTP:
 * what WordPress.com, or a preflight check, sees when a host blocks Jetpack's endpoints.
 *
 * @package JetpackStartCompanion
 */

declare( strict_types=1 );

namespace JetpackStartCompanion\Tests\Integration;

use JetpackStartCompanion\Tests\TestCase;

final class WebServerTest extends TestCase {

	private const SITE = 'http://127.0.0.1:8889';

	/**
	 * @return array<string,mixed>|\WP_Error
	 */
	private function list_methods( string $path ) {
		return wp_remote_post(
			self::SITE . $path,
			array(
				'body'        => '<?xml version="1.0"?><methodCall><methodName>system.listMethods</methodName><params></params></methodCall>',
				'headers'     => array( 'Content-Type' => 'text/xml' ),
				'timeout'     => 5,
				'redirection' => 0,
			)
		);
	}

	public function test_a_well_behaved_server_answers_xml_rpc_on_both_endpoints(): void {
		foreach ( array( '/xmlrpc.php', '/?for=jetpack&jetpack=comms' ) as $path ) {
			$response = $this->list_methods( $path );
			$this->assertSame( 200, wp_remote_retrieve_response_code( $response ), $path );
		}
		$this->assertStringContainsString( 'system.listMethods', wp_remote_retrieve_body( $this->list_methods( '/xmlrpc.php' ) ) );
	}

	public function test_xmlrpc_blocked_with_403_leaves_the_alternate_endpoint_open(): void {
		$this->web_server( array( 'xmlrpc' => '403' ) );
		$this->assertSame( 403, wp_remote_retrieve_response_code( $this->list_methods( '/xmlrpc.php' ) ) );
		$this->assertSame( 200, wp_remote_retrieve_response_code( $this->list_methods( '/?for=jetpack&jetpack=comms' ) ) );
	}

	public function test_xmlrpc_dropped_closes_the_connection_without_a_reply_and_the_server_lives_on(): void {
		$this->web_server( array( 'xmlrpc' => 'drop' ) );
		for ( $i = 0; $i < 5; $i++ ) { // More than the server's 4 workers: none of them dies.
			$response = $this->list_methods( '/xmlrpc.php' );
			$this->assertWPError( $response );
			$this->assertMatchesRegularExpression( '/Empty reply|Connection reset|connection closed/i', $response->get_error_message() );
		}
		$this->assertSame( 200, wp_remote_retrieve_response_code( wp_remote_get( self::SITE . '/wp-login.php', array( 'timeout' => 5 ) ) ) );
	}

	public function test_the_alternate_endpoint_blocked_leaves_xmlrpc_php_open(): void {
		$this->web_server( array( 'comms' => '403' ) );
		$this->assertSame( 403, wp_remote_retrieve_response_code( $this->list_methods( '/?for=jetpack&jetpack=comms' ) ) );
		$this->assertSame( 200, wp_remote_retrieve_response_code( $this->list_methods( '/xmlrpc.php' ) ) );
	}

	public function test_https_redirect_sends_every_http_request_to_https(): void {
		$this->web_server( array( 'https_redirect' => true ) );
		$response = $this->list_methods( '/xmlrpc.php' );
		$this->assertSame( 301, wp_remote_retrieve_response_code( $response ) );
		$this->assertSame( 'https://127.0.0.1:8889/xmlrpc.php', wp_remote_retrieve_header( $response, 'location' ) );
	}

	public function test_a_site_host_that_does_not_resolve(): void {
		$this->web_server( array( 'site_host' => 'jsc-new-domain.invalid' ) );
		$this->assertSame( 'http://jsc-new-domain.invalid:8889', site_url() );
		$this->assertSame( 'jsc-new-domain.invalid', gethostbyname( 'jsc-new-domain.invalid' ), 'The name must not resolve.' );
		$served = json_decode( wp_remote_retrieve_body( wp_remote_get( self::SITE . '/wp-json/', array( 'timeout' => 5 ) ) ), true );
		$this->assertSame( 'http://jsc-new-domain.invalid:8889', $served['url'] ?? null, 'The web server answers with the same URL.' );
		$this->web_server( array() );
		$this->assertSame( self::SITE, site_url() );
	}

	private function assertWPError( $value ): void {
		$this->assertInstanceOf( \WP_Error::class, $value );
	}
}
