<?php
/**
 * Base test case: each test runs in a database transaction that is rolled back afterwards,
 * and talks to WordPress through its real REST server.
 *
 * @package JetpackStartCompanion
 */

declare( strict_types=1 );

namespace JetpackStartCompanion\Tests;

use WP_REST_Request;
use WP_REST_Response;

abstract class TestCase extends \PHPUnit\Framework\TestCase {

	protected const STATUS_ROUTE    = '/jetpack-start-companion/v1/status';
	protected const PROVISION_ROUTE = '/jetpack-start-companion/v1/provision';
	protected const ODD_SERVICE     = 'http://127.0.0.1:8795';

	/** @var list<array{0:string,1:callable}> */
	private array $removed_filters = array();

	private bool $web_server_switched = false;

	/** @var callable|null */
	private $cheap_checks_only = null;

	protected function setUp(): void {
		parent::setUp();
		global $wpdb;
		$wpdb->query( 'SET autocommit = 0' );
		$wpdb->query( 'START TRANSACTION' );
		wp_cache_flush();
		jsc_jetpack_state_forget();
		$this->reset_rest_server();
		wp_set_current_user( 0 );
		// The gate's network checks (loopback requests, the service's ping) cost about half a
		// second per plan request: only the tests about them (network_checks()) run them.
		$this->cheap_checks_only = static fn ( array $checks ): array => array_values( array_filter( $checks, static fn ( $check ): bool => ! $check instanceof \JetpackStartCompanion\Diagnostics\NetworkCheck ) );
		add_filter( 'jetpack_start_companion_preflight_checks', $this->cheap_checks_only );
	}

	/**
	 * From now on the preflight checks include the network ones, as on a real site.
	 */
	protected function network_checks(): void {
		remove_filter( 'jetpack_start_companion_preflight_checks', $this->cheap_checks_only );
	}

	protected function tearDown(): void {
		global $wpdb;
		$wpdb->query( 'ROLLBACK' );
		wp_cache_flush();
		jsc_jetpack_state_forget();
		foreach ( $this->removed_filters as [ $hook, $callback ] ) {
			remove_filter( $hook, $callback, 10 );
		}
		$this->removed_filters = array();
		remove_filter( 'jetpack_start_companion_preflight_checks', $this->cheap_checks_only );
		if ( $this->web_server_switched ) {
			$this->web_server( array() );
			$this->web_server_switched = false;
		}
		wp_set_current_user( 0 );
		parent::tearDown();
	}

	protected function reset_rest_server(): void {
		global $wp_rest_server;
		$wp_rest_server = null; // phpcs:ignore WordPress.WP.GlobalVariablesOverride.Prohibited
		rest_get_server();
	}

	/**
	 * A filter that is removed when the test ends (only this one: the test site's own stay).
	 */
	protected function filter( string $hook, callable $callback, int $args = 1 ): void {
		add_filter( $hook, $callback, 10, $args );
		// Only this callback goes: the environment's own filters on the same hook stay.
		$this->removed_filters[] = array( $hook, $callback );
		jsc_jetpack_state_forget(); // Jetpack memoises per request what a filter may change.
	}

	/**
	 * Switches the test web server (and this process's view of the site) for the rest of the test:
	 * e.g. array( 'xmlrpc' => '403' ), 'drop', 'comms', 'https_redirect', 'site_host', 'database'
	 * (tests/env/web-server-switches.php). An empty array is the well-behaved server again.
	 *
	 * @param array<string,mixed> $switches The switches.
	 */
	protected function web_server( array $switches ): void {
		$file = jsc_web_server_switch_file();
		if ( array() === $switches ) {
			if ( is_file( $file ) ) {
				unlink( $file );
			}
		} else {
			file_put_contents( $file . '.tmp', (string) wp_json_encode( $switches ) );
			rename( $file . '.tmp', $file );
			$this->web_server_switched = true;
		}
		jsc_web_server_switches( true );
	}

	protected function user( string $role ): int {
		$id = wp_insert_user(
			array(
				'user_login' => $role . '_' . wp_generate_password( 6, false ),
				'user_pass'  => 'password',
				'user_email' => $role . wp_generate_password( 6, false ) . '@example.test',
				'role'       => $role,
			)
		);
		$this->assertIsInt( $id );
		return $id;
	}

	protected function login_admin(): int {
		$id = (int) get_user_by( 'login', 'admin' )->ID;
		wp_set_current_user( $id );
		return $id;
	}

	/**
	 * @param string              $method HTTP method.
	 * @param string              $route  REST route.
	 * @param array<string,mixed> $body   JSON body.
	 * @param array<string,mixed> $query  Query parameters.
	 */
	protected function dispatch( string $method, string $route, array $body = array(), array $query = array() ): WP_REST_Response {
		$request = new WP_REST_Request( $method, $route );
		$request->set_query_params( $query );
		if ( array() !== $body ) {
			$request->set_header( 'Content-Type', 'application/json' );
			$request->set_body( (string) wp_json_encode( $body ) );
		}
		return rest_get_server()->dispatch( $request );
	}

	/**
	 * @return array<string,mixed>
	 */
	protected function status(): array {
		$response = $this->dispatch( 'GET', self::STATUS_ROUTE );
		$this->assertSame( 200, $response->get_status(), (string) wp_json_encode( $response->get_data() ) );
		return $response->get_data();
	}

