<?php
/**
 * The wp-admin page that hosts the panel: loaded only when that page is opened.
 *
 * @package JetpackStartCompanion
 */

declare( strict_types=1 );

namespace JetpackStartCompanion\Admin;

use JetpackStartCompanion\Plugin;
use JetpackStartCompanion\Provisioning\AttemptRunner;
use JetpackStartCompanion\Provisioning\StatusBuilder;
use JetpackStartCompanion\Rest\Controller;

defined( 'ABSPATH' ) || exit;

final class Page {

	public const HANDLE = 'jetpack-start-companion-panel';

	public function __construct(
		private StatusBuilder $status,
		private AttemptRunner $runner,
		private string $build_dir = JETPACK_START_COMPANION_DIR . '/build',
	) {}

	public static function url(): string {
		return admin_url( 'admin.php?page=' . Plugin::PAGE_SLUG );
	}

	/**
	 * Runs on load-{page hook}, before the page's header: assets, or the notice that they are missing.
	 */
	public function load(): void {
		if ( $this->has_build() ) {
			add_action( 'admin_enqueue_scripts', array( $this, 'enqueue' ) );
		} else {
			add_action( 'admin_notices', array( $this, 'missing_build_notice' ) );
		}
	}

	private function has_build(): bool {
		return is_readable( $this->build_dir . '/index.asset.php' ) && is_readable( $this->build_dir . '/index.js' );
	}

	public function enqueue(): void {
		$asset = require $this->build_dir . '/index.asset.php';
		wp_enqueue_script( self::HANDLE, plugins_url( 'build/index.js', JETPACK_START_COMPANION_FILE ), $asset['dependencies'], $asset['version'], true );
		wp_set_script_translations( self::HANDLE, 'jetpack-start-companion', JETPACK_START_COMPANION_DIR . '/languages' );

		// The panel's first paint needs the status: hand it over in the page instead of a round trip.
		$status  = $this->status->build( get_current_user_id(), $this->runner->snapshot() );
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

	/**
	 * The plugin was installed from its source without building the panel: say what fixes it.
	 */
	public function missing_build_notice(): void {
		printf(
			'<div class="notice notice-error"><p>%1$s</p><p>%2$s</p></div>',
			esc_html__( 'The Jetpack plan panel can’t be shown because its files are missing from the plugin’s build folder.', 'jetpack-start-companion' ),
			sprintf(
				/* translators: %s: the commands that build the panel. */
				esc_html__( 'Reinstall Jetpack Start Companion from its release zip, or ask your hosting provider to. In a copy of its source code, run %s in the plugin’s folder.', 'jetpack-start-companion' ),
				'<code>npm ci &amp;&amp; npm run build</code>'
			)
		);
	}

	public function render(): void {
		printf(
			'<div class="wrap"><h1>%1$s</h1><div id="jetpack-start-companion-root">%2$s</div></div>',
			esc_html__( 'Your Jetpack plan', 'jetpack-start-companion' ),
			$this->has_build() ? '<p>' . esc_html__( 'Loading…', 'jetpack-start-companion' ) . '</p>' : ''
		);
	}
}
