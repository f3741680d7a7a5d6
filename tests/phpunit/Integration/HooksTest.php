<?php
/**
 * The documented hooks (docs/hooks.md) do what they say: the outcome action once per attempt,
 * the state-change action once per change (on a save and on a read), and the filters for the
 * plan request, the capability and the plan label.
 *
 * @package JetpackStartCompanion
 */

declare( strict_types=1 );

namespace JetpackStartCompanion\Tests\Integration;

use JetpackStartCompanion\Jetpack\Detector;
use JetpackStartCompanion\Provisioning\Record;
use JetpackStartCompanion\Provisioning\StateSignal;
use JetpackStartCompanion\Provisioning\Store;
use JetpackStartCompanion\Tests\Simulator;
use JetpackStartCompanion\Tests\TestCase;

final class HooksTest extends TestCase {

	/** @var list<array{0:string,1:string}> Outcome and plan of each attempt announced. */
	private array $outcomes = array();

	/** @var list<array{0:string,1:string,2:string|null}> Old state, new state, plan of each change. */
	private array $changes = array();

	protected function setUp(): void {
		parent::setUp();
		Simulator::reset();
		$this->filter(
			'jetpack_start_companion_provisioning_outcome',
			function ( string $outcome, Record $record ): void {
				$this->outcomes[] = array( $outcome, (string) $record->plan );
			},
			2
		);
		$this->filter(
			'jetpack_start_companion_state_changed',
			function ( string $old, string $new, Record $record ): void {
				$this->changes[] = array( $old, $new, $record->plan );
			},
			3
		);
	}

	public function test_each_attempt_announces_its_outcome_and_each_change_of_state_once(): void {
		$admin = $this->login_admin();
		Simulator::scenario( 'http_503' );
		$this->assertSame( 'failed', $this->provision()['provisioning']['state'] );
		$this->assertSame( array( array( 'failed', '' ) ), $this->outcomes );
		$this->assertSame( array( array( 'not_requested', 'failed', null ) ), $this->changes );

		Simulator::scenario( 'case_b' );
		$this->assertSame( 'awaiting_authorization', $this->provision()['provisioning']['state'] );
		// Asked again while pending: no attempt, so no outcome and no change; reads find none either.
		$this->provision();
		$this->status();
		$this->assertSame( array( array( 'failed', '' ), array( 'awaiting_authorization', 'jetpack-backup-daily' ) ), $this->outcomes );
		$this->assertCount( 2, $this->changes );
		$this->assertSame( array( 'failed', 'awaiting_authorization', 'jetpack-backup-daily' ), $this->changes[1] );

		// The owner authorizes on WordPress.com: no save here, the next read finds the change, once.
		$this->jetpack_connection( true, $admin );
		$this->assertSame( 'active', $this->status()['provisioning']['state'] );
		$this->status();
		$this->assertCount( 2, $this->outcomes );
		$this->assertSame( array( array( 'awaiting_authorization', 'active', 'jetpack-backup-daily' ) ), array_slice( $this->changes, 2 ) );
	}

	public function test_requests_that_see_the_same_change_at_once_announce_it_once(): void {
		$record  = new Record( 'jetpack-backup-daily', 'awaiting_authorization', '', time(), time() + DAY_IN_SECONDS );
		$jetpack = ( new Detector() )->detect( 0 );
		$store   = new Store();
		// Both read "not announced yet" before either wrote: only the first compare-and-set wins.
		StateSignal::observe( $store, $record, $jetpack, null, time() );
		StateSignal::observe( $store, $record, $jetpack, null, time() );
		$this->assertSame( array( array( 'not_requested', 'awaiting_authorization', 'jetpack-backup-daily' ) ), $this->changes );
		$this->assertSame( 'awaiting_authorization', $store->announced_state() );
	}

	public function test_the_request_filter_changes_the_plan_and_user_but_not_the_site_or_the_contract(): void {
		$this->login_admin();
		Simulator::scenario( 'case_b' );
		$this->filter(
			'jetpack_start_companion_provision_request',
			static function ( array $body, \WP_User $user ): array {
				return array(
					'siteurl'    => 'https://elsewhere.example',
					'local_user' => 'owner-of-' . $user->user_login,
					'plan'       => 'jetpack-scan',
					'extra'      => 'not in the contract',
				) + $body;
			},
			2
		);
		$status = $this->provision();
		$this->assertSame( 'jetpack-scan', $status['provisioning']['plan'] );
		$form = Simulator::provision_calls()[0]['form'];
		$this->assertSame( 'jetpack-scan', $form['plan'] );
		$this->assertSame( 'owner-of-admin', $form['local_user'] );
		$this->assertSame( site_url(), $form['siteurl'] );
		$this->assertArrayNotHasKey( 'extra', $form );
	}

	public function test_the_capability_and_plan_label_filters_take_effect(): void {
		wp_set_current_user( $this->user( 'editor' ) );
		$this->assertSame( 403, $this->dispatch( 'GET', self::STATUS_ROUTE )->get_status() );

		$this->filter( 'jetpack_start_companion_capability', static fn () => 'edit_others_posts' );
		$plans = array();
		$this->filter(
			'jetpack_start_companion_plan_label',
			static function ( $label, ?string $plan ) use ( &$plans ): string {
				$plans[] = array( $label, $plan );
				return 'Backups by Example Hosting';
			},
			2
		);
		$status = $this->status();
		$this->assertTrue( $status['user']['can_provision'] );
		$this->assertSame( 'Backups by Example Hosting', $status['host']['plan_label'] );
		$this->assertSame( array( array( 'Jetpack Backup', 'jetpack-backup-daily' ) ), $plans );
	}
}
