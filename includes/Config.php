<?php
/**
 * What the host configured, read from wp-config constants with a filter on each.
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
	 * Reads one setting: constant first, then the filter `jetpack_start_companion_{$name}`.
	 *
	 * @param string $name    Setting name, e.g. 'service_url'.
	 * @param mixed  $fallback Value when the constant is not defined.
	 * @return mixed
	 */
	private function read( string $name, $fallback ) {
		$constant = 'JETPACK_START_COMPANION_' . strtoupper( $name );
		$value    = defined( $constant ) ? constant( $constant ) : $fallback;
		return apply_filters( 'jetpack_start_companion_' . $name, $value );
	}

	private function string_setting( string $name ): string {
		$value = $this->read( $name, '' );
		return is_string( $value ) ? trim( $value ) : '';
	}

	public function service_url(): string {
		return $this->string_setting( 'service_url' );
	}

	/**
	 * The per-site signing key. Only the signer should call this.
	 */
	public function site_key(): string {
		return $this->string_setting( 'site_key' );
	}

	public function is_configured(): bool {
		return '' !== $this->service_url() && '' !== $this->site_key();
	}

	/**
	 * Plan slug the site asks for; null lets the host service apply its default.
	 */
	public function plan(): ?string {
		$plan = $this->string_setting( 'plan' );
		return 1 === preg_match( '/^[a-z0-9][a-z0-9_-]{0,63}$/', $plan ) ? $plan : null;
	}

	/**
	 * The plan's name as the host wrote it, or '' (the status then names the plan by its slug).
	 */
	public function plan_label(): string {
		return $this->string_setting( 'plan_label' );
	}

	public function host_name(): string {
		return $this->string_setting( 'host_name' );
	}

	public function support_url(): string {
		return Links::valid_or_empty( $this->string_setting( 'support_url' ) );
	}

	/**
	 * Where WordPress.com sends the user back after authorizing: true means this panel,
	 * a string is a URL the host registered with WordPress.com's partner allow-list.
	 */
	public function partner_redirect(): string {
		$value = $this->read( 'partner_redirect', false );
		if ( true === $value ) {
			return Admin\Page::url();
		}
		return is_string( $value ) ? Links::valid_or_empty( trim( $value ) ) : '';
	}

	/**
	 * Seconds to wait for the host service; it may take 60 s on WordPress.com and retry once.
	 */
	public function timeout(): int {
		$value = $this->read( 'timeout', self::DEFAULT_TIMEOUT );
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
		$value = $this->string_setting( 'runner' );
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
