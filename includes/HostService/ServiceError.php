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
	 * Transport failures: the service may still have finished, so a retry reuses the idempotency key.
	 */
	public function answer_unknown(): bool {
		return in_array( $this->code, array( 'service_timeout', 'service_unreachable' ), true );
	}
}
