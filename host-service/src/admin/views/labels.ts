import type { FleetState, SiteReport } from '../../fleet/types.js';

/** How the fleet page names each state (one place; the CSV and JSON use the slugs). */
export const STATE_LABELS: Record< FleetState, string > = {
	active: 'Active',
	awaiting_authorization: 'Awaiting authorization',
	awaiting_dns: 'Awaiting DNS',
	expired: 'Expired',
	failed: 'Failed',
	orphaned: 'Orphaned connection',
	cancelled: 'Cancelled',
	not_requested: 'Not requested',
};

/** What each state asks of support, shown under the counts. */
export const STATE_HINTS: Record< FleetState, string > = {
	active: 'The plan is on the site.',
	awaiting_authorization:
		'The owner has to approve the connection on WordPress.com.',
	awaiting_dns: 'The domain does not reach the site yet.',
	expired: 'The 14-day offer lapsed before anyone accepted it.',
	failed: 'The last attempt failed; see the error code.',
	orphaned: 'Jetpack is connected but nobody owns the connection.',
	cancelled: 'The host cancelled the plan.',
	not_requested: 'The site reported, but no plan was asked for yet.',
};

export const HISTORY_LABELS: Record< string, string > = {
	provision: 'Site asked for the plan',
	status: 'Site checked the plan',
	report: 'Site reported',
	recheck: 'Background re-check',
	renew: 'Offer renewed',
	cancel: 'Host cancelled',
	host_provision: 'Host provisioned',
};

/**
 * "3 days left" for a pending offer, or null.
 * @param expires
 * @param now
 */
export function daysLeft( expires: Date | null, now: number ): number | null {
	if ( expires === null ) {
		return null;
	}
	return Math.max( 0, Math.ceil( ( expires.getTime() - now ) / 86_400_000 ) );
}

export function formatTime( d: Date | null ): string {
	return d === null
		? '—'
		: d.toISOString().replace( 'T', ' ' ).slice( 0, 16 ) + ' UTC';
}

type ReportedJetpack = SiteReport[ 'jetpack' ];

/**
 * What a site's report says of Jetpack, in a few words.
 * @param j
 */
export function jetpackSummary( j: ReportedJetpack ): string {
	if ( ! j.installed ) {
		return 'not installed';
	}
	if ( ! j.active ) {
		return 'installed, not active';
	}
	return `active, version ${ j.version ?? 'unknown' }`;
}

/**
 * What a site's report says of its connection.
 * @param j
 */
export function connectionSummary( j: ReportedJetpack ): string {
	if ( ! j.connected ) {
		return 'not connected';
	}
	return j.has_owner
		? 'connected, with an owner'
		: 'connected, nobody owns it';
}
