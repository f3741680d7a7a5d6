<?php
/**
 * Route registration, schema, permissions per role and argument validation, through the real REST server.
 *
 * @package JetpackStartCompanion
 */

declare( strict_types=1 );

namespace JetpackStartCompanion\Tests\Integration;

use JetpackStartCompanion\Provisioning\Store;
use JetpackStartCompanion\Tests\Simulator;
use JetpackStartCompanion\Tests\TestCase;

final class RoutesTest extends TestCase {

	public function test_both_routes_are_registered_with_a_published_schema(): void {
		$routes = rest_get_server()->get_routes( 'jetpack-start-companion/v1' );
		$this->assertArrayHasKey( self::STATUS_ROUTE, $routes );
		$this->assertArrayHasKey( self::PROVISION_ROUTE, $routes );

		$this->login_admin();
		$options = $this->dispatch( 'OPTIONS', self::STATUS_ROUTE )->get_data();
		$this->assertSame( 'jetpack-start-companion-status', $options['schema']['title'] );
		$this->assertContains( 'awaiting_dns', $options['schema']['properties']['provisioning']['properties']['state']['enum'] );
	}

	public function test_logged_out_visitors_get_401(): void {
		$this->assertSame( 401, $this->dispatch( 'GET', self::STATUS_ROUTE )->get_status() );
		$this->assertSame( 401, $this->dispatch( 'POST', self::PROVISION_ROUTE, array( 'accept_terms' => true ) )->get_status() );
	}

	/**
	 * @return iterable<string,array{0:string}>
	 */
	public function roles_without_access(): iterable {
		yield 'editor' => array( 'editor' );
		yield 'author' => array( 'author' );
		yield 'subscriber' => array( 'subscriber' );
	}

	/**
	 * @dataProvider roles_without_access
	 */
	public function test_users_who_cannot_manage_options_get_403( string $role ): void {
		Simulator::reset();
		wp_set_current_user( $this->user( $role ) );
		$status = $this->dispatch( 'GET', self::STATUS_ROUTE );
		$this->assertSame( 403, $status->get_status() );
		$this->assertSame( 'rest_forbidden', $status->get_data()['code'] );
		$this->assertSame( 403, $this->dispatch( 'POST', self::PROVISION_ROUTE, array( 'accept_terms' => true ) )->get_status() );
		$this->assertSame( array(), Simulator::provision_calls() );
	}

	public function test_the_capability_is_filterable(): void {
		wp_set_current_user( $this->user( 'editor' ) );
		$this->filter( 'jetpack_start_companion_capability', static fn () => 'edit_others_posts' );
		$this->assertSame( 200, $this->dispatch( 'GET', self::STATUS_ROUTE )->get_status() );
	}

	/**
	 * @return iterable<string,array{0:array<string,mixed>}>
	 */
	public function invalid_provision_bodies(): iterable {
		yield 'missing' => array( array() );
		yield 'false' => array( array( 'accept_terms' => false ) );
		yield 'a string' => array( array( 'accept_terms' => 'maybe' ) );
		yield 'a number' => array( array( 'accept_terms' => 2 ) );
	}

	/**
	 * @dataProvider invalid_provision_bodies
	 * @param array<string,mixed> $body Request body.
	 */
	public function test_provision_without_accepting_the_terms_is_a_400_and_changes_nothing( array $body ): void {
		$this->login_admin();
		$response = $this->dispatch( 'POST', self::PROVISION_ROUTE, $body );
		$this->assertSame( 400, $response->get_status() );
		$this->assertContains( $response->get_data()['code'], array( 'rest_missing_callback_param', 'rest_invalid_param' ) );
		$this->assertFalse( get_option( Store::RECORD_OPTION ) );
	}

	public function test_fields_a_route_does_not_take_are_refused_before_anything_is_asked(): void {
		$this->login_admin();
		Simulator::reset();
		foreach ( array(
			self::PROVISION_ROUTE                 => array(
				'accept_terms' => true,
				'plan'         => 'jetpack-complete',
			),
			'/jetpack-start-companion/v1/confirm' => array( 'plan' => 'x' ),
		) as $route => $body ) {
			$response = $this->dispatch( 'POST', $route, $body );
			$this->assertSame( 400, $response->get_status() );
			$this->assertSame( 'rest_additional_properties_forbidden', $response->get_data()['code'] );
		}
		$this->assertSame( array(), Simulator::provision_calls() );
		$this->assertFalse( get_option( Store::RECORD_OPTION ) );
	}

	public function test_confirm_is_registered_and_needs_a_login(): void {
		$this->assertArrayHasKey( '/jetpack-start-companion/v1/confirm', rest_get_server()->get_routes( 'jetpack-start-companion/v1' ) );
		$this->assertSame( 401, $this->dispatch( 'POST', '/jetpack-start-companion/v1/confirm' )->get_status() );
	}

