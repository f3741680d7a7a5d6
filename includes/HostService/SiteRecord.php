<?php
/**
 * The host service's own record of this site (contract §10): what the host did from its side,
 * a plan it provisioned at signup, an offer it renewed, a plan it cancelled.
 *
 * @package JetpackStartCompanion
 */

declare( strict_types=1 );

namespace JetpackStartCompanion\HostService;

defined( 'ABSPATH' ) || exit;

final class SiteRecord {

	public const CANCELLED = 'cancelled';

	/**
	 * Dates are the service's clock (Unix seconds).
	 *
	 * @param bool        $known              The service has a record of the site.
	 * @param string      $state              The service's state of the site (§10's list).
	 * @param string|null $plan               The plan slug, or null.
	 * @param string      $next_url           '' or a link that passed the link rule for its state.
	 * @param int|null    $provisioned_at     When the newest provision or renewal was answered.
	 * @param int|null    $pending_expires_at When that pending offer lapses.
	 * @param int|null    $cancelled_at       When the host cancelled the plan.
	 * @param string      $request_id         The service's id of the request, for support.
	 * @param bool        $by_host            The newest provision came from the host's side (its
	 *                                        fleet page or API, or a renewal), not from this site.
	 */
	public function __construct(
		public readonly bool $known,
		public readonly string $state,
		public readonly ?string $plan,
		public readonly string $next_url,
		public readonly ?int $provisioned_at,
		public readonly ?int $pending_expires_at,
		public readonly ?int $cancelled_at,
		public readonly string $request_id = '',
		public readonly bool $by_host = false,
	) {}

	/**
	 * The record as a provision answer the site can adopt (a plan the host provisioned or
	 * renewed), or null when it holds none: the site's own answers are the site's already.
	 */
	public function as_answer(): ?ProvisionAnswer {
		$outcomes = array( ProvisionAnswer::ACTIVE, ProvisionAnswer::AWAITING_AUTHORIZATION, ProvisionAnswer::AWAITING_DNS );
		if ( ! $this->known || ! $this->by_host || null === $this->plan || null === $this->provisioned_at || ! in_array( $this->state, $outcomes, true ) ) {
			return null;
		}
		return new ProvisionAnswer( $this->state, $this->next_url, $this->plan, $this->provisioned_at, ProvisionAnswer::ACTIVE === $this->state ? null : $this->pending_expires_at, $this->request_id );
	}
}
