<?php
/**
 * The gate: a critical preflight check refuses the plan request before WordPress.com is called
 * (the simulator's call log stays empty), a recommended one lets it through; what the checks
 * found is kept for five minutes, read back without a request, and checked again on demand.
 *
 * @package JetpackStartCompanion
 */

declare( strict_types=1 );

namespace JetpackStartCompanion\Tests\Integration;

use JetpackStartCompanion\Diagnostics\ConnectionOwner;
use JetpackStartCompanion\Diagnostics\Preflight;
use JetpackStartCompanion\Diagnostics\Result;
use JetpackStartCompanion\Jetpack\Detector;
use JetpackStartCompanion\Tests\RealFlowTestCase;
use JetpackStartCompanion\Tests\Simulator;

final class PreflightGateTest extends RealFlowTestCase {

	protected function setUp(): void {
		parent::setUp();
		$this->login_admin();
		$this->network_checks();
	}

	public function test_xmlrpc_blocked_refuses_the_request_and_wordpress_com_is_never_called(): void {
		$this->web_server(
			array(
				'database' => DB_NAME,
				'xmlrpc'   => '403',
			)
		);
		$response = $this->dispatch( 'POST', self::PROVISION_ROUTE, array( 'accept_terms' => true ) );
		$this->assertSame( 412, $response->get_status() );
		$error = $response->as_error();
		$this->assertSame( 'jetpack_start_companion_preflight_failed', $error->get_error_code() );
		$this->assertStringStartsWith( 'Your site blocks xmlrpc.php (it answered with error 403)', $error->get_error_message() );
		$this->assertSame( 'xmlrpc_reachable', $error->get_error_data()['check']['check'] ?? null );
		$this->assertStringContainsString( '→ HTTP 403', $error->get_error_data()['check']['evidence'] ?? '' );
		$this->assertSame( array(), Simulator::calls(), 'Nothing reached WordPress.com.' );
		$this->assertSame( 'not_requested', $this->status()['provisioning']['state'], 'Nothing was recorded: the owner can fix it and ask again.' );

		// Fixed: the critical result is not reused, the request goes through.
		$this->web_server( array( 'database' => DB_NAME ) );
		$this->assertSame( 'awaiting_authorization', $this->provision()['provisioning']['state'] );
		$this->assertCount( 1, Simulator::provision_calls() );
	}

	public function test_a_domain_that_does_not_resolve_only_warns_and_the_answer_is_case_c(): void {
		$this->web_server(
			array(
				'database'  => DB_NAME,
				'site_host' => 'jsc-new-domain.invalid',
			)
		);
		$this->assertSame( 'awaiting_dns', $this->provision()['provisioning']['state'] );
		$checks = $this->dispatch( 'GET', '/jetpack-start-companion/v1/diagnostics' )->get_data();
		$this->assertSame( 'recommended', $checks['status'] );
		$this->assertSame( 'recommended', array_column( $checks['results'], 'status', 'check' )['host_name_resolves'] );
	}

	public function test_an_orphan_made_by_jetpacks_own_registration_is_critical(): void {
		$owner = new ConnectionOwner( new Detector() );
		$this->assertSame( Result::GOOD, $owner->run()->status );
		$this->register_site();
		$result = $owner->run();
		$this->assertSame( Result::CRITICAL, $result->status );
		$this->assertSame( 'This site is connected to WordPress.com, but nobody owns the connection.', $result->label );
		$this->assertMatchesRegularExpression( '/connected: yes; connection owner: no; WordPress.com blog id: \d+/', $result->evidence );
	}

	public function test_results_are_kept_read_back_without_a_request_and_checked_again_on_demand(): void {
		$preflight = new Preflight();
		$this->assertTrue( $preflight->latest()->incomplete, 'Nothing found yet.' );
		$this->assertSame( 'good', $preflight->run()->overall() );

		$this->web_server(
			array(
				'database' => DB_NAME,
				'xmlrpc'   => '403',
			)
		);
		$latest = $preflight->latest()->to_array();
		$this->assertSame( 'good', $latest['status'], 'Kept: no request was made.' );
		$this->assertSame( 300, strtotime( (string) $latest['fresh_until'] ) - strtotime( (string) $latest['checked_at'] ) );
		$this->assertSame( 'good', $this->dispatch( 'GET', '/jetpack-start-companion/v1/diagnostics' )->get_data()['status'] );

		$again = $this->dispatch( 'GET', '/jetpack-start-companion/v1/diagnostics', array(), array( 'check_again' => true ) );
		$this->assertSame( 'critical', $again->get_data()['status'] );
		$this->assertSame( 'no-store', $again->get_headers()['Cache-Control'] ?? null );
		$this->assertSame( 'critical', $preflight->latest()->overall() );

		// Another service: its ping is not known yet; what was found of the site still is.
		$this->filter( 'jetpack_start_companion_service_url', static fn (): string => self::ODD_SERVICE );
		$kept = array_column( $preflight->latest()->to_array()['results'], 'status', 'check' );
		$this->assertArrayNotHasKey( 'host_service_ping', $kept );
		$this->assertSame( 'critical', $kept['xmlrpc_reachable'] );

		wp_set_current_user( $this->user( 'editor' ) );
		$this->assertSame( 403, $this->dispatch( 'GET', '/jetpack-start-companion/v1/diagnostics' )->get_status() );
	}
}
