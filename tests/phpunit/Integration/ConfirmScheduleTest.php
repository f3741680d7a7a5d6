<?php
/**
 * Confirmation without a browser (issue 10 §6): a plan that turns active is checked with
 * WordPress.com (the simulator, through the real host service) by WP-Cron, a few minutes later
 * and then daily while it is not confirmed. The events run here as wp-cron.php runs them.
 *
 * @package JetpackStartCompanion
 */

declare( strict_types=1 );

namespace JetpackStartCompanion\Tests\Integration;

use JetpackStartCompanion\Plugin;
use JetpackStartCompanion\Provisioning\ConfirmSchedule;
use JetpackStartCompanion\Provisioning\Record;
use JetpackStartCompanion\Provisioning\Store;
use JetpackStartCompanion\Tests\Simulator;
use JetpackStartCompanion\Tests\TestCase;

final class ConfirmScheduleTest extends TestCase {

	protected function setUp(): void {
		parent::setUp();
		Simulator::reset();
	}

	/**
	 * Runs the event's next occurrence as wp-cron.php does: a recurring one is rescheduled first,
	 * then the occurrence is unscheduled and its hook runs.
	 */
	private function run_event( string $hook ): void {
		$event = wp_get_scheduled_event( $hook );
		$this->assertIsObject( $event, "{$hook} is scheduled" );
		if ( $event->schedule ) {
			wp_reschedule_event( $event->timestamp, $event->schedule, $hook, $event->args );
		}
		wp_unschedule_event( $event->timestamp, $hook, $event->args );
		do_action_ref_array( $hook, $event->args );
	}

	private function status_calls(): int {
		return count( array_filter( Simulator::calls(), static fn ( $call ): bool => str_contains( (string) ( $call['path'] ?? '' ), '/status' ) ) );
	}

	/**
	 * @return array{0:bool,1:bool} Whether the first check and the daily one are scheduled.
	 */
	private function scheduled(): array {
		return array( false !== wp_next_scheduled( Plugin::EVENT_CONFIRM ), false !== wp_next_scheduled( Plugin::EVENT_CONFIRM_DAILY ) );
	}

	public function test_a_pending_plan_that_turns_active_is_checked_a_few_minutes_later_then_daily_while_pending(): void {
		$admin = $this->login_admin();
		Simulator::scenario( 'case_b' );
		$this->assertSame( 'awaiting_authorization', $this->provision()['provisioning']['state'] );
		$this->assertSame( array( false, false ), $this->scheduled(), 'nothing to confirm while pending' );

		// Jetpack connects with an owner: the plan turns active on the site.
		$this->jetpack_connection( true, $admin );
		$this->assertSame( 'active', $this->status()['provisioning']['state'] );
		$first = wp_next_scheduled( Plugin::EVENT_CONFIRM );
		$this->assertIsInt( $first );
		$this->assertEqualsWithDelta( time() + ConfirmSchedule::FIRST_DELAY, $first, 5 );
		$this->status();
		$this->assertSame( array( true, false ), $this->scheduled() );

		// WP-Cron, nobody logged in: WordPress.com still lists the plan as pending.
		wp_set_current_user( 0 );
		$this->run_event( Plugin::EVENT_CONFIRM );
		$this->assertSame( 1, $this->status_calls() );
		$this->assertSame( 'pending', ( new Store() )->fresh_record()->confirmation['plan_on_site'] ?? null );
		$this->assertSame( array( false, true ), $this->scheduled(), 'not confirmed: checked again daily' );

		// The connection goes (no active plan left to confirm): so does the check.
		$this->jetpack_connection( false, null );
		$this->login_admin();
		$this->assertSame( 'awaiting_authorization', $this->status()['provisioning']['state'] );
		$this->assertSame( array( false, false ), $this->scheduled() );
	}

	public function test_a_plan_that_never_landed_is_caught_and_asked_for_again_from_the_panel(): void {
		// An answer saved as active that WordPress.com does not know (an offer that lapsed there).
		( new Store() )->save( new Record( 'jetpack-backup-daily', 'active', '', time() - 60, null ) );
		$this->assertSame( array( true, false ), $this->scheduled() );

		$this->run_event( Plugin::EVENT_CONFIRM );
		$this->assertSame( array( false, true ), $this->scheduled(), 'not confirmed: checked again daily' );
		$this->login_admin();
		$provisioning = $this->status()['provisioning'];
		$this->assertSame( 'active', $provisioning['state'] );
		$this->assertSame( 'missing', $provisioning['confirmation']['plan_on_site'] );

		// The state's action is "ask again" (Provisioner's rule): the owner's next request reaches
		// WordPress.com, and the daily check then confirms it.
		Simulator::scenario( 'case_a' );
		$this->provision();
		$this->assertCount( 1, Simulator::provision_calls() );
		$this->run_event( Plugin::EVENT_CONFIRM_DAILY );
		$this->assertSame( 'active', $this->status()['provisioning']['confirmation']['plan_on_site'] );
		$this->assertSame( array( false, false ), $this->scheduled() );
	}

	public function test_when_wordpress_com_cannot_be_reached_the_record_stays_and_the_check_is_rescheduled(): void {
		$this->login_admin();
		Simulator::scenario( 'case_a' );
		$before = $this->provision()['provisioning'];
		$this->assertSame( 'active', $before['state'] );
		$this->assertNull( $before['confirmation'] );

		Simulator::scenario( 'reset' ); // WordPress.com cuts the connection.
		$this->run_event( Plugin::EVENT_CONFIRM );
		$this->assertGreaterThanOrEqual( 1, $this->status_calls(), 'WordPress.com was asked' );
		$this->assertSame( $before, $this->status()['provisioning'], 'the record is kept as it was' );
		$this->assertSame( array( false, true ), $this->scheduled(), 'tried again tomorrow' );
		$this->assertEqualsWithDelta( time() + DAY_IN_SECONDS, (int) wp_next_scheduled( Plugin::EVENT_CONFIRM_DAILY ), 5 );

		Simulator::scenario( 'case_a' );
		$this->run_event( Plugin::EVENT_CONFIRM_DAILY );
		$this->assertSame( 'active', $this->status()['provisioning']['confirmation']['plan_on_site'] );
		$this->assertSame( array( false, false ), $this->scheduled() );
	}
}
