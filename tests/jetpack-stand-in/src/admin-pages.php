<?php
/**
 * Jetpack's admin pages: the top-level "Jetpack" menu (slug `jetpack`) and "My Jetpack"
 * (slug `my-jetpack`). The real dashboard is a React app; `admin.php?page=jetpack#/setup`
 * starts the connection flow. The stand-in shows a plain page with a "Set up Jetpack" button.
 *
 * @package jetpack-stand-in
 */

declare( strict_types=1 );

defined( 'ABSPATH' ) || exit;

add_action(
	'admin_menu',
	static function (): void {
		add_menu_page(
			__( 'Jetpack', 'jetpack' ),
			__( 'Jetpack', 'jetpack' ),
			'manage_options',
			'jetpack',
			'jetpack_stand_in_render_dashboard',
			'dashicons-admin-plugins',
			3
		);
		add_submenu_page(
			'jetpack',
			__( 'Dashboard', 'jetpack' ),
			__( 'Dashboard', 'jetpack' ),
			'manage_options',
			'jetpack',
			'jetpack_stand_in_render_dashboard'
		);
		add_submenu_page(
			'jetpack',
			__( 'My Jetpack', 'jetpack' ),
			__( 'My Jetpack', 'jetpack' ),
			'manage_options',
			'my-jetpack',
			'jetpack_stand_in_render_my_jetpack'
		);
	},
	// Real Jetpack registers its menu early so other plugins can add submenus to it.
	1
);

/**
 * Connection summary shared by both pages.
 */
function jetpack_stand_in_render_status(): void {
	$connection = new Automattic\Jetpack\Connection\Manager( 'jetpack' );
	$offline    = ( new Automattic\Jetpack\Status() )->is_offline_mode();
	$owner      = $connection->get_connection_owner();

	if ( $offline ) {
		$text = __( 'Jetpack is in Offline Mode.', 'jetpack' );
	} elseif ( ! $connection->is_connected() ) {
		$text = __( 'Jetpack is not connected to WordPress.com.', 'jetpack' );
	} elseif ( ! $owner instanceof WP_User ) {
		$text = __( 'Jetpack is connected, but the site has no connection owner.', 'jetpack' );
	} else {
		/* translators: %s: user login of the connection owner. */
		$text = sprintf( __( 'Jetpack is connected. Connection owner: %s.', 'jetpack' ), $owner->user_login );
	}
	echo '<p class="jetpack-stand-in-status" data-testid="jetpack-stand-in-status">' . esc_html( $text ) . '</p>';
}

/**
 * Page `admin.php?page=jetpack`.
 */
function jetpack_stand_in_render_dashboard(): void {
	?>
	<div class="wrap" id="jetpack-stand-in-dashboard">
		<h1><?php esc_html_e( 'Set up Jetpack', 'jetpack' ); ?></h1>
		<p><?php esc_html_e( 'This is the Jetpack test stand-in. The real Jetpack dashboard starts the WordPress.com connection flow here.', 'jetpack' ); ?></p>
		<?php jetpack_stand_in_render_status(); ?>
		<p>
			<a class="button button-primary" id="jetpack-stand-in-setup" href="<?php echo esc_url( admin_url( 'admin.php?page=jetpack#/setup' ) ); ?>"><?php esc_html_e( 'Set up Jetpack', 'jetpack' ); ?></a>
		</p>
		<p id="jetpack-stand-in-route" role="status" aria-live="polite"></p>
		<script>
			( function () {
				var out = document.getElementById( 'jetpack-stand-in-route' );
				function show() {
					out.textContent = window.location.hash === '#/setup'
						? <?php echo wp_json_encode( __( 'Connection flow started (stand-in): the real Jetpack would now send you to WordPress.com.', 'jetpack' ) ); ?>
						: '';
					out.setAttribute( 'data-route', window.location.hash.replace( /^#/, '' ) );
				}
				window.addEventListener( 'hashchange', show );
				show();
			} )();
		</script>
	</div>
	<?php
}

/**
 * Page `admin.php?page=my-jetpack` (`#/connection` connects a user in the real plugin).
 */
function jetpack_stand_in_render_my_jetpack(): void {
	?>
	<div class="wrap" id="jetpack-stand-in-my-jetpack">
		<h1><?php esc_html_e( 'My Jetpack', 'jetpack' ); ?></h1>
		<p><?php esc_html_e( 'This is the Jetpack test stand-in. The real My Jetpack page lists Jetpack products and connects users.', 'jetpack' ); ?></p>
		<?php jetpack_stand_in_render_status(); ?>
	</div>
	<?php
}
