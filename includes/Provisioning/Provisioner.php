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
use JetpackStartCompanion\HostService\Client;
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
	) {}

	/**
	 * @return true|WP_Error True once an answer (good or bad) is recorded; WP_Error when nothing was asked.
	 */
	public function request( \WP_User $user ): bool|WP_Error {
		if ( ! $this->config->is_configured() ) {
			return new WP_Error( 'jetpack_start_companion_not_configured', __( 'Your hosting provider has not finished setting up this feature yet.', 'jetpack-start-companion' ), array( 'status' => 503 ) );
		}
		if ( ! $this->detector->detect( $user->ID )->is_ready() ) {
			return new WP_Error( 'jetpack_start_companion_jetpack_not_ready', __( 'Jetpack must be installed, active and online before your plan can be activated.', 'jetpack-start-companion' ), array( 'status' => 412 ) );
		}
		$now = time();
		if ( ! $this->store->acquire_lock( $now ) ) {
			return new WP_Error( 'jetpack_start_companion_busy', __( 'Your plan is already being activated. This can take up to a minute.', 'jetpack-start-companion' ), array( 'status' => 409 ) );
		}

		try {
			$record = $this->store->record();
			$record = $record->with_attempt( $this->idempotency_key( $record, $now ), $now );
			$this->store->save( $record );

			$answer = $this->client->provision(
				array(
					'siteurl'    => site_url(),
					'home_url'   => home_url(),
					'local_user' => $user->user_login,
					'plan'       => $this->config->plan(),
				),
				(string) $record->attempt['key']
			);
			$this->store->save( $this->record_answer( $record, $answer ) );
		} catch ( \Throwable $e ) {
			$this->store->save( $this->store->record()->with_error( new ServiceError( 'site_internal_error', 'The request stopped unexpectedly.', 'site', true ), time() ) );
		} finally {
			$this->store->release_lock();
		}
		return true;
	}

	/**
	 * Asks WordPress.com (through the host service) whether the plan is on the site, and keeps
	 * the answer. A failed check changes nothing: the state the panel shows stays as it was.
	 *
	 * @return bool|WP_Error True once checked (or checked less than CONFIRM_SECONDS ago).
	 */
	public function confirm(): bool|WP_Error {
		$record = $this->store->record();
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
		// Re-read: a plan request may have finished meanwhile, and its answer must not be lost.
		$this->store->save( $this->store->record()->with_confirmation( $check ) );
		return true;
	}

	private function record_answer( Record $record, ProvisionAnswer|ServiceError $answer ): Record {
		if ( $answer instanceof ProvisionAnswer ) {
			return $record->with_answer( $answer );
		}
		return $record->with_error( $answer, time() );
	}

	/**
	 * Reuses the key of an attempt whose answer never arrived, so the service replays it
	 * instead of asking WordPress.com twice; otherwise a new key.
	 */
	private function idempotency_key( Record $record, int $now ): string {
		$attempt = $record->attempt;
		if ( null !== $attempt && true === $attempt['answer_unknown'] && $now - (int) $attempt['started_at'] < self::REUSE_KEY_SECONDS ) {
			return $attempt['key'];
		}
		return str_replace( '-', '', wp_generate_uuid4() );
	}
}