	public function test_provision_refuses_a_connection_nobody_owns(): void {
		$this->login_admin();
		$this->jetpack_connection( true, null );
		$response = $this->dispatch( 'POST', self::PROVISION_ROUTE, array( 'accept_terms' => true ) );
		$this->assertSame( 409, $response->get_status() );
		$this->assertSame( 'jetpack_start_companion_connection_has_no_owner', $response->get_data()['code'] );
	}

	public function test_get_is_the_only_method_on_status(): void {
		$this->login_admin();
		$this->assertSame( 404, $this->dispatch( 'DELETE', self::STATUS_ROUTE )->get_status() );
	}

	public function test_provision_refuses_when_the_host_has_not_configured_the_service(): void {
		$this->login_admin();
		$this->filter( 'jetpack_start_companion_service_url', static fn () => '' );
		$response = $this->dispatch( 'POST', self::PROVISION_ROUTE, array( 'accept_terms' => true ) );
		$this->assertSame( 503, $response->get_status() );
		$this->assertSame( 'jetpack_start_companion_not_configured', $response->get_data()['code'] );
		$this->assertFalse( $this->status()['host']['configured'] );
	}

	public function test_provision_refuses_while_jetpack_is_inactive(): void {
		$this->login_admin();
		$this->filter( 'option_active_plugins', static fn ( $plugins ) => array_values( array_diff( (array) $plugins, array( 'jetpack/jetpack.php' ) ) ) );
		$response = $this->dispatch( 'POST', self::PROVISION_ROUTE, array( 'accept_terms' => true ) );
		$this->assertSame( 412, $response->get_status() );
		$this->assertSame( 'jetpack_start_companion_jetpack_not_ready', $response->get_data()['code'] );
	}

	public function test_provision_refuses_in_offline_mode(): void {
		$this->login_admin();
		$this->filter( 'jetpack_offline_mode', '__return_true' );
		$this->assertSame( 412, $this->dispatch( 'POST', self::PROVISION_ROUTE, array( 'accept_terms' => true ) )->get_status() );
	}

	public function test_a_second_request_while_one_runs_is_refused_and_shown_as_requesting(): void {
		$this->login_admin();
		$this->assertNotNull( ( new Store() )->acquire_lock( time() ) );
		$response = $this->dispatch( 'POST', self::PROVISION_ROUTE, array( 'accept_terms' => true ) );
		$this->assertSame( 409, $response->get_status() );
		$this->assertSame( 'jetpack_start_companion_busy', $response->get_data()['code'] );
		$this->assertSame( 'requesting', $this->status()['provisioning']['state'] );
	}

	public function test_a_lock_left_by_a_crashed_request_expires(): void {
		$store = new Store();
		$this->assertNotNull( $store->acquire_lock( time() - Store::LOCK_SECONDS - 1 ) );
		$this->assertNotNull( $store->acquire_lock( time() ) );
		$this->assertNull( $store->acquire_lock( time() ) );
	}

	public function test_the_lock_is_not_fooled_by_the_options_cache(): void {
		$store = new Store();
		// A status poll earlier in the request saw no lock: "missing" is cached.
		$this->assertFalse( get_option( Store::LOCK_OPTION ) );
		global $wpdb;
		$wpdb->insert(
			$wpdb->options,
			array(
				'option_name'  => Store::LOCK_OPTION,
				'option_value' => ( time() + 60 ) . ':other',
				'autoload'     => 'off',
			)
		);
		$this->assertNull( $store->acquire_lock( time() ), 'Another request holds the lock.' );
		$this->assertTrue( $store->is_locked( time() ) );
	}

	public function test_releasing_frees_only_ones_own_lock(): void {
		$store = new Store();
		$mine  = $store->acquire_lock( time() - Store::LOCK_SECONDS - 1 );
		$this->assertNotNull( $mine );
		$theirs = $store->acquire_lock( time() );
		$this->assertNotNull( $theirs, 'The stale lock was taken over.' );
		$store->release_lock( $mine );
		$this->assertTrue( $store->is_locked( time() ), 'The late request must not free the new holder\'s lock.' );
		$store->release_lock( $theirs );
		$this->assertFalse( $store->is_locked( time() ) );
	}

	public function test_status_never_reveals_the_site_key(): void {
		$this->login_admin();
		$json = (string) wp_json_encode( $this->status() );
		$this->assertStringNotContainsString( JETPACK_START_COMPANION_SITE_KEY, $json );
		$this->assertTrue( $this->status()['host']['configured'] );
		$this->assertSame( 'Example Hosting', $this->status()['host']['name'] );
	}
}
