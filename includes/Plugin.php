<?php
/**
 * Wires the plugin into WordPress, and costs nothing where it is not used: on the front end
 * and on other admin pages only this file and the autoloader load (the menu entry needs
 * nothing else). The panel's classes load when its page or its routes are used.
 *
 * @package JetpackStartCompanion
 */

declare( strict_types=1 );

namespace JetpackStartCompanion;

use JetpackStartCompanion\Admin\Page;
use JetpackStartCompanion\HostService\Client;
use JetpackStartCompanion\Jetpack\Detector;
use JetpackStartCompanion\Provisioning\Provisioner;
use JetpackStartCompanion\Provisioning\StatusBuilder;
use JetpackStartCompanion\Provisioning\Store;
use JetpackStartCompanion\Rest\ConfirmController;
use JetpackStartCompanion\Rest\ProvisionController;
use JetpackStartCompanion\Rest\StatusController;

defined( 'ABSPATH' ) || exit;

final class Plugin {

	/**
	 * The panel's admin page slug (admin.php?page=…).
	 */
	public const PAGE_SLUG = 'jetpack-start-companion';

	private static ?Page $page = null;

	public static function boot(): void {
		add_action( 'rest_api_init', array( self::class, 'register_routes' ) );
		if ( is_admin() ) {
			add_action( 'admin_menu', array( self::class, 'register_menu' ) );
		}
	}

	/**
	 * Who may use the panel and its routes.
	 */
	public static function capability(): string {
		/**
		 * The capability a user needs to see the panel and ask for the plan.
		 *
		 * @param string $capability Default manage_options.
		 */
		$capability = apply_filters( 'jetpack_start_companion_capability', 'manage_options' );
		return is_string( $capability ) && '' !== $capability ? $capability : 'manage_options';
	}

	public static function status_builder(): StatusBuilder {
		return new StatusBuilder( new Config(), new Detector(), new Store() );
	}

	public static function register_routes(): void {
		$config = new Config();
		$status = self::status_builder();
		( new StatusController( $config, $status ) )->register_routes();
		$provisioner = new Provisioner( $config, new Detector(), new Store(), new Client( $config ) );
		( new ProvisionController( $config, $status, $provisioner ) )->register_routes();
		( new ConfirmController( $config, $status, $provisioner ) )->register_routes();
	}

	/**
	 * The menu entry. Its page's code loads only when the page is opened (load-{page hook}).
	 */
	public static function register_menu(): void {
		$hook = add_menu_page(
			__( 'Your Jetpack plan', 'jetpack-start-companion' ),
			__( 'Jetpack Plan', 'jetpack-start-companion' ),
			self::capability(),
			self::PAGE_SLUG,
			array( self::class, 'render_page' ),
			'dashicons-shield',
			3
		);
		if ( is_string( $hook ) && '' !== $hook ) {
			add_action( 'load-' . $hook, array( self::class, 'load_page' ) );
		}
	}

	public static function load_page(): void {
		self::$page = new Page( self::status_builder() );
		self::$page->load();
	}

	public static function render_page(): void {
		self::$page?->render();
	}
}
