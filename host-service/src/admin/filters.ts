import { hostError } from '../lib/errors.js';
import { isFleetState, type SiteRow } from '../fleet/types.js';
import type { ListFilter } from '../fleet/queries.js';
import { effectiveState } from '../fleet/state.js';
import { daysLeft } from './views/labels.js';

const CODE = /^[A-Za-z0-9_.:-]{1,64}$/;

/**
 * The fleet page's and API's filters from a query string; anything malformed is a 400.
 * @param q
 */
export function readFilter( q: Record< string, unknown > ): ListFilter {
	const str = ( k: string ): string | undefined => {
		const v = q[ k ];
		if ( v === undefined || v === '' ) {
			return undefined;
		}
		if ( typeof v !== 'string' ) {
			throw hostError.invalidRequest( `${ k } must be given once` );
		}
		return v;
	};
	const f: ListFilter = { page: 1, perPage: 50 };
	const state = str( 'state' );
	if ( state !== undefined ) {
		if ( ! isFleetState( state ) ) {
			throw hostError.invalidRequest( 'state is not a fleet state' );
		}
		f.state = state;
	}
	for ( const k of [ 'code', 'check', 'plan' ] as const ) {
		const v = str( k );
		if ( v !== undefined ) {
			if ( ! CODE.test( v ) ) {
				throw hostError.invalidRequest( `${ k } is malformed` );
			}
			f[ k ] = v;
		}
	}
	const search = str( 'q' );
	if ( search !== undefined ) {
		if ( search.length > 200 ) {
			throw hostError.invalidRequest( 'q is longer than 200 characters' );
		}
		f.q = search.trim();
	}
	for ( const [ k, key, max ] of [
		[ 'page', 'page', 1_000_000 ],
		[ 'per_page', 'perPage', 200 ],
	] as const ) {
		const v = str( k );
		if ( v !== undefined ) {
			if ( ! /^[1-9][0-9]{0,6}$/.test( v ) || Number( v ) > max ) {
				throw hostError.invalidRequest(
					`${ k } must be a whole number from 1 to ${ max }`
				);
			}
			f[ key ] = Number( v );
		}
	}
	return f;
}

const iso = ( d: Date | null ): string | null =>
	d === null ? null : d.toISOString();

/**
 * A site's record as the admin API shows it: the effective state, days left, no link
 * (WordPress.com's authorize URL may carry a token), only whether there is one.
 * @param r
 * @param now
 */
export function siteJson( r: SiteRow, now: number ): Record< string, unknown > {
	const state = effectiveState( r, now );
	return {
		site: r.site,
		state,
		days_left:
			state === 'awaiting_authorization' || state === 'awaiting_dns'
				? daysLeft( r.pending_expires_at, now )
				: null,
		error_code: r.error_code,
		plan: r.plan,
		local_user: r.local_user,
		has_link: r.next_url !== '',
		provisioned_by: r.provisioned_by,
		forced_register: r.forced_register,
		provisioned_at: iso( r.provisioned_at ),
		pending_expires_at: iso( r.pending_expires_at ),
		renewals: r.renewals,
		cancelled_at: iso( r.cancelled_at ),
		last_checked_at: iso( r.last_checked_at ),
		next_check_at: iso( r.next_check_at ),
		failing_checks: r.failing_checks,
		report: r.report,
		reported_at: iso( r.reported_at ),
		last_activity: iso( r.last_event_at ),
	};
}
