<?php
/**
 * `wp jetpack-start-companion …` through the real `wp` binary on a single site: what a host's
 * scripts see (output in each format, exit codes) and that provisioning keeps the panel's rules.
 *
 * @package JetpackStartCompanion
 */

declare( strict_types=1 );

namespace JetpackStartCompanion\Tests\Fleet;

require_once __DIR__ . '/FleetTestCase.php';

final class CliTest extends FleetTestCase {

	protected static function databases(): array {
		return array( 'jsc_fleet_cli' );
	}

	protected function setUp(): void {
		parent::setUp();
		$this->sql( 'jsc_fleet_cli', "DELETE FROM wp_options WHERE option_name LIKE 'jetpack\\_start\\_companion%'" );
	}

	private function site_key(): string {
		$keys = include self::ROOT . '/.cache/wp-fleet-site-keys.php';
		return $keys[ self::CLI_SITE ];
	}

	public function test_status_in_every_format_without_the_site_key(): void {
		$table = $this->wp( self::CLI_SITE, array( 'jetpack-start-companion', 'status' ) );
		$this->assertSame( 0, $table['code'] );
		$schema = $this->sql( 'jsc_fleet_cli', "SELECT option_value, autoload FROM wp_options WHERE option_name = 'jetpack_start_companion_schema'" );
		$this->assertSame(
			array(
				array(
					'option_value' => (string) JETPACK_START_COMPANION_SCHEMA_VERSION,
					'autoload'     => 'on',
				),
			),
			$schema,
			'the first load records the schema version'
		);
		$this->assertMatchesRegularExpression( '/^Field\s+Value$/m', $table['stdout'] );
		$this->assertMatchesRegularExpression( '/^state\s+not_requested$/m', $table['stdout'] );
		$this->assertMatchesRegularExpression( '/^host_configured\s+yes$/m', $table['stdout'] );

		$json = $this->companion_json( self::CLI_SITE, array( 'status' ), 0 );
		$this->assertSame( self::CLI_SITE, $json['site_url'] );
		$this->assertSame( 'not_requested', $json['state'] );
		$this->assertSame( 'not_connected', $json['jetpack'] );
		$this->assertTrue( $json['host_configured'] );
		$this->assertNull( $json['plan'] );

		$yaml = $this->wp( self::CLI_SITE, array( 'jetpack-start-companion', 'status', '--format=yaml' ) );
		$this->assertStringContainsString( 'state: not_requested', $yaml['stdout'] );
		$csv = $this->wp( self::CLI_SITE, array( 'jetpack-start-companion', 'status', '--format=csv' ) );
		$this->assertStringContainsString( "state,not_requested\n", $csv['stdout'] );

		foreach ( array( $table, $yaml, $csv ) as $run ) {
			$this->assertStringNotContainsString( $this->site_key(), $run['stdout'] . $run['stderr'] );
		}
	}

	public function test_provision_needs_the_hosts_consent_and_an_administrator(): void {
		$calls    = $this->provision_calls( self::CLI_SITE );
		$no_terms = $this->companion_json( self::CLI_SITE, array( '--user=admin', 'provision' ), 2 );
		$this->assertSame( 'not_ready', $no_terms['result'] );
		$this->assertSame( 'jetpack_start_companion_terms_not_accepted', $no_terms['error_code'] );

		$no_user = $this->companion_json( self::CLI_SITE, array( 'provision', '--accept-terms' ), 2 );
		$this->assertSame( 'jetpack_start_companion_no_user', $no_user['error_code'] );

		$editor = $this->companion_json( self::CLI_SITE, array( '--user=editor1', 'provision', '--accept-terms' ), 2 );
		$this->assertSame( 'jetpack_start_companion_not_allowed', $editor['error_code'] );

		$bad_plan = $this->companion_json( self::CLI_SITE, array( '--user=admin', 'provision', '--accept-terms', '--plan=Not A Plan' ), 1 );
		$this->assertSame( 'jetpack_start_companion_invalid_plan', $bad_plan['error_code'] );
		$this->assertSame( $calls, $this->provision_calls( self::CLI_SITE ), 'nothing reached WordPress.com' );
	}

	public function test_provision_case_b_is_done_and_a_second_run_asks_nothing(): void {
		$this->wpcom_answers( self::CLI_SITE, 'case_b' );
		$before = $this->provision_calls( self::CLI_SITE );
		$first  = $this->companion_json( self::CLI_SITE, array( '--user=admin', 'provision', '--accept-terms' ), 0 );
		$this->assertSame( 'done', $first['result'] );
		$this->assertSame( 'awaiting_authorization', $first['state'] );
		$this->assertSame( 'jetpack-backup-daily', $first['plan'] );
		$this->assertStringContainsString( '/jetpack.authorize/1/', (string) $first['action_url'] );
		$this->assertNotNull( $first['expires_at'] );

		$table = $this->wp( self::CLI_SITE, array( '--user=admin', 'jetpack-start-companion', 'provision', '--accept-terms' ) );
		$this->assertSame( 0, $table['code'] );
		$this->assertStringContainsString( 'Success: Jetpack Backup is reserved for this site until', $table['stdout'] );
		$this->assertSame( $before + 1, $this->provision_calls( self::CLI_SITE ), 'one WordPress.com call for one intent' );
		$this->assertStringNotContainsString( $this->site_key(), $table['stdout'] . json_encode( $first ) );
	}

