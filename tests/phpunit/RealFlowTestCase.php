<?php
/**
 * A test in which WordPress.com (the simulator) calls this site back over HTTP, as it does for
 * registration, authorization and partner provisioning: the test web server serves the PHPUnit
 * database, so what this process writes must be committed for it to see. Instead of a
 * transaction per test, the tables a flow writes are copied before the test and put back after.
 *
 * @package JetpackStartCompanion
 */

declare( strict_types=1 );

namespace JetpackStartCompanion\Tests;

abstract class RealFlowTestCase extends TestCase {

	private const TABLES = array( 'options', 'users', 'usermeta' );

	protected function setUp(): void {
		parent::setUp();
		global $wpdb;
		$wpdb->query( 'COMMIT' );
		$wpdb->query( 'SET autocommit = 1' );
		foreach ( self::TABLES as $table ) {
			$live = $wpdb->prefix . $table;
			$copy = 'jsc_snapshot_' . $table;
			$wpdb->query( "CREATE TABLE IF NOT EXISTS `{$copy}` LIKE `{$live}`" ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared
			$wpdb->query( "TRUNCATE TABLE `{$copy}`" ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared
			$wpdb->query( "INSERT INTO `{$copy}` SELECT * FROM `{$live}`" ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared
		}
		$this->web_server( array( 'database' => DB_NAME ) );
		Simulator::reset();
	}

	protected function tearDown(): void {
		global $wpdb;
		foreach ( self::TABLES as $table ) {
			$live = $wpdb->prefix . $table;
			$copy = 'jsc_snapshot_' . $table;
			$wpdb->query( "DELETE FROM `{$live}`" ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared
			$wpdb->query( "INSERT INTO `{$live}` SELECT * FROM `{$copy}`" ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared
		}
		parent::tearDown();
	}

	/**
	 * Forgets what this process cached: the site (another PHP worker) changed the database.
	 */
	protected function site_changed(): void {
		wp_cache_flush();
		jsc_jetpack_state_forget();
	}

	/**
	 * Jetpack's own registration, as its Set Up button starts it (REST connection/register runs
	 * the same): WordPress.com verifies it by calling this site back.
	 */
	protected function register_site(): void {
		$result = ( new \Automattic\Jetpack\Connection\Manager( 'jetpack' ) )->try_registration( true, true );
		$this->assertTrue( true === $result, is_wp_error( $result ) ? $result->get_error_code() . ': ' . $result->get_error_message() : 'registration failed' );
		$this->site_changed();
	}

	/**
	 * The user approves a case B link on WordPress.com's authorize page.
	 *
	 * @param string $next_url The `next_url` (or the panel's action URL).
	 * @return array<string,mixed>|\WP_Error The response to the approval.
	 */
	protected function approve( string $next_url ) {
		$page = wp_remote_retrieve_body( wp_remote_get( $next_url, array( 'timeout' => 10 ) ) );
		preg_match_all( '/name="([^"]+)" value="([^"]*)"/', $page, $fields, PREG_SET_ORDER );
		$this->assertNotEmpty( $fields, $page );
		$form = array();
		foreach ( $fields as $field ) {
			$form[ html_entity_decode( $field[1] ) ] = html_entity_decode( $field[2], ENT_QUOTES );
		}
		$response = wp_remote_post(
			Simulator::base() . '/jetpack.authorize/1/',
			array(
				'body'        => $form,
				'timeout'     => 30,
				'redirection' => 0,
			)
		);
		$this->site_changed();
		return $response;
	}
}
