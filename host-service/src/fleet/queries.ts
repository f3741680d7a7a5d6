import type { Queryable } from '../db/index.js';
import {
	FLEET_STATES,
	isFleetState,
	type FleetState,
	type SiteRow,
} from './types.js';

/**
 * The fleet page's reads: counts by state, a filtered page of sites, the causes sites
 * report. Each filter is one SQL condition on the effective state (fleet/state.ts: a pending
 * offer past its expiry counts as expired whether or not a job has marked it yet).
 */

export interface ListFilter {
	state?: FleetState;
	/** an error code (sites failed with it) */
	code?: string;
	/** a failing preflight check a site reported */
	check?: string;
	plan?: string;
	/** part of the site URL, or a local user exactly */
	q?: string;
	page: number;
	perPage: number;
}

export interface ListPage {
	sites: SiteRow[];
	/** matching sites, counted up to COUNT_CAP */
	total: number;
	/** more matched than COUNT_CAP */
	totalCapped: boolean;
}

export interface FleetCounts {
	byState: Record< FleetState, number >;
	/** awaiting authorization and expiring within two days */
	expiringSoon: number;
	failedByCode: { code: string; sites: number }[];
	failingChecks: { check: string; sites: number }[];
	total: number;
}

export const COUNT_CAP = 10_000;
export const MAX_PER_PAGE = 200;

const PENDING = `state IN ('awaiting_authorization', 'awaiting_dns')`;

/**
 * The SQL for "in state s at $1", where $1 is now.
 * @param s
 */
function stateCondition( s: FleetState ): string {
	if ( s === 'expired' ) {
		return `(state = 'expired' OR (${ PENDING } AND pending_expires_at <= $1))`;
	}
	if ( s === 'awaiting_authorization' || s === 'awaiting_dns' ) {
		return `(state = '${ s }' AND (pending_expires_at IS NULL OR pending_expires_at > $1))`;
	}
	return `state = '${ s }'`;
}

const likePattern = ( q: string ): string =>
	`%${ q.replace( /[\\%_]/g, ( c ) => `\\${ c }` ) }%`;

function where( f: ListFilter, now: Date ): { sql: string; params: unknown[] } {
	const params: unknown[] = [ now ];
	const parts: string[] = [];
	const add = ( v: unknown ): string => {
		params.push( v );
		return `$${ params.length }`;
	};
	if ( f.state !== undefined ) {
		parts.push( stateCondition( f.state ) );
	}
	if ( f.code !== undefined ) {
		parts.push( `error_code = ${ add( f.code ) }` );
	}
	if ( f.check !== undefined ) {
		parts.push( `failing_checks @> ARRAY[${ add( f.check ) }]::text[]` );
	}
	if ( f.plan !== undefined ) {
		parts.push( `plan = ${ add( f.plan ) }` );
	}
	if ( f.q !== undefined && f.q !== '' ) {
		const p = add( likePattern( f.q ) );
		const exact = add( f.q );
		parts.push( `(site ILIKE ${ p } OR local_user = ${ exact })` );
	}
	// The cast gives $1 its type (and a use) whichever conditions there are.
	return {
		sql: [ '$1::timestamptz IS NOT NULL', ...parts ].join( ' AND ' ),
		params,
	};
}

export async function listSites(
	db: Queryable,
	f: ListFilter,
	now: Date
): Promise< ListPage > {
	const w = where( f, now );
	const perPage = Math.min( Math.max( 1, f.perPage ), MAX_PER_PAGE );
	const offset = ( Math.max( 1, f.page ) - 1 ) * perPage;
	const sites = await db.query< SiteRow & Record< string, unknown > >(
		`SELECT * FROM jsc_sites WHERE ${ w.sql }
		 ORDER BY updated_at DESC, site LIMIT ${ perPage } OFFSET ${ offset }`,
		w.params
	);
	const [ c ] = await db.query< { n: number } >(
		`SELECT count(*)::int AS n FROM (SELECT 1 FROM jsc_sites WHERE ${
			w.sql
		} LIMIT ${ COUNT_CAP + 1 }) AS capped`,
		w.params
	);
	const n = Number( c?.n ?? 0 );
	return {
		sites,
		total: Math.min( n, COUNT_CAP ),
		totalCapped: n > COUNT_CAP,
	};
}

