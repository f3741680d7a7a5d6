<?php
/**
 * Plain-language explanations: each says what happened and where.
 *
 * @package JetpackStartCompanion
 */

declare( strict_types=1 );

namespace JetpackStartCompanion\Tests\Unit;

use JetpackStartCompanion\Diagnostics\Result;
use JetpackStartCompanion\Diagnostics\Snapshot;
use JetpackStartCompanion\Provisioning\ErrorCatalog;
use PHPUnit\Framework\TestCase;

final class ErrorCatalogTest extends TestCase {

	/**
	 * @return array{code:string,message:string,action:string,retryable:bool,at:string,support:string}
	 */
	private static function describe( string $code ): array {
		return ErrorCatalog::describe(
			array(
				'code'        => $code,
				'message'     => '',
				'source'      => 'service',
				'retryable'   => true,
				'http_status' => 504,
				'at'          => 1,
			),
			'Example Hosting'
		);
	}

	public function test_support_gets_the_hop_the_request_id_and_the_check_that_explains_it(): void {
		$checks  = new Snapshot(
			array(
				new Result( 'site_scheme', Result::GOOD, 'ok', 'GET http://example.test/ → HTTP 200' ),
				new Result( 'xmlrpc_reachable', Result::CRITICAL, 'blocked', 'POST http://example.test/xmlrpc.php?for=jetpack → HTTP 403' ),
				new Result( 'host_service_ping', Result::RECOMMENDED, 'slow', 'GET … → service_timeout' ),
			),
			1,
			false
		);
		$failure = array(
			'code'        => 'method_not_found',
			'message'     => 'remoteRegister method not found on remote site.',
			'source'      => 'wpcom',
			'retryable'   => false,
			'http_status' => 400,
			'at'          => 1764000000,
			'request_id'  => 'req-77aa01',
		);
		$this->assertSame(
			'method_not_found at 2025-11-24T16:00:00+00:00; hop: WordPress.com (answer passed on by the host service); HTTP 400; request id: req-77aa01; terminal; message: remoteRegister method not found on remote site.; explained by check xmlrpc_reachable (critical): POST http://example.test/xmlrpc.php?for=jetpack → HTTP 403',
			ErrorCatalog::describe( $failure, '', $checks )['support']
		);
		$this->assertStringEndsWith( 'request id: none; retryable; message: -', self::describe( 'service_unreachable' )['support'], 'Nothing kept: no check named.' );
	}

	public function test_a_timeout_says_which_hop_timed_out(): void {
		$site_to_service  = self::describe( 'service_timeout' )['message'];
		$service_to_wpcom = self::describe( 'host_upstream_timeout' )['message'];

		$this->assertStringStartsWith( 'Example Hosting\'s Jetpack service didn\'t answer this site in time.', $site_to_service );
		$this->assertStringNotContainsString( 'WordPress.com', $site_to_service );
		$this->assertStringStartsWith( 'WordPress.com didn\'t answer Example Hosting\'s Jetpack service in time.', $service_to_wpcom );
		foreach ( array( $site_to_service, $service_to_wpcom ) as $message ) {
			$this->assertStringContainsString( 'may still have gone through', $message );
		}
	}
}
