import pg from 'pg';
import type { Database, Queryable, Row } from './types.js';

/**
 * `postgres://user:password@host:port/db` without its password, for logs.
 * @param url
 */
export function describeDatabaseUrl( url: string ): string {
	try {
		const u = new URL( url );
		return `${ u.protocol }//${ u.username ? `${ u.username }@` : '' }${
			u.host
		}${ u.pathname }`;
	} catch {
		return 'postgres (unparsable URL)';
	}
}

export interface PostgresOptions {
	/** connections in the pool (pg-boss and the fleet share it) */
	max?: number;
	/** how long a query waits for a connection before it fails (the database is away) */
	connectionTimeoutMs?: number;
}

/**
 * PostgreSQL through node `pg`, for hosts running several instances on one database.
 * A lost connection is replaced by the pool; queries fail (and the callers retry) meanwhile.
 * @param url
 * @param opts
 */
export async function openPostgres(
	url: string,
	opts: PostgresOptions = {}
): Promise< Database > {
	const pool = new pg.Pool( {
		connectionString: url,
		max: opts.max ?? 10,
		connectionTimeoutMillis: opts.connectionTimeoutMs ?? 5_000,
		idleTimeoutMillis: 30_000,
		application_name: 'jetpack-start-host-service',
	} );
	// A connection dropped while idle: the pool forgets it; nothing to do here but not crash.
	pool.on( 'error', () => undefined );
	// Fail at start, not at the first request, when the database cannot be reached.
	( await pool.connect() ).release();
	const run =
		( c: pg.Pool | pg.PoolClient ): Queryable[ 'query' ] =>
		async < T extends Row = Row >(
			sql: string,
			params: readonly unknown[] = []
		) =>
			( await c.query< T >( sql, [ ...params ] ) ).rows;
	let closed = false;
	return {
		kind: 'postgres',
		where: describeDatabaseUrl( url ),
		query: run( pool ),
		transaction: async ( fn ) => {
			const client = await pool.connect();
			try {
				await client.query( 'BEGIN' );
				const out = await fn( { query: run( client ) } );
				await client.query( 'COMMIT' );
				return out;
			} catch ( e ) {
				await client.query( 'ROLLBACK' ).catch( () => undefined );
				throw e;
			} finally {
				client.release();
			}
		},
		exec: async ( sql ) => {
			const r = ( await pool.query( sql ) ) as unknown as
				| pg.QueryResult< Row >
				| pg.QueryResult< Row >[];
			const last = Array.isArray( r ) ? r[ r.length - 1 ] : r;
			return last?.rows ?? [];
		},
		close: async () => {
			if ( ! closed ) {
				closed = true;
				await pool.end();
			}
		},
	};
}
