<?php
/**
 * An attempt: one intent to ask for the plan, as the record keeps it (RecordShape::SHAPES) — the
 * body to send, for whom, its idempotency key and phase, and the hash of its runner's token.
 *
 * @package JetpackStartCompanion
 */

declare( strict_types=1 );

namespace JetpackStartCompanion\Provisioning;

defined( 'ABSPATH' ) || exit;

/**
 * @phpstan-import-type AttemptData from Record
 */
final class Attempt {

	/**
	 * How long an attempt whose answer never arrived keeps its idempotency key; matches the service's replay window.
	 */
	public const REUSE_KEY_SECONDS = 600;

	/**
	 * The body of the plan request (contract §3) for this user. A filter may change `home_url`,
	 * `local_user` and `plan`; `siteurl` is the signer's own site, and no other field reaches the
	 * service.
	 *
	 * @param \WP_User    $user Who asks (the connection's owner to be).
	 * @param string|null $plan The plan slug, or null for the service's default.
	 * @return array{siteurl:string,home_url:string,local_user:string,plan:?string}
	 */
	public static function body( \WP_User $user, ?string $plan ): array {
		$body = array(
			'siteurl'    => site_url(),
			'home_url'   => home_url(),
			'local_user' => $user->user_login,
			'plan'       => $plan,
		);
		/**
		 * The plan request the site sends to the host service, before it is signed. Change
		 * `home_url`, `local_user` or `plan` (a slug, or null for the service's default); a
		 * value of the wrong type keeps the original, `siteurl` cannot change, and fields the
		 * contract does not define are dropped.
		 *
		 * @since 0.2.0
		 *
		 * @param array    $body {siteurl, home_url, local_user, plan}.
		 * @param \WP_User $user The user asking, who will own the Jetpack connection.
		 */
		$filtered = apply_filters( 'jetpack_start_companion_provision_request', $body, $user );
		$filtered = is_array( $filtered ) ? $filtered : array();
		foreach ( array( 'home_url', 'local_user' ) as $field ) {
			if ( isset( $filtered[ $field ] ) && is_string( $filtered[ $field ] ) && '' !== $filtered[ $field ] ) {
				$body[ $field ] = $filtered[ $field ];
			}
		}
		if ( array_key_exists( 'plan', $filtered ) && ( null === $filtered['plan'] || is_string( $filtered['plan'] ) ) ) {
			$body['plan'] = $filtered['plan'];
		}
		return $body;
	}

	/**
	 * A stored body as the client takes it, or null when it is not one.
	 *
	 * @param mixed $body The attempt's `body`.
	 * @return array{siteurl:string,home_url:string,local_user:string,plan:?string}|null
	 */
	public static function stored_body( $body ): ?array {
		if ( ! is_array( $body ) || ! is_string( $body['siteurl'] ?? null ) || ! is_string( $body['home_url'] ?? null ) || ! is_string( $body['local_user'] ?? null ) || ! ( is_string( $body['plan'] ?? null ) || ! isset( $body['plan'] ) ) ) {
			return null;
		}
		return array(
			'siteurl'    => $body['siteurl'],
			'home_url'   => $body['home_url'],
			'local_user' => $body['local_user'],
			'plan'       => $body['plan'] ?? null,
		);
	}

	/**
	 * The attempt to queue: the previous one again when its answer never arrived and the body is
	 * the same (the service then replays it instead of asking WordPress.com twice), else a new one.
	 *
	 * @param array<string,mixed>|null                                             $previous The stored attempt.
	 * @param array{siteurl:string,home_url:string,local_user:string,plan:?string} $body    The request body to send.
	 * @param int                                                                  $user_id Who asked (the connection's owner to be).
	 * @param string                                                               $token   The one-time token of its runner.
	 * @param int                                                                  $now     Current time.
	 * @return array<string,mixed>
	 * @phpstan-return AttemptData
	 */
	public static function queue( ?array $previous, array $body, int $user_id, string $token, int $now ): array {
		$fingerprint = hash( 'sha256', (string) wp_json_encode( $body ) );
		$reused      = null !== $previous && true === $previous['answer_unknown'] && $fingerprint === $previous['body_sha256'] && $now - $previous['started_at'] < self::REUSE_KEY_SECONDS;
		return array(
			'key'            => $reused ? (string) $previous['key'] : str_replace( '-', '', wp_generate_uuid4() ),
			'started_at'     => $reused ? (int) $previous['started_at'] : $now,
			'answer_unknown' => true,
			'body_sha256'    => $fingerprint,
			'phase'          => Record::QUEUED,
			'body'           => $body,
			'user_id'        => $user_id,
			'token_hash'     => hash( 'sha256', $token ),
			'queued_at'      => $now,
			'dispatched_at'  => $now,
		);
	}
}
