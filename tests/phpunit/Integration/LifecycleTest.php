<?php
/**
 * Stored data has a schema version with an upgrade routine; deactivation leaves no WP-Cron event
 * of the plugin; uninstall removes every row of the plugin (options, transients) and nothing else.
 *
 * @package JetpackStartCompanion
 */

declare( strict_types=1 );

namespace JetpackStartCompanion\Tests\Integration;

use JetpackStartCompanion\Fleet\Reporter;
use JetpackStartCompanion\Lifecycle\Deactivation;
use JetpackStartCompanion\Lifecycle\Schema;
use JetpackStartCompanion\Lifecycle\StoredData;
use JetpackStartCompanion\Provisioning\Record;
use JetpackStartCompanion\Plugin;
use JetpackStartCompanion\Provisioning\Store;
use JetpackStartCompanion\Tests\TestCase;

final class LifecycleTest extends TestCase {

	public function test_a_site_stored_by_0_1_0_is_upgraded_once_and_keeps_its_record(): void {
		global $wpdb;
		// 0.1.0: a record and no schema version; here, one that some code wrote with autoload on.
		delete_option( Schema::OPTION );
		$record = ( new Record( 'jetpack-backup-daily', 'awaiting_authorization', 'https://jetpack.wordpress.com/jetpack.authorize/1/?x', time(), time() + DAY_IN_SECONDS ) )->to_array();
		update_option( Store::RECORD_OPTION, $record, true );
		wp_cache_flush();

		Schema::upgrade(); // plugin.php runs it on plugins_loaded when the version differs (Fleet\CliTest).

		$this->assertSame( Schema::VERSION, Schema::stored() );
		$this->assertSame( $record, get_option( Store::RECORD_OPTION ) );
		$this->assertSame( 'off', $wpdb->get_var( $wpdb->prepare( "SELECT autoload FROM {$wpdb->options} WHERE option_name = %s", Store::RECORD_OPTION ) ) );
		$this->assertSame( 'on', $wpdb->get_var( $wpdb->prepare( "SELECT autoload FROM {$wpdb->options} WHERE option_name = %s", Schema::OPTION ) ), 'read on every load without a query' );
	}

	public function test_data_from_a_newer_version_is_left_alone(): void {
		update_option( Schema::OPTION, Schema::VERSION + 1, true );
		Schema::upgrade();
		$this->assertSame( Schema::VERSION + 1, Schema::stored() );
	}

	public function test_deactivation_leaves_no_event_of_the_plugin_scheduled(): void {
		wp_schedule_event( time() + HOUR_IN_SECONDS, 'daily', 'jetpack_start_companion_from_an_older_version' );
		wp_schedule_single_event( time() + 60, 'jetpack_start_companion_from_an_older_version', array( 'soon' ) );
		// The confirmation without a browser: a plan that turns active unconfirmed, then its daily check.
		( new Store() )->save( new Record( 'free', 'active', '', time(), null ) );
		\JetpackStartCompanion\Schedule::daily( Plugin::EVENT_CONFIRM_DAILY );
		$this->assertNotFalse( wp_next_scheduled( Plugin::EVENT_CONFIRM ) );
		wp_schedule_single_event( time() + 60, 'someone_elses_event' );
		// The fleet view's events: the daily report and pick-up, and a changed record's report.
		Plugin::schedule_daily();
		$this->assertNotFalse( wp_next_scheduled( Reporter::DAILY_HOOK ) );
		$this->assertNotFalse( wp_next_scheduled( Reporter::CHANGED_HOOK ) );

		deactivate_plugins( 'jetpack-start-companion/plugin.php', false, false );
		activate_plugin( 'jetpack-start-companion/plugin.php', '', false, true );

		$this->assertFalse( wp_next_scheduled( 'jetpack_start_companion_from_an_older_version' ) );
		$this->assertFalse( wp_next_scheduled( 'jetpack_start_companion_from_an_older_version', array( 'soon' ) ) );
		$this->assertFalse( wp_next_scheduled( Plugin::EVENT_CONFIRM ) );
		$this->assertFalse( wp_next_scheduled( Plugin::EVENT_CONFIRM_DAILY ) );
		$this->assertFalse( wp_next_scheduled( Reporter::DAILY_HOOK ) );
		$this->assertFalse( wp_next_scheduled( Reporter::CHANGED_HOOK ) );
		$this->assertNotFalse( wp_next_scheduled( 'someone_elses_event' ), 'other plugins\' events stay' );
		wp_unschedule_hook( 'someone_elses_event' );
		$this->assertTrue( method_exists( Deactivation::class, 'run' ) );
	}

	public function test_uninstall_removes_every_row_of_the_plugin_and_nothing_else(): void {
		( new Store() )->save( new Record( 'free', 'active', '', time(), null ) );
		$this->assertNotNull( ( new Store() )->acquire_lock( time() ) );
		update_option( Schema::OPTION, Schema::VERSION, true );
		set_transient( 'jetpack_start_companion_checks', array( 'cached' ), HOUR_IN_SECONDS );
		update_option( 'jetpack_start_companionship', 'not ours either', false ); // phpcs:ignore -- a name that only looks like ours.
		update_option( 'jetpack_options', array( 'id' => 4242 ) );
		$this->assertGreaterThanOrEqual( 5, count( StoredData::option_names() ) );

		if ( ! defined( 'WP_UNINSTALL_PLUGIN' ) ) {
			define( 'WP_UNINSTALL_PLUGIN', 'jetpack-start-companion/plugin.php' );
		}
		require JETPACK_START_COMPANION_DIR . '/uninstall.php';
		wp_cache_flush();

		$this->assertSame( array(), StoredData::option_names() );
		$this->assertFalse( get_transient( 'jetpack_start_companion_checks' ) );
		$this->assertSame( 'not ours either', get_option( 'jetpack_start_companionship' ) );
		$this->assertNotFalse( get_option( 'jetpack_options' ), 'Jetpack\'s own connection is not ours to remove.' );
	}
}
