<?php
/**
 * Tests against the fleet test environment (tests/env/fleet.sh): real sites on a real PHP
 * server, driven through the real `wp` binary (wp-cli/wp-cli) and over HTTP. Nothing of these
 * sites runs in the PHPUnit process.
 *
 * @package JetpackStartCompanion
 */

declare( strict_types=1 );

namespace JetpackStartCompanion\Tests\Fleet;

abstract class FleetTestCase extends \PHPUnit\Framework\TestCase {

	protected const ROOT      = __DIR__ . '/../../..';
	protected const SIMULATOR = 'http://127.0.0.1:8791';
	protected const DIR_NET   = 'http://127.0.0.1:8893';
	protected const SUB_NET   = 'http://net.jsc.test:8893';
	protected const CLI_SITE  = 'http://cli.jsc.test:8893';
	protected const MU_SITE   = 'http://mu.jsc.test:8893';

	private static bool $fleet_up = false;

	/**
	 * The fleet databases this class changes, put back before it runs.
	 *
	 * @return string[]
	 */
	abstract protected static function databases(): array;

	public static function setUpBeforeClass(): void {
		parent::setUpBeforeClass();
		if ( ! self::$fleet_up ) {
			self::shell( 'bash tests/env/fleet.sh up' );
			self::$fleet_up = true;
		} else {
			self::shell( 'bash tests/env/fleet.sh reset ' . implode( ' ', static::databases() ) );
		}
	}

	protected function tearDown(): void {
		@unlink( self::ROOT . '/.cache/wp-fleet-extra.php' ); // phpcs:ignore WordPress.PHP.NoSilencedErrors.Discouraged
		parent::tearDown();
	}

	private static function shell( string $command ): void {
		exec( 'cd ' . escapeshellarg( self::ROOT ) . ' && ' . $command . ' 2>&1', $output, $code );
		if ( 0 !== $code ) {
			self::fail( $command . " failed:\n" . implode( "\n", $output ) );
		}
	}

	/**
	 * Runs the real `wp` against a fleet site.
	 *
	 * @param string   $url  The site (WP-CLI's --url).
	 * @param string[] $args Arguments after the global ones.
	 * @param string[] $env  Extra environment variables.
	 * @return array{code:int,stdout:string,stderr:string}
	 */
	protected function wp( string $url, array $args, array $env = array() ): array {
		$command = array_merge( array( self::ROOT . '/vendor/bin/wp', '--path=' . self::ROOT . '/.cache/wp-fleet', '--url=' . $url ), $args );
		$process = proc_open(
			$command,
			array( array( 'file', '/dev/null', 'r' ), array( 'pipe', 'w' ), array( 'pipe', 'w' ) ),
			$pipes,
			self::ROOT,
			array_merge(
				getenv(),
				array(
					'WP_CLI_ALLOW_ROOT' => '1',
					// Compiled scripts shared between runs: each `wp` boots in about half the time.
					'WP_CLI_PHP_ARGS'   => '-d display_errors=stderr -d opcache.enable_cli=1 -d opcache.file_cache=' . self::opcache_dir() . ' -d opcache.file_cache_only=1',
				),
				$env
			)
		);
		$stdout  = (string) stream_get_contents( $pipes[1] );
		$stderr  = (string) stream_get_contents( $pipes[2] );
		fclose( $pipes[1] );
		fclose( $pipes[2] );
		$code = proc_close( $process );
		$this->assertSame( array(), $this->plugin_notices( $stderr ), 'PHP notices from the plugin: ' . $stderr );
		return array(
			'code'   => $code,
			'stdout' => $stdout,
			'stderr' => $stderr,
		);
	}

	private static function opcache_dir(): string {
		$dir = self::ROOT . '/.cache/opcache-cli';
		if ( ! is_dir( $dir ) ) {
			mkdir( $dir, 0777, true );
		}
		return $dir;
	}

	/**
	 * A query on a fleet database, straight to MariaDB (no WordPress in this process).
	 *
	 * @return array<int,array<string,mixed>> Rows of a SELECT, else [].
	 */
	protected function sql( string $database, string $query ): array {
		$db     = new \mysqli( '127.0.0.1', 'jsc', 'jsc', $database, 3307 ); // phpcs:ignore WordPress.DB.RestrictedClasses -- no WordPress of that site in this process.
		$result = $db->query( $query );
		$rows   = $result instanceof \mysqli_result ? $result->fetch_all( MYSQLI_ASSOC ) : array();
		$db->close();
		return $rows;
	}

	/**
	 * Runs `wp jetpack-start-companion …` with --format=json and answers the decoded output.
	 *
	 * @param string   $url           The site.
	 * @param string[] $args          Subcommand and options.
	 * @param int      $expected_exit The exit code it must end with.
	 * @return array<string,mixed>
	 */
	protected function companion_json( string $url, array $args, int $expected_exit ): array {
		$run = $this->wp( $url, array_merge( array( 'jetpack-start-companion' ), $args, array( '--format=json' ) ) );
		$this->assertSame( $expected_exit, $run['code'], $run['stdout'] . $run['stderr'] );
		$data = json_decode( $run['stdout'], true );
		$this->assertIsArray( $data, 'stdout is JSON: ' . $run['stdout'] );
		return $data;
	}

