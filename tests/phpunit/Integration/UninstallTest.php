<?php
/**
 * Uninstalling removes what the plugin stored, and nothing else.
 *
 * @package JetpackStartCompanion
 */

declare( strict_types=1 );

namespace JetpackStartCompanion\Tests\Integration;

use JetpackStartCompanion\Provisioning\Record;
use JetpackStartCompanion\Provisioning\Store;
use JetpackStartCompanion\Tests\TestCase;

final class UninstallTest extends TestCase {

	public function test_uninstall_removes_the_record_and_the_lock_only(): void {
		$store = new Store();
		$store->save( new Record( 'free', 'active', '', time(), null ) );
		$this->assertNotNull( $store->acquire_lock( time() ) );
		$this->jetpack_connection( true, 1 );

		if ( ! defined( 'WP_UNINSTALL_PLUGIN' ) ) {
			define( 'WP_UNINSTALL_PLUGIN', 'jetpack-start-companion/plugin.php' );
		}
		require JETPACK_START_COMPANION_DIR . '/uninstall.php';
		wp_cache_flush();

		$this->assertFalse( get_option( Store::RECORD_OPTION ) );
		$this->assertFalse( $store->is_locked( time() ) );
		$this->assertNotFalse( get_option( 'jetpack_options' ), 'Jetpack\'s own connection is not ours to remove.' );
	}
}
