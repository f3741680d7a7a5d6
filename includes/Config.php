<?php
/**
 * What the host configured, read from wp-config constants with a filter on each (the host's
 * name, support address and logo are in HostBranding).
 *
 * Hosts set constants by automation on thousands of sites; filters let a host's
 * must-use plugin compute a value instead. The site key is the only secret and
 * has no public accessor that returns it to callers outside the signer.
 *
 * @package JetpackStartCompanion
 */

declare( strict_types=1 );

namespace JetpackStartCompanion;

defined( 'ABSPATH' ) || exit;

final class Config {

	public const DEFAULT_TIMEOUT = 75;
	public const MIN_TIMEOUT     = 5;
	public const MAX_TIMEOUT     = 120;

	/**
	 * A wp-config constant's value, or the fallback when the host did not define it.
	 *
	 * @param string $constant Its name, written out at the call site.
	 * @param mixed  $fallback Value when the constant is not defined.
	 * @return mixed
	 */
	public static function constant( string $constant, $fallback ) {
		return defined( $constant ) ? constant( $constant ) : $fallback;
	}

	/**
	 * A filtered setting as a trimmed string ('' when it is not a string).
	 *
	 * @param mixed $value What the constant and its filter gave.
	 */
	public static function text( $value ): string {
		return is_string( $value ) ? trim( $value ) : '';
	}

	public function service_url(): string {
		/**
		 * The host service's base URL (https, or loopback http behind the debug constant).
		 *
		 * @since 0.1.0
		 *
		 * @param mixed $url JETPACK_START_COMPANION_SERVICE_URL, or ''.
		 */
		return self::text( apply_filters( 'jetpack_start_companion_service_url', self::constant( 'JETPACK_START_COMPANION_SERVICE_URL', '' ) ) );
	}

	/**
	 * The per-site signing key. Only the signer should call this.
	 */
	public function site_key(): string {
		/**
		 * This site's signing key for the host service (a secret: never log or show it).
		 *
		 * @since 0.1.0
		 *
		 * @param mixed $key JETPACK_START_COMPANION_SITE_KEY, or ''.
		 */
		return self::text( apply_filters( 'jetpack_start_companion_site_key', self::constant( 'JETPACK_START_COMPANION_SITE_KEY', '' ) ) );
	}

	public function is_configured(): bool {
		return '' !== $this->service_url() && '' !== $this->site_key();
	}

	/**
	 * Plan slug the site asks for; null lets the host service apply its default.
	 */
	public function plan(): ?string {
		/**
		 * The slug of the plan this site asks for; '' lets the host service choose.
		 *
		 * @since 0.1.0
		 *
		 * @param mixed $plan JETPACK_START_COMPANION_PLAN, or ''.
		 */
		$plan = self::text( apply_filters( 'jetpack_start_companion_plan', self::constant( 'JETPACK_START_COMPANION_PLAN', '' ) ) );
		return 1 === preg_match( '/^[a-z0-9][a-z0-9_-]{0,63}$/', $plan ) ? $plan : null;
	}

	/**
	 * The plan's name as the host wrote it, or '' (the status then names the plan by its slug).
	 */
	public function plan_label(): string {
		/**
		 * The name owners see for the plan the site asks for ("Jetpack Backup"). When
		 * WordPress.com granted another plan, or the label is '', the panel names the plan from
		 * its slug instead.
		 *
		 * @since 0.1.0
		 *
		 * @param mixed       $label JETPACK_START_COMPANION_PLAN_LABEL, or ''.
		 * @param string|null $plan  The slug of the plan the site asks for, or null.
		 */
		return self::text( apply_filters( 'jetpack_start_companion_plan_label', self::constant( 'JETPACK_START_COMPANION_PLAN_LABEL', '' ), $this->plan() ) );
	}

	/**
	 * Where WordPress.com sends the user back after authorizing: true means this panel,
	 * a string is a URL the host registered with WordPress.com's partner allow-list.
	 */
	public function partner_redirect(): string {
		/**
		 * Where WordPress.com sends the owner back after authorizing: true for this panel, or a
		 * URL on the host's partner allow-list; false for WordPress.com's default.
		 *
		 * @since 0.1.0
		 *
		 * @param mixed $redirect JETPACK_START_COMPANION_PARTNER_REDIRECT, or false.
		 */
		$value = apply_filters( 'jetpack_start_companion_partner_redirect', self::constant( 'JETPACK_START_COMPANION_PARTNER_REDIRECT', false ) );
		if ( true === $value ) {
			return Admin\Page::url();
		}
		return is_string( $value ) ? Links::valid_or_empty( trim( $value ) ) : '';
	}

	/**
	 * Seconds to wait for the host service; it may take 60 s on WordPress.com and retry once.
	 */
	public function timeout(): int {
		/**
		 * Seconds to wait for the host service's answer, kept between 5 and 120.
		 *
		 * @since 0.1.0
		 *
		 * @param mixed $seconds JETPACK_START_COMPANION_TIMEOUT, or 75.
		 */
		$value = apply_filters( 'jetpack_start_companion_timeout', self::constant( 'JETPACK_START_COMPANION_TIMEOUT', self::DEFAULT_TIMEOUT ) );
		$value = is_numeric( $value ) ? (int) $value : self::DEFAULT_TIMEOUT;
		return max( self::MIN_TIMEOUT, min( self::MAX_TIMEOUT, $value ) );
	}

	/**
	 * Where plan requests run in the background (Provisioning\AttemptRunner): 'auto' (after the
	 * response where the server allows it, else a loopback request; WP-Cron as the backstop),
	 * 'loopback', or 'cron' (WP-Cron only, for hosts whose sites cannot request themselves and
	 * that run WP-Cron from a system cron).
	 */
	public function runner(): string {
		/**
		 * Where plan requests run in the background: 'auto', 'loopback' or 'cron'.
		 *
		 * @since 0.2.0
		 *
		 * @param mixed $runner JETPACK_START_COMPANION_RUNNER, or ''.
		 */
		$value = self::text( apply_filters( 'jetpack_start_companion_runner', self::constant( 'JETPACK_START_COMPANION_RUNNER', '' ) ) );
		return in_array( $value, array( 'loopback', 'cron' ), true ) ? $value : 'auto';
	}

	/**
	 * Plain http is only for a service on the developer's machine (loopback or Docker's
	 * host.docker.internal), and only when this debug constant says so.
	 */
	public function allows_http_loopback(): bool {
		return defined( 'JETPACK_START_COMPANION_ALLOW_HTTP_LOOPBACK' ) && true === JETPACK_START_COMPANION_ALLOW_HTTP_LOOPBACK;
	}
}
