<?php
/**
 * The one stored provisioning record of this site.
 *
 * The last good answer (outcome, next_url, dates) and the last failure are kept apart,
 * so a failed retry never erases a pending activation that still works.
 *
 * @package JetpackStartCompanion
 */

declare( strict_types=1 );

namespace JetpackStartCompanion\Provisioning;

use JetpackStartCompanion\HostService\PlanCheck;
use JetpackStartCompanion\HostService\ProvisionAnswer;
use JetpackStartCompanion\HostService\ServiceError;

defined( 'ABSPATH' ) || exit;

/**
 * @phpstan-type LastError array{code:string,message:string,source:string,retryable:bool,http_status:int,at:int,request_id:string,server_time:int|null}
 * @phpstan-type AttemptData array{key:string,started_at:int,answer_unknown:bool,body_sha256:string,phase:string,body:array<string,mixed>|null,user_id:int,token_hash:string,queued_at:int,dispatched_at:int}
 * @phpstan-type Confirmation array{plan_on_site:string,connected:bool,at:int,request_id:string}
 * @phpstan-type Answer array{request_id:string,provisioned_at:int,pending_expires_at:int|null,forced_register:bool,idempotent_replay:bool}
 */
final class Record {

	public const PENDING_DAYS = 14;

	/**
	 * An attempt's phases: recorded and waiting for a runner; taken by a runner, which is asking
	 * WordPress.com now; answered or failed (or from an older version, which had no phases).
	 */
	public const QUEUED = 'queued';
	public const SENT   = 'sent';
	public const CLOSED = 'closed';

	/**
	 * `last_error`: {code, message, source, retryable, http_status, at, request_id, server_time};
	 * `attempt`: {key, started_at, answer_unknown, body_sha256, phase, body, user_id, token_hash,
	 * queued_at, dispatched_at}: the intent (the body to send, for whom), its phase, the hash of
	 * the one-time token that lets a loopback request run it, and when it was queued and last
	 * handed to a runner;
	 * `confirmation`: what WordPress.com last said of the plan, {plan_on_site, connected, at, request_id};
	 * `answer`: what the service said with the last good answer, for support
	 * {request_id, provisioned_at, pending_expires_at, forced_register, idempotent_replay} (service clock).
	 *
	 * @param string|null $plan         Plan granted or pending.
	 * @param string|null $outcome      Outcome of the last good answer.
	 * @param string      $next_url     Its next_url.
	 * @param int|null    $requested_at When it was received (site clock).
	 * @param int|null    $expires_at   When a pending activation lapses (site clock).
	 * @param array|null  $last_error   The last failure.
	 * @param array|null  $attempt      The last attempt sent.
	 * @param array|null  $confirmation WordPress.com's last word on the plan.
	 * @param array|null  $answer       Support details of the last good answer.
	 * @param int|null    $cancelled_at When the host cancelled the plan (service clock, contract §10).
	 * @phpstan-param LastError|null    $last_error
	 * @phpstan-param AttemptData|null  $attempt
	 * @phpstan-param Confirmation|null $confirmation
	 * @phpstan-param Answer|null       $answer
	 */
	public function __construct(
		public readonly ?string $plan = null,
		public readonly ?string $outcome = null,
		public readonly string $next_url = '',
		public readonly ?int $requested_at = null,
		public readonly ?int $expires_at = null,
		public readonly ?array $last_error = null,
		public readonly ?array $attempt = null,
		public readonly ?array $confirmation = null,
		public readonly ?array $answer = null,
		public readonly ?int $cancelled_at = null,
	) {}

	/**
	 * @param mixed $data What get_option() returned.
	 */
	public static function from_array( $data ): self {
		if ( ! is_array( $data ) ) {
			return new self();
		}
		$outcome = in_array( $data['outcome'] ?? null, array( ProvisionAnswer::ACTIVE, ProvisionAnswer::AWAITING_AUTHORIZATION, ProvisionAnswer::AWAITING_DNS ), true ) ? $data['outcome'] : null;
		// RecordShape has checked each field's type against its SHAPES, which these types mirror.
		/** @var LastError|null $last_error */
		$last_error = RecordShape::read( $data['last_error'] ?? null, 'last_error' );
		/** @var AttemptData|null $attempt */
		$attempt = RecordShape::read( $data['attempt'] ?? null, 'attempt' );
		/** @var Confirmation|null $confirmation */
		$confirmation = RecordShape::read( $data['confirmation'] ?? null, 'confirmation' );
		/** @var Answer|null $answer */
		$answer = RecordShape::read( $data['answer'] ?? null, 'answer' );
		return new self(
			is_string( $data['plan'] ?? null ) ? $data['plan'] : null,
			$outcome,
			is_string( $data['next_url'] ?? null ) ? $data['next_url'] : '',
			is_int( $data['requested_at'] ?? null ) ? $data['requested_at'] : null,
			is_int( $data['expires_at'] ?? null ) ? $data['expires_at'] : null,
			$last_error,
			$attempt,
			$confirmation,
			$answer,
			is_int( $data['cancelled_at'] ?? null ) ? $data['cancelled_at'] : null,
		);
	}

