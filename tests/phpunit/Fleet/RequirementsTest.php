<?php
/**
 * On a WordPress older than the plugin needs, the site keeps working: an admin notice names what
 * is missing, and nothing of the plugin loads.
 *
 * @package JetpackStartCompanion
 */

declare( strict_types=1 );

namespace JetpackStartCompanion\Tests\Fleet;

require_once __DIR__ . '/FleetTestCase.php';

final class RequirementsTest extends FleetTestCase {

	protected static function databases(): array {
		return array( 'jsc_fleet_cli' );
	}

	public function test_an_older_wordpress_gets_a_notice_instead_of_a_fatal_error(): void {
		$this->config( "define( 'JSC_FLEET_PRETEND_WP_VERSION', '6.5.5' );" );
		$jar     = $this->login( self::CLI_SITE, 'admin' );
		$plugins = $this->get( self::CLI_SITE . '/wp-admin/plugins.php', $jar );
		$this->assertSame( 200, $plugins['status'] );
		$this->assertStringContainsString( 'Jetpack Start Companion is turned off: it needs WordPress 6.6 or newer (this site runs WordPress 6.5.5). Ask your hosting provider to update the site.', $plugins['body'] );
		$this->assertStringNotContainsString( 'page=jetpack-start-companion', $plugins['body'], 'no menu entry: nothing else loaded' );

		$editor = $this->login( self::CLI_SITE, 'editor1' );
		$this->assertStringNotContainsString( 'Jetpack Start Companion is turned off', $this->get( self::CLI_SITE . '/wp-admin/', $editor )['body'], 'only for who can act on it' );

		$this->assertSame( 1, $this->wp( self::CLI_SITE, array( 'jetpack-start-companion', 'status' ) )['code'], 'no command either' );
	}
}
