<?php
/**
 * POST /confirm: the plugin asks WordPress.com (through the host service's signed status route)
 * whether the plan really is on the site.
 *
 * @package JetpackStartCompanion
 */

declare( strict_types=1 );

namespace JetpackStartCompanion\Tests\Integration;

use JetpackStartCompanion\Provisioning\Record;
use JetpackStartCompanion\Provisioning\Store;
use JetpackStartCompanion\Tests\Simulator;
use JetpackStartCompanion\Tests\TestCase;

final class ConfirmTest extends TestCase {

	private const CONFIRM_ROUTE = '/jetpack-start-companion/v1/confirm';

	protected function setUp(): void {
		parent::setUp();
		Simulator::reset();
		$this->login_admin();
	}

	/**
	 * @return array<string,mixed>
	 */
	private function confirm(): array {
		$response = $this->dispatch( 'POST', self::CONFIRM_ROUTE );
		$this->assertSame( 200, $response->get_status(), (string) wp_json_encode( $response->get_data() ) );
		return $response->get_data()['provisioning'];
	}

	private function status_calls(): int {
		return count( array_filter( Simulator::calls(), static fn ( $call ) => str_contains( (string) $call['path'], '/status' ) ) );
	}

	public function test_wordpress_com_confirms_an_active_plan(): void {
		Simulator::scenario( 'case_a' );
		$this->provision();
		$provisioning = $this->confirm();
		$this->assertSame( 'active', $provisioning['confirmation']['plan_on_site'] );
		$this->assertSame( 'active', $provisioning['state'] );
	}

	public function test_a_pending_activation_is_reported_pending(): void {
		Simulator::scenario( 'case_b' );
		$this->provision();
		$provisioning = $this->confirm();
		$this->assertSame( 'pending', $provisioning['confirmation']['plan_on_site'] );
		$this->assertSame( 'awaiting_authorization', $provisioning['state'] );
	}

	public function test_a_plan_wordpress_com_does_not_know_is_reported_missing(): void {
		( new Store() )->save( new Record( 'jetpack-backup-daily', 'active', '', time() - 60, null ) );
		$this->assertSame( 'missing', $this->confirm()['confirmation']['plan_on_site'] );
	}

	public function test_answers_are_reused_for_30_seconds(): void {
		Simulator::scenario( 'case_b' );
		$this->provision();
		$this->confirm();
		$this->confirm();
		$this->assertSame( 1, $this->status_calls() );
	}

	public function test_nothing_to_confirm_before_a_request(): void {
		$response = $this->dispatch( 'POST', self::CONFIRM_ROUTE );
		$this->assertSame( 409, $response->get_status() );
		$this->assertSame( 'jetpack_start_companion_nothing_to_confirm', $response->get_data()['code'] );
	}

	public function test_a_failed_check_changes_nothing(): void {
		Simulator::scenario( 'case_b' );
		$before = $this->provision()['provisioning'];
		$this->filter( 'jetpack_start_companion_site_key', static fn () => str_repeat( '0', 64 ) );
		$response = $this->dispatch( 'POST', self::CONFIRM_ROUTE );
		$this->assertSame( 502, $response->get_status() );
		$this->assertSame( 'jetpack_start_companion_confirmation_failed', $response->get_data()['code'] );
		$this->assertSame( $before, $this->status()['provisioning'] );
	}

	public function test_an_answer_saved_by_another_request_meanwhile_is_not_overwritten(): void {
		Simulator::scenario( 'case_b' );
		$this->provision();
		$this->status();
		// While WordPress.com is being asked, another request (another PHP process, so past this
		// one's caches) stores a new answer.
		$newer = new Record( 'jetpack-backup-daily', 'active', '', time() + 1, null );
		$race  = static function () use ( $newer ): void {
			global $wpdb;
			$wpdb->update( $wpdb->options, array( 'option_value' => maybe_serialize( $newer->to_array() ) ), array( 'option_name' => Store::RECORD_OPTION ) );
		};
		add_action( 'http_api_debug', $race );
		try {
			$this->confirm();
		} finally {
			remove_action( 'http_api_debug', $race );
		}
		$stored = ( new Store() )->fresh_record();
		$this->assertSame( 'active', $stored->outcome, 'The newer answer stays.' );
		$this->assertSame( $newer->requested_at, $stored->requested_at );
		$this->assertNull( $stored->confirmation, 'The check was about the older request.' );
	}

	public function test_a_confirmation_while_a_plan_request_runs_changes_nothing(): void {
		Simulator::scenario( 'case_b' );
		$this->provision();
		$store = new Store();
		$lock  = $store->acquire_lock( time() );
		$this->assertNotNull( $lock );
		try {
			$this->confirm();
			$this->assertNull( $store->fresh_record()->confirmation );
		} finally {
			$store->release_lock( (string) $lock );
		}
	}

	public function test_a_confirmation_waits_a_moment_for_a_short_step_holding_the_lock(): void {
		Simulator::scenario( 'case_a' );
		$this->provision();
		// The panel's host-record pick-up, sent with the confirmation, holds the lock for a moment
		// (here: a lock that lapses within a second). The confirmation must not be dropped.
		$this->assertNotNull( ( new Store() )->acquire_lock( time() - Store::LOCK_SECONDS + 1 ) );
		$this->assertSame( 'active', $this->confirm()['confirmation']['plan_on_site'] ?? null );
	}

	public function test_only_administrators_may_ask(): void {
		wp_set_current_user( $this->user( 'editor' ) );
		$this->assertSame( 403, $this->dispatch( 'POST', self::CONFIRM_ROUTE )->get_status() );
	}
}
