<?php
/**
 * Jetpack's admin pages: the top-level "Jetpack" screen (slug `jetpack`, whose
 * `load-toplevel_page_jetpack` hook the connection package's webhooks also listen on) and
 * "My Jetpack" (slug `my-jetpack`). The real screens are React apps; these are plain pages
 * that start the same flows through the connection package's own REST routes:
 *  - `admin.php?page=jetpack#/setup` registers the site (`POST jetpack/v4/connection/register`)
 *    and sends the browser to the authorize URL it answers, as Jetpack's "Set up" does;
 *  - `admin.php?page=my-jetpack#/connection` has "Connect your account", which asks
 *    `GET jetpack/v4/connection/authorize_url` and goes there.
 *
 * @package jetpack-test
 */

declare( strict_types=1 );

defined( 'ABSPATH' ) || exit;

add_action(
	'admin_menu',
	static function (): void {
		add_menu_page( __( 'Jetpack', 'jetpack' ), __( 'Jetpack', 'jetpack' ), 'manage_options', 'jetpack', 'jetpack_test_render_dashboard', 'dashicons-admin-plugins', 3 );
		add_submenu_page( 'jetpack', __( 'Dashboard', 'jetpack' ), __( 'Dashboard', 'jetpack' ), 'manage_options', 'jetpack', 'jetpack_test_render_dashboard' );
		add_submenu_page( 'jetpack', __( 'My Jetpack', 'jetpack' ), __( 'My Jetpack', 'jetpack' ), 'manage_options', 'my-jetpack', 'jetpack_test_render_my_jetpack' );
	},
	// Real Jetpack registers its menu early so other plugins can add submenus to it.
	1
);

/**
 * Connection summary shared by both pages, from the real package.
 */
function jetpack_test_render_status(): void {
	$connection = new Automattic\Jetpack\Connection\Manager( 'jetpack' );
	$owner      = $connection->get_connection_owner();

	if ( ( new Automattic\Jetpack\Status() )->is_offline_mode() ) {
		$text = __( 'Jetpack is in Offline Mode.', 'jetpack' );
	} elseif ( ! $connection->is_connected() ) {
		$text = __( 'Jetpack is not connected to WordPress.com.', 'jetpack' );
	} elseif ( ! $owner instanceof WP_User ) {
		$text = __( 'Jetpack is connected, but the site has no connection owner.', 'jetpack' );
	} else {
		/* translators: %s: user login of the connection owner. */
		$text = sprintf( __( 'Jetpack is connected. Connection owner: %s.', 'jetpack' ), $owner->user_login );
	}
	echo '<p class="jetpack-test-status" data-testid="jetpack-status">' . esc_html( $text ) . '</p>';
}

/**
 * The script both pages use: one REST call to the connection package, then the authorize URL.
 *
 * @param string $method    GET or POST.
 * @param string $route     Route under jetpack/v4.
 * @param string $start_on  Hash that starts the flow on page load ('' for none).
 * @param string $button_id Button that starts it.
 */
function jetpack_test_render_flow_script( string $method, string $route, string $start_on, string $button_id ): void {
	$url    = rest_url( 'jetpack/v4/' . $route );
	$config = array(
		'method'   => $method,
		// Both routes take the admin page to come back to after authorizing (admin_url()-relative).
		'url'      => 'GET' === $method ? add_query_arg( 'redirect_uri', rawurlencode( 'admin.php?page=my-jetpack' ), $url ) : $url,
		'nonce'    => wp_create_nonce( 'wp_rest' ),
		'startOn'  => $start_on,
		'button'   => $button_id,
		'redirect' => 'admin.php?page=my-jetpack',
	);
	?>
	<p id="jetpack-test-flow" role="status" aria-live="polite"></p>
	<script>
		( function ( config ) {
			var out = document.getElementById( 'jetpack-test-flow' );
			function start() {
				out.textContent = <?php echo wp_json_encode( __( 'Connecting to WordPress.com…', 'jetpack' ) ); ?>;
				var body = config.method === 'POST' ? JSON.stringify( { redirect_uri: config.redirect } ) : undefined;
				fetch( config.url, { method: config.method, credentials: 'same-origin', headers: { 'X-WP-Nonce': config.nonce, 'Content-Type': 'application/json' }, body: body } )
					.then( function ( r ) { return r.json().then( function ( j ) { return { ok: r.ok, json: j }; } ); } )
					.then( function ( r ) {
						if ( r.ok && r.json.authorizeUrl ) {
							window.location.assign( r.json.authorizeUrl );
							return;
						}
						out.textContent = ( r.json && r.json.message ) || 'Error';
						out.setAttribute( 'data-code', ( r.json && r.json.code ) || '' );
					} );
			}
			document.getElementById( config.button ).addEventListener( 'click', start );
			if ( config.startOn && window.location.hash === config.startOn ) {
				start();
			}
		} )( <?php echo wp_json_encode( $config ); ?> );
	</script>
	<?php
}

/**
 * Page `admin.php?page=jetpack`.
 */
function jetpack_test_render_dashboard(): void {
	?>
	<div class="wrap" id="jetpack-test-dashboard">
		<h1><?php esc_html_e( 'Set up Jetpack', 'jetpack' ); ?></h1>
		<?php jetpack_test_render_status(); ?>
		<p><button type="button" class="button button-primary" id="jetpack-test-setup"><?php esc_html_e( 'Set up Jetpack', 'jetpack' ); ?></button></p>
		<?php jetpack_test_render_flow_script( 'POST', 'connection/register', '#/setup', 'jetpack-test-setup' ); ?>
	</div>
	<?php
}

/**
 * Page `admin.php?page=my-jetpack` (`#/connection` is where the real one connects a user).
 */
function jetpack_test_render_my_jetpack(): void {
	?>
	<div class="wrap" id="jetpack-test-my-jetpack">
		<h1><?php esc_html_e( 'My Jetpack', 'jetpack' ); ?></h1>
		<?php jetpack_test_render_status(); ?>
		<p><button type="button" class="button button-primary" id="jetpack-test-connect-user"><?php esc_html_e( 'Connect your account', 'jetpack' ); ?></button></p>
		<?php jetpack_test_render_flow_script( 'GET', 'connection/authorize_url', '', 'jetpack-test-connect-user' ); ?>
	</div>
	<?php
}
