<?php
/**
 * Runs one plan request: one at a time per site, and whatever happens, the record
 * ends in a state the panel can explain.
 *
 * @package JetpackStartCompanion
 */

declare( strict_types=1 );

namespace JetpackStartCompanion\Provisioning;

use JetpackStartCompanion\Config;
use JetpackStartCompanion\Diagnostics\Preflight;
use JetpackStartCompanion\Diagnostics\Result;
use JetpackStartCompanion\HostService\Client;
use JetpackStartCompanion\HostService\PlanCheck;
use JetpackStartCompanion\HostService\ProvisionAnswer;
use JetpackStartCompanion\HostService\ServiceError;
use JetpackStartCompanion\Jetpack\Detector;
use WP_Error;

defined( 'ABSPATH' ) || exit;

final class Provisioner {

	/**
	 * How long an attempt whose answer never arrived keeps its idempotency key; matches the service's replay window.
	 */
	public const REUSE_KEY_SECONDS = 600;

	/**
	 * How long an answer from WordPress.com about the plan is fresh enough to skip asking again.
	 */
	public const CONFIRM_SECONDS = 30;

	public function __construct(
		private Config $config,
		private Detector $detector,
		private Store $store,
		private Client $client,
		private Preflight $preflight,
	) {}

	/**
	 * Asks for the plan when the site's state calls for it; otherwise leaves the current state
	 * as it is. One intent reaches WordPress.com once: requests queued behind a finished attempt
	 * find its answer, not a free lock to ask again with.
	 *
	 * @return bool|WP_Error True once the current state is recorded (a new answer, good or bad,
	 *                       or the state that needed no request); WP_Error when nothing was asked.
	 */
	public function request( \WP_User $user ): bool|WP_Error {
		if ( ! $this->config->is_configured() ) {
			return new WP_Error( 'jetpack_start_companion_not_configured', __( 'Your hosting provider has not finished setting up this feature yet.', 'jetpack-start-companion' ), array( 'status' => 503 ) );
		}
		$jetpack = $this->detector->detect( $user->ID );
		if ( ! $jetpack->is_ready() ) {
			return new WP_Error( 'jetpack_start_companion_jetpack_not_ready', __( 'Jetpack must be installed, active and online before your plan can be activated.', 'jetpack-start-companion' ), array( 'status' => 412 ) );
		}
		// A plan given to a connection nobody owns can silently stay on the free plan.
		if ( $jetpack->has_orphan_connection() ) {
			return new WP_Error( 'jetpack_start_companion_connection_has_no_owner', __( 'Nobody owns this site\'s connection to WordPress.com. Connect your WordPress.com account first, then activate the plan.', 'jetpack-start-companion' ), array( 'status' => 409 ) );
		}
		$lock = $this->store->acquire_lock( time() );
		if ( null === $lock ) {
			return new WP_Error( 'jetpack_start_companion_busy', __( 'Your plan is already being activated. This can take up to a minute.', 'jetpack-start-companion' ), array( 'status' => 409 ) );
		}

		try {
			$result = $this->ask( $user );
		} catch ( \Throwable $e ) {
			$result = $this->store->fresh_record()->with_error( new ServiceError( 'site_internal_error', 'The request stopped unexpectedly.', 'site', true ), time() );
		}
		// Saved under the lock, announced after it: a listener's failure cannot change the record.
		try {
			if ( $result instanceof Record ) {
				$this->store->save( $result );
			}
		} finally {
			$this->store->release_lock( $lock );
		}
		if ( $result instanceof WP_Error ) {
			return $result;
		}
		if ( null !== $result ) {
			self::announce( $result );
		}
		return true;
	}

	/**
	 * Under the lock: the record with this attempt's answer or failure, null when the state as
	 * the database has it now needs no request, or the gate's refusal.
	 */
	private function ask( \WP_User $user ): Record|WP_Error|null {
		// Another request may have finished while this one waited for PHP or the lock: its
		// answer, and what WordPress.com did to Jetpack's connection meanwhile, are read anew.
		$record = $this->store->fresh_record();
		$this->detector->forget();
		if ( ! self::asks_again( $record, StateResolver::resolve( $record, $this->detector->detect( $user->ID ), false, time() ) ) ) {
			return null;
		}
		// The gate, the one place both the REST route and WP-CLI pass: a check that predicts
		// the request's failure stops it before WordPress.com is called.
		$blocker = $this->preflight->blocker();
		if ( null !== $blocker ) {
			return self::refusal( $blocker );
		}
		$body = $this->request_body( $user );
		// Saved before the call, as "answer unknown": if PHP dies mid-request, the next try
		// must not send a new key while this one may still be running.
		$attempt = $this->attempt( $record, $body, time() );
		$record  = $record->with_attempt( $attempt );
		$this->store->save( $record );

		$answer = $this->client->provision( $body, $attempt['key'] );
		$this->detector->forget();
		return $answer instanceof ProvisionAnswer ? $record->with_answer( $answer, time() ) : $record->with_error( $answer, time() );
	}

