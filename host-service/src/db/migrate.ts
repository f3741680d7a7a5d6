import { MIGRATIONS, type Migration } from './migrations.js';
import type { Database } from './types.js';

// One lock for every instance migrating the same database at once (pg_advisory_xact_lock).
const MIGRATION_LOCK = 7_413_201_911;

/**
 * Applies the migrations this database has not seen, in one transaction, under an advisory
 * lock: instances starting together apply each one once, and a failed migration leaves the
 * schema as it was. Returns the versions applied now.
 * @param db
 * @param migrations
 */
export async function migrate(
	db: Database,
	migrations: readonly Migration[] = MIGRATIONS
): Promise< number[] > {
	return db.transaction( async ( tx ) => {
		await tx.query( 'SELECT pg_advisory_xact_lock($1)', [
			MIGRATION_LOCK,
		] );
		await tx.query( `CREATE TABLE IF NOT EXISTS jsc_schema_migrations (
			version integer PRIMARY KEY,
			name text NOT NULL,
			applied_at timestamptz NOT NULL DEFAULT now()
		)` );
		const done = new Set(
			(
				await tx.query< { version: number } >(
					'SELECT version FROM jsc_schema_migrations'
				)
			).map( ( r ) => Number( r.version ) )
		);
		const applied: number[] = [];
		for ( const m of migrations ) {
			if ( done.has( m.version ) ) {
				continue;
			}
			for ( const statement of m.statements ) {
				await tx.query( statement );
			}
			await tx.query(
				'INSERT INTO jsc_schema_migrations (version, name) VALUES ($1, $2)',
				[ m.version, m.name ]
			);
			applied.push( m.version );
		}
		return applied;
	} );
}
