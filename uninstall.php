<?php
/**
 * Removes what the plugin stored. Configuration lives in wp-config.php and stays.
 *
 * @package JetpackStartCompanion
 */

declare( strict_types=1 );

defined( 'WP_UNINSTALL_PLUGIN' ) || exit;

delete_option( 'jetpack_start_companion_record' );
delete_option( 'jetpack_start_companion_lock' );
