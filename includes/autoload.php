<?php
/**
 * PSR-4 autoloader for the JetpackStartCompanion namespace (includes/ is the namespace root).
 *
 * Composer is only a dev tool here, so a site never needs a vendor/ folder.
 *
 * @package JetpackStartCompanion
 */

declare( strict_types=1 );

defined( 'ABSPATH' ) || exit;

spl_autoload_register(
	static function ( string $class_name ): void {
		$prefix = 'JetpackStartCompanion\\';
		if ( 0 !== strncmp( $class_name, $prefix, strlen( $prefix ) ) ) {
			return;
		}
		$relative = substr( $class_name, strlen( $prefix ) );
		$file     = __DIR__ . '/' . str_replace( '\\', '/', $relative ) . '.php';
		if ( is_readable( $file ) ) {
			require $file;
		}
	}
);
