<?php
/**
 * WordPress.com can call the site back: Jetpack's XML-RPC endpoint answers `system.listMethods`
 * with `jetpack.remoteRegister` on the site's public address, as WordPress.com asks it during
 * partner provisioning. When it does not, the status code seen is the evidence, with what
 * Jetpack's alternate endpoint (`?for=jetpack&jetpack=comms`) answered.
 *
 * @package JetpackStartCompanion
 */

declare( strict_types=1 );

namespace JetpackStartCompanion\Diagnostics;

defined( 'ABSPATH' ) || exit;

final class XmlrpcReachable implements NetworkCheck {

	private const LIST_METHODS = '<?xml version="1.0"?><methodCall><methodName>system.listMethods</methodName><params></params></methodCall>';

	public function id(): string {
		return 'xmlrpc_reachable';
	}

	public function context(): string {
		return site_url() . ' ' . home_url();
	}

	public function run(): Result {
		$url = add_query_arg( 'for', 'jetpack', site_url( 'xmlrpc.php' ) );
		if ( ! SiteProbe::host_resolves( $url ) ) {
			return new Result( $this->id(), Result::RECOMMENDED, __( 'Whether WordPress.com can reach Jetpack could not be checked because your domain name does not point to a server yet.', 'jetpack-start-companion' ), sprintf( 'not tried: the host name of %s does not resolve', $url ) );
		}
		$probe = SiteProbe::send( 'POST', $url, self::LIST_METHODS );
		if ( 200 === $probe->status && str_contains( $probe->body, '<string>jetpack.remoteRegister</string>' ) ) {
			return new Result( $this->id(), Result::GOOD, __( 'WordPress.com can reach Jetpack on your site.', 'jetpack-start-companion' ), $probe->evidence() . ' listing jetpack.remoteRegister' );
		}
		$comms    = SiteProbe::send(
			'POST',
			add_query_arg(
				array(
					'for'     => 'jetpack',
					'jetpack' => 'comms',
				),
				home_url( '/' )
			),
			self::LIST_METHODS
		);
		$evidence = $probe->evidence() . ( 200 === $probe->status ? ' without jetpack.remoteRegister' : '' ) . '; alternate endpoint: ' . $comms->evidence();
		if ( 0 === $probe->status ) {
			return new Result(
				$this->id(),
				Result::RECOMMENDED,
				__( 'Your site could not reach its own xmlrpc.php. If WordPress.com cannot reach it either, activating the plan will fail.', 'jetpack-start-companion' ),
				$evidence,
				__( 'Ask your hosting provider whether a firewall blocks xmlrpc.php.', 'jetpack-start-companion' ),
				'A loopback POST to xmlrpc.php got no answer (dropped or timed out). WordPress.com must reach /xmlrpc.php?for=jetpack during provisioning: allow it through the firewall/WAF.'
			);
		}
		if ( $probe->status >= 300 && $probe->status < 400 ) {
			$label = __( 'Your site\'s xmlrpc.php redirects elsewhere, so WordPress.com cannot reach Jetpack.', 'jetpack-start-companion' );
		} elseif ( 200 === $probe->status ) {
			$label = __( 'Your site\'s xmlrpc.php answers, but Jetpack is not listening on it.', 'jetpack-start-companion' );
		} else {
			/* translators: %d: an HTTP status code such as 403. */
			$label = sprintf( __( 'Your site blocks xmlrpc.php (it answered with error %d), so WordPress.com cannot reach Jetpack.', 'jetpack-start-companion' ), $probe->status );
		}
		return new Result(
			$this->id(),
			Result::CRITICAL,
			$label,
			$evidence,
			__( 'Ask your hosting provider to allow xmlrpc.php for Jetpack, or turn off the security setting that blocks it, then try again.', 'jetpack-start-companion' ),
			'WordPress.com calls POST /xmlrpc.php?for=jetpack (jetpack.remoteRegister) during provisioning; without it the answer is method_not_found. Allow it in the firewall/WAF/security plugin for WordPress.com (Jetpack\'s IP ranges), and make sure nothing redirects it.'
		);
	}
}
