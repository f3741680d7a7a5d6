<?php
/**
 * The owner's journey at a glance (the status object's `journey`, docs/rest-api.md): Jetpack
 * ready → plan reserved → site connected → plan active, which step the owner is on, and the one
 * thing to do there. The panel renders it as a step indicator; the reminders (Reminders\Reminder)
 * say the same one thing to do. The one place that decides it.
 *
 * @package JetpackStartCompanion
 */

declare( strict_types=1 );

namespace JetpackStartCompanion\Provisioning;

use JetpackStartCompanion\Jetpack\JetpackState;
use JetpackStartCompanion\Plugin;

defined( 'ABSPATH' ) || exit;

final class Journey {

	public const JETPACK   = 'jetpack';
	public const RESERVED  = 'reserved';
	public const CONNECTED = 'connected';
	public const ACTIVE    = 'active';

	/** The steps, in order. */
	public const STEPS = array( self::JETPACK, self::RESERVED, self::CONNECTED, self::ACTIVE );

	/** States in which WordPress.com holds the plan for the site (or has put it there). */
	private const RESERVED_STATES = array( StateResolver::AWAITING_AUTHORIZATION, StateResolver::AWAITING_DNS, StateResolver::CONNECTED_NO_OWNER, StateResolver::ACTIVE );

	/**
	 * @param string       $state      The derived provisioning state.
	 * @param JetpackState $jetpack    What Jetpack reports now.
	 * @param bool         $configured The host set the site up (service URL and key).
	 * @param string       $plan       The plan's name for a sentence ('' when not known yet).
	 * @param string|null  $on_site    What WordPress.com last said of the plan: active, pending, missing, or null.
	 * @param int          $user_id    Who reads it: a step their account cannot take is someone else's.
	 * @return array{current:string,todo:string,steps:list<array{id:string,label:string,done:bool}>}
	 */
	public static function build( string $state, JetpackState $jetpack, bool $configured, string $plan, ?string $on_site, int $user_id ): array {
		$missing = 'missing' === $on_site;
		$done    = array(
			self::JETPACK   => $jetpack->is_ready(),
			// A plan WordPress.com does not list on the site is not reserved any more: ask again.
			self::RESERVED  => in_array( $state, self::RESERVED_STATES, true ) && ! $missing,
			self::CONNECTED => $jetpack->has_owned_connection(),
			self::ACTIVE    => StateResolver::ACTIVE === $state && ! $missing,
		);
		$labels  = array(
			self::JETPACK   => __( 'Jetpack ready', 'jetpack-start-companion' ),
			self::RESERVED  => __( 'Plan reserved', 'jetpack-start-companion' ),
			self::CONNECTED => __( 'Site connected', 'jetpack-start-companion' ),
			self::ACTIVE    => __( 'Plan active', 'jetpack-start-companion' ),
		);
		// The first step not done yet; the last one once everything is.
		$current = array_search( false, $done, true );
		$current = false === $current ? self::ACTIVE : $current;
		$steps   = array();
		foreach ( $labels as $id => $label ) {
			$steps[] = array(
				'id'    => $id,
				'label' => $label,
				'done'  => $done[ $id ],
			);
		}
		$plan = '' !== $plan ? $plan : __( 'your Jetpack plan', 'jetpack-start-companion' );
		return array(
			'current' => $current,
			'todo'    => self::todo( $current, $state, $jetpack, $configured, $plan, $on_site, $user_id ),
			'steps'   => $steps,
		);
	}

