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

final class Record {

	/**
	 * `last_error`: {code, message, source, retryable, http_status, at}; `attempt`: {key, started_at, answer_unknown};
	 * `confirmation`: what WordPress.com last said of the plan, {plan_on_site, connected, at}.
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
	) {}

	/**
	 * @param mixed $data What get_option() returned.
	 */
	public static function from_array( $data ): self {
		if ( ! is_array( $data ) ) {
			return new self();
		}
		$outcome = in_array( $data['outcome'] ?? null, array( ProvisionAnswer::ACTIVE, ProvisionAnswer::AWAITING_AUTHORIZATION, ProvisionAnswer::AWAITING_DNS ), true ) ? $data['outcome'] : null;
		return new self(
			is_string( $data['plan'] ?? null ) ? $data['plan'] : null,
			$outcome,
			is_string( $data['next_url'] ?? null ) ? $data['next_url'] : '',
			is_int( $data['requested_at'] ?? null ) ? $data['requested_at'] : null,
			is_int( $data['expires_at'] ?? null ) ? $data['expires_at'] : null,
			is_array( $data['last_error'] ?? null ) && is_string( $data['last_error']['code'] ?? null ) ? $data['last_error'] : null,
			is_array( $data['attempt'] ?? null ) && is_string( $data['attempt']['key'] ?? null ) ? $data['attempt'] : null,
			is_array( $data['confirmation'] ?? null ) && is_string( $data['confirmation']['plan_on_site'] ?? null ) ? $data['confirmation'] : null,
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

	public function with_attempt( string $key, int $now ): self {
		return $this->with(
			array(
				'attempt' => array(
					'key'            => $key,
					'started_at'     => $now,
					'answer_unknown' => false,
				),
			)
		);
	}

	public function with_answer( ProvisionAnswer $answer ): self {
		return new self( $answer->plan, $answer->outcome, $answer->next_url, $answer->provisioned_at, $answer->pending_expires_at );
	}

	public function with_error( ServiceError $error, int $now ): self {
		return $this->with(
			array(
				'attempt'    => null === $this->attempt ? null : array_merge( $this->attempt, array( 'answer_unknown' => $error->answer_unknown() ) ),
				'last_error' => array(
					'code'        => $error->code,
					'message'     => $error->message,
					'source'      => $error->source,
					'retryable'   => $error->retryable,
					'http_status' => $error->http_status,
					'at'          => $now,
				),
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
				),
			)
		);
	}
}
