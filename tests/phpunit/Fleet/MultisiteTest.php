<?php
/**
 * Multisite, on real subdirectory and subdomain networks: each site asks for its own plan with
 * its own URL and key, keeps its own record and panel; network admins list every site from
 * stored records; uninstalling leaves no row of ours in any site's tables.
 *
 * @package JetpackStartCompanion
 */

declare( strict_types=1 );

namespace JetpackStartCompanion\Tests\Fleet;

require_once __DIR__ . '/FleetTestCase.php';

final class MultisiteTest extends FleetTestCase {

	private const SHOP     = self::DIR_NET . '/shop';
	private const BLOG     = self::DIR_NET . '/blog';
	private const SUB_SHOP = 'http://shop.net.jsc.test:8893';
	private const SUB_BLOG = 'http://blog.net.jsc.test:8893';

	protected static function databases(): array {
		return array( 'jsc_fleet_dir', 'jsc_fleet_sub' );
	}

	protected function setUp(): void {
		parent::setUp();
		foreach ( array(
			'jsc_fleet_dir' => array( 'wp_options', 'wp_2_options', 'wp_3_options' ),
			'jsc_fleet_sub' => array( 'wp_options', 'wp_2_options', 'wp_3_options' ),
		) as $db => $tables ) {
			foreach ( $tables as $table ) {
				$this->sql( $db, "DELETE FROM $table WHERE option_name LIKE 'jetpack\\_start\\_companion%'" );
			}
		}
	}

	/**
	 * @return array<string,array<string,mixed>> The `sites` list by site URL.
	 */
	private function sites( string $network ): array {
		return array_column( $this->companion_json( $network, array( 'sites' ), 0 ), null, 'site_url' );
	}

	public function test_each_subsite_asks_with_its_own_url_and_keeps_its_own_record(): void {
		$this->wpcom_answers( self::SHOP, 'case_b' );
		$shop_calls = $this->provision_calls( self::SHOP );
		$blog_calls = $this->provision_calls( self::BLOG );
		$main_calls = $this->provision_calls( self::DIR_NET );

		$shop = $this->companion_json( self::SHOP . '/', array( '--user=admin', 'provision', '--accept-terms' ), 0 );
		$this->assertSame( self::SHOP, $shop['site_url'] );
		$this->assertSame( 2, $shop['blog_id'] );
		$this->assertSame( 'awaiting_authorization', $shop['state'] );
		$this->assertSame( $shop_calls + 1, $this->provision_calls( self::SHOP ), 'signed and relayed as the subsite, with its own key' );
		$this->assertSame( $blog_calls, $this->provision_calls( self::BLOG ) );
		$this->assertSame( $main_calls, $this->provision_calls( self::DIR_NET ) );

		$this->assertSame( 'not_requested', $this->companion_json( self::BLOG . '/', array( 'status' ), 0 )['state'] );
		$sites = $this->sites( self::DIR_NET );
		$this->assertCount( 3, $sites );
		$this->assertSame( 'awaiting_authorization', $sites[ self::SHOP ]['state'] );
		$this->assertSame( 'not_requested', $sites[ self::DIR_NET ]['state'] );
		$this->assertSame( self::SHOP . '/wp-admin/admin.php?page=jetpack-start-companion', $sites[ self::SHOP ]['panel_url'] );

		$second = $this->companion_json( self::DIR_NET, array( 'sites', '--per-page=2', '--page=2' ), 0 );
		$this->assertSame( array( self::BLOG ), array_column( $second, 'site_url' ), 'paged' );
	}

	public function test_the_network_page_lists_stored_states_without_a_remote_call(): void {
		$this->wpcom_answers( self::SHOP, 'invalid_plan' );
		$this->companion_json( self::SHOP . '/', array( '--user=admin', 'provision', '--accept-terms' ), 3 );
		$jar   = $this->login( self::DIR_NET, 'admin' );
		$calls = count( (array) json_decode( $this->http( 'GET', self::SIMULATOR . '/__sim/calls' ), true ) );

		$page = $this->get( self::DIR_NET . '/wp-admin/network/admin.php?page=jetpack-start-companion-sites', $jar );
		$this->assertSame( 200, $page['status'] );
		$this->assertStringContainsString( 'Jetpack plans on this network', $page['body'] );
		$this->assertSame( 3, preg_match_all( '/<tr data-blog-id="\d+"/', $page['body'] ) );
		$this->assertMatchesRegularExpression( '#<tr data-blog-id="2" data-state="failed"><td>http://127\.0\.0\.1:8893/shop</td>#', $page['body'] );
		$this->assertStringContainsString( 'href="http://127.0.0.1:8893/blog/wp-admin/admin.php?page=jetpack-start-companion"', $page['body'] );
		$this->assertSame( $calls, count( (array) json_decode( $this->http( 'GET', self::SIMULATOR . '/__sim/calls' ), true ) ), 'listing asked nobody' );

		// A subsite's own administrator gets that site's panel, not the network page.
		$owner = $this->login( self::SHOP, 'owner2' );
		$this->assertNotSame( 200, $this->get( self::DIR_NET . '/wp-admin/network/admin.php?page=jetpack-start-companion-sites', $owner )['status'] );
		$panel = $this->get( self::SHOP . '/wp-admin/admin.php?page=jetpack-start-companion', $owner );
		$this->assertSame( 200, $panel['status'] );
		$this->assertStringContainsString( 'id="jetpack-start-companion-root"', $panel['body'] );
		$this->assertStringContainsString( '"state":"failed"', $panel['body'] );
		$keys = include self::ROOT . '/.cache/wp-fleet-site-keys.php';
		$this->assertStringNotContainsString( $keys[ self::SHOP ], $panel['body'] . $page['body'] );

		// Assets from the network's plugin folder, whichever site shows the panel.
		$this->assertSame( 1, preg_match( '#<script[^>]+src="([^"]+/wp-content/plugins/jetpack-start-companion/build/index\.js[^"]*)"#', $panel['body'], $script ) );
		$this->assertStringStartsWith( self::DIR_NET . '/wp-content/plugins/', html_entity_decode( $script[1] ) );
		$this->assertStringContainsString( 'wp.element', $this->http( 'GET', html_entity_decode( $script[1] ) ) . 'wp.element' );
		$this->assertSame( 200, $this->get( html_entity_decode( $script[1] ), $owner )['status'] );
	}

