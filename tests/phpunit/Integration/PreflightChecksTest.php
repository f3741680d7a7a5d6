<?php
/**
 * Each preflight check's good and bad outcome under real conditions: the test web server made
 * hostile (xmlrpc.php blocked, an https redirect, a domain that does not resolve), Jetpack's
 * own identity-crisis and offline rules, the real host service's ping with a skewed clock.
 *
 * @package JetpackStartCompanion
 */

declare( strict_types=1 );

namespace JetpackStartCompanion\Tests\Integration;

use JetpackStartCompanion\Config;
use JetpackStartCompanion\Diagnostics\HostNameResolves;
use JetpackStartCompanion\Diagnostics\HostServicePing;
use JetpackStartCompanion\Diagnostics\IdentityCrisis;
use JetpackStartCompanion\Diagnostics\JetpackReady;
use JetpackStartCompanion\Diagnostics\Preflight;
use JetpackStartCompanion\Diagnostics\Result;
use JetpackStartCompanion\Diagnostics\SiteScheme;
use JetpackStartCompanion\Diagnostics\XmlrpcReachable;
use JetpackStartCompanion\HostService\Client;
use JetpackStartCompanion\Jetpack\Detector;
use JetpackStartCompanion\Tests\TestCase;

final class PreflightChecksTest extends TestCase {

	public function test_a_well_behaved_site_passes_every_check(): void {
		$this->login_admin();
		$this->network_checks();
		$snapshot = ( new Preflight() )->run( true );
		foreach ( $snapshot->results as $result ) {
			$this->assertSame( Result::GOOD, $result->status, $result->check . ': ' . $result->evidence );
		}
		$this->assertSame( 8, count( $snapshot->results ) );
		$this->assertStringContainsString( 'POST http://127.0.0.1:8889/xmlrpc.php?for=jetpack → HTTP 200 listing jetpack.remoteRegister', $this->result( $snapshot->results, 'xmlrpc_reachable' )->evidence );
		$this->assertMatchesRegularExpression( '/→ HTTP 200 ok \(request [^)]+\); service Date header: \S+, this server\'s clock [+-]\d s/', $this->result( $snapshot->results, 'host_service_ping' )->evidence );
	}

	public function test_xmlrpc_blocked_is_critical_with_the_status_code_seen(): void {
		$this->web_server( array( 'xmlrpc' => '403' ) );
		$result = ( new XmlrpcReachable() )->run();
		$this->assertSame( Result::CRITICAL, $result->status );
		$this->assertSame( 'Your site blocks xmlrpc.php (it answered with error 403), so WordPress.com cannot reach Jetpack.', $result->label );
		$this->assertStringContainsString( 'xmlrpc.php?for=jetpack → HTTP 403; alternate endpoint: POST http://127.0.0.1:8889/?for=jetpack&jetpack=comms → HTTP 200', $result->evidence );

		$this->web_server( array( 'xmlrpc' => 'drop' ) );
		$result = ( new XmlrpcReachable() )->run();
		$this->assertSame( Result::RECOMMENDED, $result->status, 'A loopback that gets no answer proves nothing about WordPress.com.' );
		$this->assertStringContainsString( '→ no answer: cURL error 52', $result->evidence );
	}

	public function test_an_https_redirect_with_an_http_siteurl_is_critical(): void {
		$this->assertSame( Result::GOOD, ( new SiteScheme() )->run()->status );
		$this->web_server( array( 'https_redirect' => true ) );
		$result = ( new SiteScheme() )->run();
		$this->assertSame( Result::CRITICAL, $result->status, $result->evidence );
		$this->assertSame( 'Your site answers on https://, but its address in Settings → General starts with http://, so WordPress.com cannot reach Jetpack.', $result->label );
		$this->assertStringContainsString( 'GET http://127.0.0.1:8889/ → HTTP 301, Location: https://127.0.0.1:8889/', $result->evidence );
	}

