import type { Database } from '../db/index.js';

/**
 * The fleet page's counters (`jsc_state_counts`, `jsc_check_counts`) counted afresh from the
 * site rows, in one transaction. The triggers keep them as rows change; this is for rows
 * written with the triggers off (a bulk import, a restore) and for checking them.
 * @param db
 */
export async function recountFleet( db: Database ): Promise< void > {
	await db.transaction( async ( tx ) => {
		await tx.query( 'DELETE FROM jsc_state_counts' );
		await tx.query(
			`INSERT INTO jsc_state_counts (state, error_code, sites)
			 SELECT state, coalesce(error_code, ''), count(*)::int FROM jsc_sites GROUP BY 1, 2`
		);
		await tx.query( 'DELETE FROM jsc_check_counts' );
		await tx.query(
			`INSERT INTO jsc_check_counts (check_id, sites)
			 SELECT c, count(*)::int FROM jsc_sites, LATERAL (SELECT DISTINCT unnest(failing_checks)) AS f (c)
			 GROUP BY 1`
		);
	} );
}
