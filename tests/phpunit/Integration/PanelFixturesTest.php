<?php
/**
 * The panel's Jest tests render only what the server really answers: this test produces each
 * status object (and each error body) the panel is tested with, from the real routes, checks
 * it against the schema the status route publishes, and fails when the committed fixture in
 * src/test/fixtures/ is not what the server answers now.
 *
 *   JSC_WRITE_FIXTURES=1 vendor/bin/phpunit --filter PanelFixturesTest   (rewrites them)
 *
 * Only the clock is pinned (dates are replaced by fixed ones), so the panel's date texts are stable.
 *
 * @package JetpackStartCompanion
 */

declare( strict_types=1 );

namespace JetpackStartCompanion\Tests\Integration;

use JetpackStartCompanion\Provisioning\Record;
use JetpackStartCompanion\Provisioning\Store;
use JetpackStartCompanion\Tests\Simulator;
use JetpackStartCompanion\Tests\TestCase;
use WP_REST_Request;

final class PanelFixturesTest extends TestCase {


	private const AUTHORIZE = 'https://jetpack.wordpress.com/jetpack.authorize/1/?client_id=42&site=127.0.0.1%3A8889';

	private const SUPPORT = 'https://hosting.example/support';

	/**
	 * Fixed dates, per field, in place of the clock's.
	 */
	private const DATES = array(
		'checked_at'   => '2026-11-27T10:00:05+00:00',
		'requested_at' => '2026-11-27T10:00:00+00:00',
		'expires_at'   => '2026-12-11T10:00:00+00:00',
		'expires_on'   => 'December 11, 2026',
		'at'           => '2026-11-28T10:00:00+00:00',
		'fresh_until'  => '2026-11-27T10:05:05+00:00',
	);

	protected function setUp(): void {
		parent::setUp();
		Simulator::reset();
	}

	/**
	 * @return iterable<string,array{0:string}>
	 */
	public function statuses(): iterable {
		$names = array(
			'ready',
			'ready-unnamed-plan',
			'requesting',
			'active-sign-on',
			'active',
			'active-confirmed',
			'active-pending-on-wordpress-com',
			'active-missing-on-wordpress-com',
			'active-missing-request-again-failed',
			'awaiting-authorization',
			'awaiting-dns',
			'expired',
			'cancelled-by-host',
			'connected-no-owner',
			'failed-retryable',
			'failed-refused-with-support',
			'failed-unnamed-plan',
			'jetpack-missing',
			'jetpack-missing-editor',
			'jetpack-inactive',
			'jetpack-inactive-renamed-folder',
			'jetpack-inactive-editor',
			'offline',
			'not-configured-with-support',
			'not-configured-unnamed',
			'xmlrpc-blocked-checked',
		);
		foreach ( $names as $name ) {
			yield $name => array( $name );
		}
	}

	/**
	 * @dataProvider statuses
	 */
	public function test_each_status_the_panel_is_tested_with_is_what_the_server_answers( string $name ): void {
		$status = $this->arrange( $name );
		$schema = $this->dispatch( 'OPTIONS', self::STATUS_ROUTE )->get_data()['schema'];
		$valid  = rest_validate_value_from_schema( $status, $schema, 'status' );
		$this->assertTrue( $valid, is_wp_error( $valid ) ? $valid->get_error_message() : '' );
		$this->assert_panel_fixture( 'status/' . $name, self::pin_dates( $status ) );
	}

	/**
	 * @return iterable<string,array{0:string}>
	 */
	public function errors(): iterable {
		foreach ( array( 'busy', 'not-configured', 'jetpack-not-ready', 'forbidden', 'confirm-failed', 'install-forbidden', 'install-failed', 'jetpack-register-missing' ) as $name ) {
			yield $name => array( $name );
		}
	}

	/**
	 * @dataProvider errors
	 */
	public function test_each_error_the_panel_is_tested_with_is_what_the_server_answers( string $name ): void {
		$response = $this->arrange_error( $name );
		$this->assertGreaterThanOrEqual( 400, $response->get_status() );
		$body = rest_get_server()->response_to_data( $response, false );
		$this->assertIsString( $body['code'] );
		$this->assertIsString( $body['message'] );
		$this->assertSame( $response->get_status(), $body['data']['status'] );
		$this->assert_panel_fixture( 'error/' . $name, $body );
	}

