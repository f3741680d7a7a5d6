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

	public function test_a_corrupt_record_reads_as_nothing_requested(): void {
		$this->login_admin();
		update_option( Store::RECORD_OPTION, 'garbage' );
		$this->assertSame( 'not_requested', $this->status()['provisioning']['state'] );
	}
}
