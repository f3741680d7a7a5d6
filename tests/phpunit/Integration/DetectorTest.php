<?php
/**
 * Jetpack detection against the test Jetpack: Jetpack's real connection, status and config
 * packages with the full plugin's Jetpack class on top (tests/jetpack).
 *
 * @package JetpackStartCompanion
 */

declare( strict_types=1 );

namespace JetpackStartCompanion\Tests\Integration;

use JetpackStartCompanion\Jetpack\Detector;
use JetpackStartCompanion\Tests\TestCase;

final class DetectorTest extends TestCase {

	private int $deprecations = 0;

	protected function setUp(): void {
		parent::setUp();
		$this->deprecations = 0;
		$count              = function (): void {
			++$this->deprecations;
		};
		$this->filter( 'deprecated_function_run', $count, 0 );
	}

	protected function tearDown(): void {
		$this->assertSame( 0, $this->deprecations, 'Detection must not call a deprecated Jetpack API.' );
		parent::tearDown();
	}

	/**
	 * Makes get_plugins() see this list, as if these folders were on disk.
	 *
	 * @param array<string,string> $text_domains Plugin file => Text Domain.
	 */
	private function installed_plugins( array $text_domains ): void {
		$plugins = array();
		foreach ( $text_domains as $file => $domain ) {
			$plugins[ $file ] = array(
				'Name'       => $file,
				'Version'    => '14.5',
				'TextDomain' => $domain,
			);
		}
		wp_cache_set( 'plugins', array( '' => $plugins ), 'plugins' );
	}

	public function test_active_jetpack_that_is_not_connected(): void {
		$state = ( new Detector() )->detect( $this->login_admin() )->to_array();
		$this->assertTrue( $state['installed'] );
		$this->assertTrue( $state['active'] );
		$this->assertSame( 'jetpack/jetpack.php', $state['plugin_file'] );
		$this->assertSame( JETPACK__VERSION, $state['version'] );
		$this->assertFalse( $state['connected'] );
		$this->assertNull( $state['blog_id'] );
		$this->assertStringEndsWith( 'admin.php?page=jetpack#/setup', $state['setup_url'] );
	}

	public function test_connected_with_the_current_user_as_owner(): void {
		$admin = $this->login_admin();
		$this->jetpack_connection( true, $admin );
		$state = ( new Detector() )->detect( $admin );
		$this->assertTrue( $state->connected );
		$this->assertTrue( $state->has_connected_owner );
		$this->assertTrue( $state->user_connected );
		$this->assertSame( 4242, $state->blog_id );
		$this->assertFalse( ( new Detector() )->detect( $this->user( 'administrator' ) )->user_connected );
	}

	public function test_a_connection_without_owner_is_an_orphan(): void {
		$this->jetpack_connection( true, null );
		$state = ( new Detector() )->detect( $this->login_admin() );
		$this->assertTrue( $state->connected );
		$this->assertFalse( $state->has_connected_owner );
		$this->assertTrue( $state->has_orphan_connection() );
	}

	public function test_installed_but_inactive_is_not_active_even_though_its_classes_are_loaded(): void {
		$this->filter( 'option_active_plugins', static fn ( $plugins ) => array_values( array_diff( (array) $plugins, array( 'jetpack/jetpack.php' ) ) ) );
		$this->jetpack_connection( true, 1 );
		$state = ( new Detector() )->detect( 1 );
		$this->assertTrue( $state->installed );
		$this->assertFalse( $state->active );
		$this->assertFalse( $state->plugin_active );
		$this->assertFalse( $state->is_stalled() );
		$this->assertFalse( $state->connected, 'An inactive Jetpack has no connection to report.' );
	}

	public function test_finds_the_beta_build_folder(): void {
		$this->installed_plugins(
			array(
				'akismet/akismet.php'     => 'akismet',
				'jetpack-dev/jetpack.php' => 'jetpack',
			)
		);
		$this->assertSame( 'jetpack-dev/jetpack.php', ( new Detector() )->plugin_file() );
	}

	public function test_finds_a_renamed_folder_by_its_text_domain(): void {
		$this->installed_plugins(
			array(
				'akismet/akismet.php'                  => 'akismet',
				'jetpack-by-wordpress-com/jetpack.php' => 'jetpack',
			)
		);
		$this->assertSame( 'jetpack-by-wordpress-com/jetpack.php', ( new Detector() )->plugin_file() );
	}

	public function test_jetpack_family_plugins_sharing_its_connection_package_are_not_jetpack(): void {
		$this->assertTrue( class_exists( 'Automattic\\Jetpack\\Connection\\Manager', false ) );
		$this->installed_plugins( array( 'jetpack-boost/jetpack-boost.php' => 'jetpack-boost' ) );
		$state = ( new Detector() )->detect( $this->login_admin() );
		$this->assertFalse( $state->installed );
		$this->assertFalse( $state->active );
	}

	public function test_offline_mode_set_by_jetpacks_filter(): void {
		$this->filter( 'jetpack_offline_mode', '__return_true' );
		$state = ( new Detector() )->detect( $this->login_admin() );
		$this->assertTrue( $state->offline_mode );
		$this->assertFalse( $state->is_ready() );
	}

	public function test_offline_mode_set_by_jetpacks_option(): void {
		update_option( 'jetpack_offline_mode', true );
		$this->assertTrue( ( new Detector() )->detect( $this->login_admin() )->offline_mode );
	}

	/**
	 * @return array<string,mixed>
	 */
	private function fresh_request( array $args = array() ): array {
		$output = shell_exec( escapeshellarg( PHP_BINARY ) . ' ' . escapeshellarg( dirname( __DIR__ ) . '/fixtures/fresh-request.php' ) . ' ' . escapeshellarg( (string) wp_json_encode( (object) $args ) ) . ' 2>&1' );
		$data   = json_decode( (string) $output, true );
		$this->assertIsArray( $data, (string) $output );
		return $data;
	}

	/**
	 * Issue 6 #4: in a request that had not loaded Jetpack's Status class yet, the detector read
	 * two constants only and said "online" on a 127.0.0.1 site that Jetpack itself counts as
	 * local (offline): the panel offered a plan Jetpack could not connect for.
	 */
	public function test_a_local_site_is_offline_in_a_fresh_request_as_jetpack_says(): void {
		$this->web_server( array( 'jetpack_local_site' => true ) );
		$fresh = $this->fresh_request();
		$this->assertFalse( $fresh['status_loaded_before'], 'Nothing in the request loaded Status before the detector.' );
		$this->assertTrue( $fresh['jetpack_offline'], 'Jetpack counts 127.0.0.1 as a local site.' );
		$this->assertTrue( $fresh['companion']['offline_mode'], 'The panel says what Jetpack says.' );
	}

	public function test_offline_mode_set_by_jetpacks_constant_in_a_fresh_request(): void {
		$fresh = $this->fresh_request( array( 'constants' => array( 'JETPACK_DEV_DEBUG' => true ) ) );
		$this->assertTrue( $fresh['jetpack_offline'] );
		$this->assertTrue( $fresh['companion']['offline_mode'] );
		$this->assertFalse( $this->fresh_request()['companion']['offline_mode'], 'Without it, the site is online.' );
	}
}
