<?php
/**
 * Stand-in for Automattic\Jetpack\Connection\Manager (package automattic/jetpack-connection).
 * Other Jetpack-family plugins (Boost, Backup, Protect) ship the same class, hence the guard.
 * tests/fixtures/jetpack-boost-stand-in/class-manager.php must stay an identical copy of this
 * file (tests/env/wp.sh checks): whichever plugin loads first provides the class, as with the
 * real shared package.
 *
 * @package jetpack-stand-in
 */

declare( strict_types=1 );

namespace Automattic\Jetpack\Connection;

defined( 'ABSPATH' ) || exit;

if ( ! class_exists( __NAMESPACE__ . '\\Manager', false ) ) {
	/**
	 * The connection between the site and WordPress.com, read from Jetpack's options.
	 */
	class Manager {
		/**
		 * Slug of the plugin using the manager.
		 *
		 * @var string|null
		 */
		protected $plugin_slug;

		/**
		 * Constructor.
		 *
		 * @param string|null $plugin_slug Slug of the plugin using the connection.
		 */
		public function __construct( $plugin_slug = null ) {
			$this->plugin_slug = null === $plugin_slug ? null : (string) $plugin_slug;
		}

		/**
		 * Reads one of Jetpack's options through Jetpack_Options, or straight from its grouped
		 * option when only a Jetpack-family plugin without Jetpack_Options is loaded.
		 *
		 * @param string $name Option name (id, master_user, blog_token, user_tokens).
		 * @return mixed
		 */
		protected static function option( string $name ) {
			if ( class_exists( 'Jetpack_Options', false ) ) {
				return \Jetpack_Options::get_option( $name );
			}
			$group  = in_array( $name, array( 'blog_token', 'user_tokens' ), true ) ? 'jetpack_private_options' : 'jetpack_options';
			$values = get_option( $group );
			return is_array( $values ) && array_key_exists( $name, $values ) ? $values[ $name ] : false;
		}

		/**
		 * The site has a WordPress.com blog id AND a blog token.
		 *
		 * @return bool
		 */
		public function is_connected() {
			if ( ! self::option( 'id' ) ) {
				return false;
			}
			return null !== $this->get_access_token( 0 );
		}

		/**
		 * Deprecated alias of is_connected().
		 *
		 * @deprecated 1.12.1 Use is_connected instead.
		 * @return bool
		 */
		public function is_registered() {
			_deprecated_function( __METHOD__, '1.12.1', __CLASS__ . '::is_connected' );
			return $this->is_connected();
		}

		/**
		 * Deprecated: whether the connection owner's token exists. (The real package skips the
		 * deprecation notice here; the stand-in raises it so tests catch any use.)
		 *
		 * @deprecated 1.25.0 Use has_connected_owner instead.
		 * @return bool
		 */
		public function is_active() {
			_deprecated_function( __METHOD__, '1.25.0', __CLASS__ . '::has_connected_owner' );
			$owner = self::option( 'master_user' );
			return $owner ? null !== $this->get_access_token( (int) $owner ) : false;
		}

		/**
		 * The site has a connection owner (master_user with a valid user token).
		 *
		 * @return bool
		 */
		public function has_connected_owner() {
			return (bool) $this->get_connection_owner_id();
		}

		/**
		 * Whether the given user (default: current user) has a user token.
		 *
		 * @param int|false $user_id User id, or false for the current user.
		 * @return bool
		 */
		public function is_user_connected( $user_id = false ) {
			$user_id = false === $user_id ? get_current_user_id() : absint( $user_id );
			if ( ! $user_id ) {
				return false;
			}
			return null !== $this->get_access_token( $user_id );
		}

		/**
		 * Local user id of the connection owner, or false when there is none.
		 *
		 * @return int|false
		 */
		public function get_connection_owner_id() {
			$owner = $this->get_connection_owner();
			return $owner instanceof \WP_User ? (int) $owner->ID : false;
		}

		/**
		 * The connection owner as a WP_User, or false.
		 *
		 * @return \WP_User|false
		 */
		public function get_connection_owner() {
			$user_id = (int) self::option( 'master_user' );
			if ( ! $user_id || null === $this->get_access_token( $user_id ) ) {
				return false;
			}
			$user = get_userdata( $user_id );
			return $user instanceof \WP_User ? $user : false;
		}

		/**
		 * Whether $user_id (default: current user) is the connection owner.
		 *
		 * @param int|false $user_id User id.
		 * @return bool
		 */
		public function is_connection_owner( $user_id = false ) {
			$user_id = false === $user_id ? get_current_user_id() : absint( $user_id );
			$owner   = $this->get_connection_owner_id();
			return $owner && $owner === $user_id;
		}

		/**
		 * Users that hold a user token.
		 *
		 * @param string   $capability Capability they must have, or 'any'.
		 * @param int|null $limit      Maximum number of users.
		 * @return \WP_User[]
		 */
		public function get_connected_users( $capability = 'any', $limit = null ) {
			$users  = array();
			$tokens = self::option( 'user_tokens' );
			if ( ! is_array( $tokens ) ) {
				return $users;
			}
			foreach ( array_keys( $tokens ) as $id ) {
				$id = (int) $id;
				if ( 'any' !== $capability && ! user_can( $id, $capability ) ) {
					continue;
				}
				$user = get_userdata( $id );
				if ( $user instanceof \WP_User && null !== $this->get_access_token( $id ) ) {
					$users[] = $user;
					if ( $limit && count( $users ) >= $limit ) {
						break;
					}
				}
			}
			return $users;
		}

		/**
		 * Whether any user holds a user token.
		 *
		 * @return bool
		 */
		public function has_connected_user() {
			return (bool) count( $this->get_connected_users( 'any', 1 ) );
		}

		/**
		 * Site-level connection only (no user connected, no master user).
		 *
		 * @return bool
		 */
		public function is_site_connection() {
			return $this->is_connected() && ! $this->has_connected_user() && ! self::option( 'master_user' );
		}

		/**
		 * Whether the master user is missing or invalid.
		 *
		 * @return bool
		 */
		public function is_missing_connection_owner() {
			$owner = $this->get_connection_owner_id();
			return ! $owner || ! get_user_by( 'id', $owner );
		}

		/**
		 * WordPress.com blog id, or false.
		 *
		 * @return int|false
		 */
		public function get_site_id() {
			$id = self::option( 'id' );
			return $id ? (int) $id : false;
		}

		/**
		 * Returns the token for the blog (0) or a user, or null when missing/malformed.
		 * Blog token: "key.secret"; user token: "key.secret.<user id>".
		 *
		 * @param int $user_id 0 for the blog token.
		 * @return object|null {secret, external_user_id}
		 */
		protected function get_access_token( int $user_id ) {
			if ( 0 === $user_id ) {
				$token = self::option( 'blog_token' );
				if ( ! is_string( $token ) || 2 > count( explode( '.', $token ) ) ) {
					return null;
				}
				return (object) array(
					'secret'           => $token,
					'external_user_id' => 0,
				);
			}
			$tokens = self::option( 'user_tokens' );
			if ( ! is_array( $tokens ) || empty( $tokens[ $user_id ] ) || ! is_string( $tokens[ $user_id ] ) ) {
				return null;
			}
			$chunks = explode( '.', $tokens[ $user_id ] );
			if ( 3 !== count( $chunks ) || (string) $user_id !== $chunks[2] ) {
				return null;
			}
			return (object) array(
				'secret'           => $chunks[0] . '.' . $chunks[1],
				'external_user_id' => $user_id,
			);
		}
	}
}
