/**
 * The fleet the browser suite (tests/e2e/fleet-page.spec.ts) looks at, as its own process: the
 * service on PGlite with its admin listener and a simulator, a clock the suite moves, and a
 * fleet seeded through the real signed routes. Prints one JSON line ({ admin, control, token });
 * the control server takes POST /advance?ms= (move the clock, sweep), GET /row?site=, POST /stop.
 */
import { createServer } from 'node:http';
import { rmSync } from 'node:fs';
import type { ScenarioName } from '../../tests/wpcom-simulator/src/simulator.js';
import { ADMIN_TOKEN, report, startFleetStack } from './fleet-stack.js';
import { call, provisionBody } from './helpers.js';
import { freshPglite } from './pglite-template.js';

const DAY = 24 * 3600_000;
let clock = Date.now();
const at = (): number => Math.floor( clock / 1000 );
const site = ( name: string ): string => `https://${ name }.fleet-e2e.example`;

const { db, dir } = await freshPglite();
const stack = await startFleetStack( {
	db,
	dataDir: dir,
	config: {
		logLevel: 'warn',
		fleet: {
			jobs: true,
			recheckIntervalMs: 6 * 3600_000,
			recheckRatePerMinute: 6_000,
			renewalsMax: 1,
			renewBeforeMs: 2 * DAY,
		},
	},
	deps: {
		now: () => clock,
		jobs: { pollingIntervalSeconds: 0.5, cron: false },
	},
	sim: { now: () => clock },
} );

const provision = async (
	name: string,
	scenario: ScenarioName
): Promise< void > => {
	stack.sim.setScenario( site( name ), scenario );
	await call( stack.url, {
		site: site( name ),
		body: provisionBody( site( name ) ),
		timestamp: at(),
	} );
};
const send = async (
	name: string,
	r: ReturnType< typeof report >
): Promise< void > => {
	await call( stack.url, {
		site: site( name ),
		path: '/v1/report',
		body: JSON.stringify( r ),
		timestamp: at(),
	} );
};

// An offer made 15 days ago has lapsed; the rest are today's.
clock -= 15 * DAY;
await provision( 'lapsed', 'case_b' );
clock += 15 * DAY;
await provision( 'shop', 'case_a' );
await provision( 'bakery', 'case_b' );
await provision( 'florist', 'case_b' );
await provision( 'newdomain', 'case_c' );
await provision( 'broken', 'invalid_plan' );
await provision( 'noowner', 'case_b' );
await send( 'noowner', report( site( 'noowner' ), 'connected_no_owner' ) );
const hostile = report( site( 'hostile' ), 'failed', [
	{ id: 'xmlrpc', status: 'fail', code: 'xmlrpc_blocked' },
] );
hostile.wp_version = '<script>alert(1)</script>';
hostile.plugin_version = '"><img src=x onerror=1>';
const refused = await call( stack.url, {
	site: site( 'hostile' ),
	path: '/v1/report',
	body: JSON.stringify( hostile ),
	timestamp: at(),
} );
if ( refused.status !== 202 ) {
	throw new Error(
		`hostile report refused: ${ JSON.stringify( refused.json ) }`
	);
}
await stack.app.fleet?.writer.drain();

const stop = async (): Promise< void > => {
	await stack.close();
	await db.close();
	rmSync( dir, { recursive: true, force: true } );
	process.exit( 0 );
};
process.on( 'SIGTERM', () => void stop() );

const control = createServer( ( req, res ) => {
	const u = new URL( req.url ?? '/', 'http://x' );
	const done = ( body: unknown ): void => {
		res.setHeader( 'content-type', 'application/json' );
		res.end( JSON.stringify( body ) );
	};
	void ( async () => {
		if ( req.method === 'POST' && u.pathname === '/advance' ) {
			clock += Number( u.searchParams.get( 'ms' ) ?? 0 );
			await stack.app.jobs?.sweepNow();
			return done( { now: clock } );
		}
		if ( u.pathname === '/row' ) {
			return done(
				await stack.app.fleet?.store.get(
					u.searchParams.get( 'site' ) ?? ''
				)
			);
		}
		if ( req.method === 'POST' && u.pathname === '/stop' ) {
			done( { stopping: true } );
			return stop();
		}
		res.statusCode = 404;
		return done( {} );
	} )();
} );
control.listen( 0, '127.0.0.1', () => {
	const a = control.address();
	const port = typeof a === 'object' && a !== null ? a.port : 0;
	process.stdout.write(
		JSON.stringify( {
			admin: stack.adminUrl,
			control: `http://127.0.0.1:${ port }`,
			token: ADMIN_TOKEN,
		} ) + '\n'
	);
} );
