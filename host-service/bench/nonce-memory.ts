/**
 * Nonce memory (a part of `npm run bench`, not a test): the bytes one live nonce costs in the
 * in-memory nonce store, and what the default cap (JSC_NONCE_MEMORY_MAX) holds: its memory
 * and the signed requests per second one instance can take for the whole 660 s window.
 *   node --import tsx host-service/bench/nonce-memory.ts [--nonces 500000] [--rounds 3]
 * Writes artifacts/bench/parts/service-nonce-memory.json.
 */
import { spawn } from 'node:child_process';
import { parseArgs } from 'node:util';
import { ROOT, summary, writePart, type Figure } from './support/processes.js';
import { NONCE_TTL_MS } from '../src/lib/verify.js';

const { values } = parseArgs( {
	options: {
		nonces: { type: 'string', default: '500000' },
		rounds: { type: 'string', default: '3' },
	},
} );
const DEFAULT_CAP = 1_000_000;

function measure(): Promise< number > {
	return new Promise( ( resolve, reject ) => {
		const child = spawn(
			process.execPath,
			[
				'--expose-gc',
				'--import',
				'tsx',
				'host-service/bench/support/nonce-heap.ts',
				values.nonces ?? '500000',
				'1000',
			],
			{ cwd: ROOT, stdio: [ 'ignore', 'pipe', 'inherit' ] }
		);
		let out = '';
		child.stdout.on( 'data', ( d: Buffer ) => ( out += d.toString() ) );
		child.on( 'exit', ( code ) =>
			code === 0
				? resolve(
						( JSON.parse( out ) as { bytesPerNonce: number } )
							.bytesPerNonce
				  )
				: reject( new Error( `nonce-heap exited ${ code }` ) )
		);
	} );
}

const bytes: number[] = [];
for ( let i = 0; i < Number( values.rounds ); i++ ) {
	bytes.push( await measure() );
}
const b = summary( bytes );
const windowS = NONCE_TTL_MS / 1000;
const scale = ( f: number ): ReturnType< typeof summary > => ( {
	rounds: b.rounds,
	median: b.median * f,
	min: b.min * f,
	max: b.max * f,
} );
const perSecond = DEFAULT_CAP / windowS;
const figures: Figure[] = [
	{
		id: 'service_nonce_bytes',
		label: 'in-memory nonce store: heap per live nonce',
		value: b.median,
		unit: 'bytes',
		...b,
	},
	{
		id: 'service_nonce_cap_mb',
		label: `in-memory nonce store full at its default cap (${ DEFAULT_CAP } nonces)`,
		value: ( b.median * DEFAULT_CAP ) / 1024 / 1024,
		unit: 'MB',
		...scale( DEFAULT_CAP / 1024 / 1024 ),
	},
	{
		id: 'service_nonce_cap_rps',
		label: `signed requests/s one instance holds for the whole ${ windowS } s window at the default cap`,
		value: perSecond,
		unit: 'req/s',
		rounds: 1,
		median: perSecond,
		min: perSecond,
		max: perSecond,
	},
];
const file = writePart( 'service-nonce-memory', figures );
process.stdout.write(
	`${ figures
		.map(
			( f ) =>
				`${ f.label }: ${ f.median.toFixed( 1 ) } ${
					f.unit
				} (min ${ f.min.toFixed( 1 ) }, max ${ f.max.toFixed( 1 ) })`
		)
		.join( '\n' ) }\n${ file }\n`
);
