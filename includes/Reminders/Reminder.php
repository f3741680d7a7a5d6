<?php
/**
 * The reminders of a pending activation: an admin notice (dismissible, per user and site) and a
 * Dashboard widget, with the days left and Set Up Jetpack, or "Request again" once the offer
 * expired. Loaded only where one is shown: Plugin::remind() decides that from an autoloaded
 * option and the user's meta. What they say comes from the status object (Provisioning\StatusBuilder,
 * whose `journey` names the one thing to do), so no rule is written twice.
 *
 * @package JetpackStartCompanion
 */

declare( strict_types=1 );

namespace JetpackStartCompanion\Reminders;

use JetpackStartCompanion\Admin\Page;
use JetpackStartCompanion\Jetpack\JetpackState;
use JetpackStartCompanion\Plugin;
use JetpackStartCompanion\Provisioning\Journey;
use JetpackStartCompanion\Provisioning\StateResolver;

defined( 'ABSPATH' ) || exit;

final class Reminder {

	public const DISMISS_ACTION = 'jetpack_start_companion_dismiss_reminder';

	public const WIDGET_ID = 'jetpack_start_companion_reminder';

	/** @var array<int,array<string,mixed>> The status object built this request, per user. */
	private static array $built = array();

	/**
	 * Forgets the status objects built (tests, and anything that changes the state mid-request).
	 */
	public static function forget(): void {
		self::$built = array();
	}

	/**
	 * On admin_notices.
	 */
	public static function notice(): void {
		$content = self::content( get_current_user_id(), time() );
		if ( null === $content ) {
			return;
		}
		printf(
			'<div class="notice notice-warning jetpack-start-companion-reminder" style="position:relative;padding-right:38px">%1$s<form method="post" action="%2$s"><input type="hidden" name="action" value="%3$s">%4$s<button type="submit" class="notice-dismiss"><span class="screen-reader-text">%5$s</span></button></form></div>',
			$content, // phpcs:ignore WordPress.Security.EscapeOutput.OutputNotEscaped -- escaped in content().
			esc_url( admin_url( 'admin-post.php' ) ),
			esc_attr( self::DISMISS_ACTION ),
			wp_nonce_field( self::DISMISS_ACTION, '_wpnonce', true, false ), // phpcs:ignore WordPress.Security.EscapeOutput.OutputNotEscaped -- core's own escaped fields.
			esc_html__( 'Dismiss this reminder', 'jetpack-start-companion' )
		);
	}

	/**
	 * On wp_dashboard_setup.
	 */
	public static function widget(): void {
		wp_add_dashboard_widget( self::WIDGET_ID, esc_html__( 'Your Jetpack plan', 'jetpack-start-companion' ), array( self::class, 'render_widget' ) );
	}

	public static function render_widget(): void {
		echo self::content( get_current_user_id(), time() ) ?? ''; // phpcs:ignore WordPress.Security.EscapeOutput.OutputNotEscaped -- escaped in content().
	}

