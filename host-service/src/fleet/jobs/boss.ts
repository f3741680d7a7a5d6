import PgBoss from 'pg-boss';
import type { Database } from '../../db/index.js';

/**
 * pg-boss (the job queue: retries with back-off, cron schedules that fire once across
 * instances, jobs fetched with SKIP LOCKED so each runs once) on the fleet database, through
 * its `db` adapter: the same pool as everything else on PostgreSQL, and PGlite in this
 * process (statements without parameters, such as its schema scripts, go as one simple query).
 * @param db
 * @param pollingIntervalSeconds
 */
export function newBoss(
	db: Database,
	pollingIntervalSeconds: number
): PgBoss {
	return new PgBoss( {
		db: {
			executeSql: async ( text: string, values?: unknown[] ) =>
				values === undefined || values.length === 0
					? { rows: await db.exec( text ) }
					: { rows: await db.query( text, values ) },
		},
		schema: 'jsc_jobs',
		supervise: true,
		schedule: true,
		migrate: true,
		pollingIntervalSeconds,
	} );
}
