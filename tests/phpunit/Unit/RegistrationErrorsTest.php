<?php
/**
 * The connection package's registration failures, as WordPress.com passes them on from
 * jetpack.remoteRegister: terminal or retryable as the package classifies them, each with the
 * owner's message, the next action and what support needs; unknown codes fall back gracefully.
 *
 * @package JetpackStartCompanion
 */

declare( strict_types=1 );

namespace JetpackStartCompanion\Tests\Unit;

use Automattic\Jetpack\Connection\Registration_Failure;
use JetpackStartCompanion\Diagnostics\Result;
use JetpackStartCompanion\Diagnostics\Snapshot;
use JetpackStartCompanion\Provisioning\ErrorCatalog;
use JetpackStartCompanion\Provisioning\RegistrationErrors;
use PHPUnit\Framework\TestCase;

final class RegistrationErrorsTest extends TestCase {

	/**
	 * Code => terminal, the start of the owner's message, the start of the next action.
	 *
	 * @return array<string,array{0:string,1:bool,2:string,3:string}>
	 */
	public static function codes(): array {
		return array(
			'private address'   => array( 'siteurl_private_ip', true, 'Your site\'s address leads to a private network address', 'Ask Example Hosting to make your site reachable' ),
			'private home'      => array( 'home_private_ip', true, 'Your site\'s address leads to a private network address', 'Ask Example Hosting' ),
			'no XML extension'  => array( 'xml_extension_missing', true, 'Your server is missing a part of PHP', 'Ask Example Hosting to turn on PHP\'s XML extension' ),
			'malformed detail'  => array( 'timezone_string_malformed', true, 'WordPress.com could not accept the details', 'Check the addresses, title and time zone' ),
			'missing siteurl'   => array( 'siteurl_missing', true, 'WordPress.com could not accept the details', 'Check' ),
			'rate limited'      => array( 'request_cancelled', false, 'Your site tried to connect to WordPress.com too many times', 'Wait an hour' ),
			'403 on verify'     => array( 'site_inaccessible_403', false, 'WordPress.com could not reach your site to confirm', 'Try again in a few minutes. If it fails again, ask Example Hosting whether a firewall' ),
			'secrets mismatch'  => array( 'verify_secrets_mismatch', false, 'WordPress.com could not reach your site to confirm', 'Try again in a few minutes' ),
			'outbound failed'   => array( 'register_http_request_failed', false, 'Your site could not reach WordPress.com to connect', 'Try again in a few minutes. If it fails again, ask Example Hosting whether your server may make outgoing' ),
			'WordPress.com 5xx' => array( 'wpcom_5??', false, 'WordPress.com had a temporary problem', 'Wait a few minutes' ),
			'empty blog id'     => array( 'jetpack_id', false, 'WordPress.com had a temporary problem', 'Wait a few minutes' ),
			'options unwritten' => array( 'cannot_save_secrets', false, 'Your site could not save its connection details', 'Contact Example Hosting support' ),
			'offline'           => array( 'offline_mode', false, 'Jetpack is in offline mode', 'Contact Example Hosting support' ),
		);
	}

	/**
	 * @param string $code WordPress.com's code.
	 * @return array{code:string,message:string,action:string,retryable:bool,at:string,support:string}
	 */
	private static function describe( string $code, bool $stored_retryable, ?Snapshot $checks = null ): array {
		return ErrorCatalog::describe(
			array(
				'code'        => $code,
				'message'     => 'Jetpack said so.',
				'source'      => 'wpcom',
				'retryable'   => $stored_retryable,
				'http_status' => 400,
				'at'          => 1764000000,
				'request_id'  => 'req-reg-1',
			),
			'Example Hosting',
			$checks
		);
	}

	/**
	 * @dataProvider codes
	 */
	public function test_each_registration_failure_is_classified_as_the_package_does( string $code, bool $terminal, string $message, string $action ): void {
		$this->assertSame( $terminal, Registration_Failure::is_terminal( $code ), 'The table agrees with the package.' );
		// The host service passes WordPress.com's errors on as not retryable: the package knows better.
		$described = self::describe( $code, $terminal );
		$again     = self::describe( $code, ! $terminal );
		$this->assertSame( ! $terminal, $described['retryable'] );
		$this->assertSame( ! $terminal, $again['retryable'] );
		$this->assertStringStartsWith( $message, $described['message'] );
		$this->assertStringStartsWith( $action, $described['action'] );
		$this->assertStringStartsWith( $code . ' at 2025-11-24T16:00:00+00:00; hop: WordPress.com (answer passed on by the host service); HTTP 400; request id: req-reg-1; ' . ( $terminal ? 'terminal' : 'retryable' ) . '; message: Jetpack said so.; Jetpack registration failure, ', $described['support'] );
		$this->assertStringContainsString( $terminal ? 'terminal: the package makes no automatic attempt for a day' : ( 'request_cancelled' === $code ? 'rate limited: the package waits an hour' : 'retryable: the package backs off' ), $described['support'] );
	}

	public function test_the_fallback_list_is_the_packages_own(): void {
		$copy = ( new \ReflectionClassConstant( RegistrationErrors::class, 'TERMINAL' ) )->getValue();
		$this->assertSame( Registration_Failure::TERMINAL_ERROR_CODES, $copy );
	}

	public function test_support_names_the_check_that_explains_a_registration_failure(): void {
		$checks = new Snapshot(
			array(
				new Result( 'xmlrpc_reachable', Result::CRITICAL, 'blocked', 'POST http://example.test/xmlrpc.php?for=jetpack → HTTP 403' ),
				new Result( 'host_name_resolves', Result::GOOD, 'ok', 'resolves' ),
			),
			1,
			false
		);
		$this->assertStringEndsWith( '; explained by check xmlrpc_reachable (critical): POST http://example.test/xmlrpc.php?for=jetpack → HTTP 403', self::describe( 'site_inaccessible_403', false, $checks )['support'] );
		$this->assertStringNotContainsString( 'explained by', self::describe( 'siteurl_private_ip', false, $checks )['support'], 'A good check explains nothing.' );
	}

	public function test_an_unknown_code_is_told_plainly_and_keeps_what_the_service_said(): void {
		foreach ( array( true, false ) as $stored ) {
			$described = self::describe( 'jsc_brand_new_failure', $stored );
			$this->assertSame( 'Something went wrong while asking for your plan.', $described['message'] );
			$this->assertSame( 'Contact Example Hosting support and mention the error code shown below.', $described['action'] );
			$this->assertSame( $stored, $described['retryable'] );
			$this->assertStringNotContainsString( 'registration failure', $described['support'] );
		}
		$this->assertNull( RegistrationErrors::classify( 'method_not_found' ), 'A Jetpack Start code is not a registration failure.' );
	}
}