	/**
	 * The reminder's paragraphs, escaped, or null when the status says none is due after all
	 * (the site connected since, say; then the option is brought in step, so the next page
	 * loads nothing).
	 *
	 * @param int $user_id The user it is for.
	 * @param int $now     Current time.
	 */
	public static function content( int $user_id, int $now ): ?string {
		$phase = Plugin::reminder_phase( $user_id, $now );
		if ( null === $phase ) {
			return null;
		}
		// The notice and the widget on one Dashboard build it once.
		$status = self::$built[ $user_id ] ??= Plugin::status_builder()->build( $user_id );
		$state  = (string) $status['provisioning']['state'];
		if ( ! in_array( $state, Hint::STATES, true ) ) {
			// In flight: its outcome decides. Anything else: no reminder any more.
			if ( StateResolver::REQUESTING !== $state ) {
				Hint::clear();
			}
			return null;
		}
		$plan    = (string) $status['host']['plan_label'];
		$journey = $status['journey'];
		if ( StateResolver::EXPIRED === $state ) {
			$headline = '' === $plan
				? __( 'The offer of your Jetpack plan expired: your site wasn’t connected within 14 days.', 'jetpack-start-companion' )
				/* translators: %s: plan name, e.g. "Jetpack Backup". */
				: sprintf( __( 'The offer of %s expired: your site wasn’t connected within 14 days.', 'jetpack-start-companion' ), $plan );
			return self::paragraphs( $headline, $journey['todo'], __( 'Request again', 'jetpack-start-companion' ), Page::url() );
		}
		// The pending offer may be a newer one than the option says (asked again after it expired).
		$expires = (int) strtotime( (string) $status['provisioning']['expires_at'] );
		if ( (int) get_option( Plugin::REMINDER_OPTION ) !== $expires ) {
			update_option( Plugin::REMINDER_OPTION, $expires, true );
		}
		$days     = max( 1, (int) ceil( ( $expires - $now ) / DAY_IN_SECONDS ) );
		$headline = sprintf(
			/* translators: 1: plan name, e.g. "Jetpack Backup", 2: number of days, 3: date, e.g. "December 11, 2026". */
			_n( '%1$s is reserved for your site for %2$d more day (until %3$s).', '%1$s is reserved for your site for %2$d more days (until %3$s).', $days, 'jetpack-start-companion' ),
			'' === $plan ? __( 'Your Jetpack plan', 'jetpack-start-companion' ) : $plan,
			$days,
			(string) $status['provisioning']['expires_on']
		);
		return self::paragraphs( $headline, $journey['todo'], __( 'Set Up Jetpack', 'jetpack-start-companion' ), self::set_up_url( $status ) );
	}

	/**
	 * Where Set Up Jetpack goes: where the panel's own button goes when that is a link (case B's
	 * authorize page, the status object's `action_url`, which passed the link rule), else the
	 * panel, whose button starts Jetpack's own connection flow (case C, a refused link), or
	 * shows the step before it.
	 *
	 * @param array<string,mixed> $status The status object.
	 */
	private static function set_up_url( array $status ): string {
		$url = $status['provisioning']['action_url'];
		if ( StateResolver::AWAITING_AUTHORIZATION === $status['provisioning']['state'] && Journey::CONNECTED === $status['journey']['current'] && is_string( $url ) && '' !== $url && JetpackState::setup_url() !== $url ) {
			return $url;
		}
		return Page::url();
	}

	private static function paragraphs( string $headline, string $todo, string $button, string $url ): string {
		return sprintf(
			'<p><strong>%1$s</strong> %2$s</p><p><a class="button button-primary" href="%3$s">%4$s</a></p>',
			esc_html( $headline ),
			esc_html( $todo ),
			esc_url( $url ),
			esc_html( $button )
		);
	}

	/**
	 * The handler (admin-post.php) of the notice's dismiss button: records it, then back to the page.
	 */
	public static function dismiss(): void {
		self::record_dismissal();
		wp_safe_redirect( wp_get_referer() ? wp_get_referer() : admin_url() );
		exit;
	}

	/**
	 * Checks the nonce and the capability, then stores that this user dismissed the reminder's
	 * current phase on this site: it comes back in the next one (the last days, then expired).
	 */
	public static function record_dismissal(): void {
		check_admin_referer( self::DISMISS_ACTION );
		$user = get_current_user_id();
		if ( ! current_user_can( Plugin::capability() ) ) {
			wp_die( esc_html__( 'Sorry, you are not allowed to do that.', 'jetpack-start-companion' ), '', array( 'response' => 403 ) );
		}
		$phase = Plugin::reminder_phase( $user, time() );
		if ( null !== $phase ) {
			update_user_option( $user, Plugin::REMINDER_DISMISSED, Plugin::dismissal( $phase ) );
		}
	}
}
