<?php
/**
 * The plugin's side of the host's fleet view, against the real host service (tests/services.sh:
 * its admin API on 8796) and the simulator: the site reports its state (contract §9), and picks
 * up a plan the host provisioned or cancelled (contract §10), on panel open and in the daily cron.
 *
 * @package JetpackStartCompanion
 */

declare( strict_types=1 );

namespace JetpackStartCompanion\Tests\Integration;

use JetpackStartCompanion\Fleet\Reporter;
use JetpackStartCompanion\Plugin;
use JetpackStartCompanion\Provisioning\Record;
use JetpackStartCompanion\Provisioning\Store;
use JetpackStartCompanion\Tests\Simulator;
use JetpackStartCompanion\Tests\TestCase;

final class HostFleetTest extends TestCase {

	private const HOST_RECORD_ROUTE = '/jetpack-start-companion/v1/host-record';
	private const ADMIN_API         = 'http://127.0.0.1:8796/api/v1';
	private const ADMIN_TOKEN       = 'test-admin-token-not-for-production-0123456789';

	protected function setUp(): void {
		parent::setUp();
		Simulator::reset();
		$this->login_admin();
	}

	/**
	 * The host's admin API (the fleet page's JSON), as a host's script calls it.
	 *
	 * @param string                   $method HTTP method.
	 * @param string                   $path   Path after /api/v1.
	 * @param array<string,mixed>|null $body   JSON body.
	 * @return array{0:int,1:array<string,mixed>}
	 */
	private function admin_api( string $method, string $path, ?array $body = null ): array {
		$response = wp_remote_request(
			self::ADMIN_API . $path,
			array(
				'method'  => $method,
				'headers' => array( 'Authorization' => 'Bearer ' . self::ADMIN_TOKEN ) + ( null === $body ? array() : array( 'Content-Type' => 'application/json' ) ),
				'body'    => null === $body ? null : wp_json_encode( $body ),
				'timeout' => 15,
			)
		);
		$this->assertIsArray( $response, is_wp_error( $response ) ? $response->get_error_message() : '' );
		return array( (int) wp_remote_retrieve_response_code( $response ), (array) json_decode( wp_remote_retrieve_body( $response ), true ) );
	}

	/**
	 * The service's record of this site once it satisfies $until (the service writes reports
	 * in its own time: a 202 means received).
	 *
	 * @param callable $until Record => bool.
	 * @return array<string,mixed>
	 */
	private function service_record( callable $until ): array {
		$record = array();
		for ( $i = 0; $i < 50; $i++ ) {
			$record = (array) ( $this->admin_api( 'GET', '/site?url=' . rawurlencode( site_url() ) )[1]['record'] ?? array() );
			if ( $until( $record ) ) {
				return $record;
			}
			usleep( 100000 );
		}
		$this->fail( 'the service\'s record never matched: ' . wp_json_encode( $record ) );
	}

	/**
	 * @return array<string,mixed> The panel's provisioning status after it picked up the host's record.
	 */
	private function pick_up(): array {
		$response = $this->dispatch( 'POST', self::HOST_RECORD_ROUTE );
		$this->assertSame( 200, $response->get_status(), (string) wp_json_encode( $response->get_data() ) );
		return $response->get_data()['provisioning'];
	}

	/**
	 * The host provisions this site's plan from its side (the fleet page's provision form).
	 */
	private function host_provisions(): void {
		list( $code, $answer ) = $this->admin_api(
			'POST',
			'/provision',
			array(
				'site_url'   => site_url(),
				'local_user' => 'admin',
			)
		);
		$this->assertSame( 200, $code, (string) wp_json_encode( $answer ) );
	}

	public function test_a_changed_record_is_reported_to_the_service_with_nothing_secret(): void {
		Simulator::scenario( 'case_b' );
		$this->provision();
		$this->assertNotFalse( wp_next_scheduled( Reporter::CHANGED_HOOK ), 'the change of state queued a report' );

		$sent = (string) wp_json_encode( Plugin::reporter()->report( 'changed' ) );
		foreach ( array( (string) constant( 'JETPACK_START_COMPANION_SITE_KEY' ), 'jetpack.authorize', 'partner' ) as $secret ) {
			$this->assertStringNotContainsString( $secret, $sent );
		}
		$since = time() - 1;
		do_action( Reporter::CHANGED_HOOK ); // What WP-Cron runs.

		$record = $this->service_record( static fn ( array $r ): bool => 'changed' === ( $r['report']['reason'] ?? '' ) && strtotime( (string) $r['reported_at'] ) >= $since );
		$this->assertSame( 'awaiting_authorization', $record['report']['provisioning']['state'] );
		$this->assertSame( 'jetpack-backup-daily', $record['report']['provisioning']['plan'] );
		$this->assertSame( 'host_service_configured', $record['report']['checks'][0]['id'] );
	}

	public function test_a_plan_the_host_provisioned_is_picked_up_and_its_cancel_too(): void {
		Simulator::scenario( 'case_b' );
		$this->assertSame( 'not_requested', $this->pick_up()['state'], 'nothing from the host yet' );

		$this->host_provisions();
		// Panel open: the host's pending plan is the site's, with its authorize link.
		$provisioning = $this->pick_up();
		$this->assertSame( 'awaiting_authorization', $provisioning['state'] );
		$this->assertStringStartsWith( Simulator::base() . '/', (string) $provisioning['action_url'] );
		$this->assertNotNull( $provisioning['expires_at'] );
		$this->assertCount( 1, array_filter( Simulator::calls(), static fn ( $call ) => str_contains( (string) $call['path'], '/provision' ) ), 'one provision reached WordPress.com: the host\'s' );

		list( $code, $answer ) = $this->admin_api( 'POST', '/cancel', array( 'site' => site_url() ) );
		$this->assertSame( 'cancelled', $answer['outcome'] ?? null, (string) wp_json_encode( $answer ) );
		do_action( Reporter::DAILY_HOOK ); // The daily cron picks the cancel up.
		$status = $this->status();
		$this->assertSame( 'cancelled', $status['provisioning']['state'] );
		$this->assertNull( $status['provisioning']['action_url'] );
		$this->assertSame( 'cancelled', $this->provision()['provisioning']['state'], 'the site does not ask for a cancelled plan again' );

		// Leave the service's record as the site's own, so later suites' fresh sites adopt nothing.
		( new Store() )->save( new Record() );
		$this->assertSame( 'awaiting_authorization', $this->provision()['provisioning']['state'] );
		$this->service_record( static fn ( array $r ): bool => 'site' === ( $r['provisioned_by'] ?? '' ) );
	}

	public function test_a_pick_up_while_the_owners_request_waits_for_its_runner_leaves_the_request_alone(): void {
		Simulator::scenario( 'case_b' );
		$this->host_provisions();
		// The owner asks before the site picked the host's plan up: queued for its runner.
		$response = $this->dispatch( 'POST', self::PROVISION_ROUTE, array( 'accept_terms' => true ) );
		$this->assertSame( 202, $response->get_status() );
		$this->assertSame( 'requesting', $this->pick_up()['state'], 'the queued request is newer than the host\'s record' );
		$this->run_queued_attempt();
		$this->assertSame( 'awaiting_authorization', $this->status()['provisioning']['state'] );
		$this->assertCount( 2, Simulator::provision_calls(), 'the host\'s, then the owner\'s' );
		$this->service_record( static fn ( array $r ): bool => 'site' === ( $r['provisioned_by'] ?? '' ) );
	}
}
