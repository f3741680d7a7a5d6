<?php
/**
 * Jetpack's real connection package and WordPress.com's side of its protocol (the simulator), end
 * to end over real sockets: what the detector reports in each state the real flows produce, and
 * what the plugin's provisioning gets from WordPress.com in each of them.
 *
 * @package JetpackStartCompanion
 */

declare( strict_types=1 );

namespace JetpackStartCompanion\Tests\Integration;

use Automattic\Jetpack\Connection\Manager;
use JetpackStartCompanion\Diagnostics\Result;
use JetpackStartCompanion\Diagnostics\TokensAccepted;
use JetpackStartCompanion\Jetpack\Detector;
use JetpackStartCompanion\Tests\RealFlowTestCase;
use JetpackStartCompanion\Tests\Simulator;

final class ConnectionFlowTest extends RealFlowTestCase {

	private int $admin;

	protected function setUp(): void {
		parent::setUp();
		$this->admin = $this->login_admin();
	}

	/**
	 * @return array<string,mixed>
	 */
	private function provisioning(): array {
		$this->site_changed();
		return $this->status()['provisioning'];
	}

	/**
	 * Asks for the plan (POST /provision) and answers the provisioning part of its answer, which
	 * must already be what a fresh read says: WordPress.com changed Jetpack's connection in other
	 * requests (its callbacks) while this one waited for the answer.
	 *
	 * @return array<string,mixed>
	 */
	private function ask(): array {
		$answered = $this->provision()['provisioning'];
		$fresh    = $this->provisioning();
		$this->assertSame( $fresh['state'], $answered['state'], 'The answer to POST /provision is what a fresh read says.' );
		return $answered;
	}

	public function test_not_registered(): void {
		$state = ( new Detector() )->detect( $this->admin );
		$this->assertTrue( $state->active );
		$this->assertFalse( $state->connected );
		$this->assertNull( $state->blog_id );
	}

	public function test_registered_without_authorization_is_an_orphan(): void {
		$this->register_site();
		$state = ( new Detector() )->detect( $this->admin );
		$this->assertTrue( $state->connected, 'Registered: a blog id and a blog token.' );
		$this->assertFalse( $state->has_connected_owner );
		$this->assertTrue( $state->has_orphan_connection() );
		$this->assertSame( (int) \Jetpack_Options::get_option( 'id' ), $state->blog_id );
		$this->assertGreaterThan( 0, $state->blog_id );
		$this->assertSame( 'connected_no_owner', $this->provisioning()['state'] );
		$tokens = ( new TokensAccepted() )->run();
		$this->assertSame( Result::GOOD, $tokens->status, 'No user token to present: the blog token alone. ' . $tokens->evidence );
		$this->assertStringContainsString( '/jetpack-token-health/blog (Tokens::validate_blog_token, blog id', $tokens->evidence );
	}

	public function test_registration_is_verified_over_xml_rpc_when_the_rest_api_is_blocked(): void {
		$this->web_server(
			array(
				'database' => DB_NAME,
				'rest'     => '403',
			)
		);
		$this->register_site();
		$this->assertTrue( ( new Detector() )->detect( $this->admin )->connected );

		// Both blocked: WordPress.com cannot verify the registration, and says why.
		jsc_jetpack_state_connect( null );
		$this->web_server(
			array(
				'database' => DB_NAME,
				'rest'     => '403',
				'xmlrpc'   => '403',
			)
		);
		$result = ( new Manager( 'jetpack' ) )->try_registration( true, true );
		$this->assertInstanceOf( \WP_Error::class, $result );
		$this->assertSame( 'site_inaccessible_403', $result->get_error_code() );
	}

