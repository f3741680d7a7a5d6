import { effectiveState } from '../fleet/state.js';
import type { SiteRow } from '../fleet/types.js';
import { daysLeft } from './views/labels.js';

export const CSV_COLUMNS = [
	'site',
	'state',
	'days_left',
	'plan',
	'error_code',
	'local_user',
	'provisioned_by',
	'provisioned_at',
	'pending_expires_at',
	'renewals',
	'cancelled_at',
	'failing_checks',
	'jetpack_version',
	'wp_version',
	'plugin_version',
	'reported_at',
	'last_activity',
] as const;

/**
 * One CSV cell: quoted, and a value a spreadsheet would run as a formula (= + - @, tab or
 * carriage return first) is prefixed with an apostrophe (OWASP's CSV injection advice).
 * @param v
 */
export function csvCell( v: string | number | null ): string {
	let s = v === null ? '' : String( v );
	if ( /^[=+\-@\t\r]/.test( s ) ) {
		s = `'${ s }`;
	}
	return `"${ s.replace( /"/g, '""' ) }"`;
}

const iso = ( d: Date | null ): string | null =>
	d === null ? null : d.toISOString();

export function csvRow( r: SiteRow, now: number ): string {
	const s = effectiveState( r, now );
	return [
		r.site,
		s,
		s === 'awaiting_authorization' || s === 'awaiting_dns'
			? daysLeft( r.pending_expires_at, now )
			: null,
		r.plan,
		r.error_code,
		r.local_user,
		r.provisioned_by,
		iso( r.provisioned_at ),
		iso( r.pending_expires_at ),
		r.renewals,
		iso( r.cancelled_at ),
		r.failing_checks.join( ' ' ),
		r.report?.jetpack.version ?? null,
		r.report?.wp_version ?? null,
		r.report?.plugin_version ?? null,
		iso( r.reported_at ),
		iso( r.last_event_at ),
	]
		.map( csvCell )
		.join( ',' );
}