/**
 * Every matching site, in pages (CSV export), newest first.
 * @param db
 * @param f
 * @param now
 * @param each
 */
export async function eachSite(
	db: Queryable,
	f: Omit< ListFilter, 'page' | 'perPage' >,
	now: Date,
	each: ( rows: SiteRow[] ) => void
): Promise< void > {
	for ( let page = 1; ; page++ ) {
		const { sites } = await listSites(
			db,
			{ ...f, page, perPage: MAX_PER_PAGE },
			now
		);
		if ( sites.length === 0 ) {
			return;
		}
		each( sites );
		if ( sites.length < MAX_PER_PAGE ) {
			return;
		}
	}
}

/**
 * The counts, from the counters the triggers keep (a few rows, however large the fleet), and
 * two index range counts for what depends on the time: pending offers past their expiry
 * (expired on read) and those expiring within two days.
 * @param db
 * @param now
 */
export async function fleetCounts(
	db: Queryable,
	now: Date
): Promise< FleetCounts > {
	const stored = await db.query< {
		state: string;
		error_code: string;
		sites: number;
	} >(
		'SELECT state, error_code, sites FROM jsc_state_counts WHERE sites <> 0'
	);
	const lapsed = await db.query< {
		state: string;
		sites: number;
		soon: number;
	} >(
		`SELECT state,
			count(*) FILTER (WHERE pending_expires_at <= $1)::int AS sites,
			count(*) FILTER (WHERE pending_expires_at > $1 AND pending_expires_at <= $2)::int AS soon
		 FROM jsc_sites WHERE ${ PENDING } AND pending_expires_at <= $2
		 GROUP BY state`,
		[ now, new Date( now.getTime() + 2 * 86_400_000 ) ]
	);
	const byState = Object.fromEntries(
		FLEET_STATES.map( ( s ) => [ s, 0 ] )
	) as Record< FleetState, number >;
	const failed = new Map< string, number >();
	let total = 0;
	for ( const r of stored ) {
		const n = Number( r.sites );
		total += n;
		if ( isFleetState( r.state ) ) {
			byState[ r.state ] += n;
		}
		if ( r.state === 'failed' ) {
			const code = r.error_code === '' ? 'unknown' : r.error_code;
			failed.set( code, ( failed.get( code ) ?? 0 ) + n );
		}
	}
	let expiringSoon = 0;
	for ( const r of lapsed ) {
		if ( isFleetState( r.state ) ) {
			byState[ r.state ] -= Number( r.sites );
			byState.expired += Number( r.sites );
		}
		if ( r.state === 'awaiting_authorization' ) {
			expiringSoon = Number( r.soon );
		}
	}
	const failingChecks = (
		await db.query< { check: string; sites: number } >(
			`SELECT check_id AS check, sites FROM jsc_check_counts WHERE sites > 0
			 ORDER BY sites DESC, check_id LIMIT 20`
		)
	).map( ( r ) => ( { check: r.check, sites: Number( r.sites ) } ) );
	return {
		byState,
		expiringSoon,
		failedByCode: [ ...failed ]
			.map( ( [ code, sites ] ) => ( { code, sites } ) )
			.sort(
				( a, b ) => b.sites - a.sites || a.code.localeCompare( b.code )
			)
			.slice( 0, 20 ),
		failingChecks,
		total,
	};
}

/**
 * Pending sites whose next check is due, oldest due first (the re-check sweep).
 * @param db
 * @param now
 * @param limit
 */
export async function dueForRecheck(
	db: Queryable,
	now: Date,
	limit: number
): Promise< { site: string; plan: string | null }[] > {
	return db.query(
		`SELECT site, plan FROM jsc_sites
		 WHERE ${ PENDING } AND next_check_at <= $1
		 ORDER BY next_check_at LIMIT $2`,
		[ now, limit ]
	);
}
