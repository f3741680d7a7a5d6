import { cpSync, existsSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openPglite } from '../src/db/pglite.js';
import { migrate } from '../src/db/migrate.js';
import { SCHEMA_VERSION } from '../src/db/migrations.js';
import type { Database } from '../src/db/index.js';
import { newBoss } from '../src/fleet/jobs/boss.js';

/**
 * PGlite for tests, the browser suite and benchmarks: a copy of one migrated template (with
 * pg-boss's schema), so each user skips initdb (seconds) and pays only for the copy.
 */

export async function pgliteTemplate(): Promise< string > {
	const dir = path.join(
		tmpdir(),
		`jsc-pglite-template-v${ SCHEMA_VERSION }`
	);
	if ( existsSync( path.join( dir, 'PG_VERSION' ) ) ) {
		return dir;
	}
	const building = `${ dir }.${ process.pid }`;
	const db = await openPglite( building );
	await migrate( db );
	// pg-boss's own schema too: every suite would otherwise create it again.
	const boss = newBoss( db, 2 );
	await boss.start();
	await boss.stop( { graceful: false, close: false, wait: true } );
	await db.close();
	try {
		renameSync( building, dir );
	} catch {
		rmSync( building, { recursive: true, force: true } ); // another suite made it first
	}
	return dir;
}

/**
 * A fresh PGlite data directory, migrated, in a temporary directory.
 */
export async function freshPglite(): Promise< { db: Database; dir: string } > {
	const template = await pgliteTemplate();
	const dir = mkdtempSync( path.join( tmpdir(), 'jsc-pglite-' ) );
	cpSync( template, dir, { recursive: true } );
	return { db: await openPglite( dir ), dir };
}
