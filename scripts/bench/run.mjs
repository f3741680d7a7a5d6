/* eslint-disable no-console -- a command-line report. */
/**
 * npm run bench: a benchmark, not a test. Brings up the real stack (WordPress on MariaDB with
 * php -S, the host service, the WordPress.com simulator), runs each part, and writes
 * artifacts/bench/bench.md and artifacts/bench/bench.json from the parts' figures
 * (artifacts/bench/parts/<part>.json). Every timing is a ratio to a baseline measured in the
 * same run, over several rounds (median and range). Stops what it started.
 *
 *   npm run bench [-- --rounds 15] [-- --only panel-load] [-- --report]   (--report: the report
 *   again from the parts already written, nothing measured)
 *
 * Parts: scripts/bench/parts/*.ts (the plugin and panel), host-service/bench/*.ts (the service,
 * each writing its own parts/<part>.json).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import {
	existsSync,
	mkdirSync,
	readFileSync,
	readdirSync,
	rmSync,
	statSync,
	writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const ROOT = path.resolve(
	path.dirname( fileURLToPath( import.meta.url ) ),
	'../..'
);
const OUT = path.join( ROOT, 'artifacts/bench' );
const PARTS = path.join( OUT, 'parts' );

const { values } = parseArgs( {
	options: {
		rounds: { type: 'string', default: '15' },
		only: { type: 'string' },
		report: { type: 'boolean', default: false },
	},
} );

const sh = ( ...args ) =>
	execFileSync( 'bash', args, { cwd: ROOT, stdio: 'inherit' } );
const running = () =>
	execFileSync( 'bash', [ 'tests/env/wp.sh', 'status' ], {
		cwd: ROOT,
		encoding: 'utf8',
	} ).includes( 'php: running' );

function newest( dir ) {
	let latest = 0;
	for ( const entry of readdirSync( dir, { withFileTypes: true } ) ) {
		const file = path.join( dir, entry.name );
		latest = Math.max(
			latest,
			entry.isDirectory() ? newest( file ) : statSync( file ).mtimeMs
		);
	}
	return latest;
}

const failures = [];
if ( ! values.report ) {
	measure();
}

function measure() {
	// 1. The stack.
	const startedWordPress = ! running();
	sh( 'tests/env/install-system.sh' );
	const built = path.join( ROOT, 'build/index.js' );
	if (
		! existsSync( built ) ||
		newest( path.join( ROOT, 'src' ) ) > statSync( built ).mtimeMs
	) {
		execFileSync( 'npx', [ 'wp-scripts', 'build' ], {
			cwd: ROOT,
			stdio: 'inherit',
		} );
	}
	sh( 'tests/env/wp.sh', 'up' );
	sh( 'tests/services.sh', 'start' );
	sh( 'tests/env/wp.sh', 'reset', 'jsc_e2e' );

	// 2. The parts, one process each.
	// A full run starts from no parts; --only replaces its own and keeps the others.
	if ( ! values.only ) {
		rmSync( PARTS, { recursive: true, force: true } );
	}
	mkdirSync( PARTS, { recursive: true } );
	const programs = [
		...readdirSync( path.join( ROOT, 'scripts/bench/parts' ) )
			.filter( ( f ) => f.endsWith( '.ts' ) && f !== 'figures.ts' )
			.map( ( f ) => path.join( 'scripts/bench/parts', f ) ),
		...( existsSync( path.join( ROOT, 'host-service/bench' ) )
			? readdirSync( path.join( ROOT, 'host-service/bench' ) )
					.filter( ( f ) => f.endsWith( '.ts' ) )
					.map( ( f ) => path.join( 'host-service/bench', f ) )
			: [] ),
	].filter(
		( p ) => ! values.only || path.basename( p, '.ts' ) === values.only
	);

	try {
		for ( const program of programs ) {
			console.log( `\n== bench: ${ program }` );
			const started = Date.now();
			const result = spawnSync( 'node', [ '--import', 'tsx', program ], {
				cwd: ROOT,
				stdio: 'inherit',
				env: {
					...process.env,
					JSC_BENCH_ROUNDS: values.rounds,
					JSC_BENCH_OUT: PARTS,
				},
			} );
			console.log(
				`   ${ program }: ${ (
					( Date.now() - started ) /
					1000
				).toFixed( 1 ) } s, exit ${ result.status }`
			);
			if ( result.status !== 0 ) {
				failures.push( program );
			}
		}
	} finally {
		if ( startedWordPress ) {
			sh( 'tests/services.sh', 'stop' );
			sh( 'tests/env/wp.sh', 'down' );
		}
	}
}

// 3. The report.
const parts = readdirSync( PARTS )
	.filter( ( f ) => f.endsWith( '.json' ) )
	.sort()
	.map( ( f ) =>
		JSON.parse( readFileSync( path.join( PARTS, f ), 'utf8' ) )
	);
const report = {
	generated_at: new Date().toISOString(),
	machine: {
		cpus: os.cpus().length,
		node: process.version,
		load: os.loadavg().map( ( n ) => Number( n.toFixed( 2 ) ) ),
	},
	rounds: Number( values.rounds ),
	parts,
	failed_parts: failures,
};
writeFileSync(
	path.join( OUT, 'bench.json' ),
	JSON.stringify( report, null, '\t' ) + '\n'
);

const cell = ( v ) => ( v === undefined || v === null ? '' : String( v ) );
const num = ( v ) =>
	typeof v === 'number' ? String( Number( v.toFixed( 3 ) ) ) : cell( v );
// A part may give its target as a number: its direction follows from whether it was met.
const target = ( f ) => {
	if ( typeof f.target !== 'number' ) {
		return cell( f.target );
	}
	// (On the target exactly, a zero is a ceiling, anything else a floor.)
	const atLeast =
		f.value === f.target ? f.target > 0 : f.met === f.value > f.target;
	return `${ atLeast ? '≥' : '≤' } ${ f.target }`;
};
const lines = [
	`# npm run bench — ${ report.generated_at }`,
	'',
	`${ report.machine.cpus } CPUs, Node ${
		report.machine.node
	}, load average ${ report.machine.load.join( ' ' ) } at the end; ${
		report.rounds
	} rounds per timing unless the part says otherwise. A timing is the median of per-round ratios to a baseline measured in the same run, interleaved with it.`,
	'',
	'| part | figure | value | target | met | range (min–max) | baseline (median) | rounds |',
	'|---|---|---|---|---|---|---|---|',
];
for ( const part of parts ) {
	for ( const f of part.figures ) {
		const unit = f.unit === 'ratio' ? '' : ` ${ f.unit }`;
		lines.push(
			`| ${ part.part } | ${ f.label } | ${ num(
				f.value
			) }${ unit } | ${ target( f ) } | ${
				f.met === undefined ? '' : ( f.met && 'yes' ) || '**no**'
			} | ${ num( f.min ) }–${ num( f.max ) } | ${ num(
				f.baseline
			) } | ${ f.rounds } |`
		);
	}
}
if ( failures.length ) {
	lines.push( '', `Parts that did not finish: ${ failures.join( ', ' ) }.` );
}
writeFileSync( path.join( OUT, 'bench.md' ), lines.join( '\n' ) + '\n' );
console.log(
	`\n${ lines.join( '\n' ) }\n\nartifacts/bench/bench.md, bench.json`
);
process.exitCode = failures.length ? 1 : 0;
