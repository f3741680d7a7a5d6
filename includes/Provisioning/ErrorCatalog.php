<?php
/**
 * Plain-language explanations for every way a plan request can fail.
 *
 * Site owners bounce between host support and Jetpack support when an error only shows a
 * code; each entry says what happened and who can fix it, naming the host when known.
 *
 * @package JetpackStartCompanion
 */

declare( strict_types=1 );

namespace JetpackStartCompanion\Provisioning;

use JetpackStartCompanion\Diagnostics\Result;
use JetpackStartCompanion\Diagnostics\Snapshot;

defined( 'ABSPATH' ) || exit;

final class ErrorCatalog {

	/**
	 * The preflight checks that can explain a failure, by error code: support sees what they found.
	 */
	private const EXPLAINED_BY = array(
		'method_not_found'       => array( 'site_scheme', 'xmlrpc_reachable', 'jetpack_ready', 'identity_crisis' ),
		'host_invalid_signature' => array( 'host_service_ping' ),
		'host_unknown_site'      => array( 'host_service_ping' ),
		'host_site_mismatch'     => array( 'host_service_ping' ),
		'host_stale_timestamp'   => array( 'host_service_ping' ),
		'service_unreachable'    => array( 'host_service_ping' ),
		'service_timeout'        => array( 'host_service_ping' ),
		'service_url_insecure'   => array( 'host_service_configured' ),
		'service_url_invalid'    => array( 'host_service_configured' ),
		'invalid_siteurl'        => array( 'host_name_resolves', 'site_scheme' ),
	);

	/**
	 * Where a failure happened, by who said no (ServiceError's source).
	 */
	private const HOPS = array(
		'wpcom'   => 'WordPress.com (answer passed on by the host service)',
		'service' => 'host service',
		'site'    => 'this site → host service (no usable answer)',
	);

	/**
	 * @param array{code:string,message:string,source:string,retryable:bool,http_status:int,at:int,request_id?:string} $failure   Stored failure.
	 * @param string                                                                                                   $host_name Host's display name, or ''.
	 * @param Snapshot|null                                                                                            $checks    What the preflight checks last found.
	 * @return array{code:string,message:string,action:string,retryable:bool,at:string,support:string}
	 */
	public static function describe( array $failure, string $host_name, ?Snapshot $checks = null ): array {
		$host                     = '' !== $host_name ? $host_name : __( 'your hosting provider', 'jetpack-start-companion' );
		list( $message, $action ) = self::texts( $failure['code'], $failure['message'], $host );
		return array(
			'code'      => $failure['code'],
			'message'   => $message,
			'action'    => $action,
			'retryable' => $failure['retryable'],
			'at'        => gmdate( 'c', $failure['at'] ),
			'support'   => self::support( $failure, $checks ),
		);
	}

	/**
	 * One line for the host's support: code, hop, HTTP status, time, request id, upstream message,
	 * and what the check that explains it found (not translated: support reads it as sent).
	 *
	 * @param array{code:string,message:string,source:string,retryable:bool,http_status:int,at:int,request_id?:string} $failure Stored failure.
	 * @param Snapshot|null                                                                                            $checks  What the preflight checks last found.
	 */
	private static function support( array $failure, ?Snapshot $checks ): string {
		$line = sprintf(
			'%s at %s; hop: %s; HTTP %s; request id: %s; %s; message: %s',
			$failure['code'],
			gmdate( 'c', $failure['at'] ),
			self::HOPS[ $failure['source'] ] ?? $failure['source'],
			0 === $failure['http_status'] ? 'none (no answer)' : (string) $failure['http_status'],
			empty( $failure['request_id'] ) ? 'none' : $failure['request_id'],
			$failure['retryable'] ? 'retryable' : 'terminal',
			'' !== $failure['message'] ? self::plain( $failure['message'] ) : '-'
		);
		foreach ( null === $checks ? array() : $checks->results as $result ) {
			if ( in_array( $result->check, self::EXPLAINED_BY[ $failure['code'] ] ?? array(), true ) && Result::GOOD !== $result->status ) {
				$line .= sprintf( '; explained by check %s (%s): %s', $result->check, $result->status, $result->evidence );
			}
		}
		return $line;
	}

	/**
	 * An upstream message as plain text: a host service's answer may carry markup (support
	 * pastes this line into tickets and pages).
	 */
	private static function plain( string $message ): string {
		return str_replace( array( '<', '>' ), '', wp_strip_all_tags( $message ) );
	}

