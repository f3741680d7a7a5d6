<?php
/**
 * The panel's Set Up Jetpack for case C (and any pending state without an authorize link of its
 * own) starts Jetpack's own connection flow: POST jetpack/v4/connection/register of the real
 * connection package registers the site with WordPress.com (the simulator, which verifies it by
 * calling the site back) and answers the authorize URL the browser then follows. This test checks
 * what the real route answers, that approving it makes the plan land, and writes the answers the
 * panel's Jest tests are given (src/test/fixtures/jetpack/).
 *
 * @package JetpackStartCompanion
 */

declare( strict_types=1 );

namespace JetpackStartCompanion\Tests\Integration;

use JetpackStartCompanion\Jetpack\Detector;
use JetpackStartCompanion\Links;
use JetpackStartCompanion\Tests\RealFlowTestCase;
use JetpackStartCompanion\Tests\Simulator;

final class SetUpJetpackTest extends RealFlowTestCase {

	/** What the panel sends (src/api.ts, registerWithJetpack). */
	private const REGISTER = array(
		'redirect_uri' => 'admin.php?page=jetpack-start-companion',
		'from'         => 'jetpack-start-companion',
	);

	public function test_case_c_then_set_up_jetpack_registers_authorizes_and_the_plan_lands(): void {
		$admin = $this->login_admin();
		Simulator::scenario( 'case_c' );
		$this->assertSame( 'awaiting_dns', $this->provision()['provisioning']['state'] );
		Simulator::scenario( 'auto' ); // The domain resolves now.

		$response = $this->dispatch( 'POST', '/jetpack/v4/connection/register', self::REGISTER );
		$answer   = $response->get_data();
		$this->assertSame( 200, $response->get_status(), (string) wp_json_encode( $answer ) );
		$this->site_changed();
		$this->assertTrue( ( new Detector() )->detect( $admin )->connected, 'Jetpack registered the site.' );

		// The panel follows it only if it passes the link rule for the authorize page's origins.
		$url = (string) $answer['authorizeUrl'];
		$this->assertStringStartsWith( Simulator::base() . '/jetpack.authorize/1/?', $url );
		$this->assertTrue( Links::is_allowed( $url, $this->status()['links']['authorize_origins'] ), $url );
		// WordPress.com sends the owner back to the panel.
		parse_str( (string) wp_parse_url( $url, PHP_URL_QUERY ), $query );
		$this->assertStringContainsString( rawurlencode( admin_url( self::REGISTER['redirect_uri'] ) ), (string) $query['redirect_uri'] );
		$this->assert_panel_fixture( 'jetpack/register', self::pin( $answer ) );

		// Approving sends the browser to the site's authorize webhook with a code (the browser's
		// session redeems it there: the e2e test follows it to an active plan).
		$approved = $this->approve( $url );
		$this->assertSame( 302, wp_remote_retrieve_response_code( $approved ), wp_remote_retrieve_body( $approved ) );
		$location = (string) wp_remote_retrieve_header( $approved, 'location' );
		$this->assertStringStartsWith( admin_url( 'admin.php?handler=jetpack-connection-webhooks&action=authorize' ), $location );
		$this->assertStringContainsString( '&code=', $location );
	}

	public function test_a_registration_wordpress_com_cannot_verify_is_jetpacks_own_error(): void {
		$this->login_admin();
		$this->web_server(
			array(
				'database' => DB_NAME,
				'rest'     => '403',
				'xmlrpc'   => '403',
			)
		);
		$response = $this->dispatch( 'POST', '/jetpack/v4/connection/register', self::REGISTER );
		$this->assertGreaterThanOrEqual( 400, $response->get_status() );
		$body = rest_get_server()->response_to_data( $response, false );
		$this->assertSame( 'site_inaccessible_403', $body['code'] );
		$this->assertNotSame( '', $body['message'] );
		$this->assert_panel_fixture( 'jetpack/register-failed', $body );
	}

	/**
	 * The authorize URL with the values that change on every registration (secrets, nonces,
	 * the blog id, the user's hashes, dates) replaced by fixed ones, parameter by parameter.
	 *
	 * @param array<string,mixed> $answer The route's answer.
	 * @return array<string,mixed>
	 */
	private static function pin( array $answer ): array {
		[ $base, $query ] = explode( '?', (string) $answer['authorizeUrl'], 2 );
		$pairs            = array();
		foreach ( explode( '&', $query ) as $pair ) {
			[ $key, $value ] = array_pad( explode( '=', $pair, 2 ), 2, '' );
			if ( in_array( $key, array( 'client_id', 'state', 'scope', 'secret', 'user_email', 'site_created', 'site_lang', '_ui' ), true ) ) {
				$value = 'pinned';
			}
			$pairs[] = $key . '=' . preg_replace( '/(_wpnonce%3D)[0-9a-f]+/', '${1}pinned', $value );
		}
		$answer['authorizeUrl'] = $base . '?' . implode( '&', $pairs );
		return $answer;
	}
}
