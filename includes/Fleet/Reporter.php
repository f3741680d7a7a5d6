<?php
/**
 * Tells the host service this site's state (contract §9), so the host sees its fleet: daily
 * from WP-Cron, and when the state changes (`jetpack_start_companion_state_changed` queues it,
 * Cron::queue_report). Nothing secret goes in
 * it: no key, token or link.
 *
 * @package JetpackStartCompanion
 */

declare( strict_types=1 );

namespace JetpackStartCompanion\Fleet;

use JetpackStartCompanion\Config;
use JetpackStartCompanion\Diagnostics\Checks;
use JetpackStartCompanion\Diagnostics\Result;
use JetpackStartCompanion\HostService\Client;
use JetpackStartCompanion\HostService\ServiceError;
use JetpackStartCompanion\Jetpack\Detector;
use JetpackStartCompanion\Plugin;
use JetpackStartCompanion\Provisioning\StateResolver;
use JetpackStartCompanion\Provisioning\Store;

defined( 'ABSPATH' ) || exit;

final class Reporter {

	/**
	 * The daily WP-Cron event: a report, then the host's record picked up (Cron::daily).
	 */
	public const DAILY_HOOK = Plugin::EVENT_DAILY;

	/**
	 * The single WP-Cron event a changed record queues (Cron::changed).
	 */
	public const CHANGED_HOOK = Plugin::EVENT_REPORT_CHANGED;

	private const CHECK_STATUS = array(
		Result::GOOD        => 'pass',
		Result::RECOMMENDED => 'warn',
		Result::CRITICAL    => 'fail',
	);

	public function __construct(
		private Config $config,
		private Detector $detector,
		private Store $store,
		private Client $client,
	) {}

	/**
	 * Sends one report.
	 *
	 * @param string $reason daily, changed or activated.
	 * @return true|ServiceError True once the service accepted it.
	 */
	public function send( string $reason ): bool|ServiceError {
		if ( ! $this->config->is_configured() ) {
			return new ServiceError( 'site_not_configured', 'The host service is not set up in wp-config.php.', 'site', false );
		}
		return $this->client->report( $this->report( $reason ) );
	}

	/**
	 * The report's body (contract §9).
	 *
	 * @param string $reason daily, changed or activated.
	 * @return array<string,mixed>
	 */
	public function report( string $reason ): array {
		$now                     = time();
		$jetpack                 = $this->detector->detect( 0 );
		list( $record, $locked ) = $this->store->snapshot( $now );
		$state                   = StateResolver::resolve( $record, $jetpack, $locked, $now );
		$pending                 = in_array( $state, array( StateResolver::AWAITING_AUTHORIZATION, StateResolver::AWAITING_DNS ), true );
		$updated                 = max( (int) $record->requested_at, (int) ( $record->last_error['at'] ?? 0 ) );
		$checks                  = array();
		foreach ( Checks::run() as $result ) {
			$checks[] = array(
				'id'     => $result->check,
				'status' => self::CHECK_STATUS[ $result->status ] ?? 'skip',
			);
		}
		return array(
			'siteurl'        => site_url(),
			'reason'         => $reason,
			'plugin_version' => JETPACK_START_COMPANION_VERSION,
			'wp_version'     => mb_substr( (string) get_bloginfo( 'version' ), 0, 32 ),
			'jetpack'        => array(
				'installed'    => $jetpack->installed,
				'active'       => $jetpack->active,
				'version'      => null === $jetpack->version ? null : mb_substr( $jetpack->version, 0, 32 ),
				'connected'    => $jetpack->connected,
				'has_owner'    => $jetpack->has_connected_owner,
				'offline_mode' => $jetpack->offline_mode,
			),
			'provisioning'   => array(
				'state'              => $state,
				'plan'               => $record->plan,
				'error_code'         => StateResolver::FAILED === $state ? ( $record->last_error['code'] ?? null ) : null,
				'pending_expires_at' => $pending && null !== $record->expires_at ? gmdate( 'Y-m-d\TH:i:s\Z', $record->expires_at ) : null,
				'updated_at'         => $updated > 0 ? gmdate( 'Y-m-d\TH:i:s\Z', $updated ) : null,
			),
			'checks'         => $checks,
		);
	}
}