	public function test_case_b_then_the_user_approves_and_becomes_the_owner_and_the_plan_lands(): void {
		$provisioning = $this->ask();
		$this->assertSame( 'awaiting_authorization', $provisioning['state'], (string) wp_json_encode( $provisioning ) );
		// WordPress.com's remoteRegister made the site register itself: a connection without owner yet.
		$this->assertTrue( ( new Detector() )->detect( $this->admin )->has_orphan_connection() );

		$approved = $this->approve( (string) $provisioning['action_url'] );
		$this->assertSame( 302, wp_remote_retrieve_response_code( $approved ), wp_remote_retrieve_body( $approved ) );

		$state = ( new Detector() )->detect( $this->admin );
		$this->assertTrue( $state->has_connected_owner );
		$this->assertTrue( $state->user_connected );
		$this->assertSame( $this->admin, ( new Manager() )->get_connection_owner_id() );
		$this->assertSame( 'active', $this->provisioning()['state'] );

		$confirmed = $this->dispatch( 'POST', '/jetpack-start-companion/v1/confirm' )->get_data();
		$this->assertSame( 'active', $confirmed['provisioning']['confirmation']['plan_on_site'] ?? null, (string) wp_json_encode( $confirmed ) );

		// Asked again now that the admin owns the connection: case A, with a Secure Sign On link.
		delete_option( 'jetpack_start_companion_record' );
		$provisioning = $this->ask();
		$this->assertSame( 'active', $provisioning['state'] );
		$this->assertStringContainsString( 'action=jetpack-sso', (string) $provisioning['sign_on_url'] );
	}

	public function test_another_user_owns_the_connection(): void {
		$other = $this->user( 'administrator' );
		wp_set_current_user( $other );
		$this->register_site();
		$authorize = ( new Manager( 'jetpack' ) )->get_authorization_url( get_userdata( $other ) );
		$this->assertStringStartsWith( Simulator::base() . '/jetpack.authorize/1/', $authorize );
		// The other administrator approves through the partner flow WordPress.com offers them.
		$answer = $this->partner_provision( get_userdata( $other )->user_login );
		$this->approve( (string) $answer['next_url'] );

		$state = ( new Detector() )->detect( $this->admin );
		$this->assertTrue( $state->has_connected_owner );
		$this->assertFalse( $state->user_connected, 'The admin is not the one who connected.' );
		$this->assertSame( $other, ( new Manager() )->get_connection_owner_id() );
	}

	public function test_xmlrpc_blocked_is_the_error_wordpress_com_really_returns(): void {
		$this->web_server(
			array(
				'database' => DB_NAME,
				'xmlrpc'   => '403',
			)
		);
		$provisioning = $this->ask();
		$this->assertSame( 'failed', $provisioning['state'] );
		$this->assertSame( 'method_not_found', $provisioning['error']['code'] ?? null, (string) wp_json_encode( $provisioning ) );
		$this->assertFalse( ( new Detector() )->detect( $this->admin )->connected, 'WordPress.com never got in.' );
	}

	public function test_a_domain_that_does_not_resolve_is_case_c(): void {
		$this->web_server(
			array(
				'database'  => DB_NAME,
				'site_host' => 'jsc-new-domain.invalid',
			)
		);
		$provisioning = $this->ask();
		$this->assertSame( 'awaiting_dns', $provisioning['state'], (string) wp_json_encode( $provisioning ) );
		$this->assertSame( 'http://jsc-new-domain.invalid:8889', Simulator::provision_calls()[0]['form']['siteurl'] );
	}

