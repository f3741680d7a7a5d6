<?php
/**
 * The site's domain name points to a server. When it does not yet (a new domain whose DNS is not
 * there), WordPress.com cannot call the site back: the plan is reserved for 14 days (case C) and
 * lands once the owner connects Jetpack after the domain works. A warning, not a refusal.
 *
 * @package JetpackStartCompanion
 */

declare( strict_types=1 );

namespace JetpackStartCompanion\Diagnostics;

defined( 'ABSPATH' ) || exit;

final class HostNameResolves implements NetworkCheck {

	public function id(): string {
		return 'host_name_resolves';
	}

	public function context(): string {
		return site_url();
	}

	public function run(): Result {
		$url  = site_url();
		$host = (string) wp_parse_url( $url, PHP_URL_HOST );
		if ( SiteProbe::host_resolves( $url ) ) {
			return new Result( $this->id(), Result::GOOD, __( 'Your site\'s domain name points to a server.', 'jetpack-start-companion' ), sprintf( 'host name %s resolves (from this server)', $host ) );
		}
		return new Result(
			$this->id(),
			Result::RECOMMENDED,
			__( 'Your site\'s domain name does not point to a server yet, so WordPress.com cannot reach the site.', 'jetpack-start-companion' ),
			sprintf( 'host name %s of siteurl %s does not resolve (from this server)', $host, $url ),
			__( 'You can still activate the plan now: it is kept for you for 14 days. Once your domain works, come back to this page and set up Jetpack to finish.', 'jetpack-start-companion' ),
			'Point the domain\'s DNS (A/AAAA records) at this server. Until then WordPress.com answers case C (next_url empty, pending activation for 14 days); once it resolves the owner connects Jetpack and the plan lands.'
		);
	}
}
