<?php
/**
 * Answers outside the happy path: a misbehaving service, and an answer that never arrived.
 *
 * @package JetpackStartCompanion
 */

declare( strict_types=1 );

namespace JetpackStartCompanion\Tests\Integration;

use JetpackStartCompanion\Tests\Simulator;
use JetpackStartCompanion\Tests\TestCase;

final class ServiceAnswersTest extends TestCase {

	protected function setUp(): void {
		parent::setUp();
		Simulator::reset();
		$this->login_admin();
	}

	/**
	 * @return iterable<string,array{0:string,1:string}>
	 */
	public function odd_services(): iterable {
		yield 'a redirect is not followed' => array( 'redirect', 'service_redirected' );
		yield 'an oversized answer is cut off' => array( 'huge', 'service_response_too_large' );
		yield 'a proxy error page' => array( 'proxy-error', 'service_malformed_response' );
	}

	/**
	 * @dataProvider odd_services
	 */
	public function test_a_misbehaving_service_ends_in_an_explained_failure( string $path, string $code ): void {
		$this->filter( 'jetpack_start_companion_service_url', static fn () => 'http://127.0.0.1:8795/' . $path );
		$provisioning = $this->provision()['provisioning'];
		$this->assertSame( 'failed', $provisioning['state'] );
		$this->assertSame( $code, $provisioning['error']['code'] );
		$this->assertNotSame( '', $provisioning['error']['message'] );
	}

	public function test_a_retry_after_a_timeout_gets_the_first_answer_without_a_second_wordpress_com_call(): void {
		$this->time_out_while_wordpress_com_answers_case_b();
		Simulator::scenario( 'case_c' );
		$second = $this->provision()['provisioning'];
		$this->assertSame( 'awaiting_authorization', $second['state'], 'The service replays the answer to the first attempt.' );
		$this->assertCount( 1, Simulator::provision_calls() );
	}

	public function test_another_admin_retrying_after_a_timeout_sends_a_new_request(): void {
		$this->time_out_while_wordpress_com_answers_case_b();
		Simulator::scenario( 'case_c' );
		wp_set_current_user( $this->user( 'administrator' ) );
		$provisioning = $this->provision()['provisioning'];
		$this->assertSame( 'awaiting_dns', $provisioning['state'], 'A different body is a new request, not a reused key.' );
		$this->assertCount( 2, Simulator::provision_calls() );
	}

	/**
	 * The plugin gives up after 5 s; WordPress.com answers case B after 7 s, and the service
	 * keeps that answer. Returns once the service has it.
	 */
	private function time_out_while_wordpress_com_answers_case_b(): void {
		$this->filter( 'jetpack_start_companion_timeout', static fn () => 5 );
		Simulator::scenario(
			'slow',
			array(
				'delay_ms' => 7000,
				'then'     => 'case_b',
			)
		);
		$first = $this->provision()['provisioning'];
		$this->assertSame( 'failed', $first['state'] );
		$this->assertSame( 'service_timeout', $first['error']['code'] );
		sleep( 3 );
	}
}
