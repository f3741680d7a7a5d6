#!/usr/bin/env node
// The PHP versions the plugin claims, in WordPress Playground (PHP as WebAssembly): the oldest it
// supports (8.1, its "Requires PHP") and the newest the installed @php-wasm/node-* packages offer
// (deprecations there are tomorrow's fatal errors). For each: `npm start` (scripts/start.mjs) boots
// once on Debian's WordPress with WP_DEBUG logging, scripts/start/smoke.mjs drives the main flow
// in Chromium (panel loads, a plan request, case B; on the newest PHP on to authorize and the
// active, confirmed plan), then the debug log must
// hold no PHP notice, warning or deprecation from the plugin.
//
//   node scripts/php-versions-smoke.mjs [version...]   (default: 8.1 and the newest)
// Writes artifacts/results/php-versions.json: { part, cases, failures, versions: [...] }.
/* eslint-disable no-console -- a command-line report. */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(
	path.dirname( fileURLToPath( import.meta.url ) ),
	'..'
);
const RESULTS = path.join( ROOT, 'artifacts/results' );
const DEBUG_LOG = path.join(
	ROOT,
	'.cache/playground-wp/site/wp-content/debug.log'
);
// Ports apart from npm start's defaults, so a running demo is not in the way. Four Playground
// workers, not npm start's six: each one boots its own PHP (about 3 s of CPU, measured: 6 workers
// 40.5 s of CPU to the first page, 2 workers 28.9 s) and warms up on its own first requests; four
// still leave one free while a provision request waits on WordPress.com, which calls the site's
// xmlrpc.php, which waits on WordPress.com calling the site back.
const PORTS = {
	JSC_START_PORT: '9410',
	JSC_START_SERVICE_PORT: '9411',
	JSC_START_SIM_PORT: '9412',
	JSC_START_ADMIN_PORT: '9413',
	JSC_START_WORKERS: process.env.JSC_START_WORKERS || '4',
};

/** The newest PHP among the installed @php-wasm/node-X-Y packages, e.g. "8.5". */
export function newestPhp() {
	return fs
		.readdirSync( path.join( ROOT, 'node_modules/@php-wasm' ) )
		.map( ( name ) => /^node-(\d+)-(\d+)$/.exec( name ) )
		.filter( Boolean )
		.map( ( m ) => [ Number( m[ 1 ] ), Number( m[ 2 ] ) ] )
		.sort( ( a, b ) => a[ 0 ] - b[ 0 ] || a[ 1 ] - b[ 1 ] )
		.map( ( v ) => v.join( '.' ) )
		.pop();
}

function run( args, env, { until } = {} ) {
	return new Promise( ( resolve ) => {
		const child = spawn( process.execPath, args, {
			cwd: ROOT,
			env: { ...process.env, ...PORTS, ...env },
			stdio: [ 'ignore', 'pipe', 'pipe' ],
			detached: true,
		} );
		let out = '';
		const onData = ( chunk ) => {
			out += chunk;
			if ( until && until.test( out ) ) {
				resolve( { child, out, ready: true } );
			}
		};
		child.stdout.on( 'data', onData );
		child.stderr.on( 'data', onData );
		child.on( 'exit', ( code ) =>
			resolve( { child, out, ready: false, code } )
		);
	} );
}

async function stop( child ) {
	if ( child.exitCode !== null ) {
		return;
	}
	const exited = new Promise( ( r ) => child.once( 'exit', r ) );
	try {
		process.kill( child.pid, 'SIGTERM' );
	} catch {}
	await Promise.race( [
		exited,
		new Promise( ( r ) => setTimeout( r, 15000 ) ),
	] );
}

// npm test stops this lane with SIGTERM when it ends early: npm start runs in its own process
// group (detached), so stop it too rather than leave Playground running.
let current = null;
process.once( 'SIGTERM', async () => {
	if ( current ) {
		await stop( current );
	}
	process.exit( 143 );
} );

async function smoke( php, last ) {
	// eslint-disable-next-line @wordpress/no-unused-vars-before-return -- read in finally, after any return.
	const t0 = performance.now();
	fs.rmSync( DEBUG_LOG, { force: true } );
	const result = { php, passed: false, seconds: 0, detail: '' };
	const start = await run(
		[ 'scripts/start.mjs' ],
		{ JSC_START_PHP: php, JSC_START_DEBUG_LOG: '1' },
		{ until: /Jetpack Start Companion is running/ }
	);
	current = start.child;
	try {
		if ( ! start.ready ) {
			result.detail = `npm start did not come up:\n${ start.out.slice(
				-2000
			) }`;
			return result;
		}
		const bootSeconds = ( performance.now() - t0 ) / 1000;
		const site = `http://127.0.0.1:${ PORTS.JSC_START_PORT }`;
		// The auto-login cookie keeps Playground from logging this probe in and redirecting.
		const probe = await fetch( `${ site }/wp-login.php`, {
			redirect: 'manual',
			headers: { cookie: 'playground_auto_login_already_happened=1' },
		} );
		const powered = probe.headers.get( 'x-powered-by' ) ?? '';
		// The oldest PHP runs the flow to case B (WordPress.com answers case B outright); the
		// newest on through Jetpack's real protocol to approval and the active plan.
		const flow = await run(
			[ 'scripts/start/smoke.mjs' ],
			last
				? {}
				: { JSC_SMOKE_UNTIL: 'case-b', JSC_SMOKE_SCENARIO: 'case_b' }
		);
		const log = fs.existsSync( DEBUG_LOG )
			? fs.readFileSync( DEBUG_LOG, 'utf8' )
			: '';
		const ours = log
			.split( '\n' )
			.filter(
				( line ) =>
					/PHP (Deprecated|Notice|Warning|Fatal)/.test( line ) &&
					/jetpack-start-companion/.test( line )
			);
		result.powered_by = powered;
		result.boot_seconds = Number( bootSeconds.toFixed( 1 ) );
		result.plugin_notices = ours;
		const versionOk = powered.startsWith( `PHP/${ php }.` );
		result.passed = flow.code === 0 && ours.length === 0 && versionOk;
		result.detail = [
			flow.code === 0
				? ''
				: `smoke failed:\n${ flow.out.slice( -2000 ) }`,
			versionOk ? '' : `served by "${ powered }", not PHP ${ php }`,
			ours.join( '\n' ),
		]
			.filter( Boolean )
			.join( '\n' );
		return result;
	} finally {
		await stop( start.child );
		current = null;
		result.seconds = Number(
			( ( performance.now() - t0 ) / 1000 ).toFixed( 1 )
		);
	}
}

const versions =
	process.argv.slice( 2 ).length > 0
		? process.argv.slice( 2 )
		: [ '8.1', newestPhp() ];
const results = [];
for ( const [ i, php ] of versions.entries() ) {
	const r = await smoke( php, i === versions.length - 1 );
	results.push( r );
	console.log(
		`${ r.passed ? 'ok' : 'FAILED' } PHP ${ php } (${
			r.powered_by ?? '?'
		}): main flow in ${ r.seconds } s, booted in ${
			r.boot_seconds ?? '?'
		} s${ r.detail ? `\n${ r.detail }` : '' }`
	);
}
fs.mkdirSync( RESULTS, { recursive: true } );
fs.writeFileSync(
	path.join( RESULTS, 'php-versions.json' ),
	JSON.stringify(
		{
			part: 'php-versions',
			cases: results.length,
			failures: results.filter( ( r ) => ! r.passed ).length,
			versions: results,
		},
		null,
		'\t'
	) + '\n'
);
process.exit( results.every( ( r ) => r.passed ) ? 0 : 1 );
