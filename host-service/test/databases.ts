import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before } from 'node:test';
import pg from 'pg';
import { openPostgres } from '../src/db/postgres.js';
import { migrate } from '../src/db/migrate.js';
import type { Database } from '../src/db/index.js';
import { freshPglite } from './pglite-template.js';

/**
 * The databases every fleet suite runs against: PGlite (a copy of a migrated template, so a
 * suite does not pay for initdb) and a real PostgreSQL server (the one tests/run-all.sh
 * started, JSC_TEST_DATABASE_URL, else tests/env/postgres.sh brings one up), one database per
 * suite, dropped afterwards.
 */

export type BackendName = 'pglite' | 'postgres';

const ROOT = new URL( '../..', import.meta.url ).pathname;
const PG_BIN = '/usr/lib/postgresql/15/bin/postgres';

export const backends: { name: BackendName; skip: string | false }[] = [
	{ name: 'pglite', skip: false },
	{
		name: 'postgres',
		skip:
			process.env.JSC_TEST_DATABASE_URL !== undefined ||
			existsSync( PG_BIN )
				? false
				: 'PostgreSQL 15 not installed (tests/env/install-system.sh)',
	},
];

let startedServer = false;

function serverUrl(): string {
	const url = process.env.JSC_TEST_DATABASE_URL;
	if ( url !== undefined && url !== '' ) {
		return url;
	}
	const status = execFileSync(
		'bash',
		[ 'tests/env/postgres.sh', 'status' ],
		{
			cwd: ROOT,
			encoding: 'utf8',
		}
	);
	if ( ! status.includes( 'running' ) ) {
		execFileSync( 'bash', [ 'tests/env/postgres.sh', 'up' ], {
			cwd: ROOT,
			stdio: 'ignore',
		} );
		startedServer = true;
	}
	return execFileSync( 'bash', [ 'tests/env/postgres.sh', 'url' ], {
		cwd: ROOT,
		encoding: 'utf8',
	} ).trim();
}

/** A new database on the PostgreSQL server, with its URL and a way to drop it. */
export async function freshPostgres(): Promise< {
	url: string;
	drop: () => Promise< void >;
} > {
	const admin = serverUrl();
	const name = `jsc_test_${ randomBytes( 6 ).toString( 'hex' ) }`;
	const c = new pg.Client( { connectionString: admin } );
	await c.connect();
	await c.query( `CREATE DATABASE ${ name }` );
	await c.end();
	const u = new URL( admin );
	u.pathname = `/${ name }`;
	return {
		url: u.toString(),
		drop: async () => {
			const d = new pg.Client( { connectionString: admin } );
			await d.connect();
			await d.query( `DROP DATABASE IF EXISTS ${ name } WITH (FORCE)` );
			await d.end();
		},
	};
}

/** Stops the PostgreSQL server again if this process was the one that started it. */
export function releasePostgresServer(): void {
	if ( startedServer ) {
		execFileSync( 'bash', [ 'tests/env/postgres.sh', 'down' ], {
			cwd: ROOT,
			stdio: 'ignore',
		} );
		startedServer = false;
	}
}

export interface UsedDatabase {
	/** the suite's database (open while its tests run) */
	db: () => Database;
	/** PostgreSQL only: the database's URL, for more instances */
	url: () => string;
	/** a data directory of the suite's own (PGlite's, or for the spill file) */
	dataDir: () => string;
}

/**
 * One database for the suite that calls this (in its describe), open while its tests run.
 * @param name
 */
export function useDatabase( name: BackendName ): UsedDatabase {
	let db: Database | null = null;
	let url = '';
	let dataDir = '';
	let cleanup: () => Promise< void > = async () => undefined;
	before( async () => {
		if ( name === 'pglite' ) {
			const p = await freshPglite();
			db = p.db;
			dataDir = mkdtempSync( path.join( tmpdir(), 'jsc-data-' ) );
			cleanup = async () => {
				rmSync( p.dir, { recursive: true, force: true } );
			};
		} else {
			const p = await freshPostgres();
			url = p.url;
			db = await openPostgres( url );
			await migrate( db );
			dataDir = mkdtempSync( path.join( tmpdir(), 'jsc-data-' ) );
			cleanup = p.drop;
		}
	} );
	after( async () => {
		await db?.close();
		await cleanup();
		rmSync( dataDir, { recursive: true, force: true } );
		releasePostgresServer();
	} );
	const get = (): Database => {
		if ( db === null ) {
			throw new Error( 'database not open yet' );
		}
		return db;
	};
	return { db: get, url: () => url, dataDir: () => dataDir };
}
