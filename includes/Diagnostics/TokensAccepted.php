<?php
/**
 * WordPress.com still accepts the tokens this site holds: a connection whose tokens were revoked
 * or rotated (a restored backup, a copied database) looks connected on the site, and every plan
 * request then fails with method_not_found. Asked with the connection package's own validation,
 * as its test__connection_token_health does: the current user's (else the owner's) and the blog
 * token through Tokens::validate(), or the blog token alone through validate_blog_token() when
 * there is no user token to present. A refused blog token alone is a warning (the plan request's
 * force_register retry registers the site again); a refused owner's token is critical.
 *
 * @package JetpackStartCompanion
 */

declare( strict_types=1 );

namespace JetpackStartCompanion\Diagnostics;

defined( 'ABSPATH' ) || exit;

final class TokensAccepted implements NetworkCheck {

	private const MANAGER = 'Automattic\\Jetpack\\Connection\\Manager';
	private const TOKENS  = 'Automattic\\Jetpack\\Connection\\Tokens';

	public function id(): string {
		return 'tokens_accepted';
	}

	/**
	 * New tokens (a reconnection) make a kept result old: their digest is part of the context.
	 */
	public function context(): string {
		if ( ! class_exists( 'Jetpack_Options' ) ) {
			return site_url();
		}
		return site_url() . ' ' . (string) wp_json_encode( \Jetpack_Options::get_option( 'id' ) ) . ' ' . hash( 'sha256', (string) wp_json_encode( array( \Jetpack_Options::get_option( 'blog_token' ), \Jetpack_Options::get_option( 'user_tokens' ) ) ) );
	}

	public function run(): Result {
		if ( ! class_exists( self::MANAGER ) || ! class_exists( self::TOKENS ) || ! class_exists( 'Jetpack_Options' ) ) {
			return new Result( $this->id(), Result::GOOD, __( 'This site has no connection to WordPress.com yet, so there are no keys to check.', 'jetpack-start-companion' ), 'Jetpack\'s connection package not loaded' );
		}
		$manager_class = self::MANAGER;
		$tokens_class  = self::TOKENS;
		$manager       = new $manager_class();
		$blog_id       = \Jetpack_Options::get_option( 'id' );
		if ( ! $blog_id || ! $manager->is_connected() ) {
			return new Result( $this->id(), Result::GOOD, __( 'This site has no connection to WordPress.com yet, so there are no keys to check.', 'jetpack-start-companion' ), 'Manager::is_connected: no (no blog id or blog token)' );
		}
		$base    = rtrim( (string) \Automattic\Jetpack\Constants::get_constant( 'JETPACK__WPCOM_JSON_API_BASE' ), '/' ) . '/wpcom/v2/sites/' . (int) $blog_id . '/jetpack-token-health';
		$user_id = get_current_user_id();
		if ( $user_id && ! $manager->is_user_connected( $user_id ) ) {
			$user_id = 0;
		}
		if ( ! $user_id ) {
			$owner = (int) \Jetpack_Options::get_option( 'master_user' );
			if ( $owner && ! $manager->is_user_connected( $owner ) ) {
				return $this->refused( sprintf( 'blog id %d; connection owner (user %d) has no token on the site (test__connection_token_health: "Missing token for the connection owner")', (int) $blog_id, $owner ), 'owner token missing' );
			}
			$user_id = $owner;
		}
		$cap = static fn ( array $args, string $url ): array => str_contains( $url, '/jetpack-token-health' ) ? array( 'timeout' => self::TIMEOUT ) + $args : $args;
		add_filter( 'http_request_args', $cap, 10, 2 );
		try {
			if ( $user_id ) {
				$tried  = sprintf( 'POST %s (Tokens::validate for user %d, blog id %d)', $base, $user_id, (int) $blog_id );
				$answer = ( new $tokens_class() )->validate( $user_id );
				$blog   = is_array( $answer ) ? ( $answer['blog_token']['is_healthy'] ?? null ) : null;
				$user   = is_array( $answer ) ? ( $answer['user_token']['is_healthy'] ?? null ) : null;
			} else {
				$tried  = sprintf( 'GET %s/blog (Tokens::validate_blog_token, blog id %d)', $base, (int) $blog_id );
				$answer = ( new $tokens_class() )->validate_blog_token();
				$blog   = is_bool( $answer ) ? $answer : null;
				$user   = true;
			}
		} finally {
			remove_filter( 'http_request_args', $cap, 10 );
		}
		if ( ! is_bool( $blog ) || ! is_bool( $user ) ) {
			return new Result( $this->id(), Result::RECOMMENDED, __( 'Whether WordPress.com still accepts this site\'s connection could not be checked just now.', 'jetpack-start-companion' ), $tried . ' → no usable answer' . ( is_wp_error( $answer ) ? ': ' . $answer->get_error_code() : '' ), __( 'Try again in a few minutes.', 'jetpack-start-companion' ), 'WordPress.com\'s token-health endpoint did not answer (unreachable, or an error): the tokens could not be compared.' );
		}
		$evidence = $tried . sprintf( ' → blog token healthy: %s; user token healthy: %s', $blog ? 'yes' : 'no', $user_id ? ( $user ? 'yes' : 'no' ) : 'not presented' );
		if ( $blog && $user ) {
			return new Result( $this->id(), Result::GOOD, __( 'WordPress.com accepts this site\'s connection.', 'jetpack-start-companion' ), $evidence );
		}
		if ( $user ) {
			// The plan request's one force_register retry cures it: WordPress.com still signs
			// jetpack.remoteRegister with the owner's token, and the site registers again.
			return new Result(
				$this->id(),
				Result::RECOMMENDED,
				__( 'WordPress.com no longer accepts this site\'s own key. Activating the plan connects the site again, and you will approve the connection once more.', 'jetpack-start-companion' ),
				$evidence,
				__( 'Activate the plan, then approve the connection on WordPress.com when asked.', 'jetpack-start-companion' ),
				'WordPress.com refuses the site\'s blog token (revoked, rotated, or a restored backup) but accepts the owner\'s: the plan request\'s one force_register retry registers the site again under the same blog id, and the owner authorizes again (case B).'
			);
		}
		return $this->refused( $evidence, $blog ? 'user token' : 'blog token and user token' );
	}

	/**
	 * @param string $evidence What was asked and answered.
	 * @param string $refused  Which token WordPress.com refused.
	 */
	private function refused( string $evidence, string $refused ): Result {
		return new Result(
			$this->id(),
			Result::CRITICAL,
			__( 'WordPress.com no longer accepts this site\'s connection: the keys it holds are out of date.', 'jetpack-start-companion' ),
			$evidence,
			__( 'Reconnect Jetpack (in Jetpack, choose Restore connection or Reconnect), then try again.', 'jetpack-start-companion' ),
			sprintf( 'WordPress.com refuses the site\'s %s (revoked or rotated, or the site was restored from a backup or copied): every provision ends in method_not_found, and a force_register retry cannot cure a site with an owner. Restore the connection first (Jetpack\'s POST jetpack/v4/connection/reconnect, Manager::restore()).', $refused )
		);
	}
}
