<?php
/**
 * The plugin refuses any host service answer outside the contract instead of guessing,
 * because links shown to the site owner come from it.
 *
 * @package JetpackStartCompanion
 */

declare( strict_types=1 );

namespace JetpackStartCompanion\Tests\Unit;

use JetpackStartCompanion\HostService\PlanCheck;
use JetpackStartCompanion\HostService\ProvisionAnswer;
use JetpackStartCompanion\HostService\ResponseParser;
use JetpackStartCompanion\HostService\ServiceError;
use PHPUnit\Framework\TestCase;

final class ResponseParserTest extends TestCase {

	private const AT = '2026-11-20T10:00:00.000Z';

	/**
	 * @param array<string,mixed> $overrides Fields to change.
	 */
	private static function body( array $overrides = array() ): string {
		return (string) wp_json_encode(
			$overrides + array(
				'outcome'            => 'awaiting_authorization',
				'auth_required'      => true,
				'next_url'           => 'https://jetpack.wordpress.com/jetpack.authorize/1/?x=1',
				'plan'               => 'jetpack-backup-daily',
				'provisioned_at'     => self::AT,
				'pending_expires_at' => '2026-12-11T10:00:00.000Z',
				'forced_register'    => false,
				'idempotent_replay'  => false,
			)
		);
	}

	public function test_case_b_keeps_the_authorize_url(): void {
		$answer = ResponseParser::parse( 200, self::body() );
		$this->assertInstanceOf( ProvisionAnswer::class, $answer );
		$this->assertSame( 'awaiting_authorization', $answer->outcome );
		$this->assertSame( 'https://jetpack.wordpress.com/jetpack.authorize/1/?x=1', $answer->next_url );
		$this->assertTrue( $answer->is_pending() );
	}

	public function test_case_a_and_case_c(): void {
		$active = ResponseParser::parse(
			200,
			self::body(
				array(
					'outcome'       => 'active',
					'auth_required' => false,
					'next_url'      => '',
				)
			)
		);
		$this->assertInstanceOf( ProvisionAnswer::class, $active );
		$this->assertFalse( $active->is_pending() );
		$dns = ResponseParser::parse(
			200,
			self::body(
				array(
					'outcome'  => 'awaiting_dns',
					'next_url' => '',
				)
			)
		);
		$this->assertInstanceOf( ProvisionAnswer::class, $dns );
		$this->assertSame( 'awaiting_dns', $dns->outcome );

		// Case B without a link: the service refused WordPress.com's (contract §7) or answered from status.
		$unlinked = ResponseParser::parse( 200, self::body( array( 'next_url' => '' ) ) );
		$this->assertInstanceOf( ProvisionAnswer::class, $unlinked );
		$this->assertSame( array( 'awaiting_authorization', '' ), array( $unlinked->outcome, $unlinked->next_url ) );
	}

	/**
	 * @return iterable<string,array{0:int,1:string}>
	 */
	public function malformed_answers(): iterable {
		yield 'not JSON' => array( 200, '<html>proxy error</html>' );
		yield 'unknown outcome' => array( 200, self::body( array( 'outcome' => 'done' ) ) );
		yield 'javascript next_url' => array( 200, self::body( array( 'next_url' => 'javascript:alert(1)' ) ) );
		yield 'relative next_url' => array( 200, self::body( array( 'next_url' => '/wp-admin' ) ) );
		yield 'case C with next_url' => array( 200, self::body( array( 'outcome' => 'awaiting_dns' ) ) );
		yield 'active but auth required' => array( 200, self::body( array( 'outcome' => 'active' ) ) );
		yield 'auth_required as string' => array( 200, self::body( array( 'auth_required' => 'true' ) ) );
		yield 'no plan' => array( 200, self::body( array( 'plan' => '' ) ) );
		yield 'bad date' => array( 200, self::body( array( 'provisioned_at' => 'soon' ) ) );
		yield 'relative date' => array( 200, self::body( array( 'provisioned_at' => 'next monday' ) ) );
		yield 'date in the future' => array( 200, self::body( array( 'provisioned_at' => '2099-01-01T00:00:00Z' ) ) );
		yield 'date without a zone' => array( 200, self::body( array( 'provisioned_at' => '2026-11-27 10:00:00' ) ) );
		yield 'error without code' => array( 400, '{"message":"nope"}' );
		yield 'error page' => array( 502, '<h1>Bad gateway</h1>' );
	}

	/**
	 * @dataProvider malformed_answers
	 */
	public function test_refuses_answers_outside_the_contract( int $status, string $body ): void {
		$error = ResponseParser::parse( $status, $body );
		$this->assertInstanceOf( ServiceError::class, $error );
		$this->assertSame( 'service_malformed_response', $error->code );
	}

	public function test_reads_both_error_shapes(): void {
		$contract = ResponseParser::parse( 400, '{"error_code":"invalid_plan","error_message":"bogus is not a valid plan","source":"wpcom","retryable":false}' );
		$other    = ResponseParser::parse( 403, '{"error":"invalid_scope","message":"This token is not allowed to provision partner sites"}' );
		$this->assertInstanceOf( ServiceError::class, $contract );
		$this->assertSame( array( 'invalid_plan', 'bogus is not a valid plan', false ), array( $contract->code, $contract->message, $contract->retryable ) );
		$this->assertInstanceOf( ServiceError::class, $other );
		$this->assertSame( array( 'invalid_scope', 403 ), array( $other->code, $other->http_status ) );
	}

	public function test_reads_the_plan_from_the_service_status(): void {
		$status = static fn ( string $on_site, bool $connected = true, string $plan = 'jetpack-backup-daily' ) => (string) wp_json_encode(
			array(
				'plan'         => $plan,
				'plan_on_site' => $on_site,
				'connected'    => $connected,
				'checked_at'   => '2026-11-27T10:00:05.000Z',
				'request_id'   => 'req-9b7d10',
			)
		);
		$active = ResponseParser::plan_check( 200, $status( 'active' ), 'jetpack-backup-daily', 1 );
		$this->assertInstanceOf( PlanCheck::class, $active );
		$this->assertSame( array( 'active', true ), array( $active->plan_on_site, $active->connected ) );

		$pending = ResponseParser::plan_check( 200, $status( 'pending', false, 'personal' ), 'personal', 1 );
		$this->assertInstanceOf( PlanCheck::class, $pending );
		$this->assertSame( array( 'pending', false ), array( $pending->plan_on_site, $pending->connected ) );

		// An answer about another plan, an unknown value or a WordPress.com shape is not an answer.
		$this->assertInstanceOf( ServiceError::class, ResponseParser::plan_check( 200, $status( 'active' ), 'jetpack-scan', 1 ) );
		$this->assertInstanceOf( ServiceError::class, ResponseParser::plan_check( 200, $status( 'maybe' ), 'jetpack-backup-daily', 1 ) );
		$this->assertInstanceOf( ServiceError::class, ResponseParser::plan_check( 200, '{"blog":{"is_connected":true},"products":[]}', 'free', 1 ) );
		$this->assertInstanceOf( ServiceError::class, ResponseParser::plan_check( 502, '{"error_code":"host_upstream_unavailable","error_message":"down"}', 'free', 1 ) );
	}
}
