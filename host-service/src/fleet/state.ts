import type { SiteEvent } from '../plugins/app/site-events.js';
import { nextCheck, PENDING_STATES, type StatePolicy } from './schedule.js';
import type { FleetState, SiteFields, SiteRow } from './types.js';

/**
 * Every rule of the fleet view's record in one place: what each step in a site's history
 * does to the site's row, and which state a row is in when it is read.
 *
 * - The newest observation wins, except that a failure never hides a plan that still works
 *   (the plugin keeps its last good answer the same way), and a host's cancel is lifted only
 *   by a new provision.
 * - A pending activation (awaiting authorization or DNS) is expired as soon as its
 *   `pending_expires_at` has passed, whether or not a job has looked at it since.
 * - A site's report adds what only the site sees: a connection without an owner (orphaned),
 *   a plan that landed when its owner connected, failures that never reached the service.
 */

export const EMPTY_FIELDS: SiteFields = {
	state: 'not_requested',
	error_code: null,
	plan: null,
	local_user: null,
	next_url: '',
	provisioned_by: null,
	forced_register: false,
	provisioned_at: null,
	pending_expires_at: null,
	renewals: 0,
	cancelled_at: null,
	last_event_at: null,
	last_checked_at: null,
	next_check_at: null,
	report: null,
	reported_at: null,
	failing_checks: [],
};

const PROVISIONED = new Set( [
	'active',
	'awaiting_authorization',
	'awaiting_dns',
] );

const date = ( s: string | null | undefined ): Date | null =>
	s === null || s === undefined || s === '' ? null : new Date( s );

/**
 * The state a row is in at `now`: a pending activation past its expiry is expired.
 * @param row
 * @param now
 */
export function effectiveState(
	row: Pick< SiteRow, 'state' | 'pending_expires_at' >,
	now: number
): FleetState {
	if (
		PENDING_STATES.includes( row.state ) &&
		row.pending_expires_at !== null &&
		row.pending_expires_at.getTime() <= now
	) {
		return 'expired';
	}
	return row.state;
}

/**
 * Whether the site has a plan that still works at `at` (active, or an offer not yet expired).
 * @param f
 * @param at
 */
function hasLivePlan( f: SiteFields, at: number ): boolean {
	const s = effectiveState( f, at );
	return s === 'active' || PENDING_STATES.includes( s );
}

function provisioned( f: SiteFields, e: SiteEvent ): SiteFields {
	const at = Date.parse( e.at );
	const pending = e.outcome !== 'active';
	let renewals = 0;
	if ( e.kind === 'renew' ) {
		renewals = f.renewals + 1;
	} else if ( e.replayed === true ) {
		renewals = f.renewals;
	}
	return {
		...f,
		state: e.outcome as FleetState,
		error_code: null,
		plan: e.plan ?? f.plan,
		local_user: e.localUser ?? f.local_user,
		next_url: e.nextUrl ?? '',
		provisioned_by: e.kind === 'provision' ? 'site' : 'host',
		forced_register: e.forcedRegister === true,
		provisioned_at: date( e.provisionedAt ) ?? new Date( at ),
		pending_expires_at: pending ? date( e.pendingExpiresAt ) : null,
		renewals,
		cancelled_at: null,
	};
}

function failed( f: SiteFields, e: SiteEvent ): SiteFields {
	const live = hasLivePlan( f, Date.parse( e.at ) );
	return {
		...f,
		error_code: e.outcome,
		state: live || f.state === 'cancelled' ? f.state : 'failed',
	};
}

/**
 * WordPress.com's v1.4 status of the plan (a site's §4 request, or a background re-check).
 * @param f
 * @param e
 */
