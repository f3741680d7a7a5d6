<?php
/**
 * Network admin → Jetpack Plans: each site's Jetpack and plan, from stored records (no remote
 * call), 20 sites a page, each linking to that site's own panel. Loaded when that page is opened.
 *
 * @package JetpackStartCompanion
 */

declare( strict_types=1 );

namespace JetpackStartCompanion\Network;

use JetpackStartCompanion\Plugin;
use JetpackStartCompanion\Provisioning\StateResolver;

defined( 'ABSPATH' ) || exit;

final class SitesPage {

	public const PER_PAGE = 20;

	public static function url( int $page = 1 ): string {
		return add_query_arg(
			array(
				'page'  => Plugin::NETWORK_PAGE_SLUG,
				'paged' => $page,
			),
			network_admin_url( 'admin.php' )
		);
	}

	public static function render(): void {
		// phpcs:ignore WordPress.Security.NonceVerification.Recommended -- a page number, nothing changes.
		$current = isset( $_GET['paged'] ) ? max( 1, absint( $_GET['paged'] ) ) : 1;
		$list    = SiteList::page( $current, self::PER_PAGE );
		echo '<div class="wrap"><h1>' . esc_html__( 'Jetpack plans on this network', 'jetpack-start-companion' ) . '</h1>';
		echo '<p>' . esc_html__( 'What each site last recorded. Open a site\'s panel to check it again or to act.', 'jetpack-start-companion' ) . '</p>';
		echo '<table class="wp-list-table widefat fixed striped"><caption class="screen-reader-text">' . esc_html__( 'Sites, their Jetpack and their plan', 'jetpack-start-companion' ) . '</caption><thead><tr>';
		foreach ( array( __( 'Site', 'jetpack-start-companion' ), __( 'Jetpack', 'jetpack-start-companion' ), __( 'Plan', 'jetpack-start-companion' ), __( 'Offer expires', 'jetpack-start-companion' ), __( 'Panel', 'jetpack-start-companion' ) ) as $heading ) {
			echo '<th scope="col">' . esc_html( $heading ) . '</th>';
		}
		echo '</tr></thead><tbody>';
		foreach ( $list['sites'] as $site ) {
			$expires = null === $site['expires_at'] ? '—' : wp_date( (string) get_option( 'date_format' ), (int) strtotime( (string) $site['expires_at'] ) );
			$panel   = null === $site['panel_url'] ? esc_html__( 'Not turned on for this site', 'jetpack-start-companion' ) : sprintf( '<a href="%1$s">%2$s<span class="screen-reader-text"> %3$s</span></a>', esc_url( (string) $site['panel_url'] ), esc_html__( 'Open panel', 'jetpack-start-companion' ), esc_html( (string) $site['site_url'] ) );
			printf(
				'<tr data-blog-id="%1$d" data-state="%2$s"><td>%3$s</td><td>%4$s</td><td>%5$s</td><td>%6$s</td><td>%7$s</td></tr>',
				(int) $site['blog_id'],
				esc_attr( (string) $site['state'] ),
				esc_html( (string) $site['site_url'] ),
				esc_html( self::jetpack_label( (string) $site['jetpack'] ) ),
				esc_html( self::state_label( (string) $site['state'], $site['plan'], $site['error_code'] ) ),
				esc_html( (string) $expires ),
				$panel // phpcs:ignore WordPress.Security.EscapeOutput.OutputNotEscaped -- built from escaped parts above.
			);
		}
		echo '</tbody></table>';
		$links = paginate_links(
			array(
				'base'    => add_query_arg( 'paged', '%#%' ),
				'format'  => '',
				'current' => $current,
				'total'   => $list['pages'],
			)
		);
		if ( is_string( $links ) ) {
			/* translators: %d: number of sites. */
			echo '<div class="tablenav"><div class="tablenav-pages"><span class="displaying-num">' . esc_html( sprintf( _n( '%d site', '%d sites', $list['total'], 'jetpack-start-companion' ), $list['total'] ) ) . '</span> <nav aria-label="' . esc_attr__( 'Pages of sites', 'jetpack-start-companion' ) . '">' . wp_kses_post( $links ) . '</nav></div></div>';
		}
		echo '</div>';
	}

	private static function jetpack_label( string $summary ): string {
		$labels = array(
			'not_installed'      => __( 'Not installed', 'jetpack-start-companion' ),
			'inactive'           => __( 'Not turned on', 'jetpack-start-companion' ),
			'not_loaded'         => __( 'Turned on, not loaded', 'jetpack-start-companion' ),
			'offline'            => __( 'Offline mode', 'jetpack-start-companion' ),
			'not_connected'      => __( 'Not connected', 'jetpack-start-companion' ),
			'connected_no_owner' => __( 'Connected, no owner', 'jetpack-start-companion' ),
			'connected'          => __( 'Connected', 'jetpack-start-companion' ),
		);
		return $labels[ $summary ] ?? $summary;
	}

	private static function state_label( string $state, ?string $plan, ?string $error_code ): string {
		$labels = array(
			StateResolver::NOT_REQUESTED          => __( 'Not asked for yet', 'jetpack-start-companion' ),
			StateResolver::REQUESTING             => __( 'Being asked for now', 'jetpack-start-companion' ),
			StateResolver::ACTIVE                 => __( 'Active', 'jetpack-start-companion' ),
			StateResolver::AWAITING_AUTHORIZATION => __( 'Waiting for the owner to approve', 'jetpack-start-companion' ),
			StateResolver::AWAITING_DNS           => __( 'Waiting for the domain to reach this site', 'jetpack-start-companion' ),
			StateResolver::EXPIRED                => __( 'Offer expired', 'jetpack-start-companion' ),
			StateResolver::CONNECTED_NO_OWNER     => __( 'Connection has no owner', 'jetpack-start-companion' ),
			StateResolver::FAILED                 => __( 'Failed', 'jetpack-start-companion' ),
		);
		$label  = $labels[ $state ] ?? $state;
		if ( null !== $error_code ) {
			$label .= ' (' . $error_code . ')';
		}
		return null === $plan ? $label : $label . ' · ' . $plan;
	}
}
