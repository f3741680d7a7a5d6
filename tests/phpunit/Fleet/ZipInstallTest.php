<?php
/**
 * The release zip, as a site owner installs it: built by scripts/plugin-zip.mjs, uploaded in
 * Plugins → Add New → Upload Plugin of a fresh WordPress, activated, and the panel opened.
 *
 * @package JetpackStartCompanion
 */

declare( strict_types=1 );

namespace JetpackStartCompanion\Tests\Fleet;

require_once __DIR__ . '/FleetTestCase.php';

final class ZipInstallTest extends FleetTestCase {

	private const SITE = 'http://zip.jsc.test:8893';

	protected static function databases(): array {
		return array( 'jsc_fleet_zip' );
	}

	public function test_the_zip_installs_activates_and_opens_the_panel(): void {
		exec( 'cd ' . escapeshellarg( self::ROOT ) . ' && node scripts/plugin-zip.mjs 2>&1', $output, $code );
		$this->assertSame( 0, $code, implode( "\n", $output ) );
		$zip_file = self::ROOT . '/dist/jetpack-start-companion.zip';
		require_once ABSPATH . 'wp-admin/includes/class-pclzip.php'; // PHP's zip extension is not required here.
		$names = array_column( (array) ( new \PclZip( $zip_file ) )->listContent(), 'filename' );
		$this->assertContains( 'jetpack-start-companion/plugin.php', $names );
		$this->assertContains( 'jetpack-start-companion/readme.txt', $names );
		$this->assertContains( 'jetpack-start-companion/build/index.js', $names );
		foreach ( $names as $name ) {
			$this->assertMatchesRegularExpression( '#^jetpack-start-companion/(plugin\.php|uninstall\.php|readme\.txt|includes/.+\.php|build/[^/]+\.(js|php|css)|languages/[^/]+)$#', $name, 'only what a site needs' );
		}

		$jar    = $this->login( self::SITE, 'admin' );
		$upload = $this->get( self::SITE . '/wp-admin/plugin-install.php?tab=upload', $jar );
		$this->assertSame( 1, preg_match( '/<form method="post" enctype="multipart\/form-data" class="wp-upload-form" action="([^"]+)">.*?name="_wpnonce" value="([^"]+)"/s', $upload['body'], $form ), 'the upload form' );
		$installed = $this->post(
			html_entity_decode( $form[1] ),
			$jar,
			array(
				'_wpnonce'              => $form[2],
				'pluginzip'             => new \CURLFile( $zip_file, 'application/zip', 'jetpack-start-companion.zip' ),
				'install-plugin-submit' => 'Install Now',
			)
		);
		$this->assertStringContainsString( 'Plugin installed successfully.', $installed['body'] );
		$this->assertSame( 1, preg_match( '/href="([^"]*action=activate[^"]*plugin=jetpack-start-companion%2Fplugin\.php[^"]*)"/', $installed['body'], $activate ) );
		$plugins = $this->get( self::SITE . '/wp-admin/' . html_entity_decode( $activate[1] ), $jar );
		$this->assertStringContainsString( 'Plugin activated.', $plugins['body'] );

		$panel = $this->get( self::SITE . '/wp-admin/admin.php?page=jetpack-start-companion', $jar );
		$this->assertSame( 200, $panel['status'] );
		$this->assertStringContainsString( 'id="jetpack-start-companion-root"', $panel['body'] );
		$this->assertSame( 1, preg_match( '#<script[^>]+src="(' . preg_quote( self::SITE, '#' ) . '/wp-content-zip/plugins/jetpack-start-companion/build/index\.js[^"]*)"#', $panel['body'], $script ) );
		$this->assertSame( 200, $this->get( html_entity_decode( $script[1] ), $jar )['status'] );
		$this->assertSame( 'not_requested', $this->companion_json( self::SITE, array( 'status' ), 0 )['state'] );
	}
}
