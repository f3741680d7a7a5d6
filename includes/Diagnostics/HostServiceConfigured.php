<?php
/**
 * The host set the service URL and this site's key, and the URL is one the plugin will call.
 *
 * @package JetpackStartCompanion
 */

declare( strict_types=1 );

namespace JetpackStartCompanion\Diagnostics;

use JetpackStartCompanion\Config;
use JetpackStartCompanion\Urls;

defined( 'ABSPATH' ) || exit;

final class HostServiceConfigured implements Check {

	public function __construct( private Config $config ) {}

	public function id(): string {
		return 'host_service_configured';
	}

	public function run(): Result {
		$url      = $this->config->service_url();
		$has_key  = '' !== $this->config->site_key();
		$evidence = sprintf( 'JETPACK_START_COMPANION_SERVICE_URL: %s; JETPACK_START_COMPANION_SITE_KEY: %s', '' === $url ? 'not set' : $url, $has_key ? 'set' : 'not set' );
		if ( '' === $url || ! $has_key ) {
			return new Result(
				$this->id(),
				Result::CRITICAL,
				__( 'Your hosting provider has not finished setting this up.', 'jetpack-start-companion' ),
				$evidence,
				__( 'Contact your hosting provider\'s support.', 'jetpack-start-companion' ),
				'Define JETPACK_START_COMPANION_SERVICE_URL and this site\'s JETPACK_START_COMPANION_SITE_KEY (or JETPACK_START_COMPANION_SITE_KEYS) in wp-config.php.'
			);
		}
		$scheme = strtolower( (string) wp_parse_url( $url, PHP_URL_SCHEME ) );
		$host   = (string) wp_parse_url( $url, PHP_URL_HOST );
		if ( '' === Urls::http_or_empty( $url ) || ( 'https' !== $scheme && ! ( $this->config->allows_http_loopback() && Urls::is_development_host( $host ) ) ) ) {
			return new Result(
				$this->id(),
				Result::CRITICAL,
				__( 'The address of your hosting provider\'s service is not one this site will call.', 'jetpack-start-companion' ),
				$evidence,
				__( 'Contact your hosting provider\'s support.', 'jetpack-start-companion' ),
				'The service URL must be https:// (plain http only to loopback with JETPACK_START_COMPANION_ALLOW_HTTP_LOOPBACK).'
			);
		}
		return new Result( $this->id(), Result::GOOD, __( 'Your hosting provider\'s service is set up.', 'jetpack-start-companion' ), $evidence );
	}
}
