<?php
/**
 * A host service that answers what it should not (links off WordPress.com, past expiry dates,
 * unknown outcomes), over a real socket: the record keeps its last good answer, links stay on
 * the origins the contract allows, and a retry after an unknown outcome reuses its key.
 *
 * @package JetpackStartCompanion
 */

declare( strict_types=1 );

namespace JetpackStartCompanion\Tests\Integration;

use JetpackStartCompanion\Admin\Page;
use JetpackStartCompanion\Provisioning\Record;
use JetpackStartCompanion\Provisioning\Store;
use JetpackStartCompanion\Tests\Simulator;
use JetpackStartCompanion\Tests\TestCase;

final class HostileAnswersTest extends TestCase {

	private const GOOD_AUTHORIZE = 'https://jetpack.wordpress.com/jetpack.authorize/1/?client_id=7';

	private const GOOD_SIGN_ON = 'http://127.0.0.1:8889/wp-login.php?action=jetpack-sso';

	protected function setUp(): void {
		parent::setUp();
		$this->login_admin();
	}

	/**
	 * A valid pending activation, as an earlier good answer left it.
	 */
	private function good_pending_record(): void {
		( new Store() )->save( new Record( 'jetpack-backup-daily', 'awaiting_authorization', self::GOOD_AUTHORIZE, time() - 60, time() + 13 * DAY_IN_SECONDS ) );
	}

	/**
	 * A good answer the owner asks again for: the plan looks active (with its sign-on link), but
	 * WordPress.com said it is missing, so the panel offers Request again.
	 */
	private function good_record_that_asks_again(): void {
		$this->jetpack_connection( true, get_current_user_id() );
		( new Store() )->save( self::active_but_missing( self::GOOD_SIGN_ON ) );
	}

	/**
	 * Hostile links of the contract's table (contract §7) for the authorize page, and sign-on
	 * links that do not lead into this site.
	 *
	 * @return iterable<string,array{0:string,1:string}>
	 */
	public function hostile_links(): iterable {
		$vectors = json_decode( (string) file_get_contents( dirname( __DIR__, 3 ) . '/docs/host-service-contract.vectors.json' ), true );
		foreach ( $vectors['links']['cases'] as $i => $case ) {
			if ( ! $case['valid'] && ! isset( $case['allowed_origins'] ) && '' !== $case['url'] ) {
				yield "case B #{$i}: {$case['why']}" => array( 'awaiting_authorization', $case['url'] );
			}
		}
		$site = array(
			'backslash before the site'  => 'http://evil.example\\@127.0.0.1:8889/wp-login.php?action=jetpack-sso',
			'another port'               => 'http://127.0.0.1:8890/wp-login.php?action=jetpack-sso',
			'user info'                  => 'http://admin:password@127.0.0.1:8889/wp-login.php?action=jetpack-sso',
			'https instead of http'      => 'https://127.0.0.1:8889/wp-login.php?action=jetpack-sso',
			'on WordPress.com, not here' => 'https://jetpack.wordpress.com/wp-login.php?action=jetpack-sso',
		);
		foreach ( $site as $why => $url ) {
			yield "case A: {$why}" => array( 'active', $url );
		}
	}

	/**
	 * @dataProvider hostile_links
	 */
	public function test_an_answer_with_a_hostile_link_is_refused_and_the_good_record_stays( string $outcome, string $url ): void {
		$this->good_record_that_asks_again();
		$before = $this->status()['provisioning'];
		$active = 'active' === $outcome;
		$this->odd_service_answers(
			200,
			self::case_b_answer(
				array(
					'outcome'            => $outcome,
					'auth_required'      => ! $active,
					'next_url'           => $url,
					'pending_expires_at' => $active ? null : gmdate( 'Y-m-d\TH:i:s\Z', time() + DAY_IN_SECONDS ),
				)
			)
		);
		$after = $this->provision()['provisioning'];

		$this->assertSame( 'active', $after['state'] );
		$this->assertSame( self::GOOD_SIGN_ON, $before['sign_on_url'] );
		$this->assertSame( $before['sign_on_url'], $after['sign_on_url'] );
		$this->assertSame( $before['requested_at'], $after['requested_at'] );
		$this->assertNull( $after['action_url'] );
		$this->assertSame( 'service_malformed_response', $after['error']['code'] );
		$this->assertSame( self::GOOD_SIGN_ON, ( new Store() )->fresh_record()->next_url );
		$this->assertStringNotContainsString( $url, (string) wp_json_encode( $after, JSON_UNESCAPED_SLASHES ) );
	}

	public function test_a_stored_link_that_fails_the_rule_is_never_shown(): void {
		foreach ( array( 'https://evil.example\\@jetpack.wordpress.com/jetpack.authorize/1/', 'https://user:pass@jetpack.wordpress.com/' ) as $url ) {
			( new Store() )->save( new Record( 'free', 'awaiting_authorization', $url, time(), time() + DAY_IN_SECONDS ) );
			$this->assertSame( admin_url( 'admin.php?page=jetpack#/setup' ), $this->status()['provisioning']['action_url'] );
			( new Store() )->save( new Record( 'free', 'active', str_replace( 'jetpack.wordpress.com', '127.0.0.1:8889', $url ), time(), null ) );
			$this->assertNull( $this->status()['provisioning']['sign_on_url'] );
		}
	}

	public function test_the_link_is_checked_again_once_partner_redirect_is_added(): void {
		// 2,037 characters pass the rule; with partner_redirect added the link would be too long.
		$long = self::GOOD_AUTHORIZE . '&pad=' . str_repeat( 'a', 2037 - strlen( self::GOOD_AUTHORIZE ) - 5 );
		( new Store() )->save( new Record( 'free', 'awaiting_authorization', $long, time(), time() + DAY_IN_SECONDS ) );
		$this->assertSame( admin_url( 'admin.php?page=jetpack#/setup' ), $this->status()['provisioning']['action_url'] );
		$this->filter( 'jetpack_start_companion_partner_redirect', '__return_false' );
		$this->assertSame( $long, $this->status()['provisioning']['action_url'] );
	}

