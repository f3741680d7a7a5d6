import type { Queryable } from '../../db/index.js';

/** The one pace of every job's calls to WordPress.com. */
export const WPCOM_PACE = 'wpcom';

/**
 * A pace shared by every instance on the database: each call to WordPress.com made by a
 * background job reserves the next free slot (`intervalMs` after the previous one) in one
 * atomic statement, and waits until it. However many instances and workers there are, the
 * calls together never go faster than one per interval.
 * @param db
 * @param name
 * @param intervalMs
 * @param now
 * @return when the caller may make its call (ms since the epoch)
 */
export async function reserveSlot(
	db: Queryable,
	name: string,
	intervalMs: number,
	now: number
): Promise< number > {
	const [ row ] = await db.query< { slot: Date } >(
		`INSERT INTO jsc_rate AS r (name, next_at)
		 VALUES ($1, $2::timestamptz + make_interval(secs => $3::float8 / 1000))
		 ON CONFLICT (name) DO UPDATE
		 SET next_at = GREATEST(r.next_at, $2::timestamptz) + make_interval(secs => $3::float8 / 1000)
		 RETURNING next_at - make_interval(secs => $3::float8 / 1000) AS slot`,
		[ name, new Date( now ), intervalMs ]
	);
	return row === undefined ? now : new Date( row.slot ).getTime();
}

/**
 * Waits for a slot of `name`'s pace.
 * @param db
 * @param name
 * @param intervalMs
 */
export async function paced(
	db: Queryable,
	name: string,
	intervalMs: number
): Promise< void > {
	const slot = await reserveSlot( db, name, intervalMs, Date.now() );
	const wait = slot - Date.now();
	if ( wait > 0 ) {
		await new Promise( ( r ) => setTimeout( r, wait ) );
	}
}
