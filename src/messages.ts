/**
 * Plain-language wording shared by the cards and the screen reader announcements.
 * A site owner may never have heard of "Jetpack Start": talk about their hosting
 * plan and what it includes.
 */

/**
 * WordPress dependencies
 */
import { dateI18n, getSettings } from '@wordpress/date';
import { __, sprintf } from '@wordpress/i18n';

/**
 * Internal dependencies
 */
import type { CompanionStatus, ProvisioningState } from './types';

export const TOS_URL = 'https://wordpress.com/tos/';

/**
 * Whether a value is an absolute http: or https: URL, the only kind the panel links to.
 *
 * @param value Anything, typically a URL from the status object.
 */
export function isHttpUrl( value: unknown ): value is string {
	if ( typeof value !== 'string' || value === '' ) {
		return false;
	}
	try {
		const { protocol } = new URL( value );
		return protocol === 'http:' || protocol === 'https:';
	} catch {
		return false;
	}
}

/**
 * The plan's human label, e.g. "Jetpack Backup".
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
 * A date from the status object in the site's date format, or null.
 *
 * @param iso An ISO 8601 date, or null.
 */
export function formatSiteDate( iso: string | null ): string | null {
	if ( ! iso || Number.isNaN( Date.parse( iso ) ) ) {
		return null;
	}
	return dateI18n( getSettings().formats.date, iso );
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
		case 'failed':
			return sprintf(
				/* translators: %s: plan name, e.g. "Jetpack Backup". */
				__( '%s couldn’t be activated.', 'jetpack-start-companion' ),
				label
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
