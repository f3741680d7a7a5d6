/**
 * Fleet page benchmark (a part of `npm run bench`, not a test): the fleet page (counts, the
 * filtered table, all in one HTML answer) and the same list as JSON, over 100,000 site rows,
 * on PGlite and on PostgreSQL. Sequential requests from one client over loopback to the admin
 * listener, cycling through the filters a support person uses; p95 per database.
 *   node --import tsx host-service/bench/fleet-list.ts [--rows 100000] [--requests 210]
 * Writes artifacts/bench/parts/fleet-list.json. Target: p95 ≤ 50 ms.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { buildAdminApp } from '../src/admin/app.js';
import { buildApp } from '../src/app.js';
import { migrate } from '../src/db/migrate.js';
import { openPostgres } from '../src/db/postgres.js';
import type { Database } from '../src/db/index.js';
import { testConfig } from '../test/helpers.js';
import { freshPglite } from '../test/pglite-template.js';
import { freshPostgres, releasePostgresServer } from '../test/databases.js';
import { seedSites } from './support/fleet-seed.js';
import { writePart, type Figure } from './support/processes.js';

const { values } = parseArgs( {
	options: {
		rows: { type: 'string', default: '100000' },
		requests: { type: 'string', default: '210' },
	},
} );
const ROWS = Number( values.rows );
const REQUESTS = Number( values.requests );
const TOKEN = 'bench-admin-token-0123456789abcdef0123';
const TARGET_MS = 50;

const FILTERS = [
	'',
	'?state=awaiting_authorization',
	'?state=expired',
	'?state=failed&code=invalid_plan',
	'?check=xmlrpc',
	'?q=site4242',
	'?q=user17',
	'?state=active&page=40',
];

function p( sorted: number[], q: number ): number {
	return (
		sorted[
			Math.min( sorted.length - 1, Math.ceil( q * sorted.length ) - 1 )
		] ?? 0
	);
}

async function measure( db: Database, name: string ): Promise< Figure[] > {
	const now = Date.now();
	const seedMs = await seedSites( db, ROWS, now );
	const dataDir = mkdtempSync( path.join( tmpdir(), 'jsc-bench-data-' ) );
	const app = buildApp( testConfig( { logLevel: 'warn', dataDir } ), {
		database: db,
	} );
	await app.ready();
	const admin = buildAdminApp( app, { token: TOKEN } );
	await admin.listen( { host: '127.0.0.1', port: 0 } );
	const a = admin.server.address();
	const base = `http://127.0.0.1:${
		typeof a === 'object' && a !== null ? a.port : 0
	}`;
	const figures: Figure[] = [];
	try {
		for ( const [ kind, prefix ] of [
			[ 'page', '/fleet' ],
			[ 'api', '/api/v1/sites' ],
		] as const ) {
			const times: number[] = [];
			const byFilter = new Map< string, number[] >();
			for ( let i = 0; i < REQUESTS + FILTERS.length; i++ ) {
				const url = `${ base }${ prefix }${
					FILTERS[ i % FILTERS.length ]
				}`;
				const t0 = performance.now();
				const res = await fetch( url, {
					headers: { authorization: `Bearer ${ TOKEN }` },
				} );
				await res.text();
				if ( res.status !== 200 ) {
					throw new Error( `${ url }: HTTP ${ res.status }` );
				}
				if ( i >= FILTERS.length ) {
					const ms = performance.now() - t0; // the first round warms up
					times.push( ms );
					const f = FILTERS[ i % FILTERS.length ] ?? '';
					byFilter.set( f, [ ...( byFilter.get( f ) ?? [] ), ms ] );
				}
			}
			times.sort( ( x, y ) => x - y );
			for ( const [ f, ms ] of byFilter ) {
				ms.sort( ( x, y ) => x - y );
				process.stdout.write(
					`  ${ name } ${ kind } ${ f || '(no filter)' }: median ${ p(
						ms,
						0.5
					).toFixed( 1 ) } ms\n`
				);
			}
			const p95 = Number( p( times, 0.95 ).toFixed( 1 ) );
			figures.push( {
				id: `fleet-${ kind }-p95-${ name }`,
				label: `${
					kind === 'page'
						? 'fleet page (counts + filtered table, HTML)'
						: 'site list (JSON)'
				} over ${ ROWS.toLocaleString(
					'en-US'
				) } sites on ${ name }, p95 (${ FILTERS.length } filters)`,
				value: p95,
				unit: 'ms',
				target: TARGET_MS,
				met: p95 <= TARGET_MS,
				rounds: times.length,
				median: Number( p( times, 0.5 ).toFixed( 1 ) ),
				min: Number( ( times[ 0 ] ?? 0 ).toFixed( 1 ) ),
				max: Number( ( times[ times.length - 1 ] ?? 0 ).toFixed( 1 ) ),
			} );
			process.stdout.write(
				`${ name } ${ kind }: p95 ${ p95 } ms, median ${ p(
					times,
					0.5
				).toFixed( 1 ) } ms (seeded ${ ROWS } rows in ${ seedMs } ms)\n`
			);
		}
	} finally {
		await admin.close();
		await app.close();
		rmSync( dataDir, { recursive: true, force: true } );
	}
	return figures;
}

const figures: Figure[] = [];
const lite = await freshPglite();
try {
	figures.push( ...( await measure( lite.db, 'PGlite' ) ) );
} finally {
	await lite.db.close();
	rmSync( lite.dir, { recursive: true, force: true } );
}

// PostgreSQL: the test environment's server (started here and stopped again if it was not running).
const pgDb = await freshPostgres();
const db = await openPostgres( pgDb.url );
try {
	await migrate( db );
	figures.push( ...( await measure( db, 'PostgreSQL' ) ) );
} finally {
	await db.close();
	await pgDb.drop();
	releasePostgresServer();
}
process.stdout.write( `wrote ${ writePart( 'fleet-list', figures ) }\n` );
