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

use Automattic\Jetpack\Connection\Manager;
use Automattic\Jetpack\Status;

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

		$manager        = $this->connection_manager();
		$connected      = null !== $manager && (bool) $manager->is_connected();
		$has_owner      = null !== $manager && (bool) $manager->has_connected_owner();
		$user_connected = null !== $manager && $user_id > 0 && (bool) $manager->is_user_connected( $user_id );

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
		// Only Jetpack 14.9 and later (connection package 6.15) memoise the connection status; older
		// ones have nothing to reset and no reset method.
		$reset = class_exists( Manager::class, false ) ? array( new Manager(), 'reset_connection_status' ) : null;
		if ( is_callable( $reset ) ) {
			$reset();
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

	/**
	 * Jetpack's connection manager, autoloaded. Every Jetpack since 9.6 (2021, the oldest that
	 * runs on the PHP and WordPress versions this plugin requires) ships it with these methods.
	 */
	private function connection_manager(): ?Manager {
		return class_exists( Manager::class ) ? new Manager() : null;
	}

	/**
	 * Jetpack's own answer whenever Jetpack is loaded: its Status class (autoloaded if this request
	 * has not needed it yet) applies every rule, local site and environment type included, and
	 * memoises the answer for the request. Only a Jetpack too old to have the class is read from
	 * the constants and filter it documented then.
	 */
	private function offline_mode(): bool {
		if ( class_exists( Status::class ) ) {
			return (bool) ( new Status() )->is_offline_mode();
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
}
