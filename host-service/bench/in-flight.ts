/**
 * In-flight capacity (a part of `npm run bench`, not a test): how many provisions one
 * service instance holds at once while WordPress.com takes 10 s to answer each, and its
 * memory meanwhile. Simulator, service and load generator each run in their own process.
 *   node --import tsx host-service/bench/in-flight.ts [--count 5000] [--rounds 1]
 * Writes artifacts/bench/parts/service-in-flight.json.
 */
import { parseArgs } from 'node:util';
import {
	MASTER_SECRET,
	rssMb,
	runChild,
	startServiceProcess,
	startSimulatorProcess,
	summary,
	writePart,
	type Figure,
} from './support/processes.js';

const { values } = parseArgs( {
	options: {
		count: { type: 'string', default: '5000' },
		rounds: { type: 'string', default: '1' },
		'delay-ms': { type: 'string', default: '10000' },
	},
} );
const count = Number( values.count );
const delayMs = Number( values[ 'delay-ms' ] );

interface Held {
	maxInFlight: number;
	ok: number;
	failed: number;
	statuses: Record< string, number >;
	seconds: number;
}

const held: number[] = [];
const rss: number[] = [];
const idle: number[] = [];
const answered: number[] = [];
for ( let round = 0; round < Number( values.rounds ); round++ ) {
	const sim = await startSimulatorProcess( {
		'*': { scenario: 'slow', delay_ms: delayMs, then: 'case_b' },
	} );
	const service = await startServiceProcess( sim.url );
	try {
		const pid = service.process.pid ?? 0;
		idle.push( await rssMb( pid ) );
		let peak = 0;
		const sampler = setInterval( () => {
			void rssMb( pid ).then(
				( mb ) => ( peak = Math.max( peak, mb ) ),
				() => undefined
			);
		}, 250 );
		const result = await runChild< Held >( 'hold.ts', [
			service.url,
			MASTER_SECRET,
			String( count ),
		] );
		clearInterval( sampler );
		held.push( result.maxInFlight );
		rss.push( peak );
		answered.push( result.ok );
		process.stdout.write(
			`round ${ round + 1 }: ${ JSON.stringify( {
				...result,
				peakRssMb: peak,
			} ) }\n`
		);
	} finally {
		await service.stop();
		await sim.stop();
	}
}

const h = summary( held );
const r = summary( rss );
const figures: Figure[] = [
	{
		id: 'service_in_flight',
		label: `provisions one instance holds in flight while WordPress.com takes ${
			delayMs / 1000
		} s`,
		value: h.median,
		unit: 'requests',
		target: 5000,
		met: h.median >= 5000,
		...h,
	},
	{
		id: 'service_in_flight_rss',
		label: `service RSS at peak with ${ count } provisions in flight`,
		value: r.median,
		unit: 'MB',
		baseline: summary( idle ).median,
		target: 256,
		met: r.median <= 256,
		...r,
	},
];
const file = writePart( 'service-in-flight', figures );
process.stdout.write(
	`${ figures
		.map(
			( f ) =>
				`${ f.label }: ${ f.median.toFixed( 1 ) } ${ f.unit } (target ${
					f.target
				}, ${ f.met === true ? 'met' : 'missed' })`
		)
		.join( '\n' ) }\nanswered 200: ${ JSON.stringify(
		answered
	) }\n${ file }\n`
);
