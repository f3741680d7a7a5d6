<?php
/**
 * Per-site signing keys from a map the host writes: JETPACK_START_COMPANION_SITE_KEYS is either
 * an array of canonical site URL => key, or the path of a PHP file that returns one (so a
 * site-creation script can add a site without editing wp-config.php). The entry for this
 * site's canonical URL wins over JETPACK_START_COMPANION_SITE_KEY; a site not in the map
 * keeps that constant's value.
 *
 * @package JetpackStartCompanion
 */

declare( strict_types=1 );

namespace JetpackStartCompanion\Network;

use JetpackStartCompanion\HostService\SiteUrl;

defined( 'ABSPATH' ) || exit;

final class SiteKeys {

	/**
	 * Filter `jetpack_start_companion_site_key`.
	 *
	 * @param mixed $key The key so far (the constant's value, or '').
	 * @return mixed
	 */
	public static function filter( $key ) {
		$site = SiteUrl::canonical( site_url() );
		$map  = self::map();
		return null !== $site && isset( $map[ $site ] ) && is_string( $map[ $site ] ) ? $map[ $site ] : $key;
	}

	/**
	 * @return array<string,mixed> Canonical site URL => key.
	 */
	private static function map(): array {
		$source = defined( 'JETPACK_START_COMPANION_SITE_KEYS' ) ? constant( 'JETPACK_START_COMPANION_SITE_KEYS' ) : array();
		if ( is_string( $source ) && '' !== $source && is_readable( $source ) ) {
			$source = include $source;
		}
		if ( ! is_array( $source ) ) {
			return array();
		}
		$map = array();
		foreach ( $source as $url => $value ) {
			$canonical = SiteUrl::canonical( (string) $url );
			if ( null !== $canonical ) {
				$map[ $canonical ] = $value;
			}
		}
		return $map;
	}
}
