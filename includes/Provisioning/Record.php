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

	public const PENDING_DAYS = 14;

	/**
	 * `last_error`: {code, message, source, retryable, http_status, at}; `attempt`: {key, started_at, answer_unknown, body_sha256};
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
			self::shaped(
				$data['last_error'] ?? null,
				array(
					'code'        => 'string',
					'message'     => 'string',
					'source'      => 'string',
					'retryable'   => 'boolean',
					'http_status' => 'integer',
					'at'          => 'integer',
				)
			),
			self::shaped(
				$data['attempt'] ?? null,
				array(
					'key'            => 'string',
					'started_at'     => 'integer',
					'answer_unknown' => 'boolean',
					'body_sha256'    => 'string',
				)
			),
			self::shaped(
				$data['confirmation'] ?? null,
				array(
					'plan_on_site' => 'string',
					'connected'    => 'boolean',
					'at'           => 'integer',
				)
			),
		);
	}

	/**
	 * The array when every field has its type, else null: a damaged record must read as
	 * "nothing there", never break the panel.
	 *
	 * @param mixed                $value  Stored value.
	 * @param array<string,string> $fields Field => gettype() name.
	 * @return array<string,mixed>|null
	 */
	private static function shaped( $value, array $fields ): ?array {
		if ( ! is_array( $value ) ) {
			return null;
		}
		foreach ( $fields as $field => $type ) {
			if ( ! array_key_exists( $field, $value ) || gettype( $value[ $field ] ) !== $type ) {
				return null;
			}
		}
		return array_intersect_key( $value, $fields );
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
	 * @param array{key:string,started_at:int,answer_unknown:bool,body_sha256:string} $attempt The attempt about to be sent.
	 */
	public function with_attempt( array $attempt ): self {
		return $this->with( array( 'attempt' => $attempt ) );
	}

	/**
	 * Dates are the site's own clock: every later failure and confirmation is compared with
	 * them, and the service's clock may differ by minutes. A pending activation keeps its own
	 * 14-day clock here, so no answer from a host's service can make it look valid forever.
	 */
	public function with_answer( ProvisionAnswer $answer, int $now ): self {
		return new self( $answer->plan, $answer->outcome, $answer->next_url, $now, $answer->is_pending() ? $now + self::PENDING_DAYS * DAY_IN_SECONDS : null );
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
