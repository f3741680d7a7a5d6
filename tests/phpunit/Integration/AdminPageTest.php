<?php
/**
 * The panel page: its assets load on that page only, and it carries the status so the
 * first paint needs no request. Nothing is added to the front end.
 *
 * @package JetpackStartCompanion
 */

declare( strict_types=1 );

namespace JetpackStartCompanion\Tests\Integration;

use JetpackStartCompanion\Admin\Page;
use JetpackStartCompanion\Plugin;
use JetpackStartCompanion\Tests\TestCase;

final class AdminPageTest extends TestCase {

	/**
	 * Registers the menu entry as wp-admin does and answers the page's hook name.
	 */
	private function register_menu(): string {
		$this->login_admin();
		// Only the plugin's own callbacks: core's need a full admin screen this test does not build.
		remove_all_actions( 'admin_enqueue_scripts' );
		remove_all_actions( 'admin_notices' );
		Plugin::register_menu();
		return (string) get_plugin_page_hookname( Plugin::PAGE_SLUG, '' );
	}

	/**
	 * Opens the panel's page: its load hook, then the assets.
	 */
	private function open_panel(): void {
		do_action( 'load-' . $this->register_menu() ); // phpcs:ignore WordPress.NamingConventions.ValidHookName.UseUnderscores -- core's hook name.
		do_action( 'admin_enqueue_scripts', 'toplevel_page_' . Plugin::PAGE_SLUG );
	}

	protected function tearDown(): void {
		wp_dequeue_script( Page::HANDLE );
		wp_deregister_script( Page::HANDLE );
		remove_all_actions( 'admin_enqueue_scripts' );
		remove_all_actions( 'admin_notices' );
		remove_all_actions( 'load-toplevel_page_' . Plugin::PAGE_SLUG );
		parent::tearDown();
	}

	public function test_assets_load_only_when_the_panel_page_is_opened(): void {
		$hook = $this->register_menu();
		$this->assertSame( 'toplevel_page_' . Plugin::PAGE_SLUG, $hook );
		do_action( 'admin_enqueue_scripts', 'index.php' );
		do_action( 'admin_enqueue_scripts', 'plugins.php' );
		$this->assertFalse( wp_script_is( Page::HANDLE, 'enqueued' ) );

		do_action( 'load-' . $hook ); // phpcs:ignore WordPress.NamingConventions.ValidHookName.UseUnderscores -- core's hook name.
		do_action( 'admin_enqueue_scripts', $hook );
		$this->assertTrue( wp_script_is( Page::HANDLE, 'enqueued' ) );
	}

	public function test_without_a_build_the_page_names_the_fix_instead_of_loading_forever(): void {
		$this->login_admin();
		remove_all_actions( 'admin_notices' );
		$page = new Page( Plugin::status_builder(), Plugin::attempt_runner(), JETPACK_START_COMPANION_DIR . '/no-build-here' );
		$page->load();
		ob_start();
		do_action( 'admin_notices' );
		$page->render();
		$html = (string) ob_get_clean();
		$this->assertStringContainsString( 'notice-error', $html );
		$this->assertStringContainsString( '<code>npm ci &amp;&amp; npm run build</code>', $html );
		$this->assertStringContainsString( 'release zip', $html );
		$this->assertStringNotContainsString( 'Loading', $html );
		$this->assertFalse( wp_script_is( Page::HANDLE, 'enqueued' ) );
	}

	public function test_the_page_preloads_the_status_without_the_site_key(): void {
		$this->open_panel();
		$inline = implode( "\n", (array) wp_scripts()->get_data( 'wp-api-fetch', 'after' ) ) . implode( "\n", (array) wp_scripts()->get_data( Page::HANDLE, 'before' ) );
		$this->assertStringContainsString( 'window.jetpackStartCompanion', $inline );
		$this->assertStringContainsString( 'createPreloadingMiddleware', $inline );
		$this->assertStringContainsString( '\/jetpack-start-companion\/v1\/status', $inline );
		$this->assertStringNotContainsString( JETPACK_START_COMPANION_SITE_KEY, $inline );
	}

	public function test_the_page_carries_the_hosts_branding_escaped_and_refuses_a_hostile_logo(): void {
		$this->filter( 'jetpack_start_companion_host_name', static fn () => 'Example </script><script>alert(1)</script>' );
		$this->filter( 'jetpack_start_companion_host_support_url', static fn () => 'https://hosting.example/help?from=panel' );
		$this->open_panel();
		$boot = trim( implode( "\n", (array) wp_scripts()->get_data( Page::HANDLE, 'before' ) ) );
		$this->assertSame( 1, preg_match( '/^window\.jetpackStartCompanion = (.*);$/s', $boot, $json ) );
		$host = json_decode( $json[1], true )['initialStatus']['host'];
		$this->assertSame( 'Example </script><script>alert(1)</script>', $host['name'] );
		$this->assertStringNotContainsString( '</script>', $boot, 'The name cannot close the inline script.' );
		$this->assertSame( 'https://hosting.example/help?from=panel', $host['support_url'] );
		// The test site's wp-config sets JETPACK_START_COMPANION_HOST_LOGO_URL.
		$this->assertSame( JETPACK_START_COMPANION_HOST_LOGO_URL, $host['logo_url'] );

		foreach ( array( 'javascript:alert(1)', 'data:image/svg+xml,<svg onload=alert(1)>', 'https://hosting.example\\@evil.example/logo.png', "https://hosting.example/lo\tgo.png", '//evil.example/logo.png' ) as $hostile ) {
			$this->filter( 'jetpack_start_companion_host_logo_url', static fn () => $hostile );
			$this->assertSame( '', $this->status()['host']['logo_url'], $hostile );
		}
	}

	public function test_nothing_is_hooked_on_the_front_end(): void {
		$this->assertFalse( has_action( 'wp_enqueue_scripts' ) && $this->hooked_by_plugin( 'wp_enqueue_scripts' ) );
		$this->assertFalse( $this->hooked_by_plugin( 'wp_head' ) );
		$this->assertFalse( $this->hooked_by_plugin( 'init' ) );
	}

	public function test_the_options_do_not_autoload(): void {
		$this->login_admin();
		( new \JetpackStartCompanion\Provisioning\Store() )->save( new \JetpackStartCompanion\Provisioning\Record( 'free' ) );
		$this->assertArrayNotHasKey( 'jetpack_start_companion_record', wp_load_alloptions( true ) );
	}

	private function hooked_by_plugin( string $hook ): bool {
		global $wp_filter;
		if ( ! isset( $wp_filter[ $hook ] ) ) {
			return false;
		}
		foreach ( $wp_filter[ $hook ]->callbacks as $callbacks ) {
			foreach ( $callbacks as $callback ) {
				$function = $callback['function'];
				$class    = is_array( $function ) ? ( is_object( $function[0] ) ? get_class( $function[0] ) : (string) $function[0] ) : '';
				if ( str_starts_with( $class, 'JetpackStartCompanion\\' ) ) {
					return true;
				}
			}
		}
		return false;
	}
}
