<?php
/**
 * Stand-in for Automattic\Jetpack\Status (package automattic/jetpack-status).
 *
 * @package jetpack-stand-in
 */

declare( strict_types=1 );

namespace Automattic\Jetpack;

defined( 'ABSPATH' ) || exit;

if ( ! class_exists( __NAMESPACE__ . '\\Status', false ) ) {
	/**
	 * Site status as Jetpack sees it.
	 */
	class Status {
		/**
		 * Is Jetpack in offline mode? Same order as the real package: JETPACK_DEV_DEBUG,
		 * then WP_LOCAL_DEV, then a known local site URL, then the `jetpack_offline_mode`
		 * filter; finally the stand-in option `jetpack_stand_in_offline_mode` (the test
		 * switch, playing the part of the real `jetpack_offline_mode` option).
		 *
		 * @return bool
		 */
		public function is_offline_mode() {
			$offline_mode = false;

			if ( defined( '\\JETPACK_DEV_DEBUG' ) ) {
				$offline_mode = (bool) constant( '\\JETPACK_DEV_DEBUG' );
			} elseif ( defined( '\\WP_LOCAL_DEV' ) ) {
				$offline_mode = (bool) constant( '\\WP_LOCAL_DEV' );
			} elseif ( $this->is_local_site() ) {
				$offline_mode = true;
			}

			/** Filters Jetpack's offline mode (same filter as the real plugin). */
			$offline_mode = (bool) apply_filters( 'jetpack_offline_mode', $offline_mode );

			if ( ! $offline_mode && get_option( 'jetpack_stand_in_offline_mode' ) ) {
				$offline_mode = true;
			}

			return $offline_mode;
		}

		/**
		 * Whether the site URL is a known local development URL (host-based, like the real
		 * package: no dot in the host, .local, .localhost, .test, 127.0.0.1, ...). Filterable
		 * with `jetpack_is_local_site`.
		 *
		 * @return bool
		 */
		public function is_local_site() {
			$host = wp_parse_url( trim( (string) site_url() ), PHP_URL_HOST );
			$host = is_string( $host ) ? $host : '';

			$is_local = '' !== $host && false === strpos( $host, '.' );

			if ( 'local' === wp_get_environment_type() ) {
				$is_local = true;
			}

			$known_local = array(
				'#\.local$#i',
				'#(^|\.)localhost$#i',
				'#\.test$#i',
				'#\.docksal$#i',
				'#\.docksal\.site$#i',
				'#\.dev\.cc$#i',
				'#\.lndo\.site$#i',
				'#\.ddev\.site$#i',
				'#^127\.0\.0\.1$#',
			);
			if ( ! $is_local && '' !== $host ) {
				foreach ( $known_local as $pattern ) {
					if ( preg_match( $pattern, $host ) ) {
						$is_local = true;
						break;
					}
				}
			}

			/** Filters is_local_site check (same filter as the real plugin). */
			return (bool) apply_filters( 'jetpack_is_local_site', $is_local );
		}

		/**
		 * Staging detection: the stand-in never reports a staging site.
		 *
		 * @return bool
		 */
		public function in_safe_mode() {
			return (bool) apply_filters( 'jetpack_is_in_safe_mode', false );
		}
	}
}
