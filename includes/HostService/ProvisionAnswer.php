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

	public function __construct(
		public readonly string $outcome,
		public readonly string $next_url,
		public readonly string $plan,
	) {}

	/**
	 * Cases B and C: a pending activation WordPress.com keeps for 14 days.
	 */
	public function is_pending(): bool {
		return self::ACTIVE !== $this->outcome;
	}
}