	public function test_a_domain_that_does_not_resolve_predicts_case_c_and_blocks_nothing(): void {
		$this->assertSame( Result::GOOD, ( new HostNameResolves() )->run()->status );
		$this->web_server( array( 'site_host' => 'jsc-new-domain.invalid' ) );
		$result = ( new HostNameResolves() )->run();
		$this->assertSame( Result::RECOMMENDED, $result->status );
		$this->assertStringContainsString( 'it is kept for you for 14 days', $result->fix );
		$this->assertStringContainsString( 'case C', $result->host_fix );
		$this->assertSame( Result::RECOMMENDED, ( new XmlrpcReachable() )->run()->status, 'Not tried: the domain explains it.' );
		$this->assertSame( Result::RECOMMENDED, ( new SiteScheme() )->run()->status );
	}

	public function test_a_site_jetpack_knows_as_a_copy_is_refused(): void {
		$this->jetpack_connection( true, $this->login_admin() );
		$this->assertSame( Result::GOOD, ( new IdentityCrisis() )->run()->status );
		// What Jetpack does when WordPress.com answers that the connection belongs to another address.
		\Automattic\Jetpack\Identity_Crisis::init()->check_response_for_idc(
			array(
				'error_code'    => 'jetpack_url_mismatch',
				'wpcom_home'    => 'https://original-site.example',
				'wpcom_siteurl' => 'https://original-site.example',
			)
		);
		jsc_jetpack_state_forget();
		$result = ( new IdentityCrisis() )->run();
		$this->assertSame( Result::CRITICAL, $result->status, $result->evidence );
		$this->assertStringContainsString( 'WordPress.com has original-site.example', $result->evidence );
	}

	public function test_jetpack_offline_by_its_own_rules_is_critical(): void {
		$this->assertSame( Result::GOOD, ( new JetpackReady( new Detector() ) )->run()->status );
		$this->filter( 'jetpack_offline_mode', '__return_true' );
		$result = ( new JetpackReady( new Detector() ) )->run();
		$this->assertSame( Result::CRITICAL, $result->status, $result->evidence );
		$this->assertSame( 'Jetpack is in offline mode, so WordPress.com cannot reach this site.', $result->label );
		$this->assertStringContainsString( 'version: 14.5; turned on: yes; loaded: yes; offline mode: yes', $result->evidence );
	}

	public function test_a_clock_off_by_more_than_the_services_window_is_refused_by_the_real_service(): void {
		$config = new Config();
		$ahead  = ( new HostServicePing( $config, new Client( $config ), static fn (): int => time() + 400 ) )->run();
		$this->assertSame( Result::CRITICAL, $ahead->status, $ahead->evidence );
		$this->assertMatchesRegularExpression( '/→ HTTP 401 host_stale_timestamp .*this server\'s clock \+(39\d|40\d) s/', $ahead->evidence );
		$this->assertMatchesRegularExpression( '/^This server\'s clock is (39\d|40\d) seconds off/', $ahead->label );

		$behind = ( new HostServicePing( $config, new Client( $config ), static fn (): int => time() - 90 ) )->run();
		$this->assertSame( Result::RECOMMENDED, $behind->status, 'Accepted, but worth fixing: ' . $behind->evidence );
	}

	public function test_a_key_the_service_does_not_accept_is_critical(): void {
		$this->filter( 'jetpack_start_companion_site_key', static fn (): string => str_repeat( 'f', 64 ) );
		$config = new Config();
		$result = ( new HostServicePing( $config, new Client( $config ) ) )->run();
		$this->assertSame( Result::CRITICAL, $result->status, $result->evidence );
		$this->assertSame( 'Your hosting provider\'s service does not recognise this site.', $result->label );
		$this->assertStringContainsString( 'HTTP 401 host_invalid_signature', $result->evidence );
	}

	/**
	 * @param Result[] $results Results.
	 */
	private function result( array $results, string $id ): Result {
		foreach ( $results as $result ) {
			if ( $id === $result->check ) {
				return $result;
			}
		}
		$this->fail( 'No result for ' . $id );
	}
}
