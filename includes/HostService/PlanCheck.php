<?php
/**
 * What WordPress.com says of this site's plan, as the host service answers it (contract §4).
 *
 * @package JetpackStartCompanion
 */

declare( strict_types=1 );

namespace JetpackStartCompanion\HostService;

defined( 'ABSPATH' ) || exit;

final class PlanCheck {

	public const ACTIVE  = 'active';
	public const PENDING = 'pending';
	public const MISSING = 'missing';

	/**
	 * @param string $plan_on_site active, pending or missing.
	 * @param bool   $connected    WordPress.com sees the site connected.
	 * @param int    $checked_at   When the site got the answer (its own clock).
	 * @param string $request_id   The service's id of the request, for support.
	 */
	public function __construct(
		public readonly string $plan_on_site,
		public readonly bool $connected,
		public readonly int $checked_at,
		public readonly string $request_id = '',
	) {}
}
