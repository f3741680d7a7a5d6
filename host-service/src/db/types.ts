/**
 * The one SQL database the fleet view keeps (schema in migrations.ts): PGlite embedded in a
 * data directory by default, PostgreSQL through `pg` when JSC_DATABASE_URL is set. Both speak
 * the same SQL, so everything above this interface is written once.
 */
export type Row = Record< string, unknown >;

export interface Queryable {
	/** one statement with `$1…` parameters */
	query: < T extends Row = Row >(
		sql: string,
		params?: readonly unknown[]
	) => Promise< T[] >;
}

export interface Database extends Queryable {
	readonly kind: 'pglite' | 'postgres';
	/** where the database lives, without any password (for logs and the fleet page) */
	readonly where: string;
	/** BEGIN … COMMIT around `fn`, ROLLBACK when it throws */
	transaction: < T >( fn: ( tx: Queryable ) => Promise< T > ) => Promise< T >;
	/** several statements without parameters, as one simple query (pg-boss's schema) */
	exec: ( sql: string ) => Promise< Row[] >;
	close: () => Promise< void >;
}

/**
 * Errors that mean "the database is not there right now" (connection refused or lost, the
 * server shutting down or starting up), as opposed to a bad statement: only these are worth
 * retrying.
 * @param e
 */
export function isUnavailable( e: unknown ): boolean {
	if ( typeof e !== 'object' || e === null ) {
		return false;
	}
	const code = String( ( e as { code?: unknown } ).code ?? '' );
	if (
		[
			'ECONNREFUSED',
			'ECONNRESET',
			'EPIPE',
			'ETIMEDOUT',
			'ENOTFOUND',
			'EAI_AGAIN',
			'57P01', // admin_shutdown
			'57P02', // crash_shutdown
			'57P03', // cannot_connect_now
			'08000',
			'08001',
			'08003',
			'08006',
			'53300', // too_many_connections
		].includes( code )
	) {
		return true;
	}
	const message = String( ( e as { message?: unknown } ).message ?? '' );
	return /Connection terminated|connection (?:timeout|error)|not queryable|database unavailable|PGlite is closed/i.test(
		message
	);
}
