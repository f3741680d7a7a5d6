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

	private const LABELS = array(
		'free'                    => 'Jetpack Free',
		'personal'                => 'Jetpack Personal',
		'premium'                 => 'Jetpack Premium',
		'professional'            => 'Jetpack Professional',
		'jetpack-backup-daily'    => 'Jetpack Backup',
		'jetpack-backup-realtime' => 'Jetpack Backup (real-time)',
		'jetpack-scan'            => 'Jetpack Scan',
		'jetpack-anti-spam'       => 'Jetpack Anti-spam',
	);

	/**
	 * The product name for a plan slug (product names are not translated): a known plan's
	 * name, or one made from the slug ("jetpack-complete" is "Jetpack Complete"); '' for none.
	 */
	public static function label( ?string $slug ): string {
		if ( null === $slug || '' === $slug ) {
			return '';
		}
		if ( isset( self::LABELS[ $slug ] ) ) {
			return self::LABELS[ $slug ];
		}
		$words = array_map( 'ucfirst', array_filter( (array) preg_split( '/[-_]+/', strtolower( $slug ) ) ) );
		if ( 'Jetpack' !== ( $words[0] ?? '' ) ) {
			array_unshift( $words, 'Jetpack' );
		}
		return implode( ' ', $words );
	}
}
