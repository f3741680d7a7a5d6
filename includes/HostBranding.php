<?php
/**
 * The host's name, support address and logo, shown in the panel: wp-config constants, each
 * with a filter. A URL is kept only when it passes the link rule (Links, contract §7), so a
 * hostile or mistyped value shows nothing rather than a link or image from somewhere else.
 *
 * @package JetpackStartCompanion
 */

declare( strict_types=1 );

namespace JetpackStartCompanion;

defined( 'ABSPATH' ) || exit;

final class HostBranding {

	/**
	 * Longest name shown; a longer one is cut (it is plain text, escaped wherever it appears).
	 */
	private const MAX_NAME = 80;

	public function name(): string {
		/**
		 * The hosting company's name, as owners know it: "Contact Example Hosting support".
		 *
		 * @since 0.1.0
		 *
		 * @param mixed $name JETPACK_START_COMPANION_HOST_NAME, or ''.
		 */
		$name = Config::text( apply_filters( 'jetpack_start_companion_host_name', Config::constant( 'JETPACK_START_COMPANION_HOST_NAME', '' ) ) );
		return mb_substr( $name, 0, self::MAX_NAME );
	}

	/**
	 * Where owners get help from the host, or '' when unset or not a URL the link rule allows.
	 */
	public function support_url(): string {
		// JETPACK_START_COMPANION_SUPPORT_URL is this constant's name before 0.2.0.
		$url = Config::constant( 'JETPACK_START_COMPANION_HOST_SUPPORT_URL', Config::constant( 'JETPACK_START_COMPANION_SUPPORT_URL', '' ) );
		if ( has_filter( 'jetpack_start_companion_support_url' ) ) {
			/**
			 * Deprecated: use jetpack_start_companion_host_support_url.
			 *
			 * @deprecated 0.2.0
			 * @param mixed $url The support URL.
			 */
			$url = apply_filters_deprecated( 'jetpack_start_companion_support_url', array( $url ), '0.2.0', 'jetpack_start_companion_host_support_url' );
		}
		/**
		 * Where owners get help from the host (an http or https URL). Shown as a link in the panel.
		 *
		 * @since 0.2.0
		 *
		 * @param mixed $url JETPACK_START_COMPANION_HOST_SUPPORT_URL, or ''.
		 */
		return Links::valid_or_empty( Config::text( apply_filters( 'jetpack_start_companion_host_support_url', $url ) ) );
	}

	/**
	 * The host's logo (an image URL), or '' when unset or not a URL the link rule allows.
	 */
	public function logo_url(): string {
		/**
		 * The address of the host's logo (an http or https image URL, shown 32 px high in the panel).
		 *
		 * @since 0.2.0
		 *
		 * @param mixed $url JETPACK_START_COMPANION_HOST_LOGO_URL, or ''.
		 */
		return Links::valid_or_empty( Config::text( apply_filters( 'jetpack_start_companion_host_logo_url', Config::constant( 'JETPACK_START_COMPANION_HOST_LOGO_URL', '' ) ) ) );
	}
}