	/**
	 * Puts the site in the named situation and answers its status as the panel gets it.
	 *
	 * @return array<string,mixed>
	 */
	private function arrange( string $name ): array {
		$admin = $this->login_admin();
		$store = new Store();
		$now   = time();
		switch ( $name ) {
			case 'xmlrpc-blocked-checked':
				// Every check but the ping, whose evidence holds both clocks.
				$this->network_checks();
				$this->filter( 'jetpack_start_companion_preflight_checks', static fn ( array $checks ): array => array_values( array_filter( $checks, static fn ( $check ): bool => 'host_service_ping' !== $check->id() ) ) );
				$this->web_server( array( 'xmlrpc' => '403' ) );
				( new \JetpackStartCompanion\Diagnostics\Preflight() )->run( true );
				break;
			case 'ready-unnamed-plan':
			case 'failed-unnamed-plan':
				$this->filter( 'jetpack_start_companion_plan', '__return_empty_string' );
				$this->filter( 'jetpack_start_companion_plan_label', '__return_empty_string' );
				if ( 'failed-unnamed-plan' === $name ) {
					Simulator::scenario( 'http_503' );
					return $this->provision();
				}
				break;
			case 'requesting':
				$this->assertNotNull( $store->acquire_lock( $now ) );
				break;
			case 'active-sign-on':
				Simulator::scenario( 'case_a' );
				$this->provision();
				$this->jetpack_connection( true, $admin );
				break;
			case 'active':
			case 'active-confirmed':
			case 'active-pending-on-wordpress-com':
			case 'active-missing-on-wordpress-com':
			case 'active-missing-request-again-failed':
				$confirmation = array(
					'active-confirmed'                    => 'active',
					'active-pending-on-wordpress-com'     => 'pending',
					'active-missing-on-wordpress-com'     => 'missing',
					'active-missing-request-again-failed' => 'missing',
				)[ $name ] ?? null;
				$record       = new Record( 'jetpack-backup-daily', 'awaiting_authorization', self::AUTHORIZE, $now - 600, $now + 13 * DAY_IN_SECONDS );
				if ( null !== $confirmation ) {
					$record = new Record(
						...array_merge(
							$record->to_array(),
							array(
								'confirmation' => array(
									'plan_on_site' => $confirmation,
									'connected'    => true,
									'at'           => $now,
									'request_id'   => '',
								),
							)
						)
					);
				}
				$store->save( $record );
				$this->jetpack_connection( true, $admin );
				if ( 'active-missing-request-again-failed' === $name ) {
					Simulator::scenario( 'http_503' );
					return $this->provision();
				}
				break;
			case 'awaiting-authorization':
				$store->save( new Record( 'jetpack-backup-daily', 'awaiting_authorization', self::AUTHORIZE, $now - 600, $now + 13 * DAY_IN_SECONDS ) );
				break;
			case 'awaiting-dns':
				Simulator::scenario( 'case_c' );
				return $this->provision();
			case 'expired':
				$store->save( new Record( 'jetpack-backup-daily', 'awaiting_authorization', self::AUTHORIZE, $now - 15 * DAY_IN_SECONDS, $now - DAY_IN_SECONDS ) );
				break;
			case 'cancelled-by-host':
				$store->save( ( new Record( 'jetpack-backup-daily', 'awaiting_authorization', self::AUTHORIZE, $now - DAY_IN_SECONDS, $now + 13 * DAY_IN_SECONDS ) )->with_cancel( $now ) );
				break;
			case 'connected-no-owner':
				$this->jetpack_connection( true, null );
				break;
			case 'failed-retryable':
				Simulator::scenario( 'http_503' );
				return $this->provision();
			case 'failed-refused-with-support':
				$this->filter( 'jetpack_start_companion_host_support_url', static fn () => self::SUPPORT );
				Simulator::scenario( 'partner_key_disabled', array( 'shape' => 'error' ) );
				return $this->provision();
			case 'jetpack-missing':
			case 'jetpack-missing-editor':
				$this->installed_plugins( array( 'akismet/akismet.php' => 'akismet' ) );
				break;
			case 'jetpack-inactive':
			case 'jetpack-inactive-editor':
			case 'jetpack-inactive-renamed-folder':
				$this->filter( 'option_active_plugins', static fn ( $plugins ) => array_values( array_diff( (array) $plugins, array( 'jetpack/jetpack.php' ) ) ) );
				if ( 'jetpack-inactive-renamed-folder' === $name ) {
					$this->installed_plugins( array( 'jetpack-14.9/jetpack.php' => 'jetpack' ) );
				}
				break;
			case 'offline':
				$this->filter( 'jetpack_offline_mode', '__return_true' );
				break;
			case 'not-configured-with-support':
				$this->filter( 'jetpack_start_companion_host_support_url', static fn () => self::SUPPORT );
				$this->filter( 'jetpack_start_companion_site_key', '__return_empty_string' );
				break;
			case 'not-configured-unnamed':
				foreach ( array( 'site_key', 'host_name', 'plan', 'plan_label' ) as $setting ) {
					$this->filter( 'jetpack_start_companion_' . $setting, '__return_empty_string' );
				}
				break;
		}
		if ( str_ends_with( $name, '-editor' ) ) {
			// A host that lets editors use the panel: they cannot install or activate plugins.
			$this->filter( 'jetpack_start_companion_capability', static fn () => 'edit_others_posts' );
			$editor = wp_insert_user(
				array(
					'user_login'   => 'editor',
					'user_pass'    => 'password',
					'user_email'   => 'editor@example.test',
					'display_name' => 'Sam Editor',
					'role'         => 'editor',
				)
			);
			$this->assertIsInt( $editor );
			wp_set_current_user( $editor );
		}
		return $this->status();
	}