	/**
	 * @return array<string,mixed>
	 */
	public function to_array(): array {
		return get_object_vars( $this );
	}

	/**
	 * A copy with some fields changed.
	 *
	 * @param array<string,mixed> $changes Field => new value.
	 */
	private function with( array $changes ): self {
		return new self( ...array_merge( $this->to_array(), $changes ) );
	}

	/**
	 * @param array $attempt The attempt to record (Provisioner builds it).
	 * @phpstan-param AttemptData $attempt
	 */
	public function with_attempt( array $attempt ): self {
		return $this->with( array( 'attempt' => $attempt ) );
	}

	/**
	 * The attempt's phase (QUEUED, SENT or CLOSED), or null when there is none.
	 */
	public function attempt_phase(): ?string {
		return null === $this->attempt ? null : (string) $this->attempt['phase'];
	}

	/**
	 * The attempt's idempotency key, or '' when there is none.
	 */
	public function attempt_key(): string {
		return null === $this->attempt ? '' : (string) $this->attempt['key'];
	}

	/**
	 * An intent is recorded and not finished: queued for a runner, or being asked by one.
	 */
	public function has_open_attempt(): bool {
		return in_array( $this->attempt_phase(), array( self::QUEUED, self::SENT ), true );
	}

	/**
	 * A copy whose attempt has these fields changed (nothing when there is no attempt).
	 *
	 * @param array<string,mixed> $changes Attempt field => new value.
	 */
	public function with_attempt_changes( array $changes ): self {
		if ( null === $this->attempt ) {
			return $this;
		}
		/** @var AttemptData $attempt The same fields, some changed. */
		$attempt = array_merge( $this->attempt, $changes );
		return $this->with_attempt( $attempt );
	}

	/**
	 * Dates are the site's own clock: every later failure and confirmation is compared with
	 * them. A pending activation keeps its own 14-day clock here, so no answer from a host's
	 * service can make it look valid forever; when the service says it lapses earlier (an
	 * answer replayed from an older attempt, say), the earlier date wins.
	 */
	public function with_answer( ProvisionAnswer $answer, int $now ): self {
		$expires = null;
		if ( $answer->is_pending() ) {
			$expires = min( $now + self::PENDING_DAYS * DAY_IN_SECONDS, $answer->pending_expires_at ?? PHP_INT_MAX );
		}
		return new self(
			$answer->plan,
			$answer->outcome,
			$answer->next_url,
			$now,
			$expires,
			null,
			null, // Answered: the next attempt is a new intent with a new key.
			null,
			array(
				'request_id'         => $answer->request_id,
				'provisioned_at'     => $answer->provisioned_at,
				'pending_expires_at' => $answer->pending_expires_at,
				'forced_register'    => $answer->forced_register,
				'idempotent_replay'  => $answer->idempotent_replay,
			)
		);
	}

	public function with_error( ServiceError $error, int $now ): self {
		return $this->with(
			array(
				'attempt'    => null === $this->attempt ? null : array_merge(
					$this->attempt,
					array(
						'answer_unknown' => $error->answer_unknown(),
						'phase'          => self::CLOSED,
						'token_hash'     => '',
					)
				),
				'last_error' => array(
					'code'        => $error->code,
					'message'     => $error->message,
					'source'      => $error->source,
					'retryable'   => $error->retryable,
					'http_status' => $error->http_status,
					'at'          => $now,
					'request_id'  => $error->request_id,
					'server_time' => $error->server_time,
				),
			)
		);
	}

	/**
	 * The host cancelled the plan (its hosting ended): the plan and its dates stay, for the
	 * panel to name, until a new answer replaces the record.
	 *
	 * @param int $cancelled_at When the service recorded the cancel (its clock).
	 */
	public function with_cancel( int $cancelled_at ): self {
		return $this->with(
			array(
				'cancelled_at' => $cancelled_at,
				'attempt'      => null,
			)
		);
	}

	public function with_confirmation( PlanCheck $check ): self {
		return $this->with(
			array(
				'confirmation' => array(
					'plan_on_site' => $check->plan_on_site,
					'connected'    => $check->connected,
					'at'           => $check->checked_at,
					'request_id'   => $check->request_id,
				),
			)
		);
	}
}
