import { migrate } from './migrate.js';
import { openPglite } from './pglite.js';
import { openPostgres } from './postgres.js';
import type { Database } from './types.js';

export type { Database, Queryable, Row } from './types.js';
export { isUnavailable } from './types.js';

/** Where the fleet view keeps its records (config: JSC_DATABASE_URL, JSC_DATA_DIR). */
export type DatabaseConfig =
	| { kind: 'pglite'; dataDir: string }
	| { kind: 'postgres'; url: string };

/**
 * Opens the configured database and brings its schema up to date.
 * @param c
 */
export async function openDatabase( c: DatabaseConfig ): Promise< Database > {
	const db =
		c.kind === 'postgres'
			? await openPostgres( c.url )
			: await openPglite( c.dataDir );
	try {
		await migrate( db );
	} catch ( e ) {
		await db.close();
		throw e;
	}
	return db;
}
