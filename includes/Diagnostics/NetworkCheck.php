<?php
/**
 * A check that goes over the network (to this site's public address, the host service or the
 * resolver): bounded by a short timeout, its result kept for Preflight::FRESH_SECONDS and read
 * back by Preflight::latest() without a new request.
 *
 * @package JetpackStartCompanion
 */

declare( strict_types=1 );

namespace JetpackStartCompanion\Diagnostics;

defined( 'ABSPATH' ) || exit;

interface NetworkCheck extends Check {

	/**
	 * Seconds one request of the check waits at most.
	 */
	public const TIMEOUT = 4;

	/**
	 * What the result is about (e.g. the site's address, or the service URL and key): a result
	 * kept for another context is not reused. No secret in it; Preflight stores only its digest.
	 */
	public function context(): string;
}
