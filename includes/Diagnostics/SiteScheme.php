<?php
/**
 * The scheme in Settings → General (siteurl, home) is the one the site answers on. A server that
 * redirects http to https while siteurl says http is the classic cause of WordPress.com's
 * `method_not_found`: it calls the http address, gets a redirect, and does not follow it.
 *
 * @package JetpackStartCompanion
 */

declare( strict_types=1 );

namespace JetpackStartCompanion\Diagnostics;

defined( 'ABSPATH' ) || exit;

final class SiteScheme implements NetworkCheck {

	public function id(): string {
		return 'site_scheme';
	}

	public function context(): string {
		return site_url() . ' ' . home_url();
	}

	public function run(): Result {
		$site   = site_url( '/' );
		$home   = home_url( '/' );
		$scheme = (string) wp_parse_url( $site, PHP_URL_SCHEME );
		if ( ! SiteProbe::host_resolves( $site ) ) {
			return new Result( $this->id(), Result::RECOMMENDED, __( 'How your site answers could not be checked because its domain name does not point to a server yet.', 'jetpack-start-companion' ), sprintf( 'not tried: the host name of %s does not resolve', $site ) );
		}
		$probe    = SiteProbe::send( 'GET', $site );
		$evidence = sprintf( 'siteurl %s, home %s; %s', $site, $home, $probe->evidence() );
		$target   = (string) wp_parse_url( $probe->location, PHP_URL_SCHEME );
		if ( $probe->status >= 300 && $probe->status < 400 && '' !== $target && strtolower( $target ) !== strtolower( $scheme ) ) {
			return new Result(
				$this->id(),
				Result::CRITICAL,
				/* translators: 1: the scheme the site answers on (https), 2: the scheme in its settings (http). */
				sprintf( __( 'Your site answers on %1$s, but its address in Settings → General starts with %2$s, so WordPress.com cannot reach Jetpack.', 'jetpack-start-companion' ), $target . '://', $scheme . '://' ),
				$evidence,
				/* translators: %s: the scheme the site answers on (https). */
				sprintf( __( 'In Settings → General, change the WordPress Address and Site Address to start with %s, then try again.', 'jetpack-start-companion' ), $target . '://' ),
				sprintf( 'The server redirects %1$s:// to %2$s:// while siteurl/home say %1$s://: WordPress.com calls %1$s:// and does not follow the redirect (method_not_found). Set siteurl and home to %2$s:// (or stop the redirect).', $scheme, $target )
			);
		}
		if ( strtolower( (string) wp_parse_url( $home, PHP_URL_SCHEME ) ) !== strtolower( $scheme ) ) {
			return new Result(
				$this->id(),
				Result::RECOMMENDED,
				__( 'Your WordPress Address and Site Address start differently (http and https).', 'jetpack-start-companion' ),
				$evidence,
				__( 'In Settings → General, make both addresses start with https:// if your site has a certificate.', 'jetpack-start-companion' ),
				'siteurl and home use different schemes; Jetpack signs and WordPress.com calls siteurl.'
			);
		}
		if ( 0 === $probe->status ) {
			return new Result( $this->id(), Result::RECOMMENDED, __( 'Your site did not answer when it was asked for its own address.', 'jetpack-start-companion' ), $evidence, __( 'Contact your hosting provider\'s support if activating the plan fails.', 'jetpack-start-companion' ), 'The site could not reach its own public address (a loopback request); WordPress.com may still reach it.' );
		}
		return new Result( $this->id(), Result::GOOD, __( 'Your site answers on the address in its settings.', 'jetpack-start-companion' ), $evidence );
	}
}
