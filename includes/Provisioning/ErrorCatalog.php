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

defined( 'ABSPATH' ) || exit;

final class ErrorCatalog {

	/**
	 * @param array{code:string,message:string,source:string,retryable:bool,http_status:int,at:int} $failure  Stored failure.
	 * @param string                                                                                $host_name Host's display name, or ''.
	 * @return array{code:string,message:string,action:string,retryable:bool,at:string}
	 */
	public static function describe( array $failure, string $host_name ): array {
		$host                     = '' !== $host_name ? $host_name : __( 'your hosting provider', 'jetpack-start-companion' );
		list( $message, $action ) = self::texts( $failure['code'], $failure['message'], $host );
		return array(
			'code'      => $failure['code'],
			'message'   => $message,
			'action'    => $action,
			'retryable' => $failure['retryable'],
			'at'        => gmdate( 'c', $failure['at'] ),
		);
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
