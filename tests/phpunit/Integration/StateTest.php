<?php
/**
 * States derived from the stored record and Jetpack's connection: expiry and orphan connections.
 *
 * @package JetpackStartCompanion
 */

declare( strict_types=1 );

namespace JetpackStartCompanion\Tests\Integration;

use JetpackStartCompanion\Provisioning\Record;
use JetpackStartCompanion\Provisioning\Store;
use JetpackStartCompanion\Tests\TestCase;

final class StateTest extends TestCase {

	private function pending( string $outcome, int $requested_days_ago ): void {
		$requested = time() - $requested_days_ago * DAY_IN_SECONDS;
		( new Store() )->save( new Record( 'jetpack-backup-daily', $outcome, 'awaiting_dns' === $outcome ? '' : 'https://jetpack.wordpress.com/jetpack.authorize/1/?a=1', $requested, $requested + 14 * DAY_IN_SECONDS ) );
	}

	public function test_nothing_requested_yet(): void {
		$this->login_admin();
		$provisioning = $this->status()['provisioning'];
		$this->assertSame( 'not_requested', $provisioning['state'] );
		$this->assertNull( $provisioning['action_url'] );
	}

	public function test_a_pending_activation_is_valid_for_14_days(): void {
		$this->login_admin();
		$this->pending( 'awaiting_authorization', 13 );
		$this->assertSame( 'awaiting_authorization', $this->status()['provisioning']['state'] );
	}

	public function test_a_pending_activation_older_than_14_days_has_expired(): void {
		$this->login_admin();
		foreach ( array( 'awaiting_authorization', 'awaiting_dns' ) as $outcome ) {
			$this->pending( $outcome, 15 );
			$provisioning = $this->status()['provisioning'];
			$this->assertSame( 'expired', $provisioning['state'] );
			$this->assertNull( $provisioning['action_url'], 'An expired authorize link must not be offered.' );
		}
	}

	public function test_a_site_connected_with_an_owner_is_not_expired(): void {
		$admin = $this->login_admin();
		$this->pending( 'awaiting_dns', 20 );
		$this->jetpack_connection( true, $admin );
		$this->assertSame( 'active', $this->status()['provisioning']['state'] );
	}

	public function test_an_active_plan_on_an_orphan_connection_asks_the_owner_to_connect(): void {
		$this->login_admin();
		( new Store() )->save( new Record( 'jetpack-backup-daily', 'active', '', time(), null ) );
		$this->jetpack_connection( true, null );
		$status = $this->status();
		$this->assertSame( 'connected_no_owner', $status['provisioning']['state'] );
		$this->assertStringEndsWith( 'admin.php?page=my-jetpack#/connection', $status['jetpack']['connect_user_url'] );
	}

	public function test_an_orphan_connection_before_any_request_is_surfaced(): void {
		$this->login_admin();
		$this->jetpack_connection( true, null );
		$this->assertSame( 'connected_no_owner', $this->status()['provisioning']['state'] );
	}

	public function test_a_pending_site_registered_without_owner_still_waits_for_authorization(): void {
		$this->login_admin();
		$this->pending( 'awaiting_authorization', 1 );
		$this->jetpack_connection( true, null );
		$this->assertSame( 'awaiting_authorization', $this->status()['provisioning']['state'] );
	}

	/**
	 * @return iterable<string,array{0:mixed}>
	 */
	public function damaged_records(): iterable {
		yield 'not an array' => array( 'garbage' );
		yield 'failure without a message' => array(
			array(
				'last_error' => array(
					'code' => 'invalid_plan',
					'at'   => 5,
				),
			),
		);
		yield 'failure time as text' => array(
			array(
				'last_error' => array(
					'code'        => 'invalid_plan',
					'message'     => 'x',
					'source'      => 'wpcom',
					'retryable'   => false,
					'http_status' => 400,
					'at'          => 'yesterday',
				),
			),
		);
		yield 'confirmation without a time' => array(
			array(
				'plan'         => 'free',
				'outcome'      => 'active',
				'requested_at' => 1,
				'confirmation' => array( 'plan_on_site' => 'active' ),
			),
		);
		yield 'attempt without a key' => array( array( 'attempt' => array( 'started_at' => 1 ) ) );
	}

	/**
	 * @dataProvider damaged_records
	 * @param mixed $stored What the option holds.
	 */
	public function test_a_damaged_record_never_breaks_the_panel( $stored ): void {
		$this->login_admin();
		update_option( Store::RECORD_OPTION, $stored );
		$this->assertContains( $this->status()['provisioning']['state'], array( 'not_requested', 'active' ) );
	}

	public function test_a_pending_activation_expires_at_exactly_14_days(): void {
		$this->login_admin();
		$requested = time() - 14 * DAY_IN_SECONDS;
		( new Store() )->save( new Record( 'free', 'awaiting_authorization', 'https://jetpack.wordpress.com/jetpack.authorize/1/', $requested, $requested + 14 * DAY_IN_SECONDS ) );
		$this->assertSame( 'expired', $this->status()['provisioning']['state'] );
	}

	public function test_an_authorize_link_off_wordpress_com_falls_back_to_jetpacks_setup(): void {
		$this->login_admin();
		( new Store() )->save( new Record( 'free', 'awaiting_authorization', 'https://evil.example/jetpack.authorize/1/', time(), time() + DAY_IN_SECONDS ) );
		$this->assertSame( admin_url( 'admin.php?page=jetpack#/setup' ), $this->status()['provisioning']['action_url'] );
	}

	public function test_a_sign_on_link_must_lead_into_this_site(): void {
		$this->login_admin();
		( new Store() )->save( new Record( 'free', 'active', 'https://elsewhere.example/wp-login.php?action=jetpack-sso', time(), null ) );
		$this->assertNull( $this->status()['provisioning']['sign_on_url'] );
	}

	public function test_an_orphan_connection_outranks_an_expired_offer(): void {
		$this->login_admin();
		$this->pending( 'awaiting_authorization', 20 );
		$this->jetpack_connection( true, null );
		$this->assertSame( 'connected_no_owner', $this->status()['provisioning']['state'] );
	}

	public function test_the_plan_is_named_after_the_plan_granted_never_with_a_lower_case_placeholder(): void {
		$this->login_admin();
		$this->assertSame( 'Jetpack Backup', $this->status()['host']['plan_label'], 'The host\'s label for the plan it asks for.' );

		( new Store() )->save( new Record( 'jetpack-scan', 'active', '', time(), null ) );
		$this->assertSame( 'Jetpack Scan', $this->status()['host']['plan_label'], 'The service granted another plan than the label names.' );

		$this->filter( 'jetpack_start_companion_plan', '__return_empty_string' );
		$this->filter( 'jetpack_start_companion_plan_label', '__return_empty_string' );
		( new Store() )->save( new Record( 'jetpack-complete', 'active', '', time(), null ) );
		$this->assertSame( 'Jetpack Complete', $this->status()['host']['plan_label'] );

		delete_option( Store::RECORD_OPTION );
		$this->assertSame( '', $this->status()['host']['plan_label'], 'Nothing says which plan yet: the panel words it itself.' );
	}
}