	public function test_a_stored_link_is_checked_against_the_origins_allowed_now(): void {
		$this->good_pending_record();
		$this->filter( 'jetpack_start_companion_authorize_origins', static fn () => array( 'https://jetpack.wordpress.com:8443' ) );
		$this->assertSame( admin_url( 'admin.php?page=jetpack#/setup' ), $this->status()['provisioning']['action_url'] );
	}

	public function test_an_offer_the_service_says_lapsed_six_days_ago_is_expired(): void {
		$this->odd_service_answers( 200, self::case_b_answer( array( 'pending_expires_at' => gmdate( 'Y-m-d\TH:i:s\Z', time() - 6 * DAY_IN_SECONDS ) ) ) );
		$provisioning = $this->provision()['provisioning'];
		$this->assertSame( 'expired', $provisioning['state'] );
		$this->assertNull( $provisioning['action_url'] );
	}

	public function test_the_earlier_of_the_two_expiry_dates_wins(): void {
		$in_three_days = time() + 3 * DAY_IN_SECONDS;
		$this->odd_service_answers( 200, self::case_b_answer( array( 'pending_expires_at' => gmdate( 'Y-m-d\TH:i:s\Z', $in_three_days ) ) ) );
		$this->assertSame( gmdate( 'c', $in_three_days ), $this->provision()['provisioning']['expires_at'] );

		delete_option( Store::RECORD_OPTION );
		$this->odd_service_answers( 200, self::case_b_answer( array( 'pending_expires_at' => gmdate( 'Y-m-d\TH:i:s\Z', time() + 40 * DAY_IN_SECONDS ) ) ) );
		$this->assertEqualsWithDelta( time() + 14 * DAY_IN_SECONDS, strtotime( $this->provision()['provisioning']['expires_at'] ), 5, 'A later date from the service does not extend the 14 days.' );
	}

	public function test_the_record_keeps_what_the_service_said_for_support(): void {
		$this->odd_service_answers(
			200,
			self::case_b_answer(
				array(
					'forced_register'   => true,
					'idempotent_replay' => true,
					'request_id'        => 'req-support-7',
				)
			)
		);
		$this->provision();
		$answer = ( new Store() )->record()->answer;
		$this->assertIsArray( $answer );
		$this->assertSame( array( 'req-support-7', true, true ), array( $answer['request_id'], $answer['forced_register'], $answer['idempotent_replay'] ) );
		$this->assertEqualsWithDelta( time(), $answer['provisioned_at'], 5 );

		delete_option( Store::RECORD_OPTION );
		$this->odd_service_answers( 403, '{"error_code":"host_plan_not_allowed","error_message":"no","source":"service","retryable":false,"answer_unknown":false,"request_id":"req-support-8","server_time":"2026-11-27T10:00:00.000Z"}' );
		$this->provision();
		$error = ( new Store() )->record()->last_error;
		$this->assertIsArray( $error );
		$this->assertSame( array( 'req-support-8', strtotime( '2026-11-27T10:00:00Z' ) ), array( $error['request_id'], $error['server_time'] ) );
	}

	/**
	 * @return iterable<string,array{0:int,1:string,2:bool}>
	 */
	public function failures(): iterable {
		yield 'the service says answer_unknown' => array( 502, '{"error_code":"host_upstream_unavailable","error_message":"reset after sending","source":"service","retryable":true,"answer_unknown":true}', true );
		yield 'WordPress.com timed out behind the service' => array( 504, '{"error_code":"host_upstream_timeout","error_message":"60 s","source":"service","retryable":true}', true );
		yield 'a proxy\'s 502 page' => array( 502, '<html><body>Bad Gateway</body></html>', true );
		yield 'a proxy\'s 503 page' => array( 503, '<html><body>Service Unavailable</body></html>', true );
		yield 'a proxy\'s 504 page' => array( 504, '<html><body>Gateway Timeout</body></html>', true );
		yield 'a definite refusal' => array( 400, '{"error_code":"invalid_plan","error_message":"no","source":"wpcom","retryable":false,"answer_unknown":false}', false );
	}

	/**
	 * @dataProvider failures
	 */
	public function test_a_retry_after_an_unknown_outcome_reuses_the_idempotency_key( int $status, string $body, bool $same_key ): void {
		$keys = array();
		$spy  = static function ( $response, $context, $transport, $args ) use ( &$keys ): void {
			if ( isset( $args['headers']['Idempotency-Key'] ) ) {
				$keys[] = $args['headers']['Idempotency-Key'];
			}
		};
		add_action( 'http_api_debug', $spy, 10, 4 );
		try {
			$this->odd_service_answers( $status, $body );
			$this->assertSame( 'failed', $this->provision()['provisioning']['state'] );
			$this->provision();
		} finally {
			remove_action( 'http_api_debug', $spy, 10 );
		}
		$this->assertCount( 2, $keys );
		$this->assertSame( $same_key, $keys[0] === $keys[1] );
	}

	public function test_a_site_that_cannot_reach_the_service_keeps_the_key_too(): void {
		$this->filter( 'jetpack_start_companion_service_url', static fn () => 'http://127.0.0.1:9' );
		$this->provision();
		$attempt = ( new Store() )->record()->attempt;
		$this->assertIsArray( $attempt );
		$this->assertTrue( $attempt['answer_unknown'] );
		Simulator::reset();
	}
}
