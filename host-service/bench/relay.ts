/**
 * Relay benchmark (a part of `npm run bench`, not a test): signed provisions through the
 * service to the WordPress.com simulator, against the same provision sent to the simulator
 * directly. The simulator, the service and the load generator (autocannon) each run in
 * their own process on loopback; rounds alternate between the paths. The service runs twice:
 * with its records on PostgreSQL (a fleet host; the target) and with no database (PGlite).
 *   node --import tsx host-service/bench/relay.ts [--rounds 3] [--requests 300] [--connections 20]
 * (--requests is per connection and round).
 * Writes artifacts/bench/parts/service-relay.json.
 */
import { parseArgs } from 'node:util';
import {
	CLIENT_ID,
	CLIENT_SECRET,
	MASTER_SECRET,
	runChild,
	startServiceProcess,
	startSimulatorProcess,
	summary,
	writePart,
	type Figure,
} from './support/processes.js';
import { freshPostgres, releasePostgresServer } from '../test/databases.js';

const { values } = parseArgs( {
	options: {
		rounds: { type: 'string', default: '3' },
		// requests per connection and round
		requests: { type: 'string', default: '300' },
		connections: { type: 'string', default: '20' },
	},
} );
const rounds = Number( values.rounds );
const load = [ values.requests ?? '300', values.connections ?? '20' ];

const TARGET_RATIO = 0.85;

/**
 * A ratio figure against the relay's target, with the direct path's median as its baseline.
 * @param id
 * @param label
 * @param ratios    one ratio per round
 * @param baselines the direct path's value per round
 */
function ratioFigure(
	id: string,
	label: string,
	ratios: number[],
	baselines: number[]
): Figure {
	const s = summary( ratios );
	return {
		id,
		label,
		value: s.median,
		unit: 'ratio',
		baseline: summary( baselines ).median,
		ratio: s.median,
		target: TARGET_RATIO,
		met: s.median >= TARGET_RATIO,
		...s,
	};
}

interface Load {
	rps: number;
	p50: number;
	p99: number;
	errors: number;
	non2xx: number;
	total: number;
}

// The service as a fleet host runs it (its records on PostgreSQL), and as a single small host
// runs it with no database configured (PGlite, in-process WebAssembly): every provision writes
// the site's record, so the database is part of the relay's cost.
const sim = await startSimulatorProcess( { '*': 'case_b' } );
const pgDb = await freshPostgres();
const services = {
	postgres: await startServiceProcess( sim.url, {
		JSC_DATABASE_URL: pgDb.url,
	} ),
	pglite: await startServiceProcess( sim.url ),
};
try {
	const tokenRes = await fetch( `${ sim.url }/oauth2/token`, {
		method: 'POST',
		body: new URLSearchParams( {
			grant_type: 'client_credentials',
			scope: 'jetpack-partner',
			client_id: CLIENT_ID,
			client_secret: CLIENT_SECRET,
		} ),
	} );
	const { access_token: token } = ( await tokenRes.json() ) as {
		access_token: string;
	};
	const viaDirect = ( n: string[] ) =>
		runChild< Load >( 'load.ts', [ 'direct', sim.url, token, ...n ] );
	const viaService = ( url: string, n: string[] ) =>
		runChild< Load >( 'load.ts', [ 'service', url, MASTER_SECRET, ...n ] );

	// Warm every path (JIT, keep-alive pools, the service's partner token).
	const warm = [ '2', load[ 1 ] ?? '20' ];
	await viaDirect( warm );
	await viaService( services.postgres.url, warm );
	await viaService( services.pglite.url, warm );

	const direct: Load[] = [];
	const relay: Load[] = [];
	const relayPglite: Load[] = [];
	for ( let i = 0; i < rounds; i++ ) {
		direct.push( await viaDirect( load ) );
		relay.push( await viaService( services.postgres.url, load ) );
		relayPglite.push( await viaService( services.pglite.url, load ) );
	}
	const failures = [ ...direct, ...relay, ...relayPglite ].reduce(
		( n, r ) => n + r.errors + r.non2xx,
		0
	);
	const rpsRatios = ( runs: Load[] ) =>
		runs.map( ( r, i ) => r.rps / ( direct[ i ]?.rps ?? NaN ) );
	const p99Ratios = relay.map(
		( r, i ) => ( direct[ i ]?.p99 ?? NaN ) / r.p99
	);
	const pgliteRps = summary( rpsRatios( relayPglite ) );
	const figures: Figure[] = [
		ratioFigure(
			'service_relay_rps_ratio',
			'service verify-and-relay (records on PostgreSQL) ÷ simulator direct, requests/s',
			rpsRatios( relay ),
			direct.map( ( r ) => r.rps )
		),
		ratioFigure(
			'service_relay_p99_ratio',
			'simulator direct p99 ÷ service verify-and-relay p99, PostgreSQL (1 = no added tail latency)',
			p99Ratios,
			direct.map( ( r ) => r.p99 )
		),
		{
			id: 'service_relay_pglite_rps_ratio',
			label: 'the same with no database configured (PGlite) ÷ simulator direct, requests/s',
			value: pgliteRps.median,
			unit: 'ratio',
			ratio: pgliteRps.median,
			...pgliteRps,
		},
		{
			id: 'service_relay_rps',
			label: 'service verify-and-relay (PostgreSQL), requests/s',
			value: summary( relay.map( ( r ) => r.rps ) ).median,
			unit: 'req/s',
			...summary( relay.map( ( r ) => r.rps ) ),
		},
		{
			id: 'service_relay_failures',
			label: 'failed or non-2xx answers during the runs',
			value: failures,
			unit: 'count',
			target: 0,
			met: failures === 0,
			...summary( [ failures ] ),
		},
	];
	const file = writePart( 'service-relay', figures );
	for ( const f of figures ) {
		process.stdout.write(
			`${ f.label }: ${ f.median.toFixed( 3 ) } ${
				f.unit
			} (min ${ f.min.toFixed( 3 ) }, max ${ f.max.toFixed( 3 ) }, ${
				f.rounds
			} rounds)${
				f.target === undefined
					? ''
					: ` target ${ f.target } ${
							f.met === true ? 'met' : 'missed'
					  }`
			}\n`
		);
	}
	process.stdout.write(
		`direct:  ${ JSON.stringify( direct ) }\nservice: ${ JSON.stringify(
			relay
		) }\nservice (PGlite): ${ JSON.stringify( relayPglite ) }\n${ file }\n`
	);
} finally {
	await services.postgres.stop();
	await services.pglite.stop();
	await sim.stop();
	await pgDb.drop();
	releasePostgresServer();
}