	public function test_a_subdomain_network_with_the_companion_on_some_sites(): void {
		$this->wpcom_answers( self::SUB_SHOP, 'case_c' );
		$shop = $this->companion_json( self::SUB_SHOP, array( '--user=admin', 'provision', '--accept-terms' ), 0 );
		$this->assertSame( 'awaiting_dns', $shop['state'] );
		$this->assertSame( self::SUB_SHOP, $shop['site_url'] );

		// Not activated on this site: no command, no panel.
		$absent = $this->wp( self::SUB_BLOG, array( 'jetpack-start-companion', 'status' ) );
		$this->assertSame( 1, $absent['code'] );
		$this->assertStringContainsString( "'jetpack-start-companion' is not a registered wp command", $absent['stderr'] );

		$sites = $this->sites( self::SUB_NET );
		$this->assertSame( 'awaiting_dns', $sites[ self::SUB_SHOP ]['state'] );
		$this->assertSame( 'inactive', $sites[ self::SUB_BLOG ]['jetpack'], 'Jetpack is not active on that site either' );
		$this->assertSame( 'not_connected', $sites[ self::SUB_NET ]['jetpack'] );
		$this->assertFalse( $sites[ self::SUB_BLOG ]['companion_active'] );
		$this->assertNull( $sites[ self::SUB_BLOG ]['panel_url'], 'no link to a panel that is not there' );
		$this->assertTrue( $sites[ self::SUB_SHOP ]['companion_active'] );
	}

	public function test_uninstall_leaves_no_row_of_ours_in_any_table_and_jetpack_untouched(): void {
		$this->wpcom_answers( self::SHOP, 'case_b' );
		$this->wpcom_answers( self::DIR_NET, 'case_b' );
		$this->companion_json( self::SHOP . '/', array( '--user=admin', 'provision', '--accept-terms' ), 0 );
		$this->companion_json( self::DIR_NET, array( '--user=admin', 'provision', '--accept-terms' ), 0 );
		$this->sql( 'jsc_fleet_dir', "INSERT INTO wp_2_options (option_name, option_value, autoload) VALUES ('jetpack_options', 'a:1:{s:2:\"id\";i:4242;}', 'off')" );
		$this->sql( 'jsc_fleet_dir', "INSERT INTO wp_3_options (option_name, option_value, autoload) VALUES ('_transient_jetpack_start_companion_checks', 'a:0:{}', 'off')" );
		$this->sql( 'jsc_fleet_dir', "INSERT INTO wp_sitemeta (site_id, meta_key, meta_value) VALUES (1, 'jetpack_start_companion_network_note', 'x')" );
		// Reminders dismissed on two sites (user options: per site), and someone else's user option.
		$this->sql( 'jsc_fleet_dir', "INSERT INTO wp_usermeta (user_id, meta_key, meta_value) VALUES (1, 'wp_jetpack_start_companion_reminder_dismissed', '1:pending'), (1, 'wp_2_jetpack_start_companion_reminder_dismissed', '1:expired'), (1, 'wp_2_someone_elses_option', 'x')" );
		$this->assertNotSame( '[]', trim( $this->wp( self::DIR_NET, array( 'jsc-fleet', 'rows' ) )['stdout'] ) );

		$this->assertSame( 0, $this->wp( self::DIR_NET, array( 'jsc-fleet', 'uninstall' ) )['code'] );
		$this->assertSame( '[]', trim( $this->wp( self::DIR_NET, array( 'jsc-fleet', 'rows' ) )['stdout'] ), 'no jetpack_start_companion* row in any options table, nor any site\'s user option' );
		$this->assertCount( 1, $this->sql( 'jsc_fleet_dir', "SELECT umeta_id FROM wp_usermeta WHERE meta_key = 'wp_2_someone_elses_option'" ) );
		$this->sql( 'jsc_fleet_dir', "DELETE FROM wp_usermeta WHERE meta_key = 'wp_2_someone_elses_option'" );
		$this->assertCount( 1, $this->sql( 'jsc_fleet_dir', "SELECT option_id FROM wp_2_options WHERE option_name = 'jetpack_options'" ), 'Jetpack\'s own data stays' );
	}
}
