<?php
/**
 * Installs one fleet site (tests/env/fleet.sh runs it; never by hand):
 *
 *   JSC_FLEET_INSTALLING=1 php setup.php install <url> [subdirectory|subdomain]
 *   php setup.php network <url> <subsite url>...   subsites, users and plugins of a network
 *   php setup.php single <url> <plugin>...         plugins of a single site
 *
 * @package jetpack-start-companion-tests
 */

declare( strict_types=1 );

if ( PHP_SAPI !== 'cli' ) {
	exit( 1 );
}

[ , $jsc_action, $jsc_url ] = array_pad( $argv, 3, '' );
$jsc_rest                   = array_slice( $argv, 3 );
$jsc_parts                  = parse_url( $jsc_url );
$_SERVER['HTTP_HOST']       = $jsc_parts['host'] . ':' . $jsc_parts['port'];
$_SERVER['SERVER_NAME']     = $jsc_parts['host'];
$_SERVER['SERVER_PORT']     = (string) $jsc_parts['port'];
$_SERVER['REQUEST_URI']     = '/';
$_SERVER['REQUEST_METHOD']  = 'GET';
$_SERVER['SERVER_PROTOCOL'] = 'HTTP/1.1';
$_SERVER['REMOTE_ADDR']     = '127.0.0.1';

if ( 'install' === $jsc_action ) {
	define( 'WP_INSTALLING', true );
}
require dirname( __DIR__, 3 ) . '/.cache/wp-fleet/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/upgrade.php';
require_once ABSPATH . 'wp-admin/includes/plugin.php';
add_filter( 'pre_wp_mail', '__return_false' );

/**
 * Fails the set-up with a message.
 */
function jsc_fleet_fail( string $message ): void {
	fwrite( STDERR, $message . "\n" );
	exit( 1 );
}

/**
 * A user with a role on the current site (created when missing).
 */
function jsc_fleet_user( string $login, string $role ): int {
	$user = get_user_by( 'login', $login );
	$id   = $user ? $user->ID : wp_insert_user(
		array(
			'user_login' => $login,
			'user_pass'  => 'password',
			'user_email' => $login . '@example.test',
			'role'       => $role,
		)
	);
	if ( is_wp_error( $id ) ) {
		jsc_fleet_fail( "could not create $login: " . $id->get_error_message() );
	}
	return (int) $id;
}

if ( 'install' === $jsc_action ) {
	$jsc_result = wp_install( 'Fleet ' . $jsc_parts['host'], 'admin', 'admin@example.test', true, '', 'password', 'en_US' );
	if ( empty( $jsc_result['user_id'] ) ) {
		jsc_fleet_fail( 'wp_install() failed' );
	}
	update_option( 'siteurl', $jsc_url );
	update_option( 'home', $jsc_url );
	update_option( 'permalink_structure', '/%postname%/' );
	update_option( 'admin_email_lifespan', time() + 10 * YEAR_IN_SECONDS );
	switch_theme( 'twentytwentyfive' );
	$jsc_network = $jsc_rest[0] ?? '';
	if ( '' !== $jsc_network ) {
		require_once ABSPATH . 'wp-admin/includes/network.php';
		// As wp-admin/network.php does: name the network's tables, then create them.
		global $wpdb;
		foreach ( $wpdb->tables( 'ms_global' ) as $jsc_table => $jsc_prefixed_table ) {
			$wpdb->$jsc_table = $jsc_prefixed_table;
		}
		install_network();
		$jsc_error = populate_network( 1, $_SERVER['HTTP_HOST'], 'admin@example.test', 'Fleet network', '/', 'subdomain' === $jsc_network );
		// The wildcard-DNS probe fails while the fleet's server is down: a warning, the network exists.
		if ( is_wp_error( $jsc_error ) && 'no_wildcard_dns' !== $jsc_error->get_error_code() ) {
			jsc_fleet_fail( 'populate_network(): ' . $jsc_error->get_error_message() );
		}
	}
	echo "installed $jsc_url" . ( '' === $jsc_network ? '' : " ($jsc_network network)" ) . "\n";
	exit( 0 );
}

wp_set_current_user( 1 );
if ( 'network' === $jsc_action ) {
	// Variables here are globals: WordPress's own $blog_id must not be overwritten. The companion and Jetpack: network-activated on a subdirectory network, per site on a subdomain one.
	$jsc_per_site = is_subdomain_install();
	foreach ( $jsc_rest as $jsc_i => $jsc_site_url ) {
		$jsc_parts   = parse_url( $jsc_site_url );
		$jsc_domain  = $jsc_parts['host'] . ':' . $jsc_parts['port'];
		$jsc_path    = '/' . trim( $jsc_parts['path'] ?? '', '/' ) . '/';
		$jsc_path    = '//' === $jsc_path ? '/' : $jsc_path;
		$jsc_blog_id = get_blog_id_from_url( $jsc_domain, $jsc_path );
		if ( 0 === $jsc_blog_id ) {
			$jsc_blog_id = wpmu_create_blog( $jsc_domain, $jsc_path, 'Site ' . ( $jsc_i + 2 ), 1 );
			if ( is_wp_error( $jsc_blog_id ) ) {
				jsc_fleet_fail( "could not create $jsc_site_url: " . $jsc_blog_id->get_error_message() );
			}
		}
		// Each subsite has an owner who administers that site only.
		switch_to_blog( (int) $jsc_blog_id );
		jsc_fleet_user( 'owner' . $jsc_blog_id, 'administrator' );
		if ( $jsc_per_site && 0 === $jsc_i ) {
			// The first subsite of a per-site network: the companion and Jetpack both active.
			foreach ( array( 'jetpack/jetpack.php', 'jetpack-start-companion/plugin.php' ) as $jsc_plugin ) {
				$jsc_result = activate_plugin( $jsc_plugin, '', false, true );
				if ( is_wp_error( $jsc_result ) || ! in_array( $jsc_plugin, (array) get_option( 'active_plugins' ), true ) ) {
					jsc_fleet_fail( "could not activate $jsc_plugin on $jsc_site_url: " . ( is_wp_error( $jsc_result ) ? $jsc_result->get_error_message() : 'not in active_plugins' ) );
				}
			}
		}
		restore_current_blog();
	}
	$jsc_network_wide = ! $jsc_per_site;
	foreach ( array( 'jetpack/jetpack.php', 'jetpack-start-companion/plugin.php' ) as $jsc_plugin ) {
		$jsc_result = activate_plugin( $jsc_plugin, '', $jsc_network_wide, true );
		if ( is_wp_error( $jsc_result ) ) {
			jsc_fleet_fail( "could not activate $jsc_plugin: " . $jsc_result->get_error_message() );
		}
	}
	echo 'network ' . ( $jsc_network_wide ? 'activated' : 'sites activated' ) . ': ' . implode( ', ', $jsc_rest ) . "\n";
	exit( 0 );
}

if ( 'single' === $jsc_action ) {
	jsc_fleet_user( 'editor1', 'editor' );
	foreach ( $jsc_rest as $jsc_plugin ) {
		$jsc_result = activate_plugin( $jsc_plugin, '', false, true );
		if ( is_wp_error( $jsc_result ) ) {
			jsc_fleet_fail( "could not activate $jsc_plugin: " . $jsc_result->get_error_message() );
		}
	}
	echo "plugins active on $jsc_url: " . implode( ', ', $jsc_rest ) . "\n";
	exit( 0 );
}
jsc_fleet_fail( 'usage: setup.php install|network|single <url> …' );
