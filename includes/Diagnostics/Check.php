<?php
/**
 * One readiness check: what the site needs before a plan can be asked for, tested one way.
 *
 * Every check is a small class implementing this; Checks::all() is the list that
 * `wp jetpack-start-companion diagnose` (and any other view of the checks) renders.
 *
 * @package JetpackStartCompanion
 */

declare( strict_types=1 );

namespace JetpackStartCompanion\Diagnostics;

defined( 'ABSPATH' ) || exit;

interface Check {

	/**
	 * A stable name, e.g. "host_service_configured": scripts and support match on it.
	 */
	public function id(): string;

	/**
	 * Runs the check now (no cache of its own).
	 */
	public function run(): Result;
}