	/**
	 * Runs POST /provision as the current user, then the attempt it queued as WP-Cron runs it
	 * (PHPUnit's runner is 'cron', see bootstrap.php), and answers the status then.
	 *
	 * @return array<string,mixed>
	 */
	protected function provision(): array {
		$response = $this->dispatch( 'POST', self::PROVISION_ROUTE, array( 'accept_terms' => true ) );
		$this->assertContains( $response->get_status(), array( 200, 202 ), (string) wp_json_encode( $response->get_data() ) );
		if ( 202 === $response->get_status() ) {
			$this->assertSame( 'requesting', $response->get_data()['provisioning']['state'] );
			$this->run_queued_attempt();
		}
		return $this->status();
	}

	/**
	 * Runs the queued attempt the way its WP-Cron event does (Plugin::EVENT_RUN_ATTEMPT).
	 */
	protected function run_queued_attempt(): void {
		$record = ( new \JetpackStartCompanion\Provisioning\Store() )->fresh_record();
		$this->assertSame( 'queued', $record->attempt_phase(), 'an attempt is queued' );
		$this->assertTrue( \JetpackStartCompanion\Schedule::is_scheduled( \JetpackStartCompanion\Plugin::EVENT_RUN_ATTEMPT, array( $record->attempt_key() ) ), 'its WP-Cron event is due' );
		do_action( \JetpackStartCompanion\Plugin::EVENT_RUN_ATTEMPT, $record->attempt_key() );
	}

	/**
	 * From now on the site's host service is the misbehaving one (tests/phpunit/fixtures/odd-service.php)
	 * and it answers exactly this.
	 *
	 * @param int                        $status HTTP status.
	 * @param array<string,mixed>|string $body   JSON body (an array is encoded).
	 * @param int                        $delay_ms Milliseconds before it answers.
	 */
	protected function odd_service_answers( int $status, array|string $body, int $delay_ms = 0 ): void {
		$json = is_string( $body ) ? $body : (string) wp_json_encode( $body, JSON_UNESCAPED_SLASHES );
		$path = ( $delay_ms > 0 ? 'slow/' . $delay_ms . '/' : 'reply/' ) . $status . '/' . rtrim( strtr( base64_encode( $json ), '+/', '-_' ), '=' );
		$this->filter( 'jetpack_start_companion_service_url', static fn () => self::ODD_SERVICE . '/' . $path );
	}

	/**
	 * A contract case B answer (§3), with fields changed.
	 *
	 * @param array<string,mixed> $changes Fields to change.
	 * @return array<string,mixed>
	 */
	protected static function case_b_answer( array $changes = array() ): array {
		$now = time();
		return $changes + array(
			'outcome'            => 'awaiting_authorization',
			'auth_required'      => true,
			'next_url'           => 'https://jetpack.wordpress.com/jetpack.authorize/1/?client_id=42',
			'plan'               => 'jetpack-backup-daily',
			'provisioned_at'     => gmdate( 'Y-m-d\TH:i:s.000\Z', $now ),
			'pending_expires_at' => gmdate( 'Y-m-d\TH:i:s.000\Z', $now + 14 * DAY_IN_SECONDS ),
			'forced_register'    => false,
			'idempotent_replay'  => false,
			'request_id'         => 'req-odd-1',
		);
	}

	/**
	 * A plan that looks active (with this sign-on link) while WordPress.com said a minute ago
	 * that it is not on the site: the panel offers Request again.
	 *
	 * @param string $next_url The answer's next_url.
	 */
	protected static function active_but_missing( string $next_url = '' ): \JetpackStartCompanion\Provisioning\Record {
		$confirmation = array(
			'plan_on_site' => 'missing',
			'connected'    => true,
			'at'           => time() - 60,
		);
		return new \JetpackStartCompanion\Provisioning\Record( 'jetpack-backup-daily', 'active', $next_url, time() - 600, null, null, null, $confirmation );
	}

	/**
	 * Puts the test Jetpack's connection in a state through the connection package's own storage
	 * API (tests/env/jetpack-state.php): registered or not, with this owner or none (an orphan).
	 */
	protected function jetpack_connection( bool $connected, ?int $owner_id ): void {
		jsc_jetpack_state_connect( $connected ? 4242 : null, $owner_id );
	}

	/**
	 * Compares a real answer with the panel's committed Jest fixture (src/test/fixtures/), or
	 * writes it (JSC_WRITE_FIXTURES=1): the panel is tested only on what the server answers.
	 *
	 * @param string              $name Fixture path without .json, e.g. status/ready.
	 * @param array<string,mixed> $data What the server answered.
	 */
	protected function assert_panel_fixture( string $name, array $data ): void {
		$json = (string) wp_json_encode( $data, JSON_PRETTY_PRINT | JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE ) . "\n";
		$file = dirname( __DIR__, 2 ) . '/src/test/fixtures/' . $name . '.json';
		$test = ( new \ReflectionClass( $this ) )->getShortName();
		if ( '1' === getenv( 'JSC_WRITE_FIXTURES' ) ) {
			wp_mkdir_p( dirname( $file ) );
			file_put_contents( $file, $json ); // phpcs:ignore WordPress.WP.AlternativeFunctions.file_system_operations_file_put_contents -- writes a test fixture.
		}
		$this->assertFileExists( $file, "Run JSC_WRITE_FIXTURES=1 vendor/bin/phpunit --filter {$test} to write it." );
		$this->assertSame( (string) file_get_contents( $file ), $json, "src/test/fixtures/{$name}.json is not what the server answers now; run JSC_WRITE_FIXTURES=1 vendor/bin/phpunit --filter {$test} and review the diff." );
	}
}
