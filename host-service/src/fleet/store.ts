import type { Database, Queryable } from '../db/index.js';
import type { SiteEvent } from '../plugins/app/site-events.js';
import type { StatePolicy } from './schedule.js';
import { applyEvent } from './state.js';
import type { HistoryEntry, SiteFields, SiteRow } from './types.js';

const COLUMNS: readonly ( keyof SiteFields )[] = [
	'state',
	'error_code',
	'plan',
	'local_user',
	'next_url',
	'provisioned_by',
	'forced_register',
	'provisioned_at',
	'pending_expires_at',
	'renewals',
	'cancelled_at',
	'last_event_at',
	'last_checked_at',
	'next_check_at',
	'report',
	'reported_at',
	'failing_checks',
];

const UPDATE_SITE = `UPDATE jsc_sites SET ${ COLUMNS.map(
	( c, i ) => `${ c } = $${ i + 2 }`
).join( ', ' ) }, updated_at = now() WHERE site = $1`;

/**
 * What a step keeps in the history beyond kind and outcome: the facts a support person
 * asks about, never a link (it may carry a token) or anything secret.
 * @param e
 */
function historyDetail( e: SiteEvent ): Record< string, unknown > {
	const d: Record< string, unknown > = { ...e.detail };
	if ( e.localUser !== undefined ) {
		d.local_user = e.localUser;
	}
	if ( e.forcedRegister === true ) {
		d.forced_register = true;
	}
	if ( e.replayed === true ) {
		d.replayed = true;
	}
	if ( e.pendingExpiresAt !== undefined && e.pendingExpiresAt !== null ) {
		d.pending_expires_at = e.pendingExpiresAt;
	}
	if ( e.nextUrl !== undefined ) {
		d.has_link = e.nextUrl !== '';
	}
	if ( e.report !== undefined ) {
		const r = e.report;
		d.reason = r.reason;
		d.site_state = r.provisioning.state;
		d.error_code = r.provisioning.error_code;
		d.jetpack = r.jetpack;
		d.failing_checks = ( r.checks ?? [] )
			.filter( ( c ) => c.status !== 'pass' )
			.map( ( c ) => `${ c.id }:${ c.status }` );
	}
	return d;
}

function fieldsOf( row: SiteRow ): SiteFields {
	const f = {} as Record< string, unknown >;
	for ( const c of COLUMNS ) {
		f[ c ] = row[ c ];
	}
	return f as unknown as SiteFields;
}

/**
 * One site's record and history in the database: every write goes through `apply`, which
 * locks the site's row, lets fleet/state.ts decide, and appends the step to the history.
 */
export class SiteStore {
	readonly db: Database;
	private readonly policy: StatePolicy;

	constructor( db: Database, policy: StatePolicy ) {
		this.db = db;
		this.policy = policy;
	}

	/**
	 * Several steps in one transaction (the writer batches what queued up meanwhile).
	 * @param events
	 */
	async apply( events: readonly SiteEvent[] ): Promise< void > {
		if ( events.length === 0 ) {
			return;
		}
		await this.db.transaction( async ( tx ) => {
			for ( const e of events ) {
				await this.applyOne( tx, e );
			}
		} );
	}

	private async applyOne( tx: Queryable, e: SiteEvent ): Promise< void > {
		// Insert first, then lock: two instances seeing a new site at once serialise here.
		await tx.query(
			'INSERT INTO jsc_sites (site) VALUES ($1) ON CONFLICT (site) DO NOTHING',
			[ e.site ]
		);
		const [ row ] = await tx.query< SiteRow & Record< string, unknown > >(
			'SELECT * FROM jsc_sites WHERE site = $1 FOR UPDATE',
			[ e.site ]
		);
		const current =
			row === undefined || row.last_event_at === null
				? null
				: fieldsOf( row );
		const next = applyEvent( current, e, this.policy );
		await tx.query( UPDATE_SITE, [
			e.site,
			...COLUMNS.map( ( c ) =>
				c === 'report' && next.report !== null
					? JSON.stringify( next.report )
					: next[ c ]
			),
		] );
		await tx.query(
			`INSERT INTO jsc_site_events (site, at, kind, outcome, http_status, plan, request_id, detail)
			 VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
			[
				e.site,
				e.at,
				e.kind,
				e.outcome,
				e.status,
				e.plan,
				e.requestId,
				JSON.stringify( historyDetail( e ) ),
			]
		);
	}

	async get( site: string ): Promise< SiteRow | null > {
		const [ row ] = await this.db.query<
			SiteRow & Record< string, unknown >
		>( 'SELECT * FROM jsc_sites WHERE site = $1', [ site ] );
		return row ?? null;
	}

	/**
	 * A site's steps, newest first.
	 * @param site
	 * @param limit
	 */
	async history( site: string, limit = 200 ): Promise< HistoryEntry[] > {
		const rows = await this.db.query<
			HistoryEntry & Record< string, unknown >
		>(
			`SELECT id, at, kind, outcome, http_status, plan, request_id, detail
			 FROM jsc_site_events WHERE site = $1 ORDER BY id DESC LIMIT $2`,
			[ site, limit ]
		);
		return rows.map( ( r ) => ( { ...r, id: Number( r.id ) } ) );
	}
}
