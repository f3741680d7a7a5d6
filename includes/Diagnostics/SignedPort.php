<?php
/**
 * The port Jetpack signs is the port WordPress.com calls. WordPress.com signs its calls over the
 * site's public URL (e.g. https://example.com/xmlrpc.php: port 443); Jetpack verifies them over
 * the URL it rebuilds from the request (Jetpack_Signature::sign_current_request(): is_ssl(), the
 * Host header and get_current_request_port(), which takes X-Forwarded-Port, else SERVER_PORT,
 * minus 80/443 and the JETPACK_SIGNATURE__HTTP(S)_PORT constants). Behind a reverse proxy that
 * forwards to a back end on another port without X-Forwarded-Port, the two differ and every
 * signed call fails. Jetpack's own test__server_port_value reads the current request; this asks
 * the site through its public address, as WordPress.com reaches it (PortProbe answers).
 *
 * @package JetpackStartCompanion
 */

declare( strict_types=1 );

namespace JetpackStartCompanion\Diagnostics;

use JetpackStartCompanion\Rest\Controller;

defined( 'ABSPATH' ) || exit;

final class SignedPort implements NetworkCheck {

	public function id(): string {
		return 'signed_port';
	}

	public function context(): string {
		return site_url() . ' ' . home_url();
	}

	public function run(): Result {
		$public = site_url( 'xmlrpc.php' );
		if ( ! SiteProbe::host_resolves( $public ) ) {
			return new Result( $this->id(), Result::RECOMMENDED, __( 'The port Jetpack signs could not be checked because your domain name does not point to a server yet.', 'jetpack-start-companion' ), sprintf( 'not tried: the host name of %s does not resolve', $public ) );
		}
		$route  = '/' . Controller::NAMESPACE . PortProbe::ROUTE;
		$probe  = SiteProbe::send(
			'GET',
			add_query_arg(
				array(
					'rest_route' => rawurlencode( $route ),
					'key'        => PortProbe::key(),
				),
				site_url( '/' )
			)
		);
		$tried  = 'GET ' . site_url( '/?rest_route=' . $route );
		$answer = json_decode( $probe->body, true );
		if ( 200 !== $probe->status || ! is_array( $answer ) || ! isset( $answer['signed_port'], $answer['scheme'], $answer['host'] ) ) {
			// The probe's key stays out of what support copies, even when a redirect repeats it.
			$location = (string) preg_replace( '/([?&]key=)[^&#]*/', '$1…', $probe->location );
			$seen     = 0 === $probe->status ? 'no answer: ' . $probe->error : 'HTTP ' . $probe->status . ( '' === $location ? '' : ', Location: ' . $location );
			return new Result( $this->id(), Result::RECOMMENDED, __( 'The port Jetpack signs could not be checked: your site did not answer the check.', 'jetpack-start-companion' ), $tried . ' → ' . $seen, __( 'Contact your hosting provider\'s support if activating the plan fails.', 'jetpack-start-companion' ), 'The site\'s REST API did not answer a loopback request through its public address (blocked, redirected or unreachable): the signed port could not be compared.' );
		}
		if ( true !== ( $answer['jetpack'] ?? null ) ) {
			return new Result( $this->id(), Result::GOOD, __( 'Jetpack is not loaded yet: there is no port to compare.', 'jetpack-start-companion' ), $tried . ' → HTTP 200; Jetpack_Signature not loaded' );
		}
		return self::compare( array_map( 'strval', $answer ), $public, $tried );
	}

	/**
	 * The port Jetpack verifies (from what PortProbe answered) against the one WordPress.com calls.
	 *
	 * @param array<string,string> $answer PortProbe::answer() as received.
	 * @param string               $public The URL WordPress.com calls (site_url( 'xmlrpc.php' )).
	 * @param string               $tried  What was asked, for the evidence.
	 */
	public static function compare( array $answer, string $public, string $tried ): Result {
		$answer     += array(
			'server_port'    => '',
			'forwarded_port' => '',
		);
		$public_port = self::port( $public );
		$rebuilt     = esc_url_raw( $answer['scheme'] . '://' . $answer['host'] . ':' . $answer['signed_port'] . '/xmlrpc.php' );
		$signed_port = self::port( $rebuilt );
		$evidence    = sprintf(
			'%s → HTTP 200: PHP saw Host %s, SERVER_PORT %s, X-Forwarded-Port %s, https %s; Jetpack verifies %s (port %d); WordPress.com signs %s (port %d)',
			$tried,
			'' === $answer['host'] ? 'none' : $answer['host'],
			'' === $answer['server_port'] ? 'none' : $answer['server_port'],
			'' === $answer['forwarded_port'] ? 'none' : $answer['forwarded_port'],
			'https' === $answer['scheme'] ? 'yes' : 'no',
			$rebuilt,
			$signed_port,
			$public,
			$public_port
		);
		if ( $signed_port === $public_port ) {
			return new Result( 'signed_port', Result::GOOD, __( 'Jetpack signs the port WordPress.com calls your site on.', 'jetpack-start-companion' ), $evidence );
		}
		$scheme = (string) wp_parse_url( $public, PHP_URL_SCHEME );
		if ( $answer['scheme'] !== $scheme ) {
			$host_fix = sprintf( 'PHP does not see %1$s behind the proxy (is_ssl() is %2$s), so Jetpack verifies WordPress.com\'s calls as port %3$d instead of %4$d (signature_mismatch on every signed call). Make WordPress see the scheme the proxy was called with (e.g. set $_SERVER[\'HTTPS\'] from X-Forwarded-Proto in wp-config.php).', $scheme, 'https' === $answer['scheme'] ? 'true' : 'false', $signed_port, $public_port );
		} elseif ( ( 'https' === $scheme ? 443 : 80 ) === $public_port ) {
			$host_fix = sprintf( 'The proxy forwards to a back end on port %1$d without X-Forwarded-Port, so Jetpack verifies WordPress.com\'s calls as port %1$d instead of %2$d (signature_mismatch on every signed call). Add define( \'JETPACK_SIGNATURE__%3$s_PORT\', %1$d ); to wp-config.php, or make the proxy send X-Forwarded-Port: %2$d.', $signed_port, $public_port, strtoupper( $scheme ) );
		} else {
			$host_fix = sprintf( 'PHP sees port %1$d but the site\'s public URL is on port %2$d, so Jetpack verifies WordPress.com\'s calls as port %1$d (signature_mismatch on every signed call). Make the proxy send X-Forwarded-Port: %2$d (the JETPACK_SIGNATURE__HTTP(S)_PORT constants only map a back-end port to 80 or 443).', $signed_port, $public_port );
		}
		return new Result(
			'signed_port',
			Result::CRITICAL,
			/* translators: 1: a port number such as 8080, 2: a port number such as 443. */
			sprintf( __( 'Jetpack on your site expects WordPress.com on port %1$d, but WordPress.com calls it on port %2$d, so it cannot confirm WordPress.com\'s requests.', 'jetpack-start-companion' ), $signed_port, $public_port ),
			$evidence,
			__( 'Ask your hosting provider to tell Jetpack which port your site is served on (a setting in wp-config.php or their proxy), then try again.', 'jetpack-start-companion' ),
			$host_fix
		);
	}

	/**
	 * The port a URL is on, as Jetpack_Signature::sign_request() reads it: explicit, else the scheme's.
	 */
	private static function port( string $url ): int {
		$parts = wp_parse_url( $url );
		if ( ! empty( $parts['port'] ) ) {
			return (int) $parts['port'];
		}
		return 'https' === ( $parts['scheme'] ?? '' ) ? 443 : 80;
	}
}