	public function test_a_stale_blog_token_is_cured_by_one_force_register_retry(): void {
		$this->approve( (string) $this->partner_provision( 'admin' )['next_url'] );
		$old_blog_id = ( new Detector() )->detect( $this->admin )->blog_id;
		// WordPress.com no longer accepts the site's blog token (rotated, or the site was restored
		// from a backup); the owner's user token still works.
		Simulator::revoke( true );
		Simulator::reset_calls();
		$tokens = ( new TokensAccepted() )->run();
		$this->assertSame( Result::RECOMMENDED, $tokens->status, 'The force_register retry cures it: no reason to block. ' . $tokens->evidence );
		$this->assertStringEndsWith( '→ blog token healthy: no; user token healthy: yes', $tokens->evidence );
		Simulator::reset_calls();

		$provisioning = $this->ask();
		$this->assertSame( 'awaiting_authorization', $provisioning['state'], (string) wp_json_encode( $provisioning ) );
		$calls = Simulator::provision_calls();
		$this->assertCount( 2, $calls );
		$this->assertArrayNotHasKey( 'force_register', $calls[0]['form'] );
		$this->assertSame( '1', $calls[1]['form']['force_register'] ?? null );
		$state = ( new Detector() )->detect( $this->admin );
		$this->assertSame( $old_blog_id, $state->blog_id, 'Registered afresh, as the same site.' );
		$this->assertFalse( $state->has_connected_owner, 'Jetpack drops every token when it registers again.' );

		$this->approve( (string) $provisioning['action_url'] );
		$this->assertSame( 'active', $this->provisioning()['state'] );
		$confirmed = $this->dispatch( 'POST', '/jetpack-start-companion/v1/confirm' )->get_data();
		$this->assertSame( 'active', $confirmed['provisioning']['confirmation']['plan_on_site'] ?? null, (string) wp_json_encode( Simulator::calls() ) );
	}

	public function test_tokens_revoked_by_wordpress_com_stay_on_the_site_and_provisioning_says_so(): void {
		$answer = $this->partner_provision( 'admin' );
		$this->approve( (string) $answer['next_url'] );
		$this->assertTrue( ( new Detector() )->detect( $this->admin )->has_owned_connection() );
		$tokens = ( new TokensAccepted() )->run();
		$this->assertSame( Result::GOOD, $tokens->status, $tokens->evidence );
		$this->assertMatchesRegularExpression( '#^POST http://127\.0\.0\.1:8791/wpcom/v2/sites/\d+/jetpack-token-health \(Tokens::validate for user \d+, blog id \d+\) → blog token healthy: yes; user token healthy: yes$#', $tokens->evidence );

		Simulator::revoke();
		Simulator::reset_calls();
		$state = ( new Detector() )->detect( $this->admin );
		$this->assertTrue( $state->has_owned_connection(), 'The site cannot know: it still holds its tokens.' );
		$tokens = ( new TokensAccepted() )->run();
		$this->assertSame( Result::CRITICAL, $tokens->status, 'The connection package\'s own validation can: ' . $tokens->evidence );
		$this->assertSame( 'WordPress.com no longer accepts this site\'s connection: the keys it holds are out of date.', $tokens->label );
		$this->assertStringEndsWith( '→ blog token healthy: no; user token healthy: no', $tokens->evidence );
		Simulator::reset_calls();
		$provisioning = $this->ask();
		$this->assertSame( 'failed', $provisioning['state'] );
		$this->assertSame( 'method_not_found', $provisioning['error']['code'] ?? null, (string) wp_json_encode( $provisioning ) );
		$this->assertCount( 2, Simulator::provision_calls(), 'One force_register retry, which cannot cure revoked tokens of a site with an owner.' );
	}

	/**
	 * A partner provision call straight to WordPress.com (the host service's part), for setting up
	 * states through the partner flow.
	 *
	 * @return array<string,mixed>
	 */
	private function partner_provision( string $local_user ): array {
		$token    = json_decode(
			wp_remote_retrieve_body(
				wp_remote_post(
					Simulator::base() . '/oauth2/token',
					array(
						'body' => array(
							'grant_type'    => 'client_credentials',
							'scope'         => 'jetpack-partner',
							'client_id'     => 'test-partner',
							'client_secret' => 'test-partner-secret-0123456789',
						),
					)
				)
			),
			true
		)['access_token'];
		$response = wp_remote_post(
			Simulator::base() . '/rest/v1.3/jpphp/provision',
			array(
				'headers' => array( 'Authorization' => 'Bearer ' . $token ),
				'body'    => array(
					'siteurl'    => site_url(),
					'local_user' => $local_user,
					'plan'       => 'jetpack-backup-daily',
				),
				'timeout' => 30,
			)
		);
		$this->site_changed();
		$answer = json_decode( wp_remote_retrieve_body( $response ), true );
		$this->assertTrue( $answer['success'] ?? false, wp_remote_retrieve_body( $response ) );
		return $answer;
	}
}
