<?php
/**
 * The shared contract vectors (docs/host-service-contract.vectors.json): the TypeScript service
 * is tested against the same file, so both sides sign byte for byte alike.
 *
 * @package JetpackStartCompanion
 */

declare( strict_types=1 );

namespace JetpackStartCompanion\Tests\Unit;

use JetpackStartCompanion\HostService\Signer;
use JetpackStartCompanion\HostService\SiteUrl;
use PHPUnit\Framework\TestCase;

final class SignatureVectorsTest extends TestCase {

	/**
	 * @return array<string,mixed>
	 */
	private static function vectors(): array {
		return json_decode( (string) file_get_contents( dirname( __DIR__, 3 ) . '/docs/host-service-contract.vectors.json' ), true );
	}

	/**
	 * @return iterable<string,array{0:array<string,mixed>}>
	 */
	public function signature_vectors(): iterable {
		foreach ( self::vectors()['vectors'] as $vector ) {
			yield $vector['name'] => array( $vector );
		}
	}

	/**
	 * @dataProvider signature_vectors
	 * @param array<string,mixed> $v Vector.
	 */
	public function test_signs_exactly_like_the_vector( array $v ): void {
		$this->assertSame( $v['canonical_site'], SiteUrl::canonical( $v['site_url'] ) );
		$this->assertSame( $v['site_key'], hash_hmac( 'sha256', "jsc-site-key-v1\n" . $v['canonical_site'], self::vectors()['master_secret'] ) );
		$this->assertSame( $v['body_sha256'], hash( 'sha256', $v['body'] ) );
		$this->assertSame( $v['string_to_sign'], Signer::string_to_sign( $v['canonical_site'], $v['timestamp'], $v['nonce'], $v['method'], $v['path'], $v['body'] ) );

		$headers = ( new Signer( $v['site_key'] ) )->headers( $v['canonical_site'], $v['method'], $v['path'], $v['body'], $v['timestamp'], $v['nonce'] );
		$this->assertSame( $v['signature'], $headers['X-Jetpack-Start-Signature'] );
		$this->assertSame( $v['canonical_site'], $headers['X-Jetpack-Start-Site'] );
	}

	public function test_canonicalizes_like_the_vectors(): void {
		foreach ( self::vectors()['canonicalization'] as $pair ) {
			$this->assertSame( $pair['expected'], SiteUrl::canonical( $pair['input'] ), $pair['input'] );
		}
	}

	public function test_refuses_urls_that_cannot_name_a_site(): void {
		foreach ( self::vectors()['invalid_site_urls'] as $url ) {
			$this->assertNull( SiteUrl::canonical( $url ), $url );
		}
	}

	public function test_every_request_gets_a_fresh_nonce(): void {
		$signer = new Signer( str_repeat( 'a', 64 ) );
		$first  = $signer->headers( 'https://example.com', 'POST', '/v1/provision', '{}' );
		$second = $signer->headers( 'https://example.com', 'POST', '/v1/provision', '{}' );
		$this->assertMatchesRegularExpression( '/^[0-9a-f]{32}$/', $first['X-Jetpack-Start-Nonce'] );
		$this->assertNotSame( $first['X-Jetpack-Start-Nonce'], $second['X-Jetpack-Start-Nonce'] );
		$this->assertNotSame( $first['X-Jetpack-Start-Signature'], $second['X-Jetpack-Start-Signature'] );
	}
}
