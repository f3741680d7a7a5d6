<?php
/**
 * What the plugin claims about itself agrees everywhere, and an unmet requirement is a plain
 * notice for whoever can fix it, never a fatal error.
 *
 * @package JetpackStartCompanion
 */

declare( strict_types=1 );

namespace JetpackStartCompanion\Tests\Integration;

use JetpackStartCompanion\Tests\TestCase;

final class ReleaseHeadersTest extends TestCase {

	public function test_headers_readme_and_enforced_minimums_agree(): void {
		$headers = get_plugin_data( JETPACK_START_COMPANION_FILE, false, false );
		$readme  = (string) file_get_contents( JETPACK_START_COMPANION_DIR . '/readme.txt' );
		$this->assertSame( JETPACK_START_COMPANION_MIN_WP, $headers['RequiresWP'] );
		$this->assertSame( JETPACK_START_COMPANION_MIN_PHP, $headers['RequiresPHP'] );
		$this->assertStringContainsString( 'Requires at least: ' . JETPACK_START_COMPANION_MIN_WP . "\n", $readme );
		$this->assertStringContainsString( 'Requires PHP: ' . JETPACK_START_COMPANION_MIN_PHP . "\n", $readme );
		$this->assertStringContainsString( 'Stable tag: ' . JETPACK_START_COMPANION_VERSION . "\n", $readme );
		$this->assertSame( JETPACK_START_COMPANION_VERSION, $headers['Version'] );
		$this->assertSame( 'jetpack-start-companion', $headers['TextDomain'] );
	}

	public function test_wordpress_org_never_offers_an_update_for_it(): void {
		$update_uri = get_plugin_data( JETPACK_START_COMPANION_FILE, false, false )['UpdateURI'];
		$this->assertNotSame( '', $update_uri );
		// WordPress.org answers updates only for w.org/plugin/{slug} or wordpress.org/plugins/{slug}/.
		$this->assertDoesNotMatchRegularExpression( '#(^|//)(w\.org/plugin/|WordPress\.org/plugins/)#', $update_uri );

		// And a host can serve updates itself through the filter core derives from the header.
		$hostname = (string) wp_parse_url( esc_url_raw( $update_uri ), PHP_URL_HOST );
		$this->assertSame( 'jetpack-start-companion', $hostname );
		$offered = null;
		$this->filter(
			'update_plugins_' . $hostname,
			static function ( $update, array $data, string $file ) use ( &$offered ) {
				$offered = $file;
				return $update;
			},
			3
		);
		add_filter( 'pre_http_request', array( $this, 'no_network' ) );
		set_site_transient( 'update_plugins', null );
		wp_update_plugins();
		remove_filter( 'pre_http_request', array( $this, 'no_network' ) );
		$this->assertSame( 'jetpack-start-companion/plugin.php', $offered );
	}

	/**
	 * @return array<string,mixed>
	 */
	public function no_network(): array {
		return array(
			'headers'  => array(),
			'body'     => '{"plugins":[],"translations":[],"no_update":[]}',
			'response' => array(
				'code'    => 200,
				'message' => 'OK',
			),
			'cookies'  => array(),
		);
	}

	public function test_unmet_requirements_are_named_for_the_person_who_can_fix_them(): void {
		$this->assertSame( array(), jetpack_start_companion_unmet_requirements( '8.1.0', '6.6' ) );
		$this->assertSame( array(), jetpack_start_companion_unmet_requirements( '8.4.1', '6.6-RC1' ) );
		$this->assertSame( array( 'PHP 8.1 or newer (this site runs PHP 7.4.33)' ), jetpack_start_companion_unmet_requirements( '7.4.33', '6.8.1' ) );
		$this->assertSame(
			array( 'PHP 8.1 or newer (this site runs PHP 8.0.30)', 'WordPress 6.6 or newer (this site runs WordPress 6.5.5)' ),
			jetpack_start_companion_unmet_requirements( '8.0.30', '6.5.5' )
		);
	}
}
