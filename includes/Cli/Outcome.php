<?php
/**
 * One sentence for the person reading a terminal: where the plan stands and who does what next.
 *
 * @package JetpackStartCompanion
 */

declare( strict_types=1 );

namespace JetpackStartCompanion\Cli;

use JetpackStartCompanion\Provisioning\StateResolver;

defined( 'ABSPATH' ) || exit;

final class Outcome {

	/**
	 * @param array<string,mixed> $item A StatusItem record.
	 */
	public static function message( array $item ): string {
		$plan = '' !== (string) $item['plan_label'] ? (string) $item['plan_label'] : __( 'The Jetpack plan', 'jetpack-start-companion' );
		switch ( $item['state'] ) {
			case StateResolver::ACTIVE:
				if ( 'missing' === $item['plan_on_site'] ) {
					/* translators: %s: plan name. */
					return sprintf( __( 'WordPress.com does not list %s on this site: ask for it again.', 'jetpack-start-companion' ), $plan );
				}
				/* translators: 1: plan name, 2: site URL. */
				return sprintf( __( '%1$s is active on %2$s.', 'jetpack-start-companion' ), $plan, $item['site_url'] );
			case StateResolver::AWAITING_AUTHORIZATION:
				/* translators: 1: plan name, 2: date, 3: URL. */
				return sprintf( __( '%1$s is reserved for this site until %2$s. The site owner finishes with "Set Up Jetpack" in wp-admin, or at %3$s', 'jetpack-start-companion' ), $plan, (string) $item['expires_at'], (string) $item['action_url'] );
			case StateResolver::AWAITING_DNS:
				/* translators: 1: plan name, 2: date. */
				return sprintf( __( '%1$s is reserved for this site until %2$s. WordPress.com cannot reach the site yet (its domain may not point here): once it can, the site owner finishes with "Set Up Jetpack" in wp-admin.', 'jetpack-start-companion' ), $plan, (string) $item['expires_at'] );
			case StateResolver::REQUESTING:
				return __( 'A plan request is running for this site right now; run this again in a minute.', 'jetpack-start-companion' );
			case StateResolver::CONNECTED_NO_OWNER:
				return __( 'This site is connected to WordPress.com, but nobody owns the connection: a site administrator connects their account first.', 'jetpack-start-companion' );
			case StateResolver::EXPIRED:
				return __( 'The reserved plan expired before the site owner finished: ask for it again.', 'jetpack-start-companion' );
			case StateResolver::FAILED:
				/* translators: 1: what happened, 2: error code. */
				return sprintf( __( '%1$s (%2$s)', 'jetpack-start-companion' ), (string) $item['error_message'], (string) $item['error_code'] );
			default:
				return __( 'No plan has been asked for yet.', 'jetpack-start-companion' );
		}
	}
}
