/**
 * Relay benchmark (a part of `npm run bench`, not a test): signed provisions through the
 * service to the WordPress.com simulator, against the same provision sent to the simulator
 * directly. The simulator, the service and the load generator (autocannon) each run in
 * their own process on loopback; rounds alternate between the two paths.
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

interface Load {
	rps: number;
	p50: number;
	p99: number;
	errors: number;
	non2xx: number;
	total: number;
}

const sim = await startSimulatorProcess( { '*': 'case_b' } );
const service = await startServiceProcess( sim.url );
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

	// Warm both paths (JIT, keep-alive pools, the service's partner token).
	await runChild< Load >( 'load.ts', [
		'direct',
		sim.url,
		token,
		'2',
		load[ 1 ] ?? '20',
	] );
	await runChild< Load >( 'load.ts', [
		'service',
		service.url,
		MASTER_SECRET,
		'2',
		load[ 1 ] ?? '20',
	] );

	const direct: Load[] = [];
	const relay: Load[] = [];
	for ( let i = 0; i < rounds; i++ ) {
		direct.push(
			await runChild< Load >( 'load.ts', [
				'direct',
				sim.url,
				token,
				...load,
			] )
		);
		relay.push(
			await runChild< Load >( 'load.ts', [
				'service',
				service.url,
				MASTER_SECRET,
				...load,
			] )
		);
	}
	const failures = [ ...direct, ...relay ].reduce(
		( n, r ) => n + r.errors + r.non2xx,
		0
	);
	const rpsRatios = relay.map(
		( r, i ) => r.rps / ( direct[ i ]?.rps ?? NaN )
	);
	const p99Ratios = relay.map(
		( r, i ) => ( direct[ i ]?.p99 ?? NaN ) / r.p99
	);
	const rps = summary( rpsRatios );
	const p99 = summary( p99Ratios );
	const figures: Figure[] = [
		{
			id: 'service_relay_rps_ratio',
			label: 'service verify-and-relay ÷ simulator direct, requests/s',
			value: rps.median,
			unit: 'ratio',
			baseline: summary( direct.map( ( r ) => r.rps ) ).median,
			ratio: rps.median,
			target: 0.85,
			met: rps.median >= 0.85,
			...rps,
		},
		{
			id: 'service_relay_p99_ratio',
			label: 'simulator direct p99 ÷ service verify-and-relay p99 (1 = no added tail latency)',
			value: p99.median,
			unit: 'ratio',
			baseline: summary( direct.map( ( r ) => r.p99 ) ).median,
			ratio: p99.median,
			target: 0.85,
			met: p99.median >= 0.85,
			...p99,
		},
		{
			id: 'service_relay_rps',
			label: 'service verify-and-relay, requests/s',
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
		) }\n${ file }\n`
	);
} finally {
	await service.stop();
	await sim.stop();
}
