<?php
/**
 * Plan requests in two steps: queue an attempt (the owner's intent, recorded at once, so the
 * browser never waits for WordPress.com), and run it (one runner at a time per site, one
 * WordPress.com call per intent; whatever happens, the record ends in a state the panel can
 * explain). AttemptRunner decides where an attempt runs; WP-CLI runs it inline.
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
	 * How long an attempt whose answer never arrived keeps its idempotency key (Attempt).
	 */
	public const REUSE_KEY_SECONDS = Attempt::REUSE_KEY_SECONDS;

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
	 * Records the owner's intent when the site's state calls for a request; otherwise leaves the
	 * current state as it is. One intent reaches WordPress.com once: requests queued behind an
	 * attempt find it (still open, or answered), not a free lock to ask again with.
	 *
	 * @return array{key:string,token:string}|null|WP_Error The attempt to hand to a runner (its
	 *         key, and the one-time token that lets a loopback request run it); null when the
	 *         current state is the answer; WP_Error when nothing was recorded.
	 */
	public function queue( \WP_User $user ): array|null|WP_Error {
		$refusal = $this->refusal( $user );
		if ( null !== $refusal ) {
			return $refusal;
		}
		$lock = $this->store->acquire_lock( time() );
		if ( null === $lock ) {
			return new WP_Error( 'jetpack_start_companion_busy', __( 'Your plan is already being activated. This can take up to a minute.', 'jetpack-start-companion' ), array( 'status' => 409 ) );
		}
		try {
			// Another request may have queued, or finished, an attempt while this one waited: its
			// answer, and what WordPress.com did to Jetpack's connection meanwhile, are read anew.
			$record = $this->store->fresh_record();
			$this->detector->forget();
			$state = StateResolver::resolve( $record, $this->detector->detect( $user->ID ), false, time() );
			if ( $record->has_open_attempt() || ! self::asks_again( $record, $state ) ) {
				return null;
			}
			// The gate, before an intent is queued (and again before it runs, in run()): a check
			// that predicts the request's failure stops it before WordPress.com is called.
			$blocker = $this->preflight->blocker();
			if ( null !== $blocker ) {
				return self::blocked( $blocker );
			}
			$token   = bin2hex( random_bytes( 32 ) );
			$attempt = Attempt::queue( $record->attempt, Attempt::body( $user, $this->config->plan() ), $user->ID, $token, time() );
			$this->store->save( $record->with_attempt( $attempt ) );
			return array(
				'key'   => (string) $attempt['key'],
				'token' => $token,
			);
		} finally {
			$this->store->release_lock( $lock );
		}
	}

	/**
	 * Runs the queued attempt with this key, if it is still queued: the one WordPress.com call of
	 * its intent. Any runner may call it (after the response, a loopback request, WP-Cron, WP-CLI);
	 * only the first that finds the attempt queued sends it.
	 *
	 * @return bool True when this call sent the attempt.
	 */
	public function run( string $key ): bool {
		$lock = $this->store->acquire_lock( time() );
		if ( null === $lock ) {
			return false; // A runner has it, or a request is recording something: it is not ours.
		}
		// The record as the attempt ends is saved under the lock and announced after it.
		$sent = false;
		try {
			$record  = $this->store->fresh_record();
			$attempt = $record->attempt;
			if ( null === $attempt || Record::QUEUED !== $attempt['phase'] || $key !== $attempt['key'] ) {
				$this->store->release_lock( $lock );
				return false;
			}
			$user    = get_userdata( $attempt['user_id'] );
			$refusal = false === $user ? new WP_Error( 'jetpack_start_companion_no_user', __( 'The user who asked for the plan no longer exists.', 'jetpack-start-companion' ) ) : $this->refusal( $user );
			$blocker = null === $refusal ? $this->preflight->blocker() : null;
			$refusal = null === $blocker ? $refusal : self::blocked( $blocker );
			$body    = Attempt::stored_body( $attempt['body'] );
			if ( null !== $refusal ) {
				// Refused before the call (the site changed since the intent was queued): say why.
				$done = $record->with_error( new ServiceError( (string) $refusal->get_error_code(), $refusal->get_error_message(), 'site', false ), time() );
			} elseif ( null === $body ) {
				$done = $record->with_error( new ServiceError( 'site_internal_error', 'The queued request was damaged.', 'site', true ), time() );
			} else {
				// Saved before the call, as "answer unknown": if PHP dies mid-request, a runner that
				// finds it must resend this key while this one may still be running, never a new one.
				$record = $record->with_attempt_changes(
					array(
						'phase'      => Record::SENT,
						'token_hash' => '',
					)
				);
				$this->store->save( $record );
				$sent   = true;
				$answer = $this->client->provision( $body, $key );
				$this->detector->forget();
				$done = $answer instanceof ProvisionAnswer ? $record->with_answer( $answer, time() ) : $record->with_error( $answer, time() );
			}
		} catch ( \Throwable $e ) {
			$done = $this->store->fresh_record()->with_error( new ServiceError( 'site_internal_error', 'The request stopped unexpectedly.', 'site', true ), time() );
		}
		try {
			$this->store->save( $done );
		} finally {
			$this->store->release_lock( $lock );
		}
		self::announce( $done );
		return $sent;
	}

	/**
	 * Queues and runs an attempt in this request, for WP-CLI (which waits on purpose).
	 *
	 * @return bool|WP_Error True once the current state is recorded; WP_Error when nothing was asked.
	 */
	public function request( \WP_User $user ): bool|WP_Error {
		$queued = $this->queue( $user );
		if ( is_wp_error( $queued ) ) {
			return $queued;
		}
		if ( null !== $queued ) {
			$this->run( $queued['key'] );
		}
		return true;
	}

	/**
	 * Why this user's request may not be queued, or run, now; null when nothing stands in the
	 * way. The one place for the preconditions: checked when an attempt is queued and again
	 * when a runner is about to send it.
	 */
	private function refusal( \WP_User $user ): ?WP_Error {
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
		return null;
	}

	/**
	 * A plan request refused by the gate: the check's words for the owner, its evidence and the
	 * host's fix for support (data.check).
	 */
	private static function blocked( Result $blocker ): WP_Error {
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
	 * The states whose one action is "ask (again)": nothing asked yet, an offer that lapsed, a
	 * failed attempt, and a plan WordPress.com says is missing although the site looks active.
	 */
	private static function asks_again( Record $record, string $state ): bool {
		if ( in_array( $state, array( StateResolver::NOT_REQUESTED, StateResolver::EXPIRED, StateResolver::FAILED ), true ) ) {
			return true;
		}
		return StateResolver::ACTIVE === $state && PlanCheck::MISSING === StateResolver::plan_on_site( $record );
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
		$lock = $this->store->acquire_lock_soon();
		if ( null === $lock ) {
			// A plan request is running: this answer is about the one before it.
			return true;
		}
		try {
			$now = $this->store->fresh_record();
			if ( $now->plan === $record->plan && $now->requested_at === $record->requested_at ) {
				$this->store->save( $now->with_confirmation( $check ) );
				if ( PlanCheck::ACTIVE === $check->plan_on_site ) {
					ConfirmSchedule::clear(); // Confirmed: the server's own checks have nothing left to do.
				}
			}
		} finally {
			$this->store->release_lock( $lock );
		}
		return true;
	}
}