	/**
	 * PHP notices, warnings and deprecations in the plugin's own files (WordPress's and the
	 * development copy of WP-CLI's libraries print some of their own under PHP 8.2).
	 *
	 * @return string[]
	 */
	private function plugin_notices( string $stderr ): array {
		$plugin = array();
		foreach ( preg_split( '/\R/', $stderr ) as $line ) {
			if ( 1 === preg_match( '/^(PHP )?(Deprecated|Notice|Warning|Fatal error|Parse error):/', $line ) && ( str_contains( $line, '/includes/' ) && ! str_contains( $line, '/wp-includes/' ) || str_contains( $line, 'plugin.php' ) ) ) {
				$plugin[] = $line;
			}
		}
		return $plugin;
	}

	/**
	 * Defines constants in the fleet's wp-config.php for this test only.
	 */
	protected function config( string $php ): void {
		file_put_contents( self::ROOT . '/.cache/wp-fleet-extra.php', "<?php\n" . $php . "\n" );
	}

	protected function wpcom_answers( string $site, string $scenario ): void {
		$this->http(
			'POST',
			self::SIMULATOR . '/__sim/scenarios',
			array(
				'site'     => $site,
				'scenario' => $scenario,
			)
		);
	}

	/**
	 * Provision calls WordPress.com (the simulator) received for one site.
	 */
	protected function provision_calls( string $site ): int {
		$calls = json_decode( $this->http( 'GET', self::SIMULATOR . '/__sim/calls' ), true );
		return count( array_filter( (array) $calls, static fn ( array $call ): bool => str_contains( $call['path'], '/jpphp/provision' ) && ( $call['form']['siteurl'] ?? '' ) === $site ) );
	}

	/**
	 * Logs a user in through wp-login.php and answers the cookie jar to send with get().
	 */
	protected function login( string $site, string $user ): string {
		$jar = (string) tempnam( sys_get_temp_dir(), 'jsc-fleet-cookies' );
		$this->curl(
			$site . '/wp-login.php',
			$jar,
			array(
				'log'        => $user,
				'pwd'        => 'password',
				'wp-submit'  => 'Log In',
				'testcookie' => '1',
			)
		);
		$this->assertStringContainsString( 'wordpress_logged_in', (string) file_get_contents( $jar ), "$user logged in at $site" );
		return $jar;
	}

	/**
	 * A GET with the cookies of login().
	 *
	 * @return array{status:int,body:string,url:string}
	 */
	protected function get( string $url, string $jar ): array {
		return $this->curl( $url, $jar );
	}

	/**
	 * A form POST with the cookies of login(); a \CURLFile value makes it multipart.
	 *
	 * @param string              $url  Where.
	 * @param string              $jar  Cookie jar.
	 * @param array<string,mixed> $form Fields.
	 * @return array{status:int,body:string,url:string}
	 */
	protected function post( string $url, string $jar, array $form ): array {
		return $this->curl( $url, $jar, $form );
	}

	/**
	 * @param string                   $url  Where.
	 * @param string                   $jar  Cookie jar.
	 * @param array<string,mixed>|null $form A form to POST.
	 * @return array{status:int,body:string,url:string}
	 */
	private function curl( string $url, string $jar, ?array $form = null ): array {
		$curl = curl_init( $url );
		$host = (string) parse_url( $url, PHP_URL_HOST );
		curl_setopt_array(
			$curl,
			array(
				CURLOPT_RETURNTRANSFER => true,
				CURLOPT_FOLLOWLOCATION => true,
				CURLOPT_TIMEOUT        => 30,
				CURLOPT_COOKIEJAR      => $jar,
				CURLOPT_COOKIEFILE     => $jar,
				CURLOPT_COOKIE         => 'wordpress_test_cookie=WP%20Cookie%20check',
				CURLOPT_RESOLVE        => str_ends_with( $host, '.jsc.test' ) ? array( $host . ':' . parse_url( $url, PHP_URL_PORT ) . ':127.0.0.1' ) : array(),
			)
		);
		if ( null !== $form ) {
			$multipart = array() !== array_filter( $form, static fn ( $value ): bool => $value instanceof \CURLFile );
			curl_setopt( $curl, CURLOPT_POSTFIELDS, $multipart ? $form : http_build_query( $form ) );
		}
		$body = curl_exec( $curl );
		$this->assertIsString( $body, curl_error( $curl ) );
		$result = array(
			'status' => (int) curl_getinfo( $curl, CURLINFO_RESPONSE_CODE ),
			'body'   => $body,
			'url'    => (string) curl_getinfo( $curl, CURLINFO_EFFECTIVE_URL ),
		);
		return $result;
	}

	/**
	 * A plain HTTP request (no WordPress in this process).
	 *
	 * @param string                   $method Method.
	 * @param string                   $url    URL; *.jsc.test resolves to 127.0.0.1.
	 * @param array<string,mixed>|null $json   JSON body.
	 * @param string[]                 $headers Extra headers.
	 */
	protected function http( string $method, string $url, ?array $json = null, array $headers = array() ): string {
		$curl = curl_init( $url );
		$host = (string) parse_url( $url, PHP_URL_HOST );
		curl_setopt_array(
			$curl,
			array(
				CURLOPT_CUSTOMREQUEST  => $method,
				CURLOPT_RETURNTRANSFER => true,
				CURLOPT_TIMEOUT        => 30,
				CURLOPT_RESOLVE        => str_ends_with( $host, '.jsc.test' ) ? array( $host . ':' . parse_url( $url, PHP_URL_PORT ) . ':127.0.0.1' ) : array(),
				CURLOPT_HTTPHEADER     => array_merge( null === $json ? array() : array( 'Content-Type: application/json' ), $headers ),
				CURLOPT_POSTFIELDS     => null === $json ? null : json_encode( $json ),
			)
		);
		$body = curl_exec( $curl );
		$this->assertIsString( $body, curl_error( $curl ) );
		return $body;
	}
}
