<?php
/**
 * Picks up what the host did from its side (contract §10): a plan it provisioned at signup or
 * renewed becomes the site's last good answer, a plan it cancelled becomes `cancelled`. Read on
 * panel open (after first paint) and in the daily cron.
 *
 * @package JetpackStartCompanion
 */

declare( strict_types=1 );

namespace JetpackStartCompanion\Fleet;

use JetpackStartCompanion\Config;
use JetpackStartCompanion\HostService\Client;
use JetpackStartCompanion\HostService\SiteRecord;
use JetpackStartCompanion\Provisioning\Record;
use JetpackStartCompanion\Provisioning\Store;
use WP_Error;

defined( 'ABSPATH' ) || exit;

final class HostRecord {

	public function __construct(
		private Config $config,
		private Store $store,
		private Client $client,
	) {}

	/**
	 * Reads the service's record and adopts it when it is newer than the site's own.
	 *
	 * @return bool|WP_Error True once read (changed or not); WP_Error when it could not be read.
	 */
	public function pick_up(): bool|WP_Error {
		if ( ! $this->config->is_configured() ) {
			return new WP_Error( 'jetpack_start_companion_not_configured', __( 'Your hosting provider has not finished setting up this feature yet.', 'jetpack-start-companion' ), array( 'status' => 503 ) );
		}
		$host = $this->client->site_record();
		if ( ! $host instanceof SiteRecord ) {
			return new WP_Error( 'jetpack_start_companion_host_record_failed', __( 'Your hosting provider could not be asked about your plan just now.', 'jetpack-start-companion' ), array( 'status' => 502 ) );
		}
		$lock = $this->store->acquire_lock_soon();
		if ( null === $lock ) {
			// A plan request is running: its answer is newer than this record.
			return true;
		}
		try {
			$record = $this->store->fresh_record();
			// Or queued for a runner, which will read the record again before it asks.
			$adopted = $record->has_open_attempt() ? null : self::adopt( $record, $host, time() );
			if ( null !== $adopted ) {
				$this->store->save( $adopted );
			}
		} finally {
			$this->store->release_lock( $lock );
		}
		return true;
	}

	/**
	 * The record with the host's news in it, or null when there is none: a cancel after the
	 * site's last answer, or a provision or renewal newer than that answer (and than a cancel).
	 * Both sides' dates here are the service's clock.
	 *
	 * @param Record     $record The site's record.
	 * @param SiteRecord $host   The service's record.
	 * @param int        $now    Current time (site clock).
	 */
	public static function adopt( Record $record, SiteRecord $host, int $now ): ?Record {
		$last = (int) ( $record->answer['provisioned_at'] ?? 0 );
		if ( SiteRecord::CANCELLED === $host->state ) {
			$at = (int) $host->cancelled_at;
			return $at >= $last && $at !== $record->cancelled_at ? $record->with_cancel( $at ) : null;
		}
		$answer = $host->as_answer();
		if ( null === $answer || $answer->provisioned_at <= max( $last, (int) $record->cancelled_at ) ) {
			return null;
		}
		return $record->with_answer( $answer, $now );
	}
}
