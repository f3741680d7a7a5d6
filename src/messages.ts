/**
 * Plain-language wording shared by the cards and the screen reader announcements.
 * A site owner may never have heard of "Jetpack Start": talk about their hosting
 * plan and what it includes.
 */

/**
 * WordPress dependencies
 */
import { __, sprintf } from '@wordpress/i18n';

/**
 * Internal dependencies
 */
import type { CompanionStatus, ProvisioningState } from './types';

export const TOS_URL = 'https://wordpress.com/tos/';

/**
 * The plan's name, e.g. "Jetpack Backup", for the middle of a sentence. The site names it
 * from the plan granted, the host's label or the plan asked for; before any of those is
 * known it is "your Jetpack plan". Sentences that start with the name use `hasPlanName`.
 *
 * @param status The status object.
 */
export function planLabel( status: CompanionStatus ): string {
	return (
		status.host.plan_label.trim() ||
		__( 'your Jetpack plan', 'jetpack-start-companion' )
	);
}

/**
 * Whether the site knows the plan's name (a sentence may start with it).
 *
 * @param status The status object.
 */
export function hasPlanName( status: CompanionStatus ): boolean {
	return status.host.plan_label.trim() !== '';
}

/**
 * Jetpack is installed, active and able to connect (not in offline mode).
 *
 * @param status The status object.
 */
export function isJetpackReady( status: CompanionStatus ): boolean {
	return (
		status.jetpack.installed &&
		status.jetpack.active &&
		! status.jetpack.offline_mode
	);
}

/**
 * One sentence on Jetpack itself.
 *
 * @param status The status object.
 */
export function describeJetpack( status: CompanionStatus ): string {
	const { jetpack } = status;
	if ( ! jetpack.installed ) {
		return __(
			'Jetpack is not installed on your site.',
			'jetpack-start-companion'
		);
	}
	if ( ! jetpack.active && jetpack.plugin_active ) {
		return __(
			'Jetpack is turned on but didn’t start.',
			'jetpack-start-companion'
		);
	}
	if ( ! jetpack.active ) {
		return __(
			'Jetpack is installed but not active.',
			'jetpack-start-companion'
		);
	}
	if ( jetpack.offline_mode ) {
		return __(
			'Jetpack is in offline mode, so your site can’t connect to WordPress.com.',
			'jetpack-start-companion'
		);
	}
	return __( 'Jetpack is installed and active.', 'jetpack-start-companion' );
}

/**
 * One sentence on the hosting plan's Jetpack plan, per provisioning state.
 *
 * @param status The status object.
 * @param state  The state to describe (the panel shows "requesting" while it asks).
 */
export function describePlan(
	status: CompanionStatus,
	state: ProvisioningState = status.provisioning.state
): string {
	const label = planLabel( status );
	switch ( state ) {
		case 'not_requested':
			return sprintf(
				/* translators: %s: plan name, e.g. "Jetpack Backup". */
				__(
					'Your hosting plan includes %s. It isn’t activated yet.',
					'jetpack-start-companion'
				),
				label
			);
		case 'requesting':
			return sprintf(
				/* translators: %s: plan name, e.g. "Jetpack Backup". */
				__(
					'Activating %s. This can take up to a minute.',
					'jetpack-start-companion'
				),
				label
			);
		case 'active':
			if (
				status.provisioning.confirmation?.plan_on_site === 'missing'
			) {
				return sprintf(
					/* translators: %s: plan name, e.g. "Jetpack Backup". */
					__(
						'Your site is connected, but %s isn’t on it yet.',
						'jetpack-start-companion'
					),
					label
				);
			}
			return sprintf(
				/* translators: %s: plan name, e.g. "Jetpack Backup". */
				__( '%s is active on your site.', 'jetpack-start-companion' ),
				label
			);
		case 'awaiting_authorization':
			return sprintf(
				/* translators: %s: plan name, e.g. "Jetpack Backup". */
				__(
					'%s is reserved for your site. Set up Jetpack to connect your site to WordPress.com and receive it.',
					'jetpack-start-companion'
				),
				label
			);
		case 'awaiting_dns':
			return sprintf(
				/* translators: %s: plan name, e.g. "Jetpack Backup". */
				__(
					'%s is reserved for your site, but WordPress.com can’t reach your site yet.',
					'jetpack-start-companion'
				),
				label
			);
		case 'expired':
			return sprintf(
				/* translators: %s: plan name, e.g. "Jetpack Backup". */
				__(
					'The request to activate %s expired because your site wasn’t connected within 14 days.',
					'jetpack-start-companion'
				),
				label
			);
		case 'connected_no_owner':
			return sprintf(
				/* translators: %s: plan name, e.g. "Jetpack Backup". */
				__(
					'Your site is connected to WordPress.com, but no user account owns the connection, so %s can’t be applied.',
					'jetpack-start-companion'
				),
				label
			);
		case 'cancelled':
			return sprintf(
				/* translators: %s: plan name, e.g. "Jetpack Backup". */
				__(
					'%s was cancelled by your hosting provider. It is no longer included with your hosting.',
					'jetpack-start-companion'
				),
				label
			);
		case 'failed':
			return hasPlanName( status )
				? sprintf(
						/* translators: %s: plan name, e.g. "Jetpack Backup". */
						__(
							'%s couldn’t be activated.',
							'jetpack-start-companion'
						),
						label
				  )
				: __(
						'Your Jetpack plan couldn’t be activated.',
						'jetpack-start-companion'
				  );
	}
}

/**
 * What WordPress.com last said of the plan on this site, in one sentence ('' before it was asked).
 *
 * @param status The status object.
 */
export function describeConfirmation( status: CompanionStatus ): string {
	const label = planLabel( status );
	switch ( status.provisioning.confirmation?.plan_on_site ) {
		case 'active':
			return sprintf(
				/* translators: %s: plan name, e.g. "Jetpack Backup". */
				__(
					'WordPress.com confirms %s is on your site.',
					'jetpack-start-companion'
				),
				label
			);
		case 'pending':
			return sprintf(
				/* translators: %s: plan name, e.g. "Jetpack Backup". */
				__(
					'WordPress.com is still finishing setting up %s.',
					'jetpack-start-companion'
				),
				label
			);
		case 'missing':
			return sprintf(
				/* translators: %s: plan name, e.g. "Jetpack Backup". */
				__(
					'WordPress.com doesn’t list %s on your site.',
					'jetpack-start-companion'
				),
				label
			);
		default:
			return '';
	}
}
