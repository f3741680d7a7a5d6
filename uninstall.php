<?php
/**
 * Removes what the plugin stored. Configuration lives in wp-config.php and stays.
 *
 * @package JetpackStartCompanion
 */

declare( strict_types=1 );

defined( 'WP_UNINSTALL_PLUGIN' ) || exit;

$jetpack_start_companion_forget = static function (): void {
	delete_option( 'jetpack_start_companion_record' );
	delete_option( 'jetpack_start_companion_lock' );
};

if ( is_multisite() ) {
	foreach ( get_sites(
		array(
			'fields' => 'ids',
			'number' => 0,
		)
	) as $jetpack_start_companion_site ) {
		switch_to_blog( (int) $jetpack_start_companion_site );
		$jetpack_start_companion_forget();
		restore_current_blog();
	}
} else {
	$jetpack_start_companion_forget();
}