function checked( f: SiteFields, e: SiteEvent ): SiteFields {
	const at = Date.parse( e.at );
	const next: SiteFields = { ...f, last_checked_at: new Date( at ) };
	if (
		f.state === 'cancelled' ||
		( e.plan !== null && f.plan !== null && e.plan !== f.plan )
	) {
		return next;
	}
	if ( e.outcome === 'active' ) {
		return {
			...next,
			state: 'active',
			error_code: null,
			next_url: '',
			pending_expires_at: null,
		};
	}
	if ( e.outcome === 'missing' ) {
		if ( PENDING_STATES.includes( f.state ) ) {
			// The offer is gone at WordPress.com: lapsed (or withdrawn) before anyone accepted it.
			return { ...next, state: 'expired', next_url: '' };
		}
		if ( f.state === 'active' ) {
			// The failure that leaves sites silently on the free plan.
			return { ...next, state: 'failed', error_code: 'plan_missing' };
		}
	}
	return next;
}

function reported( f: SiteFields, e: SiteEvent ): SiteFields {
	const r = e.report;
	if ( r === undefined ) {
		return f;
	}
	const next: SiteFields = {
		...f,
		report: r,
		reported_at: new Date( e.at ),
		failing_checks: ( r.checks ?? [] )
			.filter( ( c ) => c.status === 'fail' )
			.map( ( c ) => c.id ),
	};
	if ( f.state === 'cancelled' ) {
		return next;
	}
	const s = r.provisioning.state;
	if ( s === 'connected_no_owner' ) {
		return { ...next, state: 'orphaned' };
	}
	if ( s === 'active' && f.state !== 'active' ) {
		return {
			...next,
			state: 'active',
			error_code: null,
			next_url: '',
			pending_expires_at: null,
			next_check_at: null,
			plan: r.provisioning.plan ?? f.plan,
		};
	}
	if ( s === 'failed' && r.provisioning.error_code !== null ) {
		return failed( next, { ...e, outcome: r.provisioning.error_code } );
	}
	if ( f.state === 'not_requested' || f.state === 'orphaned' ) {
		// What the site knows of a plan the service has no record of (e.g. kept before the
		// service had a database, or asked of another service).
		if (
			s === 'awaiting_authorization' ||
			s === 'awaiting_dns' ||
			s === 'expired'
		) {
			return {
				...next,
				state: s,
				plan: r.provisioning.plan ?? f.plan,
				pending_expires_at: date( r.provisioning.pending_expires_at ),
			};
		}
		if ( f.state === 'orphaned' && s === 'not_requested' ) {
			return { ...next, state: 'not_requested' };
		}
	}
	if (
		s === 'expired' &&
		PENDING_STATES.includes( f.state ) &&
		! hasLivePlan( f, Date.parse( e.at ) )
	) {
		return { ...next, state: 'expired' };
	}
	return next;
}

function cancelled( f: SiteFields, e: SiteEvent ): SiteFields {
	if ( e.outcome !== 'cancelled' && e.outcome !== 'nothing_to_cancel' ) {
		return { ...f, error_code: e.outcome };
	}
	return {
		...f,
		state: 'cancelled',
		error_code: null,
		next_url: '',
		pending_expires_at: null,
		cancelled_at: new Date( e.at ),
		next_check_at: null,
	};
}

/**
 * What one step does to a site's record. A step older than the newest one already applied
 * (it arrived late, e.g. replayed after the database was away) only joins the history.
 * @param current the row as stored, or null for a site the service has not seen
 * @param e
 * @param p
 */
export function applyEvent(
	current: SiteFields | null,
	e: SiteEvent,
	p: StatePolicy
): SiteFields {
	const f = current ?? EMPTY_FIELDS;
	const at = new Date( e.at );
	if ( f.last_event_at !== null && at < f.last_event_at ) {
		return f;
	}
	let next: SiteFields;
	let schedules = true;
	switch ( e.kind ) {
		case 'provision':
		case 'host_provision':
		case 'renew':
			next =
				e.status === 200 && PROVISIONED.has( e.outcome )
					? provisioned( f, e )
					: failed( f, e );
			break;
		case 'status':
		case 'recheck':
			next = checked( f, e );
			break;
		case 'report':
			next = reported( f, e );
			schedules = f.state !== next.state;
			break;
		case 'cancel':
			next = cancelled( f, e );
			break;
	}
	return {
		...next,
		last_event_at: at,
		next_check_at: schedules
			? nextCheck( next, at.getTime(), p )
			: next.next_check_at,
	};
}
