<?php
/**
 * The preflight checks in Tools → Site Health: the cheap ones as direct tests, the network ones
 * as async tests answered by the REST route in Site Health's format, and the Info tab's section.
 *
 * @package JetpackStartCompanion
 */

declare( strict_types=1 );

namespace JetpackStartCompanion\Tests\Integration;

use JetpackStartCompanion\Tests\TestCase;

final class SiteHealthTest extends TestCase {

	public function test_checks_are_site_health_tests_and_the_info_tab_has_no_secret(): void {
		$this->login_admin();
		$this->network_checks();
		require_once ABSPATH . 'wp-admin/includes/class-wp-site-health.php';
		$tests = \WP_Site_Health::get_tests();
		$this->assertArrayHasKey( 'jetpack_start_companion_jetpack_ready', $tests['direct'] );
		$this->assertSame( 'good', call_user_func( $tests['direct']['jetpack_start_companion_jetpack_ready']['test'] )['status'] );
		$async = $tests['async']['jetpack_start_companion_xmlrpc_reachable'];
		$this->assertTrue( $async['has_rest'] );
		$this->assertStringEndsWith( '/jetpack-start-companion/v1/diagnostics/site-health/xmlrpc_reachable', $async['test'] );

		$this->web_server( array( 'xmlrpc' => '403' ) );
		$answer = $this->dispatch( 'GET', '/jetpack-start-companion/v1/diagnostics/site-health/xmlrpc_reachable' )->get_data();
		$this->assertSame( 'critical', $answer['status'] );
		$this->assertSame( 'jetpack_start_companion_xmlrpc_reachable', $answer['test'] );
		$this->assertSame( 'red', $answer['badge']['color'] );
		$this->assertStringContainsString( '<code>POST http://127.0.0.1:8889/xmlrpc.php?for=jetpack → HTTP 403', $answer['description'] );
		$this->assertSame( 404, $this->dispatch( 'GET', '/jetpack-start-companion/v1/diagnostics/site-health/nope' )->get_status() );

		$info   = apply_filters( 'debug_information', array() )['jetpack-start-companion']['fields'];
		$fields = array_column( $info, 'value', 'label' );
		$this->assertSame( 'http://127.0.0.1:8790', $fields['Host service URL'] );
		$this->assertSame( 'Set', $fields['Site key'] );
		$this->assertSame( 'not_requested', $fields['State'] );
		$this->assertSame( '14.5', $fields['Jetpack version'] );
		$this->assertStringStartsWith( 'critical (', $fields['Preflight checks'] );
		$this->assertStringNotContainsString( ( new \JetpackStartCompanion\Config() )->site_key(), (string) wp_json_encode( $info ) );
	}
}
