import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, connect, type Server, type Socket } from 'node:net';
import path from 'node:path';
import { describe, it } from 'node:test';
import { openPostgres } from '../src/db/postgres.js';
import { SPILL_FILE } from '../src/fleet/writer.js';
import { backends, useDatabase } from './databases.js';
import { report, startFleetStack, waitFor } from './fleet-stack.js';
import { call, callProvision } from './helpers.js';

/**
 * A TCP hop to PostgreSQL that the test can cut and restore: the database "briefly away".
 * @param target
 */
async function cuttableProxy( target: URL ): Promise< {
	url: string;
	cut: () => Promise< void >;
	restore: () => Promise< void >;
	close: () => Promise< void >;
} > {
	let server: Server | null = null;
	const sockets = new Set< Socket >();
	let port = 0;
	const listen = () =>
		new Promise< void >( ( resolve ) => {
			server = createServer( ( client ) => {
				const upstream = connect(
					Number( target.port ),
					target.hostname
				);
				sockets.add( client ).add( upstream );
				client.pipe( upstream ).pipe( client );
				const end = () => {
					client.destroy();
					upstream.destroy();
				};
				client.on( 'error', end ).on( 'close', end );
				upstream.on( 'error', end ).on( 'close', end );
			} );
			server.listen( port, '127.0.0.1', () => {
				const a = server?.address();
				port = typeof a === 'object' && a !== null ? a.port : 0;
				resolve();
			} );
		} );
	await listen();
	// The open connections go first: server.close() waits for them to end, and the pool keeps
	// idle ones for half a minute.
	const cut = async () => {
		const closed = new Promise< void >( ( r ) =>
			server === null ? r() : server.close( () => r() )
		);
		for ( const s of sockets ) {
			s.destroy();
		}
		sockets.clear();
		await closed;
		server = null;
	};
	const u = new URL( target.toString() );
	u.port = String( port );
	return { url: u.toString(), cut, restore: listen, close: cut };
}

const pg = backends.find( ( b ) => b.name === 'postgres' );

describe(
	'the database briefly unavailable (PostgreSQL behind a hop the test cuts)',
	{ skip: pg?.skip ?? 'no PostgreSQL' },
	() => {
		const used = useDatabase( 'postgres' );

		it( 'requests still relay; what could not be written is retried, kept across a restart, then written', async () => {
			const proxy = await cuttableProxy( new URL( used.url() ) );
			const db = await openPostgres( proxy.url, {
				connectionTimeoutMs: 1_000,
			} );
			let s = await startFleetStack( { db, dataDir: used.dataDir() } );
			const before = 'https://before.outage.example';
			const during = 'https://during.outage.example';
			try {
				s.sim.setScenario( '*', 'case_b' );
				assert.equal(
					( await callProvision( s.url, before ) ).status,
					200
				);
				await s.app.fleet?.writer.drain();

				await proxy.cut();
				const started = Date.now();
				const p = await callProvision( s.url, during );
				assert.equal(
					p.status,
					200,
					'the provision relays without the database'
				);
				const r = await call( s.url, {
					site: before,
					path: '/v1/report',
					body: JSON.stringify(
						report( before, 'connected_no_owner' )
					),
				} );
				assert.equal( r.status, 202 );
				assert.ok(
					Date.now() - started < 3_000,
					'answers are not held up'
				);
				const rec = await call( s.url, {
					site: before,
					method: 'GET',
					path: '/v1/site',
				} );
				assert.equal( rec.status, 503 );
				assert.equal(
					rec.json.error_code,
					'host_database_unavailable'
				);
				assert.equal( rec.json.retryable, true );
				await waitFor(
					'the outage to be noticed',
					async () =>
						s.app.fleet?.writer.stats().unavailableSince !== null
				);
				assert.equal( s.app.fleet?.writer.stats().queued, 2 );
				assert.ok(
					s.logs.some( ( l ) =>
						l.includes(
							'database unavailable: site events are queued'
						)
					)
				);

				// Stopped while the database is still away: the events go to the data directory.
				await s.close();
				const file = path.join( used.dataDir(), SPILL_FILE );
				assert.ok( existsSync( file ) );
				assert.equal(
					readFileSync( file, 'utf8' ).trim().split( '\n' ).length,
					2
				);
				assert.ok(
					s.logs.some( ( l ) =>
						l.includes( 'kept in the spill file' )
					)
				);

				// Back, and a new start writes them, in order.
				await proxy.restore();
				s = await startFleetStack( { db, dataDir: used.dataDir() } );
				const store = s.app.fleet!.store;
				await waitFor(
					'the spilled events',
					async () => ( await store.get( during ) ) !== null
				);
				await s.app.fleet?.writer.drain();
				assert.equal(
					( await store.get( during ) )?.state,
					'awaiting_authorization'
				);
				assert.equal(
					( await store.get( before ) )?.state,
					'orphaned'
				);
				assert.equal( existsSync( file ), false );
				assert.equal( s.app.fleet?.writer.stats().spilled, 0 );
			} finally {
				await s.close();
				await db.close();
				await proxy.close();
			}
		} );
	}
);
