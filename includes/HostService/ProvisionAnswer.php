<?php
/**
 * A successful answer from the host service: one of the three cases WordPress.com gives.
 *
 * @package JetpackStartCompanion
 */

declare( strict_types=1 );

namespace JetpackStartCompanion\HostService;

defined( 'ABSPATH' ) || exit;

final class ProvisionAnswer {

	public const ACTIVE                 = 'active';
	public const AWAITING_AUTHORIZATION = 'awaiting_authorization';
	public const AWAITING_DNS           = 'awaiting_dns';

	/**
	 * Dates are the service's clock (Unix seconds); the site keeps its own for the record.
	 *
	 * @param string   $outcome            One of the three outcomes.
	 * @param string   $next_url           '' or a URL that passed the link rule for its case.
	 * @param string   $plan               The plan granted or pending.
	 * @param int      $provisioned_at     When the service got WordPress.com's answer.
	 * @param int|null $pending_expires_at When the pending activation lapses (cases B and C).
	 * @param string   $request_id         The service's id of the request, for support.
	 * @param bool     $forced_register    The service retried with force_register.
	 * @param bool     $idempotent_replay  The service answered from an earlier attempt.
	 */
	public function __construct(
		public readonly string $outcome,
		public readonly string $next_url,
		public readonly string $plan,
		public readonly int $provisioned_at = 0,
		public readonly ?int $pending_expires_at = null,
		public readonly string $request_id = '',
		public readonly bool $forced_register = false,
		public readonly bool $idempotent_replay = false,
	) {}

	/**
	 * Cases B and C: a pending activation WordPress.com keeps for 14 days.
	 */
	public function is_pending(): bool {
		return self::ACTIVE !== $this->outcome;
	}
}
