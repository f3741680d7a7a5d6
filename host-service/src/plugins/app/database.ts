import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { openDatabase, type Database } from '../../db/index.js';
import { SiteStore } from '../../fleet/store.js';
import { EventWriter } from '../../fleet/writer.js';

/** The fleet view's records: `app.fleet`, null when the service runs without a database. */
export interface Fleet {
	db: Database;
	store: SiteStore;
	/** `app.siteEvents`: every step is queued here and written in order */
	writer: EventWriter;
}

declare module 'fastify' {
	// eslint-disable-next-line @typescript-eslint/no-shadow
	interface FastifyInstance {
		/** plugins/app/database.ts */
		fleet: Fleet | null;
	}
}

export interface DatabasePluginOptions {
	/**
	 * A database the caller opened (and migrated) and closes itself (tests sharing one, a
	 * host embedding the service); null for none. Otherwise the configured one is opened.
	 */
	database?: Database | null;
}

/**
 * `app.fleet`: opens the configured database (PGlite in JSC_DATA_DIR, or PostgreSQL at
 * JSC_DATABASE_URL) before the service listens, brings its schema up to date, and writes
 * every site event to it. At shutdown the writer finishes (what the database cannot take is
 * kept in the data directory's spill file), then the database is closed.
 */
export default fp< DatabasePluginOptions >(
	async ( app: FastifyInstance, opts ) => {
		const c = app.config;
		let db: Database | null;
		let owned = false;
		if ( opts.database !== undefined ) {
			db = opts.database;
		} else if ( c.database === null ) {
			db = null;
		} else {
			db = await openDatabase( c.database );
			owned = true;
			app.log.info( { database: db.where }, 'fleet database ready' );
		}
		if ( db === null ) {
			app.decorate( 'fleet', null );
			return;
		}
		const store = new SiteStore( db, c.fleet );
		const writer = new EventWriter( store, {
			spillDir: c.dataDir,
			log: app.log,
			// PostgreSQL: one event per transaction, so instances writing at once take the
			// fleet counters' row locks in one order (PGlite runs one statement at a time).
			batchSize: db.kind === 'postgres' ? 1 : 100,
		} );
		writer.replaySpilled();
		app.decorate( 'fleet', { db, store, writer } );
		app.addHook( 'onClose', async () => {
			await writer.close();
			if ( owned ) {
				await db.close();
			}
		} );
	},
	{ name: 'jsc-database', dependencies: [ 'jsc-env' ] }
);
