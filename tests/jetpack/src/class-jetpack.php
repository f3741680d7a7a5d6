<?php
/**
 * The part of the full Jetpack plugin's main class that the companion reads (only the Jetpack
 * plugin has this class; Boost, Backup and Protect ship the connection package without it).
 * Every answer comes from the real connection package.
 *
 * @package jetpack-test
 */

declare( strict_types=1 );

defined( 'ABSPATH' ) || exit;

if ( ! class_exists( 'Jetpack', false ) ) {
	/**
	 * The Jetpack plugin.
	 */
	class Jetpack {
		/**
		 * Connection manager for the jetpack slug.
		 *
		 * @return Automattic\Jetpack\Connection\Manager
		 */
		public static function connection() {
			return new Automattic\Jetpack\Connection\Manager( 'jetpack' );
		}

		/**
		 * Whether the connection is ready to be used (site connected), filterable like the real one.
		 *
		 * @return bool
		 */
		public static function is_connection_ready() {
			return (bool) apply_filters( 'jetpack_is_connection_ready', self::connection()->is_connected(), self::connection() );
		}

		/**
		 * Deprecated since Jetpack 9.6. It raises a deprecation notice here, so tests catch any use.
		 *
		 * @deprecated 9.6.0
		 * @return bool
		 */
		public static function is_active() {
			_deprecated_function( __METHOD__, 'jetpack-9.6', 'Automattic\\Jetpack\\Connection\\Manager::has_connected_owner' );
			return self::connection()->has_connected_owner();
		}

		/**
		 * Deprecated since Jetpack 9.5.
		 *
		 * @deprecated 9.5.0
		 * @param int|false $user_id User id, false for the current user.
		 * @return bool
		 */
		public static function is_user_connected( $user_id = false ) {
			_deprecated_function( __METHOD__, 'jetpack-9.5', 'Automattic\\Jetpack\\Connection\\Manager::is_user_connected' );
			return self::connection()->is_user_connected( $user_id );
		}

		/**
		 * Whether a plugin is active (in 'folder/file.php' form).
		 *
		 * @param string $plugin Plugin.
		 * @return bool
		 */
		public static function is_plugin_active( $plugin = 'jetpack/jetpack.php' ) {
			return in_array( $plugin, (array) get_option( 'active_plugins', array() ), true );
		}
	}
}