	/**
	 * An error answer of a route the panel calls.
	 */
	private function arrange_error( string $name ): \WP_REST_Response {
		$this->login_admin();
		$provision = array( 'accept_terms' => true );
		switch ( $name ) {
			case 'busy':
				( new Store() )->acquire_lock( time() );
				return $this->dispatch( 'POST', self::PROVISION_ROUTE, $provision );
			case 'not-configured':
				$this->filter( 'jetpack_start_companion_service_url', '__return_empty_string' );
				return $this->dispatch( 'POST', self::PROVISION_ROUTE, $provision );
			case 'jetpack-not-ready':
				$this->filter( 'jetpack_offline_mode', '__return_true' );
				return $this->dispatch( 'POST', self::PROVISION_ROUTE, $provision );
			case 'forbidden':
				wp_set_current_user( $this->user( 'editor' ) );
				return $this->dispatch( 'GET', self::STATUS_ROUTE );
			case 'confirm-failed':
				( new Store() )->save( new Record( 'jetpack-backup-daily', 'active', '', time(), null ) );
				$this->filter( 'jetpack_start_companion_site_key', static fn () => str_repeat( '0', 64 ) );
				return $this->dispatch( 'POST', '/jetpack-start-companion/v1/confirm' );
			case 'install-forbidden':
				wp_set_current_user( $this->user( 'editor' ) );
				return $this->install_jetpack();
			case 'jetpack-register-missing':
				// An older Jetpack, without the registration route the panel's Set Up Jetpack uses.
				$this->filter( 'rest_endpoints', static fn ( array $routes ): array => array_diff_key( $routes, array( '/jetpack/v4/connection/register' => true ) ) );
				return $this->dispatch( 'POST', '/jetpack/v4/connection/register', array( 'redirect_uri' => 'admin.php?page=jetpack-start-companion' ) );
			default:
				// Core's own answer when WordPress.org cannot be reached (no test-site shortcut).
				remove_all_filters( 'plugins_api' );
				$this->filter( 'pre_http_request', static fn () => new \WP_Error( 'http_request_failed', 'cURL error 6: Could not resolve host: api.wordpress.org' ) );
				// Core warns (trigger_error) before it answers; on a real site that goes to the log.
				set_error_handler( static fn ( int $level ): bool => E_USER_WARNING === $level || E_USER_NOTICE === $level ); // phpcs:ignore WordPress.PHP.DevelopmentFunctions.error_log_set_error_handler
				try {
					return $this->install_jetpack();
				} finally {
					restore_error_handler();
				}
		}
	}

	/**
	 * Core's POST /wp/v2/plugins, as the panel's Install Jetpack button sends it.
	 */
	private function install_jetpack(): \WP_REST_Response {
		$request = new WP_REST_Request( 'POST', '/wp/v2/plugins' );
		$request->set_body_params(
			array(
				'slug'   => 'jetpack',
				'status' => 'active',
			)
		);
		return rest_get_server()->dispatch( $request );
	}

	/**
	 * Makes get_plugins() see these folders (and no others), as if they were on disk.
	 *
	 * @param array<string,string> $text_domains Plugin file => Text Domain.
	 */
	private function installed_plugins( array $text_domains ): void {
		$plugins = array();
		foreach ( $text_domains as $file => $domain ) {
			$plugins[ $file ] = array(
				'Name'       => $file,
				'Version'    => '14.9',
				'TextDomain' => $domain,
			);
		}
		wp_cache_set( 'plugins', array( '' => $plugins ), 'plugins' );
	}

	/**
	 * Replaces the clock's dates with fixed ones (field by field, at any depth).
	 *
	 * @param array<string,mixed> $data A status object or a part of it.
	 * @return array<string,mixed>
	 */
	private static function pin_dates( array $data ): array {
		foreach ( $data as $key => $value ) {
			if ( is_array( $value ) && ! array_is_list( $value ) ) {
				$data[ $key ] = self::pin_dates( $value );
			} elseif ( null !== $value && isset( self::DATES[ $key ] ) ) {
				$data[ $key ] = self::DATES[ $key ];
			} elseif ( 'support' === $key && is_string( $value ) ) {
				$data[ $key ] = (string) preg_replace( array( '/\d{4}-\d\d-\d\dT[\d:]+\+00:00/', '/request id: [^;]+/' ), array( self::DATES['at'], 'request id: req-pinned' ), $value );
			}
		}
		if ( isset( $data['plan_on_site'] ) ) {
			$data['checked_at'] = '2026-11-28T10:00:30+00:00';
		}
		return $data;
	}
}
