<?php
/**
 * Why `wp jetpack-start-companion provision` may not ask from here: a plan slug that is not
 * this site's, terms the host has not accepted for the site (--accept-terms or the constant),
 * no owner named with --user, or an owner who may not manage the plan.
 *
 * @package JetpackStartCompanion
 */

declare( strict_types=1 );

namespace JetpackStartCompanion\Cli;

use JetpackStartCompanion\Config;
use JetpackStartCompanion\Plugin;
use WP_CLI;
use WP_Error;

defined( 'ABSPATH' ) || exit;

/**
 * The command line's own refusals, before the Provisioner's rules.
 */
final class ProvisionRefusal {

	/**
	 * Why this request may not be made from here, or null.
	 *
	 * @param Config               $config     Settings.
	 * @param \WP_User             $user       Who will own the connection (WP-CLI's --user).
	 * @param string|null          $plan       The --plan slug, if given.
	 * @param array<string,string> $assoc_args Options.
	 */
	public static function why( Config $config, \WP_User $user, ?string $plan, array $assoc_args ): ?WP_Error {
		if ( null !== $plan && $config->plan() !== $plan ) {
			return new WP_Error( 'jetpack_start_companion_invalid_plan', __( 'A plan slug is lower-case letters, digits, "-" and "_" (e.g. jetpack-backup-daily).', 'jetpack-start-companion' ) );
		}
		$accepted = (bool) WP_CLI\Utils\get_flag_value( $assoc_args, 'accept-terms', false ) || ( defined( 'JETPACK_START_COMPANION_ACCEPT_TERMS' ) && true === constant( 'JETPACK_START_COMPANION_ACCEPT_TERMS' ) );
		if ( ! $accepted ) {
			return new WP_Error( 'jetpack_start_companion_terms_not_accepted', __( 'Agree to the WordPress.com Terms of Service (https://wordpress.com/tos/) for this site with --accept-terms, or define JETPACK_START_COMPANION_ACCEPT_TERMS as true.', 'jetpack-start-companion' ) );
		}
		if ( ! $user->exists() ) {
			return new WP_Error( 'jetpack_start_companion_no_user', __( 'Say which administrator will own the Jetpack connection with WP-CLI\'s --user=<login|id|email>.', 'jetpack-start-companion' ) );
		}
		if ( ! user_can( $user, Plugin::capability() ) ) {
			/* translators: 1: user login, 2: capability name. */
			return new WP_Error( 'jetpack_start_companion_not_allowed', sprintf( __( 'User %1$s may not manage this site\'s Jetpack plan (needs %2$s).', 'jetpack-start-companion' ), $user->user_login, Plugin::capability() ) );
		}
		return null;
	}
}
