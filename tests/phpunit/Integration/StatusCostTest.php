<?php
/**
 * GET /status is the panel's most frequent request (every focus, every poll): it must cost no
 * more than core's own GET /wp/v2/users/me. No plugin headers read when Jetpack is active from
 * its folder and loaded, and few queries.
 *
 * @package JetpackStartCompanion
 */

declare( strict_types=1 );

namespace JetpackStartCompanion\Tests\Integration;

use JetpackStartCompanion\Tests\TestCase;

final class StatusCostTest extends TestCase {

	public function test_the_status_reads_no_plugin_headers_when_jetpack_is_active_and_loaded(): void {
		$this->login_admin();
		wp_cache_delete( 'plugins', 'plugins' );
		$status = $this->status();
		$this->assertFalse( wp_cache_get( 'plugins', 'plugins' ), 'get_plugins() reads every plugin file in the folder.' );
		$this->assertSame( 'jetpack/jetpack.php', $status['jetpack']['plugin_file'] );
		$this->assertSame( JETPACK__VERSION, $status['jetpack']['version'] );
		$this->assertTrue( $status['jetpack']['active'] );
	}

	public function test_the_status_reads_the_plugins_rows_in_one_query(): void {
		$this->login_admin();
		( new \JetpackStartCompanion\Provisioning\Store() )->save( new \JetpackStartCompanion\Provisioning\Record( 'free', 'active', '', time(), null ) );
		// As in a request of its own: nothing of ours in the options cache.
		wp_cache_delete( \JetpackStartCompanion\Provisioning\Store::RECORD_OPTION, 'options' );
		wp_cache_delete( 'notoptions', 'options' );
		$ours = array();
		$spy  = static function ( string $query ) use ( &$ours ): string {
			if ( str_contains( $query, 'jetpack_start_companion' ) ) {
				$ours[] = $query;
			}
			return $query;
		};
		add_filter( 'query', $spy );
		try {
			$this->assertSame( 'active', $this->status()['provisioning']['state'] );
		} finally {
			remove_filter( 'query', $spy );
		}
		$this->assertCount( 1, $ours, implode( "\n", $ours ) );
	}
}
