<?php
/**
 * Plugin Name: JSC test environment
 * Description: Settings of the Jetpack Start Companion test environment (tests/env). Not part of the plugin under test.
 *
 * @package jetpack-start-companion-tests
 */

declare( strict_types=1 );

defined( 'ABSPATH' ) || exit;

// PHP's built-in server routes every path through tests/env/router.php: tell WordPress that
// URL rewriting works, so pretty permalinks and /wp-json/ are used.
add_filter( 'got_url_rewrite', '__return_true' );

// Run-time switch of the test web server (tests/env/web-server-switches.php): "site_host" makes
// the site's URLs use another host name, e.g. one that does not resolve yet (a new domain). The
// host service derives site keys from the site URL, so the key for that URL is derived here too.
require_once JSC_TEST_ENV_DIR . '/web-server-switches.php';
foreach ( array( 'option_siteurl', 'option_home' ) as $jsc_option_hook ) {
	add_filter(
		$jsc_option_hook,
		static function ( $url ) {
			$host = jsc_web_server_switches()['site_host'] ?? '';
			if ( ! is_string( $url ) || ! is_string( $host ) || '' === $host ) {
				return $url;
			}
			return (string) preg_replace( '#^(https?://)[^/:]+#i', '${1}' . $host, $url );
		}
	);
}
unset( $jsc_option_hook );
// "jetpack_local_site": let Jetpack's own local-site rule apply (a site on 127.0.0.1 is local,
// so Jetpack goes offline), instead of the "not local" of jsc-offline-site.php.
if ( ! empty( jsc_web_server_switches()['jetpack_local_site'] ) ) {
	remove_filter( 'jetpack_is_local_site', '__return_false' );
}
add_filter(
	'jetpack_start_companion_site_key',
	static function ( $key ) {
		$host = jsc_web_server_switches()['site_host'] ?? '';
		if ( ! is_string( $host ) || '' === $host || ! defined( 'JSC_TEST_MASTER_SECRET' ) ) {
			return $key;
		}
		return hash_hmac( 'sha256', "jsc-site-key-v1\n" . untrailingslashit( (string) get_option( 'siteurl' ) ), (string) JSC_TEST_MASTER_SECRET );
	}
);
// "clock_offset": this server's clock runs that many seconds off for the host service's signed
// ping (the check signs at its own clock, as the plugin's requests do): the real service then
// refuses a stale timestamp, and its Date header shows the skew.
$jsc_clock_offset = jsc_web_server_switches()['clock_offset'] ?? null;
if ( is_int( $jsc_clock_offset ) ) {
	add_filter(
		'jetpack_start_companion_preflight_checks',
		static function ( array $checks ) use ( $jsc_clock_offset ): array {
			$config = new \JetpackStartCompanion\Config();
			foreach ( $checks as $i => $check ) {
				if ( $check instanceof \JetpackStartCompanion\Diagnostics\HostServicePing ) {
					$checks[ $i ] = new \JetpackStartCompanion\Diagnostics\HostServicePing( $config, new \JetpackStartCompanion\HostService\Client( $config ), static fn (): int => time() + $jsc_clock_offset );
				}
			}
			return $checks;
		}
	);
}
unset( $jsc_clock_offset );
