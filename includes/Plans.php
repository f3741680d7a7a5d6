<?php
/**
 * Human names for the plan slugs the Jetpack Start API accepts.
 *
 * @package JetpackStartCompanion
 */

declare( strict_types=1 );

namespace JetpackStartCompanion;

defined( 'ABSPATH' ) || exit;

final class Plans {

	/**
	 * Label for a plan slug; product names are not translated, the fallback is.
	 */
	public static function label( ?string $slug ): string {
		$labels = array(
			'free'                    => 'Jetpack Free',
			'personal'                => 'Jetpack Personal',
			'premium'                 => 'Jetpack Premium',
			'professional'            => 'Jetpack Professional',
			'jetpack-backup-daily'    => 'Jetpack Backup',
			'jetpack-backup-realtime' => 'Jetpack Backup (real-time)',
			'jetpack-scan'            => 'Jetpack Scan',
			'jetpack-anti-spam'       => 'Jetpack Anti-spam',
		);
		if ( null !== $slug && isset( $labels[ $slug ] ) ) {
			return $labels[ $slug ];
		}
		return __( 'your Jetpack plan', 'jetpack-start-companion' );
	}
}
