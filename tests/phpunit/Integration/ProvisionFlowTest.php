<?php
/**
 * POST /provision end to end over real sockets: plugin → host service → WordPress.com simulator.
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

final class ProvisionFlowTest extends TestCase {

	protected function setUp(): void {
		parent::setUp();
		Simulator::reset();
		$this->login_admin();
	}

	public function test_case_a_the_plan_is_active_at_once(): void {
		Simulator::scenario( 'case_a' );
		$provisioning = $this->provision()['provisioning'];

		$this->assertSame( 'active', $provisioning['state'] );
		$this->assertSame( 'jetpack-backup-daily', $provisioning['plan'] );
		$this->assertStringContainsString( 'action=jetpack-sso', (string) $provisioning['sign_on_url'] );
		$this->assertNull( $provisioning['expires_at'] );
		$this->assertNull( $provisioning['error'] );
	}

	public function test_what_reaches_wordpress_com(): void {
		Simulator::scenario( 'case_b' );
		$this->provision();
		$calls = Simulator::provision_calls();
		$this->assertCount( 1, $calls );
		$fields = $calls[0]['form'];
		$this->assertSame( 'http://127.0.0.1:8889', $fields['siteurl'] );
		$this->assertSame( 'admin', $fields['local_user'] );
		$this->assertSame( 'jetpack-backup-daily', $fields['plan'] );
	}

	public function test_case_b_set_up_jetpack_goes_to_the_authorize_url_and_back_to_this_panel(): void {
		Simulator::scenario( 'case_b' );
		$before       = time();
		$provisioning = $this->provision()['provisioning'];

		$this->assertSame( 'awaiting_authorization', $provisioning['state'] );
		$this->assertStringContainsString( '/jetpack.authorize/1/', $provisioning['action_url'] );
		$query = array();
		parse_str( (string) wp_parse_url( $provisioning['action_url'], PHP_URL_QUERY ), $query );
		$this->assertSame( Page::url(), $query['partner_redirect'] );

		$expires = strtotime( $provisioning['expires_at'] );
		$this->assertEqualsWithDelta( $before + 14 * DAY_IN_SECONDS, $expires, 5 );
	}

	public function test_case_c_set_up_jetpack_goes_to_jetpacks_setup_screen(): void {
		Simulator::scenario( 'case_c' );
		$provisioning = $this->provision()['provisioning'];

		$this->assertSame( 'awaiting_dns', $provisioning['state'] );
		$this->assertSame( admin_url( 'admin.php?page=jetpack#/setup' ), $provisioning['action_url'] );
		$this->assertNotNull( $provisioning['expires_at'] );
	}

	public function test_a_pending_plan_turns_active_when_the_owner_connects(): void {
		Simulator::scenario( 'case_b' );
		$this->provision();
		$this->jetpack_connection( true, get_current_user_id() );
		$provisioning = $this->status()['provisioning'];
		$this->assertSame( 'active', $provisioning['state'] );
		$this->assertNull( $provisioning['sign_on_url'], 'The authorize URL is not a sign-on link.' );
		$this->assertNull( $provisioning['action_url'] );
	}

	public function test_a_stale_token_on_the_site_is_retried_with_force_register(): void {
		Simulator::scenario( 'method_not_found_provision', array( 'then' => 'case_b' ) );
		$this->assertSame( 'awaiting_authorization', $this->provision()['provisioning']['state'] );
		$calls = Simulator::provision_calls();
		$this->assertCount( 2, $calls );
		$this->assertSame( '1', (string) ( $calls[1]['form']['force_register'] ?? '' ) );
	}

	/**
	 * @return iterable<string,array{0:string,1:string,2:string}>
	 */
	public function documented_errors(): iterable {
		$shapes = array(
			'error_code' => 'contract shape',
			'error'      => 'error/message shape',
		);
		$codes  = array(
			'invalid_plan'                     => 'is not one Example Hosting can give it',
			'plan_downgrade_disallowed'        => 'bigger Jetpack plan',
			'invalid_scope'                    => 'Jetpack account cannot give out plans',
			'method_not_found_register'        => 'xmlrpc.php',
			'partner_key_disabled'             => 'Jetpack account cannot give out plans',
			'activation_limit_reached'         => 'Jetpack account cannot give out plans',
			'invalid_siteurl'                  => 'could not match this request',
			'invalid_local_user'               => 'could not match this request',
			'could_not_load_product_class'     => 'could not match this request',
			'error_access_token'               => 'Jetpack account cannot give out plans',
			'failed_registration_unknown_blog' => 'could not match this request',
			'invalid_signature'                => 'usually temporary',
		);
		foreach ( $codes as $scenario => $text ) {
			foreach ( $shapes as $shape => $label ) {
				yield "{$scenario}, {$label}" => array( $scenario, $shape, $text );
			}
		}
	}

	/**
	 * @dataProvider documented_errors
	 */
	public function test_each_documented_error_fails_with_a_plain_explanation( string $scenario, string $shape, string $text ): void {
		Simulator::scenario( $scenario, array( 'shape' => $shape ) );
		$provisioning = $this->provision()['provisioning'];

		$this->assertSame( 'failed', $provisioning['state'] );
		$expected_code = str_starts_with( $scenario, 'method_not_found' ) ? 'method_not_found' : $scenario;
		$this->assertSame( $expected_code, $provisioning['error']['code'] );
		$this->assertStringContainsString( $text, $provisioning['error']['message'] . ' ' . $provisioning['error']['action'] );
		$this->assertNotSame( '', $provisioning['error']['action'] );
		$this->assertNull( $provisioning['action_url'] );
	}

	public function test_upstream_outages_are_retryable_failures(): void {
		foreach ( array(
			'http_503'       => 'host_upstream_unavailable',
			'malformed_json' => 'host_upstream_malformed',
		) as $scenario => $code ) {
			Simulator::scenario( $scenario );
			$error = $this->provision()['provisioning']['error'];
			$this->assertSame( $code, $error['code'] );
			$this->assertTrue( $error['retryable'] );
		}
	}

	public function test_a_retry_after_a_failure_succeeds(): void {
		Simulator::scenario( 'http_500' );
		$this->assertSame( 'failed', $this->provision()['provisioning']['state'] );
		Simulator::scenario( 'case_b' );
		$provisioning = $this->provision()['provisioning'];
		$this->assertSame( 'awaiting_authorization', $provisioning['state'] );
		$this->assertNull( $provisioning['error'] );
	}

	public function test_a_request_while_an_offer_is_pending_answers_it_without_asking_wordpress_com_again(): void {
		Simulator::scenario( 'case_b' );
		$first = $this->provision()['provisioning'];
		Simulator::scenario( 'case_c' );
		$second = $this->provision()['provisioning'];

		$this->assertSame( $first, $second );
		$this->assertCount( 1, Simulator::provision_calls() );
	}

	public function test_a_request_while_the_plan_is_active_answers_it_without_asking_wordpress_com_again(): void {
		Simulator::scenario( 'case_a' );
		$this->provision();
		$this->assertSame( 'active', $this->provision()['provisioning']['state'] );
		$this->assertCount( 1, Simulator::provision_calls() );
	}

	/**
	 * @return iterable<string,array{0:Record}>
	 */
	public function states_that_ask_again(): iterable {
		$now = time();
		yield 'expired' => array( new Record( 'jetpack-backup-daily', 'awaiting_authorization', 'https://jetpack.wordpress.com/jetpack.authorize/1/', $now - 15 * DAY_IN_SECONDS, $now - DAY_IN_SECONDS ) );
		yield 'failed' => array(
			new Record(
				null,
				null,
				'',
				null,
				null,
				array(
					'code'        => 'host_upstream_unavailable',
					'message'     => '',
					'source'      => 'service',
					'retryable'   => true,
					'http_status' => 502,
					'at'          => $now - 60,
				)
			),
		);
		yield 'active, but WordPress.com says the plan is missing' => array( self::active_but_missing() );
	}

	/**
	 * @dataProvider states_that_ask_again
	 */
	public function test_the_states_whose_action_is_ask_again_ask_again( Record $record ): void {
		( new Store() )->save( $record );
		Simulator::scenario( 'case_b' );
		$this->assertSame( 'awaiting_authorization', $this->provision()['provisioning']['state'] );
		$this->assertCount( 1, Simulator::provision_calls() );
	}

	public function test_a_failed_request_again_keeps_the_active_plan_and_says_what_failed(): void {
		( new Store() )->save(
			self::active_but_missing()
		);
		Simulator::scenario( 'http_503' );
		$provisioning = $this->provision()['provisioning'];

		$this->assertSame( 'active', $provisioning['state'] );
		$this->assertSame( 'missing', $provisioning['confirmation']['plan_on_site'] );
		$this->assertSame( 'host_upstream_unavailable', $provisioning['error']['code'] );
	}

	public function test_an_unreachable_host_service_is_a_failure_the_panel_can_explain(): void {
		$this->filter( 'jetpack_start_companion_service_url', static fn () => 'http://127.0.0.1:9' );
		$provisioning = $this->provision()['provisioning'];
		$this->assertSame( 'failed', $provisioning['state'] );
		$this->assertSame( 'service_unreachable', $provisioning['error']['code'] );
		$this->assertStringContainsString( 'Example Hosting', $provisioning['error']['message'] );
	}

	public function test_a_wrong_site_key_is_refused_by_the_service_before_wordpress_com(): void {
		$this->filter( 'jetpack_start_companion_site_key', static fn () => str_repeat( '0', 64 ) );
		$provisioning = $this->provision()['provisioning'];
		$this->assertSame( 'host_invalid_signature', $provisioning['error']['code'] );
		$this->assertSame( array(), Simulator::provision_calls() );
	}

	public function test_plain_http_to_a_remote_service_is_refused_without_a_request(): void {
		$this->filter( 'jetpack_start_companion_service_url', static fn () => 'http://host-service.example' );
		// The preflight gate names it before an attempt starts (the client would refuse it too: service_url_insecure).
		$response = $this->dispatch( 'POST', self::PROVISION_ROUTE, array( 'accept_terms' => true ) );
		$this->assertSame( 412, $response->get_status() );
		$this->assertSame( 'host_service_configured', $response->as_error()->get_error_data()['check']['check'] ?? null );
		$this->assertSame( 'not_requested', $this->status()['provisioning']['state'] );
	}
}
