<?php
/**
 * The wp-admin page that hosts the panel. Its assets load on this page only.
 *
 * @package JetpackStartCompanion
 */

declare( strict_types=1 );

namespace JetpackStartCompanion\Admin;

use JetpackStartCompanion\Config;
use JetpackStartCompanion\Provisioning\StatusBuilder;
use JetpackStartCompanion\Rest\Controller;

defined( 'ABSPATH' ) || exit;

final class Page {

	public const SLUG   = 'jetpack-start-companion';
	public const HANDLE = 'jetpack-start-companion-panel';

	private string $hook_suffix = '';

	public function __construct(
		private Config $config,
		private StatusBuilder $status,
	) {}

	public static function url(): string {
		return admin_url( 'admin.php?page=' . self::SLUG );
	}

	public function register(): void {
		$suffix            = add_menu_page(
			__( 'Your Jetpack plan', 'jetpack-start-companion' ),
			__( 'Jetpack Plan', 'jetpack-start-companion' ),
			$this->config->capability(),
			self::SLUG,
			array( $this, 'render' ),
			'dashicons-shield',
			3
		);
		$this->hook_suffix = is_string( $suffix ) ? $suffix : '';
	}

	public function enqueue( string $hook_suffix ): void {
		if ( '' === $this->hook_suffix || $hook_suffix !== $this->hook_suffix ) {
			return;
		}
		$asset_file = JETPACK_START_COMPANION_DIR . '/build/index.asset.php';
		if ( ! is_readable( $asset_file ) ) {
			return;
		}
		$asset = require $asset_file;
		wp_enqueue_script( self::HANDLE, plugins_url( 'build/index.js', JETPACK_START_COMPANION_FILE ), $asset['dependencies'], $asset['version'], true );
		wp_set_script_translations( self::HANDLE, 'jetpack-start-companion', JETPACK_START_COMPANION_DIR . '/languages' );
		wp_enqueue_style( 'wp-components' );

		// The panel's first paint needs the status: hand it over in the page instead of a round trip.
		$status  = $this->status->build( get_current_user_id() );
		$preload = array( '/' . Controller::NAMESPACE . '/status' => array( 'body' => $status ) );
		wp_add_inline_script(
			self::HANDLE,
			sprintf( 'window.jetpackStartCompanion = %s;', wp_json_encode( array( 'initialStatus' => $status ) ) ),
			'before'
		);
		wp_add_inline_script(
			'wp-api-fetch',
			sprintf( 'wp.apiFetch.use( wp.apiFetch.createPreloadingMiddleware( %s ) );', wp_json_encode( $preload ) ),
			'after'
		);
	}

	public function render(): void {
		printf(
			'<div class="wrap"><h1>%1$s</h1><div id="jetpack-start-companion-root"><p>%2$s</p></div></div>',
			esc_html__( 'Your Jetpack plan', 'jetpack-start-companion' ),
			esc_html__( 'Loading…', 'jetpack-start-companion' )
		);
	}
}
