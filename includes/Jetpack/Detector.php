<?php
/**
 * Finds out whether Jetpack is installed, loaded and connected.
 *
 * Uses Jetpack's current APIs and falls back to older ones, never a deprecated call
 * (those emit notices). Whether Jetpack is here is decided without autoloading (the class
 * `Jetpack` is only the plugin's; the connection package also ships in Boost, Backup and
 * Protect, so its classes alone do not mean Jetpack is here). Once Jetpack is known to be
 * loaded, its package classes are autoloaded, so the answers never depend on whether something
 * earlier in the request happened to need them (offline mode did, until it asked Status
 * only when loaded).
 *
 * @package JetpackStartCompanion
 */

declare( strict_types=1 );

namespace JetpackStartCompanion\Jetpack;

defined( 'ABSPATH' ) || exit;

final class Detector {

	private const KNOWN_FILES = array( 'jetpack/jetpack.php', 'jetpack-dev/jetpack.php' );

	public function detect( int $user_id ): JetpackState {
		$file = $this->loaded_from_known_folder() ?? $this->plugin_file();
		if ( null === $file ) {
			return JetpackState::missing();
		}

		// JETPACK__VERSION is defined even when Jetpack bails out early, so the class decides.
		$plugin_active = is_plugin_active( $file );
		if ( ! $plugin_active || ! class_exists( 'Jetpack', false ) ) {
			return new JetpackState( true, false, $file, $this->header_version( $file ), false, false, false, false, null, $plugin_active );
		}

		$manager = $this->connection_manager();
		if ( null !== $manager ) {
			$connected      = (bool) $manager->is_connected();
			$has_owner      = method_exists( $manager, 'has_connected_owner' ) ? (bool) $manager->has_connected_owner() : $connected && $this->option_owner();
			$user_connected = $user_id > 0 && (bool) $manager->is_user_connected( $user_id );
		} else {
			$connected      = method_exists( 'Jetpack', 'is_connection_ready' ) && (bool) \Jetpack::is_connection_ready();
			$has_owner      = $connected && $this->option_owner();
			$user_connected = false;
		}

		return new JetpackState(
			true,
			true,
			$file,
			defined( 'JETPACK__VERSION' ) ? (string) JETPACK__VERSION : $this->header_version( $file ),
			$connected,
			$has_owner,
			$user_connected,
			$this->offline_mode(),
			$this->blog_id(),
			true
		);
	}

	/**
	 * The common case without reading every plugin's header: Jetpack is active from its own (or
	 * its Beta) folder and loaded. A plugin list this request already read (or a test set) wins.
	 */
	private function loaded_from_known_folder(): ?string {
		if ( ! class_exists( 'Jetpack', false ) || false !== wp_cache_get( 'plugins', 'plugins' ) ) {
			return null;
		}
		if ( ! function_exists( 'is_plugin_active' ) ) {
			require_once ABSPATH . 'wp-admin/includes/plugin.php';
		}
		foreach ( self::KNOWN_FILES as $file ) {
			if ( is_plugin_active( $file ) && is_file( WP_PLUGIN_DIR . '/' . $file ) ) {
				return $file;
			}
		}
		return null;
	}

	/**
	 * The Version header of the plugin file, or null.
	 */
	private function header_version( string $file ): ?string {
		$plugins = get_plugins();
		return isset( $plugins[ $file ]['Version'] ) && '' !== $plugins[ $file ]['Version'] ? (string) $plugins[ $file ]['Version'] : null;
	}

	/**
	 * Forgets what this request cached of Jetpack's connection. WordPress.com changes it from
	 * other requests while a provision call waits (its callbacks register the site, or register
	 * it again with `force_register`, which drops the owner's token): the answer to that call
	 * must read it anew, not from the options loaded when the request began.
	 */
	public function forget(): void {
		foreach ( array( 'alloptions', 'notoptions', 'jetpack_options', 'jetpack_private_options' ) as $key ) {
			wp_cache_delete( $key, 'options' );
		}
		$class = 'Automattic\\Jetpack\\Connection\\Manager';
		if ( class_exists( $class, false ) && method_exists( $class, 'reset_connection_status' ) ) {
			( new $class() )->reset_connection_status();
		}
	}

	/**
	 * The Jetpack plugin file: the release, the Beta build, or a renamed folder.
	 */
	public function plugin_file(): ?string {
		if ( ! function_exists( 'get_plugins' ) ) {
			require_once ABSPATH . 'wp-admin/includes/plugin.php';
		}
		$plugins = get_plugins();
		foreach ( self::KNOWN_FILES as $file ) {
			if ( isset( $plugins[ $file ] ) ) {
				return $file;
			}
		}
		foreach ( $plugins as $file => $headers ) {
			if ( 'jetpack' === ( $headers['TextDomain'] ?? '' ) ) {
				return (string) $file;
			}
		}
		return null;
	}

	private function connection_manager(): ?object {
		$class = 'Automattic\\Jetpack\\Connection\\Manager';
		if ( ! class_exists( $class ) || ! method_exists( $class, 'is_connected' ) || ! method_exists( $class, 'is_user_connected' ) ) {
			return null;
		}
		return new $class();
	}

	/**
	 * Jetpack's own answer whenever Jetpack is loaded: its Status class (autoloaded if this request
	 * has not needed it yet) applies every rule, local site and environment type included, and
	 * memoises the answer for the request. Only a Jetpack too old to have the class is read from
	 * the constants and filter it documented then.
	 */
	private function offline_mode(): bool {
		$class = 'Automattic\\Jetpack\\Status';
		if ( class_exists( $class ) && method_exists( $class, 'is_offline_mode' ) ) {
			return (bool) ( new $class() )->is_offline_mode();
		}
		$constant = ( defined( 'JETPACK_DEV_DEBUG' ) && JETPACK_DEV_DEBUG ) || ( defined( 'WP_LOCAL_DEV' ) && WP_LOCAL_DEV );
		return (bool) apply_filters( 'jetpack_offline_mode', $constant ); // phpcs:ignore WordPress.NamingConventions.PrefixAllGlobals.NonPrefixedHooknameFound -- Jetpack's own filter, read the way Jetpack reads it.
	}

	private function blog_id(): ?int {
		if ( ! class_exists( 'Jetpack_Options' ) ) {
			return null;
		}
		$id = \Jetpack_Options::get_option( 'id' );
		return is_numeric( $id ) && (int) $id > 0 ? (int) $id : null;
	}

	private function option_owner(): bool {
		return class_exists( 'Jetpack_Options' ) && (int) \Jetpack_Options::get_option( 'master_user' ) > 0;
	}
}
