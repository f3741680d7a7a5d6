<?php
/**
 * The companion as a must-use plugin (a copy in wp-content/mu-plugins/jetpack-start-companion
 * and the README's one-line loader), on a site with its own content folder (wp-content-mu).
 *
 * @package JetpackStartCompanion
 */

declare( strict_types=1 );

namespace JetpackStartCompanion\Tests\Fleet;

require_once __DIR__ . '/FleetTestCase.php';

final class MustUseTest extends FleetTestCase {

	protected static function databases(): array {
		return array( 'jsc_fleet_mu' );
	}

	public function test_the_panel_loads_with_asset_urls_in_mu_plugins_and_provisioning_works(): void {
		$loader = (string) file_get_contents( self::ROOT . '/.cache/wp-fleet/wp-content-mu/mu-plugins/jetpack-start-companion.php' );
		$this->assertSame( 1, substr_count( trim( $loader ), "\n" ) + 1, 'a one-line loader' );

		$jar   = $this->login( self::MU_SITE, 'admin' );
		$panel = $this->get( self::MU_SITE . '/wp-admin/admin.php?page=jetpack-start-companion', $jar );
		$this->assertSame( 200, $panel['status'] );
		$this->assertStringContainsString( 'id="jetpack-start-companion-root"', $panel['body'] );
		$this->assertSame( 1, preg_match( '#<script[^>]+src="([^"]+/build/index\.js[^"]*)"#', $panel['body'], $script ) );
		$src = html_entity_decode( $script[1] );
		$this->assertStringStartsWith( self::MU_SITE . '/wp-content-mu/mu-plugins/jetpack-start-companion/build/index.js', $src );
		$asset = $this->get( $src, $jar );
		$this->assertSame( 200, $asset['status'] );
		$this->assertSame( file_get_contents( self::ROOT . '/build/index.js' ), $asset['body'] );

		$this->wpcom_answers( self::MU_SITE, 'case_b' );
		$done = $this->companion_json( self::MU_SITE, array( '--user=admin', 'provision', '--accept-terms' ), 0 );
		$this->assertSame( 'awaiting_authorization', $done['state'] );

		// Must-use plugins are not in Plugins → Installed, so nothing can deactivate it there.
		$plugins = $this->get( self::MU_SITE . '/wp-admin/plugins.php?plugin_status=mustuse', $jar );
		$this->assertStringContainsString( 'jetpack-start-companion.php', $plugins['body'] );
	}

	public function test_translations_are_looked_up_beside_the_must_use_copy(): void {
		$run = $this->wp( self::MU_SITE, array( 'jsc-fleet', 'textdomain-path' ) );
		$this->assertSame( realpath( self::ROOT . '/.cache/wp-fleet/wp-content-mu/mu-plugins/jetpack-start-companion/languages' ), realpath( trim( $run['stdout'] ) ) );
		$this->assertSame( realpath( self::ROOT . '/languages' ), realpath( trim( $this->wp( self::CLI_SITE, array( 'jsc-fleet', 'textdomain-path' ) )['stdout'] ) ), 'and beside the plugin in plugins/' );
	}
}
