<?php
/**
 * The network's sites with Jetpack and the plan on each, read from what each site stored:
 * no remote call, no Jetpack code run for another site. One page at a time.
 *
 * @package JetpackStartCompanion
 */

declare( strict_types=1 );

namespace JetpackStartCompanion\Network;

use JetpackStartCompanion\Cli\StatusItem;
use JetpackStartCompanion\Jetpack\Detector;
use JetpackStartCompanion\Jetpack\JetpackState;
use JetpackStartCompanion\Plugin;
use JetpackStartCompanion\Provisioning\StateResolver;
use JetpackStartCompanion\Provisioning\Store;

defined( 'ABSPATH' ) || exit;

final class SiteList {

	public const FIELDS = array( 'blog_id', 'site_url', 'companion_active', 'jetpack', 'state', 'plan', 'requested_at', 'expires_at', 'error_code', 'panel_url' );

	/**
	 * @param int $page     1-based page number.
	 * @param int $per_page Sites per page.
	 * @return array{total:int,pages:int,sites:array<int,array<string,mixed>>}
	 */
	public static function page( int $page, int $per_page ): array {
		$query = array(
			'number'   => $per_page,
			'offset'   => ( $page - 1 ) * $per_page,
			'orderby'  => 'id',
			'order'    => 'ASC',
			'deleted'  => 0,
			'archived' => 0,
			'spam'     => 0,
		);
		$total = (int) get_sites(
			array_merge(
				$query,
				array(
					'count'  => true,
					'number' => 0,
					'offset' => 0,
				)
			)
		);
		$file  = ( new Detector() )->plugin_file();
		$sites = array();
		foreach ( get_sites( array_merge( $query, array( 'fields' => 'ids' ) ) ) as $blog_id ) {
			switch_to_blog( (int) $blog_id );
			try {
				$sites[] = self::row( (int) $blog_id, $file );
			} finally {
				restore_current_blog();
			}
		}
		return array(
			'total' => $total,
			'pages' => (int) max( 1, ceil( $total / $per_page ) ),
			'sites' => $sites,
		);
	}

	/**
	 * The current (switched-to) site's row.
	 *
	 * @return array<string,mixed>
	 */
	private static function row( int $blog_id, ?string $jetpack_file ): array {
		$store   = new Store();
		$record  = $store->record();
		$jetpack = self::stored_jetpack_state( $jetpack_file );
		$now     = time();
		$state   = StateResolver::resolve( $record, $jetpack, $store->is_locked( $now ), $now );
		$pending = in_array( $state, array( StateResolver::AWAITING_AUTHORIZATION, StateResolver::AWAITING_DNS ), true );
		$error   = StateResolver::FAILED === $state && null !== $record->last_error ? (string) $record->last_error['code'] : null;
		$active  = self::companion_active();
		return array(
			'blog_id'          => $blog_id,
			'site_url'         => site_url(),
			'companion_active' => $active,
			'jetpack'          => StatusItem::jetpack_summary( $jetpack->to_array() ),
			'state'            => $state,
			'plan'             => $record->plan,
			'requested_at'     => null === $record->requested_at ? null : gmdate( 'c', $record->requested_at ),
			'expires_at'       => $pending && null !== $record->expires_at ? gmdate( 'c', $record->expires_at ) : null,
			'error_code'       => $error,
			'panel_url'        => $active ? admin_url( 'admin.php?page=' . Plugin::PAGE_SLUG ) : null,
		);
	}

	/**
	 * The companion runs on the current site: network-activated, active there, or must-use.
	 */
	private static function companion_active(): bool {
		$file = plugin_basename( JETPACK_START_COMPANION_FILE );
		if ( ! str_ends_with( $file, '/plugin.php' ) || str_starts_with( wp_normalize_path( JETPACK_START_COMPANION_FILE ), wp_normalize_path( WPMU_PLUGIN_DIR ) . '/' ) ) {
			return true;
		}
		return is_plugin_active_for_network( $file ) || in_array( $file, (array) get_option( 'active_plugins', array() ), true );
	}

	/**
	 * Jetpack on the current site as its options say (Jetpack's own option names): active for the
	 * site or the network, connected (blog id and blog token), and who owns the connection.
	 */
	private static function stored_jetpack_state( ?string $file ): JetpackState {
		if ( null === $file ) {
			return JetpackState::missing();
		}
		$active    = in_array( $file, (array) get_option( 'active_plugins', array() ), true ) || is_plugin_active_for_network( $file );
		$options   = (array) get_option( 'jetpack_options', array() );
		$private   = (array) get_option( 'jetpack_private_options', array() );
		$blog_id   = isset( $options['id'] ) && is_numeric( $options['id'] ) && (int) $options['id'] > 0 ? (int) $options['id'] : null;
		$connected = null !== $blog_id && ! empty( $private['blog_token'] );
		$owner     = $connected && isset( $options['master_user'] ) && (int) $options['master_user'] > 0;
		return new JetpackState( true, $active, $file, null, $active && $connected, $active && $owner, false, false, $blog_id, $active );
	}
}
