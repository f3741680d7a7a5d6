<?php
/**
 * Plugins → Delete: removes every row the plugin created, on every site of a network (options,
 * transients, site options), and nothing else: Jetpack's connection and the host's wp-config.php
 * settings stay. WordPress runs this file once, for the whole network.
 *
 * @package JetpackStartCompanion
 */

declare( strict_types=1 );

defined( 'WP_UNINSTALL_PLUGIN' ) || exit;

require_once __DIR__ . '/includes/autoload.php';

JetpackStartCompanion\Lifecycle\StoredData::each_site( array( JetpackStartCompanion\Lifecycle\StoredData::class, 'forget_site' ) );
JetpackStartCompanion\Lifecycle\StoredData::forget_network();
