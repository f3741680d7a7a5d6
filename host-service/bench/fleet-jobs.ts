/**
 * Background jobs benchmark (a part of `npm run bench`, not a test): the re-check job over
 * 10,000 pending sites at a set WordPress.com rate, on PGlite (one instance) and on two
 * instances sharing PostgreSQL and Redis. Figures: the rate WordPress.com saw against the rate
 * set (whole run and the busiest second), and how many sites were checked once, more than
 * once, or not at all.
 *   node --import tsx host-service/bench/fleet-jobs.ts [--sites 10000] [--rate 6000]
 * (--rate is calls per minute.) Writes artifacts/bench/parts/fleet-jobs.json.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/app.js';
import { migrate } from '../src/db/migrate.js';
import { openPostgres } from '../src/db/postgres.js';
import type { Database } from '../src/db/index.js';
import { closeRedis } from '../src/stores/redis-connection.js';
import {
	startSimulator,
	type Simulator,
} from '../../tests/wpcom-simulator/src/simulator.js';
import { CLIENT_ID, CLIENT_SECRET, testConfig } from '../test/helpers.js';
import { freshPglite } from '../test/pglite-template.js';
import { freshPostgres, releasePostgresServer } from '../test/databases.js';
import { startRedis } from '../test/redis-server.js';
import { writePart, type Figure } from './support/processes.js';

const { values } = parseArgs( {
	options: {
		sites: { type: 'string', default: '10000' },
		rate: { type: 'string', default: '6000' },
	},
} );
const SITES = Number( values.sites );
const RATE = Number( values.rate );

async function seedPending( db: Database ): Promise< void > {
	await db.query(
		`INSERT INTO jsc_sites (site, state, plan, local_user, provisioned_by, provisioned_at,
			pending_expires_at, next_check_at, last_event_at)
		 SELECT 'https://pending' || i || '.jobs-bench.example', 'awaiting_authorization',
			'jetpack-backup-daily', 'admin', 'site', now() - interval '1 day',
			now() + interval '13 days', now() - interval '1 minute', now() - interval '1 day'
		 FROM generate_series(1, $1::int) AS i`,
		[ SITES ]
	);
	await db.exec( 'ANALYZE jsc_sites' );
}

async function instance(
	db: Database,
	sim: Simulator,
	redisUrl: string | null,
	redis: unknown
): Promise< FastifyInstance > {
	const dataDir = mkdtempSync( path.join( tmpdir(), 'jsc-bench-jobs-' ) );
	const app = buildApp(
		testConfig( {
			logLevel: 'warn',
			dataDir,
			wpcomBaseUrl: sim.url,
			authorizeOrigins: [ sim.url ],
			redisUrl,
			fleet: {
				jobs: true,
				recheckIntervalMs: 6 * 3600_000,
				recheckRatePerMinute: RATE,
				renewalsMax: 0,
				renewBeforeMs: 3600_000,
			},
		} ),
		{
			database: db,
			jobs: { pollingIntervalSeconds: 0.5, cron: false },
			...( redis === null ? {} : { redis: redis as never } ),
		}
	);
	app.addHook( 'onClose', async () =>
		rmSync( dataDir, { recursive: true, force: true } )
	);
	await app.ready();
	return app;
}

async function run(
	name: string,
	apps: FastifyInstance[],
	sim: Simulator
): Promise< Figure[] > {
	sim.clearCalls();
	const statusCalls = () =>
		sim.calls().filter( ( c ) => c.path.startsWith( '/rest/v1.4/' ) );
	const started = Date.now();
	// Each sweep queues one minute's worth at the rate: sweep (on every instance) until all are checked.
	const deadline = started + ( SITES / RATE ) * 60_000 * 2 + 120_000;
	let lastSweep = 0;
	while ( statusCalls().length < SITES && Date.now() < deadline ) {
		if ( Date.now() - lastSweep >= 60_000 ) {
			await Promise.all( apps.map( ( a ) => a.jobs?.sweepNow() ) );
			lastSweep = Date.now();
		}
		await new Promise( ( r ) => setTimeout( r, 500 ) );
	}
	await new Promise( ( r ) => setTimeout( r, 2_000 ) );
	const calls = statusCalls();
	const times = calls
		.map( ( c ) => Date.parse( c.time ) )
		.sort( ( a, b ) => a - b );
	const perSite = new Map< string, number >();
	for ( const c of calls ) {
		perSite.set( c.path, ( perSite.get( c.path ) ?? 0 ) + 1 );
	}
	const twice = [ ...perSite.values() ].filter( ( n ) => n > 1 ).length;
	const spanS =
		( ( times[ times.length - 1 ] ?? 0 ) - ( times[ 0 ] ?? 0 ) ) / 1000;
	const achieved = ( calls.length / Math.max( spanS, 0.001 ) ) * 60;
	let busiest = 0;
	for ( let i = 0, j = 0; i < times.length; i++ ) {
		while ( ( times[ i ] ?? 0 ) - ( times[ j ] ?? 0 ) >= 1000 ) {
			j++;
		}
		busiest = Math.max( busiest, i - j + 1 );
	}
	const perSecond = RATE / 60;
	process.stdout.write(
		`${ name }: ${
			calls.length
		} status calls for ${ SITES } sites in ${ spanS.toFixed(
			1
		) } s: ${ achieved.toFixed(
			0
		) }/min (set ${ RATE }/min), busiest second ${ busiest } (set ${ perSecond }/s), ${ twice } sites twice, ${
			SITES - perSite.size
		} never\n`
	);
	const base = { rounds: 1 };
	return [
		{
			id: `fleet-recheck-rate-${ name }`,
			label: `re-check of ${ SITES.toLocaleString(
				'en-US'
			) } pending sites on ${ name }: calls per minute WordPress.com saw ÷ the rate set (${ RATE }/min)`,
			value: Number( ( achieved / RATE ).toFixed( 3 ) ),
			unit: 'ratio',
			target: 1,
			met: achieved <= RATE * 1.02 && achieved >= RATE * 0.8,
			...base,
			median: Number( ( achieved / RATE ).toFixed( 3 ) ),
			min: Number( ( achieved / RATE ).toFixed( 3 ) ),
			max: Number( ( achieved / RATE ).toFixed( 3 ) ),
		},
		{
			id: `fleet-recheck-busiest-second-${ name }`,
			label: `re-check on ${ name }: most calls in any one second ÷ the rate set per second (${ perSecond }/s)`,
			value: Number( ( busiest / perSecond ).toFixed( 2 ) ),
			unit: 'ratio',
			target: 1.1,
			met: busiest <= perSecond * 1.1 + 1,
			...base,
			median: busiest,
			min: busiest,
			max: busiest,
		},
		{
			id: `fleet-recheck-once-${ name }`,
			label: `re-check on ${ name }: sites checked exactly once, of ${ SITES.toLocaleString(
				'en-US'
			) } (${ twice } twice, ${ SITES - perSite.size } never)`,
			value: [ ...perSite.values() ].filter( ( n ) => n === 1 ).length,
			unit: 'sites',
			target: SITES,
			met: twice === 0 && perSite.size === SITES,
			...base,
			median: perSite.size,
			min: perSite.size,
			max: perSite.size,
		},
	];
}

const figures: Figure[] = [];
const sim = await startSimulator( {
	clientId: CLIENT_ID,
	clientSecret: CLIENT_SECRET,
} );
try {
	const lite = await freshPglite();
	try {
		await seedPending( lite.db );
		const app = await instance( lite.db, sim, null, null );
		try {
			figures.push(
				...( await run( 'PGlite, one instance', [ app ], sim ) )
			);
		} finally {
			await app.close();
		}
	} finally {
		await lite.db.close();
		rmSync( lite.dir, { recursive: true, force: true } );
	}

	// Two instances on one PostgreSQL and one Redis.
	const pgDb = await freshPostgres();
	const redisServer = await startRedis();
	const dbs = [
		await openPostgres( pgDb.url ),
		await openPostgres( pgDb.url ),
	];
	try {
		await migrate( dbs[ 0 ] as Database );
		await seedPending( dbs[ 0 ] as Database );
		const apps = [
			await instance(
				dbs[ 0 ] as Database,
				sim,
				redisServer.url,
				redisServer.clients[ 0 ]
			),
			await instance(
				dbs[ 1 ] as Database,
				sim,
				redisServer.url,
				redisServer.clients[ 1 ]
			),
		];
		try {
			figures.push(
				...( await run(
					'two instances on PostgreSQL + Redis',
					apps,
					sim
				) )
			);
		} finally {
			for ( const a of apps ) {
				await a.close();
			}
		}
	} finally {
		for ( const d of dbs ) {
			await d.close();
		}
		for ( const r of redisServer.clients ) {
			await closeRedis( r );
		}
		redisServer.server.kill( 'SIGTERM' );
		await pgDb.drop();
		releasePostgresServer();
	}
} finally {
	await sim.close();
}
process.stdout.write( `wrote ${ writePart( 'fleet-jobs', figures ) }\n` );
