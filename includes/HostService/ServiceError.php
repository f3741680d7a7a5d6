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

	/**
	 * Codes that mean "no definite answer": WordPress.com may have acted all the same.
	 */
	private const UNKNOWN_OUTCOME = array( 'service_timeout', 'service_unreachable', 'site_internal_error', 'host_upstream_timeout', 'site_attempt_interrupted', 'site_attempt_not_started' );

	/**
	 * @param string   $code        Error code (WordPress.com's, the service's, or the site's own).
	 * @param string   $message     Upstream message, for support.
	 * @param string   $source      wpcom, service or site.
	 * @param bool     $retryable   Asking again later may succeed.
	 * @param int      $http_status HTTP status of the answer, 0 when none arrived.
	 * @param bool     $said_unknown The service said `answer_unknown: true`.
	 * @param string   $request_id  The service's id of the request, for support.
	 * @param int|null $server_time The service's clock when it answered (Unix seconds).
	 */
	public function __construct(
		public readonly string $code,
		public readonly string $message,
		public readonly string $source,
		public readonly bool $retryable,
		public readonly int $http_status = 0,
		public readonly bool $said_unknown = false,
		public readonly string $request_id = '',
		public readonly ?int $server_time = null,
	) {}

	/**
	 * No definite answer came back: the service (or WordPress.com behind it) may still have
	 * acted, so a retry reuses the idempotency key. That is the service's `answer_unknown`, a
	 * timeout at either hop, a broken connection, and a proxy's non-JSON 502/503/504 page (it
	 * gives up in front of a service that is still working).
	 */
	public function answer_unknown(): bool {
		if ( $this->said_unknown || in_array( $this->code, self::UNKNOWN_OUTCOME, true ) ) {
			return true;
		}
		return 'service_malformed_response' === $this->code && in_array( $this->http_status, array( 502, 503, 504 ), true );
	}
}