	/**
	 * @return array{0:string,1:string} Message and what to do.
	 */
	private static function texts( string $code, string $upstream_message, string $host ): array {
		/* translators: %s: the hosting provider's name. */
		$contact_host = sprintf( __( 'Contact %s support and mention the error code shown below.', 'jetpack-start-companion' ), $host );
		$try_later    = __( 'Wait a few minutes, then try again.', 'jetpack-start-companion' );

		switch ( $code ) {
			case 'method_not_found':
				if ( false !== stripos( $upstream_message, 'remoteProvision' ) ) {
					return array( __( 'WordPress.com could reach your site but could not finish setting up Jetpack on it.', 'jetpack-start-companion' ), $try_later );
				}
				return array(
					__( 'WordPress.com could not talk to Jetpack on your site. This happens when Jetpack is not active, when the site blocks the file xmlrpc.php, or when the site is reached over http while it uses https.', 'jetpack-start-companion' ),
					/* translators: %s: the hosting provider's name. */
					sprintf( __( 'Check that Jetpack is active, then try again. If it still fails, ask %s whether xmlrpc.php is blocked.', 'jetpack-start-companion' ), $host ),
				);
			case 'invalid_signature':
				return array( __( 'WordPress.com could not confirm the request this time. This is usually temporary.', 'jetpack-start-companion' ), $try_later );
			case 'invalid_plan':
			case 'host_plan_not_allowed':
				/* translators: %s: the hosting provider's name. */
				return array( sprintf( __( 'The plan this site asked for is not one %s can give it.', 'jetpack-start-companion' ), $host ), $contact_host );
			case 'plan_downgrade_disallowed':
				return array( __( 'This site already has a bigger Jetpack plan, and it cannot be replaced by a smaller one automatically.', 'jetpack-start-companion' ), $contact_host );
			case 'activation_limit_reached':
			case 'partner_key_disabled':
			case 'invalid_scope':
			case 'host_partner_auth_failed':
			case 'error_access_token':
				/* translators: %s: the hosting provider's name. */
				return array( sprintf( __( '%s\'s Jetpack account cannot give out plans right now. Nothing is wrong with your site.', 'jetpack-start-companion' ), $host ), $contact_host );
			case 'invalid_siteurl':
			case 'invalid_local_user':
			case 'failed_registration_unknown_blog':
			case 'could_not_load_product_class':
				return array( __( 'WordPress.com could not match this request to your site.', 'jetpack-start-companion' ), $contact_host );
			case 'host_invalid_signature':
			case 'host_unknown_site':
			case 'host_site_mismatch':
				/* translators: %s: the hosting provider's name. */
				return array( sprintf( __( '%s\'s service did not recognise this site. The site\'s key in wp-config.php may be missing, old, or set for another address.', 'jetpack-start-companion' ), $host ), $contact_host );
			case 'host_stale_timestamp':
				return array( __( 'This server\'s clock and the hosting service\'s clock disagree, so the request was refused.', 'jetpack-start-companion' ), $contact_host );
			case 'service_timeout':
				/* translators: %s: the hosting provider's name. */
				return array( sprintf( __( '%s\'s Jetpack service didn\'t answer this site in time. The request may still have gone through, so asking again is safe: it won\'t be sent twice.', 'jetpack-start-companion' ), $host ), $try_later );
			case 'host_upstream_timeout':
				/* translators: %s: the hosting provider's name. */
				return array( sprintf( __( 'WordPress.com didn\'t answer %s\'s Jetpack service in time. The request may still have gone through, so asking again is safe: it won\'t be sent twice.', 'jetpack-start-companion' ), $host ), $try_later );
			case 'host_upstream_unavailable':
			case 'host_upstream_malformed':
				return array( __( 'WordPress.com could not be reached or gave an answer we could not read.', 'jetpack-start-companion' ), $try_later );
			case 'host_overloaded':
			case 'host_rate_limited':
			case 'host_internal_error':
				/* translators: %s: the hosting provider's name. */
				return array( sprintf( __( '%s\'s Jetpack service had a temporary problem.', 'jetpack-start-companion' ), $host ), $try_later );
			case 'service_unreachable':
				/* translators: %s: the hosting provider's name. */
				return array( sprintf( __( 'Your site could not reach %s\'s Jetpack service.', 'jetpack-start-companion' ), $host ), $try_later );
			case 'host_not_found':
			case 'service_url_insecure':
			case 'service_url_invalid':
			case 'service_redirected':
				return array( __( 'The address of the hosting service set for this site is not usable.', 'jetpack-start-companion' ), $contact_host );
			case 'site_attempt_not_started':
				return array(
					__( 'Your site didn\'t get to send the request in the background, so nothing reached WordPress.com.', 'jetpack-start-companion' ),
					/* translators: %s: the hosting provider's name. */
					sprintf( __( 'Try again. If it happens again, ask %s whether this site can make requests to itself (loopback requests) or runs WP-Cron.', 'jetpack-start-companion' ), $host ),
				);
			case 'site_attempt_interrupted':
				return array( __( 'The request stopped while WordPress.com was being asked. It may still have gone through, so asking again is safe: it won\'t be sent twice.', 'jetpack-start-companion' ), $try_later );
			case 'site_url_invalid':
				return array( __( 'This site\'s address (Settings → General) cannot be used to set up Jetpack.', 'jetpack-start-companion' ), __( 'Make sure the WordPress Address starts with http:// or https:// and has no extra parts.', 'jetpack-start-companion' ) );
			default:
				return array( __( 'Something went wrong while asking for your plan.', 'jetpack-start-companion' ), $contact_host );
		}
	}
}