	/**
	 * The body of the plan request (contract §3). A filter may change `home_url`, `local_user`
	 * and `plan`; `siteurl` is the signer's own site, and no other field reaches the service.
	 *
	 * @return array{siteurl:string,home_url:string,local_user:string,plan:string|null}
	 */
	private function request_body( \WP_User $user ): array {
		$body = array(
			'siteurl'    => site_url(),
			'home_url'   => home_url(),
			'local_user' => $user->user_login,
			'plan'       => $this->config->plan(),
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
	 * Every attempt's outcome, for the host's analytics and support tooling.
	 */
	private static function announce( Record $record ): void {
		$outcome = null !== $record->last_error && $record->last_error['at'] >= (int) $record->requested_at ? 'failed' : (string) $record->outcome;
		/**
		 * A plan request was made and ended: fires once per attempt, after the record is saved.
		 * Not fired when no request was needed or another one was running.
		 *
		 * @since 0.2.0
		 *
		 * @param string $outcome `active`, `awaiting_authorization`, `awaiting_dns` (WordPress.com's
		 *                        answer) or `failed` (see the record's `last_error`: code,
		 *                        message, source, retryable, http_status, request_id).
		 * @param Record $record  The provisioning record as saved (read-only).
		 */
		do_action( 'jetpack_start_companion_provisioning_outcome', $outcome, $record );
	}

	/**
	 * A plan request refused by the gate: the check's words for the owner, its evidence and the
	 * host's fix for support (data.check).
	 */
	private static function refusal( Result $blocker ): WP_Error {
		return new WP_Error(
			'jetpack_start_companion_preflight_failed',
			trim( $blocker->label . ' ' . $blocker->fix ),
			array(
				'status' => 412,
				'check'  => $blocker->to_array(),
			)
		);
	}

	/**
	 * The states whose one action is "ask (again)": nothing asked yet, an offer that lapsed, a
	 * failed attempt, and a plan WordPress.com says is missing although the site looks active.
	 */
	private static function asks_again( Record $record, string $state ): bool {
		if ( in_array( $state, array( StateResolver::NOT_REQUESTED, StateResolver::EXPIRED, StateResolver::FAILED ), true ) ) {
			return true;
		}
		$check = $record->confirmation;
		return StateResolver::ACTIVE === $state && null !== $check && PlanCheck::MISSING === $check['plan_on_site'] && $check['at'] >= (int) $record->requested_at;
	}

	/**
	 * Asks WordPress.com (through the host service) whether the plan is on the site, and keeps
	 * the answer. A failed check changes nothing: the state the panel shows stays as it was.
	 *
	 * The remote call runs without the lock (a status check must not look like a plan request,
	 * nor hold one up); the answer is then written under the lock into the record as the
	 * database has it, and only when it is about the request that is still current.
	 *
	 * @return bool|WP_Error True once checked (or checked less than CONFIRM_SECONDS ago).
	 */
	public function confirm(): bool|WP_Error {
		$record = $this->store->fresh_record();
		if ( null === $record->plan || null === $record->outcome ) {
			return new WP_Error( 'jetpack_start_companion_nothing_to_confirm', __( 'No plan has been asked for yet.', 'jetpack-start-companion' ), array( 'status' => 409 ) );
		}
		if ( ! $this->config->is_configured() ) {
			return new WP_Error( 'jetpack_start_companion_not_configured', __( 'Your hosting provider has not finished setting up this feature yet.', 'jetpack-start-companion' ), array( 'status' => 503 ) );
		}
		if ( null !== $record->confirmation && time() - (int) $record->confirmation['at'] < self::CONFIRM_SECONDS ) {
			return true;
		}
		$check = $this->client->plan_check( $record->plan );
		if ( $check instanceof ServiceError ) {
			return new WP_Error( 'jetpack_start_companion_confirmation_failed', __( 'WordPress.com could not be asked about your plan just now.', 'jetpack-start-companion' ), array( 'status' => 502 ) );
		}
		$lock = $this->store->acquire_lock( time() );
		if ( null === $lock ) {
			// A plan request is running: this answer is about the one before it.
			return true;
		}
		try {
			$now = $this->store->fresh_record();
			if ( $now->plan === $record->plan && $now->requested_at === $record->requested_at ) {
				$this->store->save( $now->with_confirmation( $check ) );
			}
		} finally {
			$this->store->release_lock( $lock );
		}
		return true;
	}

	/**
	 * The attempt to send: the previous one again when its answer never arrived and the body is
	 * the same (the service then replays it instead of asking WordPress.com twice), else a new one.
	 *
	 * @param Record              $record Stored record.
	 * @param array<string,mixed> $body   The request body about to be sent.
	 * @param int                 $now    Current time.
	 * @return array{key:string,started_at:int,answer_unknown:bool,body_sha256:string}
	 */
	private function attempt( Record $record, array $body, int $now ): array {
		$fingerprint = hash( 'sha256', (string) wp_json_encode( $body ) );
		$previous    = $record->attempt;
		if ( null !== $previous && true === $previous['answer_unknown'] && $fingerprint === $previous['body_sha256'] && $now - $previous['started_at'] < self::REUSE_KEY_SECONDS ) {
			return $previous;
		}
		return array(
			'key'            => str_replace( '-', '', wp_generate_uuid4() ),
			'started_at'     => $now,
			'answer_unknown' => true,
			'body_sha256'    => $fingerprint,
		);
	}
}
