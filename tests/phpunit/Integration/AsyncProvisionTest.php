<?php
/**
 * The long request (issue 10 §7): POST /provision records the intent and answers at once with
 * the attempt started; the attempt runs on the server (a loopback request with a one-time token,
 * or WP-Cron), once, however many runners reach for it; an attempt nobody ran is handed out
 * again, then fails with a reason instead of staying "requesting".
 *
 * @package JetpackStartCompanion
 */

declare( strict_types=1 );

namespace JetpackStartCompanion\Tests\Integration;

use JetpackStartCompanion\Plugin;
use JetpackStartCompanion\Provisioning\AttemptRunner;
use JetpackStartCompanion\Provisioning\Record;
use JetpackStartCompanion\Provisioning\Store;
use JetpackStartCompanion\Schedule;
use JetpackStartCompanion\Tests\Simulator;
use JetpackStartCompanion\Tests\TestCase;

final class AsyncProvisionTest extends TestCase {

	private const RUN_ROUTE = '/jetpack-start-companion/v1/attempts/run';

	protected function setUp(): void {
		parent::setUp();
		Simulator::reset();
		Simulator::scenario( 'case_b' );
		$this->login_admin();
	}

	public function test_the_request_answers_at_once_and_the_attempt_reaches_wordpress_com_once(): void {
		$first = $this->dispatch( 'POST', self::PROVISION_ROUTE, array( 'accept_terms' => true ) );
		$this->assertSame( 202, $first->get_status() );
		$this->assertSame( 'requesting', $first->get_data()['provisioning']['state'] );
		$this->assertSame( array(), Simulator::provision_calls(), 'Nobody waited for WordPress.com.' );
		$key = ( new Store() )->fresh_record()->attempt_key();
		$this->assertTrue( Schedule::is_scheduled( Plugin::EVENT_RUN_ATTEMPT, array( $key ) ), 'WP-Cron backs the runner up.' );

		// The same intent again (a second tab, a double click): no second attempt.
		$again = $this->dispatch( 'POST', self::PROVISION_ROUTE, array( 'accept_terms' => true ) );
		$this->assertSame( 200, $again->get_status() );
		$this->assertSame( 'requesting', $again->get_data()['provisioning']['state'] );
		$this->assertSame( $key, ( new Store() )->fresh_record()->attempt_key() );

		// Every runner reaches for it (WP-Cron twice, a late loopback): one call.
		do_action( Plugin::EVENT_RUN_ATTEMPT, $key );
		do_action( Plugin::EVENT_RUN_ATTEMPT, $key );
		$this->assertFalse( Plugin::provisioner()->run( $key ) );
		$this->assertCount( 1, Simulator::provision_calls() );
		$this->assertSame( 'awaiting_authorization', $this->status()['provisioning']['state'] );
	}

	public function test_the_loopback_route_runs_only_the_queued_attempt_with_its_one_time_token(): void {
		$queued = Plugin::provisioner()->queue( wp_get_current_user() );
		$this->assertIsArray( $queued );
		wp_set_current_user( 0 ); // The loopback request has no user: the token is its permission.
		$wrong = $this->dispatch( 'POST', self::RUN_ROUTE, array( 'token' => str_repeat( 'a', 64 ) ) + $queued );
		$this->assertSame( 403, $wrong->get_status() );
		$this->assertSame( array(), Simulator::provision_calls() );

		$ran = $this->dispatch( 'POST', self::RUN_ROUTE, $queued );
		$this->assertSame( 200, $ran->get_status(), (string) wp_json_encode( $ran->get_data() ) );
		$this->assertTrue( $ran->get_data()['ran'] );
		$this->assertFalse( Schedule::is_scheduled( Plugin::EVENT_RUN_ATTEMPT, array( $queued['key'] ) ), 'Its backstop is cleared.' );
		$this->assertSame( 403, $this->dispatch( 'POST', self::RUN_ROUTE, $queued )->get_status(), 'The token is used up.' );
		$this->assertCount( 1, Simulator::provision_calls() );
	}

	public function test_an_attempt_nobody_ran_is_handed_out_again_then_fails_with_a_reason(): void {
		$this->assertIsArray( Plugin::provisioner()->queue( wp_get_current_user() ) );
		$store  = new Store();
		$record = $store->fresh_record();
		$before = (string) $record->attempt['token_hash'];

		// No runner took it within the redispatch time: the next status read hands it out again.
		$store->save( $record->with_attempt_changes( array( 'dispatched_at' => time() - AttemptRunner::REDISPATCH_SECONDS ) ) );
		$this->assertSame( 'requesting', $this->status()['provisioning']['state'] );
		$record = $store->fresh_record();
		$this->assertSame( Record::QUEUED, $record->attempt_phase() );
		$this->assertNotSame( $before, $record->attempt['token_hash'], 'A new one-time token.' );

		// Still nobody: it fails, retryable, and nothing reached WordPress.com.
		$store->save( $record->with_attempt_changes( array( 'queued_at' => time() - AttemptRunner::GIVE_UP_SECONDS ) ) );
		$store->save( $store->fresh_record()->with_attempt_changes( array( 'dispatched_at' => time() - AttemptRunner::REDISPATCH_SECONDS ) ) );
		$provisioning = $this->status()['provisioning'];
		$this->assertSame( 'failed', $provisioning['state'] );
		$this->assertSame( 'site_attempt_not_started', $provisioning['error']['code'] );
		$this->assertTrue( $provisioning['error']['retryable'] );
		$this->assertSame( array(), Simulator::provision_calls() );
	}
}
