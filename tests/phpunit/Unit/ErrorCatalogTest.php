<?php
/**
 * Plain-language explanations: each says what happened and where.
 *
 * @package JetpackStartCompanion
 */

declare( strict_types=1 );

namespace JetpackStartCompanion\Tests\Unit;

use JetpackStartCompanion\Provisioning\ErrorCatalog;
use PHPUnit\Framework\TestCase;

final class ErrorCatalogTest extends TestCase {

	/**
	 * @return array{code:string,message:string,action:string,retryable:bool,at:string}
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
