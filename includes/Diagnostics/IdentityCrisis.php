<?php
/**
 * The site is not a copy of another connected site: Jetpack's own identity-crisis signal (the
 * connection says another address), its safe mode, and its development-site rule. A plan given
 * to a clone lands on the wrong site, so a clone is refused; a staging site is warned about.
 *
 * Jetpack may ask WordPress.com to re-validate a stored identity crisis while answering, so the
 * check is kept like the network ones.
 *
 * @package JetpackStartCompanion
 */

declare( strict_types=1 );

namespace JetpackStartCompanion\Diagnostics;

defined( 'ABSPATH' ) || exit;

final class IdentityCrisis implements NetworkCheck {

	private const IDC    = 'Automattic\\Jetpack\\Identity_Crisis';
	private const STATUS = 'Automattic\\Jetpack\\Status';

	public function id(): string {
		return 'identity_crisis';
	}

	public function context(): string {
		return site_url() . ' ' . home_url();
	}

	public function run(): Result {
		if ( ! class_exists( 'Jetpack', false ) || ! class_exists( self::STATUS ) ) {
			return new Result( $this->id(), Result::GOOD, __( 'This site is not a copy of another connected site.', 'jetpack-start-companion' ), 'Jetpack not loaded: nothing to compare' );
		}
		$idc      = self::IDC;
		$status   = self::STATUS;
		$mismatch = self::has( $idc, 'get_mismatched_urls' ) ? $idc::get_mismatched_urls() : false;
		$safe     = self::has( $status, 'in_safe_mode' ) && (bool) ( new $status() )->in_safe_mode();
		$dev      = self::has( $status, 'is_development_site' ) && (bool) $status::is_development_site();
		$evidence = sprintf(
			'Identity_Crisis::get_mismatched_urls: %s; Status::in_safe_mode: %s; Status::is_development_site: %s (environment type %s)',
			is_array( $mismatch ) ? sprintf( 'WordPress.com has %s, this site is %s', (string) ( $mismatch['wpcom_url'] ?? '' ), (string) ( $mismatch['current_url'] ?? '' ) ) : 'none',
			$safe ? 'yes' : 'no',
			$dev ? 'yes' : 'no',
			wp_get_environment_type()
		);
		if ( is_array( $mismatch ) || $safe ) {
			return new Result(
				$this->id(),
				Result::CRITICAL,
				__( 'Jetpack thinks this site is a copy of another site (for example a staging copy, or the site moved to a new address).', 'jetpack-start-companion' ),
				$evidence,
				__( 'Open Jetpack and tell it whether this site moved or is a copy, then try again.', 'jetpack-start-companion' ),
				'Jetpack is in identity crisis / safe mode: WordPress.com knows this connection under another URL. Resolve it in Jetpack (move the connection, or start fresh for a copy) before provisioning, or the plan lands on the other site.'
			);
		}
		if ( $dev ) {
			return new Result(
				$this->id(),
				Result::RECOMMENDED,
				__( 'This site is marked as a staging or development site.', 'jetpack-start-companion' ),
				$evidence,
				__( 'Activate the plan on your live site rather than on a staging copy.', 'jetpack-start-companion' ),
				'wp_get_environment_type() is not production: Jetpack treats the site as a development site. Provision the production site.'
			);
		}
		return new Result( $this->id(), Result::GOOD, __( 'This site is not a copy of another connected site.', 'jetpack-start-companion' ), $evidence );
	}

	/**
	 * Jetpack's method is there (the packages change between releases).
	 */
	private static function has( string $class_name, string $method ): bool {
		return class_exists( $class_name ) && method_exists( $class_name, $method );
	}
}
