<?php
/**
 * POST /jetpack-start-companion/v1/host-record: reads the host service's record of this site
 * (contract §10) and adopts what the host did from its side (a plan it provisioned or renewed,
 * a plan it cancelled), then answers the status. The panel calls it once it has rendered.
 *
 * @package JetpackStartCompanion
 */

declare( strict_types=1 );

namespace JetpackStartCompanion\Rest;

use JetpackStartCompanion\Config;
use JetpackStartCompanion\Fleet\HostRecord;
use JetpackStartCompanion\Provisioning\AttemptRunner;
use JetpackStartCompanion\Provisioning\StatusBuilder;
use WP_Error;

defined( 'ABSPATH' ) || exit;

final class HostRecordController extends StatusActionController {

	public function __construct( Config $config, StatusBuilder $status, AttemptRunner $runner, private HostRecord $host_record ) {
		parent::__construct( $config, $status, $runner );
	}

	/**
	 * @return non-falsy-string
	 */
	protected function route(): string {
		return '/host-record';
	}

	protected function perform(): bool|WP_Error {
		return $this->host_record->pick_up();
	}
}
