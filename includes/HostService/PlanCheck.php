<?php
/**
 * What WordPress.com says of this site's plan (the v1.4 status the host service passes on).
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

	public function __construct(
		public readonly string $plan_on_site,
		public readonly bool $connected,
		public readonly int $checked_at,
	) {}
}
