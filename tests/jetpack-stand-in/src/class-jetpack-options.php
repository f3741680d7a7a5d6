<?php
/**
 * Stand-in for Jetpack_Options (package automattic/jetpack-connection), reduced to the
 * options the detection surface reads. State lives in the REAL option names:
 *  - `jetpack_options` (array): `id` (WordPress.com blog id), `master_user` (local user id);
 *  - `jetpack_private_options` (array): `blog_token` ("key.secret"), `user_tokens`
 *    (local user id => "key.secret.user_id").
 *
 * @package jetpack-stand-in
 */

declare( strict_types=1 );

defined( 'ABSPATH' ) || exit;

if ( ! class_exists( 'Jetpack_Options', false ) ) {
	/**
	 * Reads and writes Jetpack's grouped options.
	 */
	class Jetpack_Options {
		/**
		 * Which grouped option holds which name.
		 *
		 * @var array<string, string[]>
		 */
		private const GROUPS = array(
			'jetpack_options'         => array( 'id', 'master_user', 'version', 'old_version', 'time_diff', 'onboarding' ),
			'jetpack_private_options' => array( 'blog_token', 'user_tokens', 'user_token' ),
		);

		/**
		 * Returns the option group that stores $name, or null for an unknown name.
		 *
		 * @param string $name Option name.
		 * @return string|null
		 */
		private static function group_of( string $name ): ?string {
			foreach ( self::GROUPS as $group => $names ) {
				if ( in_array( $name, $names, true ) ) {
					return $group;
				}
			}
			return null;
		}

		/**
		 * Returns the requested option. Looks in jetpack_options or jetpack_private_options.
		 *
		 * @param string $name    Option name.
		 * @param mixed  $default Default value when the option is not set.
		 * @return mixed
		 */
		public static function get_option( $name, $default = false ) {
			$group = self::group_of( (string) $name );
			if ( null === $group ) {
				return get_option( 'jetpack_' . $name, $default );
			}
			$values = get_option( $group );
			if ( is_array( $values ) && array_key_exists( $name, $values ) ) {
				return $values[ $name ];
			}
			return $default;
		}

		/**
		 * Updates a single option.
		 *
		 * @param string $name  Option name.
		 * @param mixed  $value Value.
		 * @return bool
		 */
		public static function update_option( $name, $value ): bool {
			$group = self::group_of( (string) $name );
			if ( null === $group ) {
				return update_option( 'jetpack_' . $name, $value );
			}
			$values          = get_option( $group );
			$values          = is_array( $values ) ? $values : array();
			$values[ $name ] = $value;
			return update_option( $group, $values );
		}

		/**
		 * Deletes the given option(s).
		 *
		 * @param string|string[] $names Option name(s).
		 * @return bool
		 */
		public static function delete_option( $names ): bool {
			foreach ( (array) $names as $name ) {
				$group = self::group_of( (string) $name );
				if ( null === $group ) {
					delete_option( 'jetpack_' . $name );
					continue;
				}
				$values = get_option( $group );
				if ( is_array( $values ) && array_key_exists( $name, $values ) ) {
					unset( $values[ $name ] );
					if ( array() === $values ) {
						delete_option( $group );
					} else {
						update_option( $group, $values );
					}
				}
			}
			return true;
		}
	}
}
