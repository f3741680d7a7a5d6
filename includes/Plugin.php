<?php
/**
 * Wires the plugin into WordPress. Nothing runs on the front end; in wp-admin only the
 * menu entry is registered until someone opens the panel or calls its routes.
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

	public static function boot(): void {
		add_action( 'rest_api_init', array( self::class, 'register_routes' ) );
		if ( is_admin() ) {
			add_action( 'admin_menu', array( self::class, 'register_page' ) );
		}
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

	public static function register_page(): void {
		$page = new Page( new Config(), self::status_builder() );
		$page->register();
		add_action( 'admin_enqueue_scripts', array( $page, 'enqueue' ) );
	}
}
