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

use JetpackStartCompanion\HostService\ProvisionAnswer;
use JetpackStartCompanion\HostService\ServiceError;

defined( 'ABSPATH' ) || exit;

final class Record {

	/**
	 * `last_error`: {code, message, source, retryable, http_status, at}; `attempt`: {key, started_at, answer_unknown}.
	 */
	public function __construct(
		public readonly ?string $plan = null,
		public readonly ?string $outcome = null,
		public readonly string $next_url = '',
		public readonly ?int $requested_at = null,
		public readonly ?int $expires_at = null,
		public readonly ?array $last_error = null,
		public readonly ?array $attempt = null,
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
		);
	}

	/**
	 * @return array<string,mixed>
	 */
	public function to_array(): array {
		return get_object_vars( $this );
	}

	public function with_attempt( string $key, int $now ): self {
		return new self(
			$this->plan,
			$this->outcome,
			$this->next_url,
			$this->requested_at,
			$this->expires_at,
			$this->last_error,
			array(
				'key'            => $key,
				'started_at'     => $now,
				'answer_unknown' => false,
			)
		);
	}

	public function with_answer( ProvisionAnswer $answer ): self {
		return new self( $answer->plan, $answer->outcome, $answer->next_url, $answer->provisioned_at, $answer->pending_expires_at, null, null );
	}

	public function with_error( ServiceError $error, int $now ): self {
		$attempt = null === $this->attempt ? null : array_merge( $this->attempt, array( 'answer_unknown' => $error->answer_unknown() ) );
		$failure = array(
			'code'        => $error->code,
			'message'     => $error->message,
			'source'      => $error->source,
			'retryable'   => $error->retryable,
			'http_status' => $error->http_status,
			'at'          => $now,
		);
		return new self( $this->plan, $this->outcome, $this->next_url, $this->requested_at, $this->expires_at, $failure, $attempt );
	}
}