	/**
	 * The one thing to do on the current step, in one sentence.
	 *
	 * @param string       $step       The current step.
	 * @param string       $state      The derived provisioning state.
	 * @param JetpackState $jetpack    What Jetpack reports now.
	 * @param bool         $configured The host set the site up.
	 * @param string       $plan       The plan's name.
	 * @param string|null  $on_site    What WordPress.com last said of the plan.
	 * @param int          $user_id    Who reads it.
	 */
	private static function todo( string $step, string $state, JetpackState $jetpack, bool $configured, string $plan, ?string $on_site, int $user_id ): string {
		switch ( $step ) {
			case self::JETPACK:
				if ( ! $jetpack->installed && ! user_can( $user_id, 'install_plugins' ) ) {
					return __( 'Ask a site administrator to install Jetpack, the free plugin your plan works through.', 'jetpack-start-companion' );
				}
				if ( ! $jetpack->active && ! user_can( $user_id, 'activate_plugins' ) ) {
					return __( 'Ask a site administrator to activate Jetpack, the free plugin your plan works through.', 'jetpack-start-companion' );
				}
				if ( ! $jetpack->installed ) {
					return __( 'Install Jetpack, the free plugin your plan works through.', 'jetpack-start-companion' );
				}
				if ( $jetpack->is_stalled() ) {
					return __( 'Update or reinstall Jetpack from the Plugins screen: it is turned on but didn’t start.', 'jetpack-start-companion' );
				}
				return $jetpack->active
					? __( 'Ask your developer or hosting provider to turn Jetpack’s offline mode off.', 'jetpack-start-companion' )
					: __( 'Activate Jetpack, the free plugin your plan works through.', 'jetpack-start-companion' );
			case self::RESERVED:
				if ( $configured && StateResolver::REQUESTING !== $state && StateResolver::CANCELLED !== $state && ! user_can( $user_id, Plugin::capability() ) ) {
					/* translators: %s: plan name, e.g. "Jetpack Backup". */
					return sprintf( __( 'Ask a site administrator to activate %s.', 'jetpack-start-companion' ), $plan );
				}
				return self::reserve( $state, $configured, $plan );
			case self::CONNECTED:
				if ( StateResolver::AWAITING_DNS === $state ) {
					return __( 'Wait until your domain name works (a new one can take up to 48 hours), then set up Jetpack.', 'jetpack-start-companion' );
				}
				if ( StateResolver::CONNECTED_NO_OWNER === $state ) {
					return __( 'Connect your WordPress.com account to become the owner of your site’s connection.', 'jetpack-start-companion' );
				}
				return __( 'Set up Jetpack and approve the connection to WordPress.com.', 'jetpack-start-companion' );
			default:
				return 'pending' === $on_site
					? __( 'Nothing left to do: WordPress.com is finishing the setup.', 'jetpack-start-companion' )
					: __( 'Nothing left to do.', 'jetpack-start-companion' );
		}
	}

	/**
	 * The one thing to do before the plan is reserved.
	 *
	 * @param string $state      The derived provisioning state.
	 * @param bool   $configured The host set the site up.
	 * @param string $plan       The plan's name.
	 */
	private static function reserve( string $state, bool $configured, string $plan ): string {
		if ( StateResolver::REQUESTING === $state ) {
			return __( 'Wait a moment: WordPress.com is setting up your plan.', 'jetpack-start-companion' );
		}
		if ( StateResolver::CANCELLED === $state || ! $configured ) {
			return __( 'Contact your hosting provider’s support.', 'jetpack-start-companion' );
		}
		if ( StateResolver::FAILED === $state ) {
			/* translators: %s: plan name, e.g. "Jetpack Backup". */
			return sprintf( __( 'Try activating %s again.', 'jetpack-start-companion' ), $plan );
		}
		if ( StateResolver::NOT_REQUESTED === $state ) {
			/* translators: %s: plan name, e.g. "Jetpack Backup". */
			return sprintf( __( 'Activate %s: it’s already paid for with your hosting.', 'jetpack-start-companion' ), $plan );
		}
		/* translators: %s: plan name, e.g. "Jetpack Backup". */
		return sprintf( __( 'Request %s again: it’s already paid for with your hosting.', 'jetpack-start-companion' ), $plan );
	}
}
