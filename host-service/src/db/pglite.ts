import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm as trigrams } from '@electric-sql/pglite/contrib/pg_trgm';
import type { Database, Queryable, Row } from './types.js';

/**
 * PGlite (PostgreSQL compiled to WebAssembly, in this process) in a data directory: the
 * default, so one instance needs nothing else. One connection; statements run one at a time.
 * @param dataDir a directory, or 'memory://' for a throw-away database (tests)
 */
export async function openPglite( dataDir: string ): Promise< Database > {
	if ( ! dataDir.startsWith( 'memory://' ) ) {
		mkdirSync( dataDir, { recursive: true } );
	}
	const pg = await PGlite.create( dataDir, {
		extensions: { pg_trgm: trigrams },
	} );
	const q: Queryable = {
		query: async < T extends Row = Row >(
			sql: string,
			params: readonly unknown[] = []
		) => ( await pg.query< T >( sql, [ ...params ] ) ).rows,
	};
	return {
		kind: 'pglite',
		where: `pglite:${ dataDir }`,
		query: q.query,
		transaction: async ( fn ) =>
			pg.transaction( async ( tx ) =>
				fn( {
					query: async < T extends Row = Row >(
						sql: string,
						params: readonly unknown[] = []
					) => ( await tx.query< T >( sql, [ ...params ] ) ).rows,
				} )
			),
		exec: async ( sql ) => {
			const results = await pg.exec( sql );
			return ( results[ results.length - 1 ]?.rows ?? [] ) as Row[];
		},
		close: async () => {
			if ( ! pg.closed ) {
				await pg.close();
			}
		},
	};
}
