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
use JetpackStartCompanion\HostService\SiteRecord;
use JetpackStartCompanion\Links;
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

	private const SITE = array( 'https://example.com' );

	private static function parse( int $status, string $body ): ProvisionAnswer|ServiceError {
		return ResponseParser::parse( $status, $body, Links::DEFAULT_AUTHORIZE_ORIGINS, self::SITE );
	}

	public function test_case_b_keeps_the_authorize_url(): void {
		$answer = self::parse( 200, self::body() );
		$this->assertInstanceOf( ProvisionAnswer::class, $answer );
		$this->assertSame( 'awaiting_authorization', $answer->outcome );
		$this->assertSame( 'https://jetpack.wordpress.com/jetpack.authorize/1/?x=1', $answer->next_url );
		$this->assertTrue( $answer->is_pending() );
	}

	public function test_case_a_and_case_c(): void {
		$active = self::parse(
			200,
			self::body(
				array(
					'outcome'            => 'active',
					'auth_required'      => false,
					'next_url'           => '',
					'pending_expires_at' => null,
				)
			)
		);
		$this->assertInstanceOf( ProvisionAnswer::class, $active );
		$this->assertFalse( $active->is_pending() );
		$dns = self::parse(
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
		$unlinked = self::parse( 200, self::body( array( 'next_url' => '' ) ) );
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
		yield 'plan with markup' => array( 200, self::body( array( 'plan' => '<img src=x onerror=alert(1)>' ) ) );
		yield 'bad date' => array( 200, self::body( array( 'provisioned_at' => 'soon' ) ) );
		yield 'relative date' => array( 200, self::body( array( 'provisioned_at' => 'next monday' ) ) );
		yield 'date in the future' => array( 200, self::body( array( 'provisioned_at' => '2099-01-01T00:00:00Z' ) ) );
		yield 'date without a zone' => array( 200, self::body( array( 'provisioned_at' => '2026-11-27 10:00:00' ) ) );
		yield 'case A with an expiry' => array(
			200,
			self::body(
				array(
					'outcome'       => 'active',
					'auth_required' => false,
					'next_url'      => '',
				)
			),
		);
		yield 'expiry not a date' => array( 200, self::body( array( 'pending_expires_at' => 'in two weeks' ) ) );
		yield 'forced_register as text' => array( 200, self::body( array( 'forced_register' => 'no' ) ) );
		yield 'error without code' => array( 400, '{"message":"nope"}' );
		yield 'error page' => array( 502, '<h1>Bad gateway</h1>' );
	}

	/**
	 * @dataProvider malformed_answers
	 */
	public function test_refuses_answers_outside_the_contract( int $status, string $body ): void {
		$error = self::parse( $status, $body );
		$this->assertInstanceOf( ServiceError::class, $error );
		$this->assertSame( 'service_malformed_response', $error->code );
	}

	/**
	 * Every URL of the contract's link table that must not become a link, as a case B answer,
	 * and the hostile sign-on links as a case A answer (contract §7).
	 *
	 * @return iterable<string,array{0:string,1:string}>
	 */
	public function hostile_links(): iterable {
		$vectors = json_decode( (string) file_get_contents( dirname( __DIR__, 3 ) . '/docs/host-service-contract.vectors.json' ), true );
		foreach ( $vectors['links']['cases'] as $i => $case ) {
			if ( $case['valid'] || '' === $case['url'] ) {
				continue;
			}
			$outcome = isset( $case['allowed_origins'] ) ? 'active' : 'awaiting_authorization';
			yield "#{$i} {$outcome}: {$case['why']}" => array( $outcome, $case['url'] );
		}
		yield 'case A off the site' => array( 'active', 'https://elsewhere.example/wp-login.php?action=jetpack-sso' );
		yield 'case A on WordPress.com' => array( 'active', 'https://jetpack.wordpress.com/wp-login.php' );
		yield 'case B into the site' => array( 'awaiting_authorization', 'https://example.com/wp-admin/' );
	}

	/**
	 * @dataProvider hostile_links
	 */
	public function test_an_answer_with_a_link_that_fails_the_rule_is_malformed( string $outcome, string $url ): void {
		$active = 'active' === $outcome;
		$answer = self::parse(
			200,
			self::body(
				array(
					'outcome'            => $outcome,
					'auth_required'      => ! $active,
					'next_url'           => $url,
					'pending_expires_at' => $active ? null : '2026-12-11T10:00:00.000Z',
				)
			)
		);
		$this->assertInstanceOf( ServiceError::class, $answer );
		$this->assertSame( 'service_malformed_response', $answer->code );
	}

	public function test_good_links_of_both_cases_are_kept(): void {
		$sign_on = 'https://example.com/wp-login.php?action=jetpack-sso&redirect_to=https%3A%2F%2Fexample.com%2Fwp-admin%2F';
		$active  = self::parse(
			200,
			self::body(
				array(
					'outcome'            => 'active',
					'auth_required'      => false,
					'next_url'           => $sign_on,
					'pending_expires_at' => null,
				)
			)
		);
		$this->assertInstanceOf( ProvisionAnswer::class, $active );
		$this->assertSame( $sign_on, $active->next_url );
		$this->assertInstanceOf( ProvisionAnswer::class, self::parse( 200, self::body( array( 'next_url' => 'https://wordpress.com/jetpack/connect/authorize/?client_id=42' ) ) ) );
	}

	public function test_keeps_what_the_service_says_for_support(): void {
		$answer = self::parse(
			200,
			self::body(
				array(
					'request_id'        => 'req-4f1c2a',
					'forced_register'   => true,
					'idempotent_replay' => true,
				)
			)
		);
		$this->assertInstanceOf( ProvisionAnswer::class, $answer );
		$this->assertSame( array( 'req-4f1c2a', true, true ), array( $answer->request_id, $answer->forced_register, $answer->idempotent_replay ) );
		$this->assertSame( strtotime( self::AT ), $answer->provisioned_at );
		$this->assertSame( strtotime( '2026-12-11T10:00:00Z' ), $answer->pending_expires_at );
		$this->assertSame( '', self::parse( 200, self::body( array( 'request_id' => "<b>\n" ) ) )->request_id );
	}

	public function test_an_expiry_in_the_past_is_an_answer_not_an_error(): void {
		$answer = self::parse( 200, self::body( array( 'pending_expires_at' => '2020-01-01T00:00:00Z' ) ) );
		$this->assertInstanceOf( ProvisionAnswer::class, $answer );
		$this->assertSame( strtotime( '2020-01-01T00:00:00Z' ), $answer->pending_expires_at );
	}

	/**
	 * @return iterable<string,array{0:int,1:string,2:bool}>
	 */
	public function answers_that_may_have_acted(): iterable {
		yield 'the service says answer_unknown' => array( 502, '{"error_code":"host_upstream_unavailable","error_message":"reset","source":"service","retryable":true,"answer_unknown":true}', true );
		yield 'WordPress.com timed out behind the service' => array( 504, '{"error_code":"host_upstream_timeout","error_message":"no answer in 60 s","source":"service","retryable":true}', true );
		yield 'a proxy page' => array( 504, '<html><body>Gateway Timeout</body></html>', true );
		yield 'a proxy JSON without a code' => array( 503, '{"message":"Service Unavailable"}', true );
		yield 'a definite refusal' => array( 400, '{"error_code":"invalid_plan","error_message":"x","source":"wpcom","retryable":false,"answer_unknown":false}', false );
		yield 'WordPress.com unreachable before anything was sent' => array( 502, '{"error_code":"host_upstream_unavailable","error_message":"refused","source":"service","retryable":true,"answer_unknown":false}', false );
	}

	/**
	 * @dataProvider answers_that_may_have_acted
	 */
	public function test_an_answer_that_never_came_keeps_the_idempotency_key( int $status, string $body, bool $unknown ): void {
		$error = self::parse( $status, $body );
		$this->assertInstanceOf( ServiceError::class, $error );
		$this->assertSame( $unknown, $error->answer_unknown() );
	}

	public function test_error_bodies_carry_the_request_id_and_the_service_clock(): void {
		$error = self::parse( 401, '{"error_code":"host_stale_timestamp","error_message":"x","source":"service","retryable":false,"answer_unknown":false,"request_id":"req-1","server_time":"2026-11-27T10:00:00.000Z"}' );
		$this->assertInstanceOf( ServiceError::class, $error );
		$this->assertSame( array( 'req-1', strtotime( '2026-11-27T10:00:00Z' ) ), array( $error->request_id, $error->server_time ) );
	}

	public function test_reads_both_error_shapes(): void {
		$contract = self::parse( 400, '{"error_code":"invalid_plan","error_message":"bogus is not a valid plan","source":"wpcom","retryable":false}' );
		$other    = self::parse( 403, '{"error":"invalid_scope","message":"This token is not allowed to provision partner sites"}' );
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
		$this->assertSame( array( 'active', true, 'req-9b7d10' ), array( $active->plan_on_site, $active->connected, $active->request_id ) );
		$this->assertInstanceOf( ServiceError::class, ResponseParser::plan_check( 200, str_replace( '2026-11-27T10:00:05.000Z', 'soon', $status( 'active' ) ), 'jetpack-backup-daily', 1 ) );

		$pending = ResponseParser::plan_check( 200, $status( 'pending', false, 'personal' ), 'personal', 1 );
		$this->assertInstanceOf( PlanCheck::class, $pending );
		$this->assertSame( array( 'pending', false ), array( $pending->plan_on_site, $pending->connected ) );

		// An answer about another plan, an unknown value or a WordPress.com shape is not an answer.
		$this->assertInstanceOf( ServiceError::class, ResponseParser::plan_check( 200, $status( 'active' ), 'jetpack-scan', 1 ) );
		$this->assertInstanceOf( ServiceError::class, ResponseParser::plan_check( 200, $status( 'maybe' ), 'jetpack-backup-daily', 1 ) );
		$this->assertInstanceOf( ServiceError::class, ResponseParser::plan_check( 200, '{"blog":{"is_connected":true},"products":[]}', 'free', 1 ) );
		$this->assertInstanceOf( ServiceError::class, ResponseParser::plan_check( 502, '{"error_code":"host_upstream_unavailable","error_message":"down"}', 'free', 1 ) );
	}

	/**
	 * The service's record of the site (contract §10): a host's plan is adopted with its link only
	 * when that link passes the link rule here too; the site's own answers are not the host's news.
	 */
	public function test_a_site_record_keeps_only_links_that_pass_the_rule_and_names_who_provisioned(): void {
		$record = static fn ( array $changes ): string => (string) wp_json_encode(
			$changes + array(
				'site'               => 'https://example.com',
				'known'              => true,
				'state'              => 'awaiting_authorization',
				'plan'               => 'jetpack-backup-daily',
				'next_url'           => 'https://jetpack.wordpress.com/jetpack.authorize/1/?x=1',
				'provisioned_by'     => 'host',
				'provisioned_at'     => self::AT,
				'pending_expires_at' => '2026-12-04T10:00:00.000Z',
				'cancelled_at'       => null,
				'renewals'           => 0,
				'updated_at'         => self::AT,
				'request_id'         => 'req-1',
			)
		);
		$parse  = static fn ( string $body ) => ResponseParser::site_record( 200, $body, Links::DEFAULT_AUTHORIZE_ORIGINS, self::SITE );

		$host = $parse( $record( array() ) );
		$this->assertInstanceOf( SiteRecord::class, $host );
		$this->assertSame( 'https://jetpack.wordpress.com/jetpack.authorize/1/?x=1', $host->as_answer()?->next_url );
		$this->assertSame( '', $parse( $record( array( 'next_url' => 'https://evil.example/jetpack.authorize/1/' ) ) )->next_url );
		$this->assertSame( '', $parse( $record( array( 'next_url' => 'https://example.com/wp-admin/' ) ) )->next_url, 'an authorize link into the site is not one' );
		$this->assertNull( $parse( $record( array( 'provisioned_by' => 'site' ) ) )->as_answer(), 'the site\'s own answer is the site\'s already' );
		$this->assertNull( $parse( $record( array( 'state' => 'expired' ) ) )->as_answer() );
		$this->assertInstanceOf( ServiceError::class, $parse( $record( array( 'state' => 'gone' ) ) ) );
		$this->assertInstanceOf( ServiceError::class, $parse( $record( array( 'provisioned_at' => 'next monday' ) ) ) );
		$this->assertSame( 'host_database_unavailable', ResponseParser::site_record( 503, '{"error_code":"host_database_unavailable","error_message":"later","retryable":true}', array(), array() )->code );
	}
}
