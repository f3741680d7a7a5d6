<?php
/**
 * Why a request to the host service did not give a plan.
 *
 * `source` tells who said no: `wpcom` (WordPress.com, passed through by the service),
 * `service` (the host service itself) or `site` (this plugin never got a usable answer).
 *
 * @package JetpackStartCompanion
 */

declare( strict_types=1 );

namespace JetpackStartCompanion\HostService;

defined( 'ABSPATH' ) || exit;

final class ServiceError {

	public function __construct(
		public readonly string $code,
		public readonly string $message,
		public readonly string $source,
		public readonly bool $retryable,
		public readonly int $http_status = 0,
	) {}

	/**
	 * No definite answer came back: the service (or WordPress.com behind it) may still have
	 * acted, so a retry reuses the idempotency key. A proxy's HTML 502/503/504 page is one of
	 * these: it times out in front of a service that is still working.
	 */
	public function answer_unknown(): bool {
		if ( in_array( $this->code, array( 'service_timeout', 'service_unreachable', 'site_internal_error' ), true ) ) {
			return true;
		}
		return 'service_malformed_response' === $this->code && in_array( $this->http_status, array( 502, 503, 504 ), true );
	}
}
