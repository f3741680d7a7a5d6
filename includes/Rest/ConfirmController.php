<?php
/**
 * POST /jetpack-start-companion/v1/confirm: asks WordPress.com, through the host service,
 * whether the plan really is on the site, and answers the status with that confirmation.
 *
 * A site can look connected while WordPress.com never applied the plan (an expired offer,
 * an orphan connection): this is how the panel finds out instead of showing "active" blindly.
 *
 * @package JetpackStartCompanion
 */

declare( strict_types=1 );

namespace JetpackStartCompanion\Rest;

use JetpackStartCompanion\Config;
use JetpackStartCompanion\Provisioning\AttemptRunner;
use JetpackStartCompanion\Provisioning\Provisioner;
use JetpackStartCompanion\Provisioning\StatusBuilder;
use WP_Error;

defined( 'ABSPATH' ) || exit;

final class ConfirmController extends StatusActionController {

	public function __construct( Config $config, StatusBuilder $status, AttemptRunner $runner, private Provisioner $provisioner ) {
		parent::__construct( $config, $status, $runner );
	}

	/**
	 * @return non-falsy-string
	 */
	protected function route(): string {
		return '/confirm';
	}

	protected function perform(): bool|WP_Error {
		return $this->provisioner->confirm();
	}
}