	public function test_the_consent_constant_and_another_plan(): void {
		$this->config( "define( 'JETPACK_START_COMPANION_ACCEPT_TERMS', true );" );
		$this->wpcom_answers( self::CLI_SITE, 'case_a' );
		$done = $this->companion_json( self::CLI_SITE, array( '--user=admin', 'provision', '--plan=jetpack-scan' ), 0 );
		$this->assertSame( 'active', $done['state'] );
		$this->assertSame( 'jetpack-scan', $done['plan'] );

		$confirmed = $this->companion_json( self::CLI_SITE, array( 'confirm' ), 0 );
		$this->assertSame( 'active', $confirmed['plan_on_site'] );
		$this->assertNotNull( $confirmed['confirmed_at'] );
	}

	public function test_refused_by_wordpress_com_exits_3_and_keeps_the_failure(): void {
		$this->wpcom_answers( self::CLI_SITE, 'invalid_plan' );
		$refused = $this->companion_json( self::CLI_SITE, array( '--user=admin', 'provision', '--accept-terms' ), 3 );
		$this->assertSame( 'refused', $refused['result'] );
		$this->assertSame( 'failed', $refused['state'] );
		$this->assertNotNull( $refused['error_code'] );

		$status = $this->companion_json( self::CLI_SITE, array( 'status' ), 0 );
		$this->assertSame( 'failed', $status['state'], 'the failure is recorded' );
		$this->assertSame( $refused['error_code'], $status['error_code'] );
	}

	public function test_a_passing_failure_exits_4(): void {
		$this->wpcom_answers( self::CLI_SITE, 'http_503' );
		$later = $this->companion_json( self::CLI_SITE, array( '--user=admin', 'provision', '--accept-terms' ), 4 );
		$this->assertSame( 'retry_later', $later['result'] );
		$this->assertSame( 'failed', $later['state'] );
	}

	public function test_not_ready_when_jetpack_is_offline_and_diagnose_says_why(): void {
		$this->config( "define( 'JETPACK_DEV_DEBUG', true );" );
		$not_ready = $this->companion_json( self::CLI_SITE, array( '--user=admin', 'provision', '--accept-terms' ), 2 );
		$this->assertSame( 'jetpack_start_companion_jetpack_not_ready', $not_ready['error_code'] );
		$this->assertSame( 'offline', $not_ready['jetpack'] );

		$checks = $this->companion_json( self::CLI_SITE, array( 'diagnose' ), 2 );
		$by_id  = array_column( $checks, null, 'check' );
		$this->assertSame( 'critical', $by_id['jetpack_ready']['status'] );
		$this->assertStringContainsString( 'offline mode: yes', $by_id['jetpack_ready']['evidence'] );
		$this->assertSame( 'good', $by_id['host_service_configured']['status'] );
		$this->assertStringNotContainsString( $this->site_key(), json_encode( $checks ) );
	}

	public function test_diagnose_table_on_a_ready_site(): void {
		$run = $this->wp( self::CLI_SITE, array( 'jetpack-start-companion', 'diagnose' ) );
		$this->assertSame( 0, $run['code'], $run['stderr'] );
		$this->assertMatchesRegularExpression( '/^check\s+status\s+label\s+evidence\s+fix\s+host_fix$/m', $run['stdout'] );
		$this->assertMatchesRegularExpression( '/^jetpack_ready\s+good\s/m', $run['stdout'] );
		$this->assertStringContainsString( 'Success: Nothing stands in the way', $run['stdout'] );
	}

	public function test_confirm_before_any_request_is_not_ready(): void {
		$this->companion_json( self::CLI_SITE, array( 'confirm' ), 2 );
	}

	public function test_reset_forgets_the_request_and_leaves_jetpack_alone(): void {
		$this->wpcom_answers( self::CLI_SITE, 'case_b' );
		$this->companion_json( self::CLI_SITE, array( '--user=admin', 'provision', '--accept-terms' ), 0 );
		$reset = $this->companion_json( self::CLI_SITE, array( 'reset', '--yes' ), 0 );
		$this->assertSame( 'not_requested', $reset['state'] );
		$this->assertSame( 'not_connected', $reset['jetpack'] );
		$this->assertSame( '[]', trim( $this->wp( self::CLI_SITE, array( 'jsc-fleet', 'rows', 'jetpack_start_companion_record' ) )['stdout'] ) );
	}
}
