<?php
/**
 * A connection to WordPress.com, when there is one, has an owner: a plan given to a connection
 * nobody owns can silently stay on the free plan.
 *
 * @package JetpackStartCompanion
 */

declare( strict_types=1 );

namespace JetpackStartCompanion\Diagnostics;

use JetpackStartCompanion\Jetpack\Detector;

defined( 'ABSPATH' ) || exit;

final class ConnectionOwner implements Check {

	public function __construct( private Detector $detector ) {}

	public function id(): string {
		return 'connection_owner';
	}

	public function run(): Result {
		$jetpack  = $this->detector->detect( get_current_user_id() );
		$evidence = sprintf( 'connected: %s; connection owner: %s; WordPress.com blog id: %s', $jetpack->connected ? 'yes' : 'no', $jetpack->has_connected_owner ? 'yes' : 'no', null === $jetpack->blog_id ? 'none' : (string) $jetpack->blog_id );
		if ( $jetpack->has_orphan_connection() ) {
			return new Result(
				$this->id(),
				Result::CRITICAL,
				__( 'This site is connected to WordPress.com, but nobody owns the connection.', 'jetpack-start-companion' ),
				$evidence,
				__( 'Connect your WordPress.com account in Jetpack, then activate the plan.', 'jetpack-start-companion' ),
				'Have a site administrator connect their WordPress.com account (My Jetpack → Connection) before provisioning.'
			);
		}
		$label = $jetpack->has_owned_connection() ? __( 'This site is connected to WordPress.com and the connection has an owner.', 'jetpack-start-companion' ) : __( 'This site is not connected to WordPress.com yet; activating the plan connects it.', 'jetpack-start-companion' );
		return new Result( $this->id(), Result::GOOD, $label, $evidence );
	}
}
