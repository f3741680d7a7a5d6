<?php
/**
 * The connection package's registration failures (Manager::register() and what WordPress.com's
 * register endpoint answers it), classified as the package classifies them: terminal when
 * Registration_Failure::is_terminal() says the code describes the site's environment (no
 * automatic attempt for a day; someone must change something), rate limited for WordPress.com's
 * hourly limit (`request_cancelled`: an hour), retryable for everything else, unknown codes
 * included ("a new server-side error does not silently become permanent"). They reach the plugin
 * when WordPress.com's jetpack.remoteRegister makes the site register and passes its error on.
 *
 * @package JetpackStartCompanion
 */

declare( strict_types=1 );

namespace JetpackStartCompanion\Provisioning;

defined( 'ABSPATH' ) || exit;

final class RegistrationErrors {

	/**
	 * Registration_Failure::TERMINAL_ERROR_CODES of automattic/jetpack-connection 9.17.2, for when
	 * Jetpack is not loaded (the package's own list is asked first).
	 */
	private const TERMINAL = array( 'siteurl_private_ip', 'home_private_ip', 'xml_extension_missing', 'siteurl_missing', 'siteurl_malformed', 'secret_1_missing', 'secret_1_malformed', 'secret_2_missing', 'secret_2_malformed', 'site_name_malformed', 'timezone_string_malformed', 'gmt_offset_malformed' );

	private const RATE_LIMITED = 'request_cancelled';

	/**
	 * Every code Manager::register() returns or passes on from WordPress.com, by what it means
	 * (the `verify_*` family by prefix), with the preflight checks that can explain it.
	 */
	private const KINDS = array(
		'siteurl_private_ip'           => array( 'private', array( 'host_name_resolves' ) ),
		'home_private_ip'              => array( 'private', array( 'host_name_resolves' ) ),
		'xml_extension_missing'        => array( 'xml', array() ),
		'request_cancelled'            => array( 'rate', array() ),
		'site_inaccessible_403'        => array( 'refused', array( 'xmlrpc_reachable', 'site_scheme' ) ),
		'site_requires_authorization'  => array( 'refused', array( 'xmlrpc_reachable', 'site_scheme' ) ),
		'register_http_request_failed' => array( 'outbound', array() ),
		'wpcom_5??'                    => array( 'wpcom', array() ),
		'wpcom_408'                    => array( 'wpcom', array() ),
		'wpcom_bad_response'           => array( 'wpcom', array() ),
		'jetpack_id'                   => array( 'wpcom', array() ),
		'jetpack_secret'               => array( 'wpcom', array() ),
		'unknown_error'                => array( 'wpcom', array() ),
		'cannot_save_secrets'          => array( 'storage', array() ),
		'missing_secrets'              => array( 'storage', array() ),
		'connection_data_save_failed'  => array( 'storage', array() ),
		'offline_mode'                 => array( 'offline', array( 'jetpack_ready' ) ),
	);

	/**
	 * What the package makes of a code: kind, terminal, and the checks that can explain it;
	 * null when it is not a registration failure.
	 *
	 * @return array{kind:string,terminal:bool,class:string,checks:string[]}|null
	 */
	public static function classify( string $code ): ?array {
		$terminal = self::terminal( $code );
		if ( isset( self::KINDS[ $code ] ) ) {
			list( $kind, $checks ) = self::KINDS[ $code ];
		} elseif ( str_starts_with( $code, 'verify_' ) ) {
			list( $kind, $checks ) = array( 'verify', array( 'xmlrpc_reachable', 'site_scheme', 'signed_port' ) );
		} elseif ( $terminal ) {
			list( $kind, $checks ) = array( 'details', array() );
		} else {
			return null;
		}
		$class = $terminal ? 'terminal: the package makes no automatic attempt for a day' : ( self::RATE_LIMITED === $code ? 'rate limited: the package waits an hour' : 'retryable: the package backs off 1 min, 5 min, 30 min, 2 h, 1 day' );
		return array(
			'kind'     => $kind,
			'terminal' => $terminal,
			'class'    => $class,
			'checks'   => $checks,
		);
	}

	/**
	 * Registration_Failure::is_terminal(), or 9.17.2's list when Jetpack is not loaded.
	 */
	public static function terminal( string $code ): bool {
		if ( class_exists( \Automattic\Jetpack\Connection\Registration_Failure::class ) ) {
			return \Automattic\Jetpack\Connection\Registration_Failure::is_terminal( $code );
		}
		return in_array( $code, self::TERMINAL, true );
	}

	/**
	 * The owner's message and next action for a kind of failure.
	 *
	 * @param string $kind         classify()'s kind.
	 * @param string $host         The host's name, or "your hosting provider".
	 * @param string $contact_host "Contact … support" in the host's name.
	 * @return array{0:string,1:string}
	 */
	public static function texts( string $kind, string $host, string $contact_host ): array {
		$try_later = __( 'Wait a few minutes, then try again.', 'jetpack-start-companion' );
		switch ( $kind ) {
			case 'private':
				/* translators: %s: the hosting provider's name. */
				return array( __( 'Your site\'s address leads to a private network address, so WordPress.com cannot reach your site to connect it.', 'jetpack-start-companion' ), sprintf( __( 'Ask %s to make your site reachable from the internet at its address, then try again.', 'jetpack-start-companion' ), $host ) );
			case 'xml':
				/* translators: %s: the hosting provider's name. */
				return array( __( 'Your server is missing a part of PHP (the XML extension) that Jetpack needs to talk to WordPress.com.', 'jetpack-start-companion' ), sprintf( __( 'Ask %s to turn on PHP\'s XML extension, then try again.', 'jetpack-start-companion' ), $host ) );
			case 'details':
				return array( __( 'WordPress.com could not accept the details Jetpack sent about your site (its address, title or time zone).', 'jetpack-start-companion' ), __( 'Check the addresses, title and time zone in Settings → General, then try again.', 'jetpack-start-companion' ) );
			case 'rate':
				return array( __( 'Your site tried to connect to WordPress.com too many times in the last hour.', 'jetpack-start-companion' ), __( 'Wait an hour, then try again.', 'jetpack-start-companion' ) );
			case 'refused':
			case 'verify':
				/* translators: %s: the hosting provider's name. */
				return array( __( 'WordPress.com could not reach your site to confirm the connection.', 'jetpack-start-companion' ), sprintf( __( 'Try again in a few minutes. If it fails again, ask %s whether a firewall blocks WordPress.com.', 'jetpack-start-companion' ), $host ) );
			case 'outbound':
				/* translators: %s: the hosting provider's name. */
				return array( __( 'Your site could not reach WordPress.com to connect.', 'jetpack-start-companion' ), sprintf( __( 'Try again in a few minutes. If it fails again, ask %s whether your server may make outgoing connections.', 'jetpack-start-companion' ), $host ) );
			case 'storage':
				return array( __( 'Your site could not save its connection details: its database may not accept changes.', 'jetpack-start-companion' ), $contact_host );
			case 'offline':
				return array( __( 'Jetpack is in offline mode, so your site did not connect to WordPress.com.', 'jetpack-start-companion' ), $contact_host );
			default:
				return array( __( 'WordPress.com had a temporary problem connecting your site.', 'jetpack-start-companion' ), $try_later );
		}
	}
}
