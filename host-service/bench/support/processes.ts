/**
 * Bench support (not a part itself): starts the simulator and the service as separate
 * processes on loopback, and writes a part's figures where `npm run bench` collects them.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { freePort } from '../../test/ports.js';

export { freePort };

export const ROOT = fileURLToPath(
	new URL( '../../..', import.meta.url )
).replace( /\/$/, '' );
export const MASTER_SECRET = randomBytes( 32 ).toString( 'hex' );
export const CLIENT_ID = 'bench-partner';
export const CLIENT_SECRET = randomBytes( 16 ).toString( 'hex' );

export interface Figure {
	id: string;
	label: string;
	value: number;
	unit: string;
	baseline?: number;
	ratio?: number;
	target?: number;
	met?: boolean;
	rounds: number;
	median: number;
	min: number;
	max: number;
}

export function summary( values: number[] ): {
	rounds: number;
	median: number;
	min: number;
	max: number;
} {
	const v = [ ...values ].sort( ( a, b ) => a - b );
	const mid = Math.floor( v.length / 2 );
	const median =
		v.length % 2 === 1
			? v[ mid ] ?? NaN
			: ( ( v[ mid - 1 ] ?? NaN ) + ( v[ mid ] ?? NaN ) ) / 2;
	return {
		rounds: v.length,
		median,
		min: v[ 0 ] ?? NaN,
		max: v.at( -1 ) ?? NaN,
	};
}

export function writePart( part: string, figures: Figure[] ): string {
	const dir = `${ ROOT }/artifacts/bench/parts`;
	mkdirSync( dir, { recursive: true } );
	const file = `${ dir }/${ part }.json`;
	writeFileSync(
		file,
		`${ JSON.stringify( { part, figures }, null, '\t' ) }\n`
	);
	return file;
}

export interface Child {
	process: ChildProcess;
	url: string;
	stop: () => Promise< void >;
}

async function waitFor( url: string, child: ChildProcess ): Promise< void > {
	for ( let i = 0; i < 300; i++ ) {
		if ( child.exitCode !== null ) {
			throw new Error( `${ url }: process exited (${ child.exitCode })` );
		}
		try {
			await ( await fetch( url ) ).arrayBuffer();
			return;
		} catch {
			await new Promise( ( r ) => setTimeout( r, 100 ) );
		}
	}
	throw new Error( `${ url } did not answer` );
}

function start(
	args: string[],
	env: Record< string, string >,
	health: string
): Promise< Child > {
	const child = spawn( process.execPath, args, {
		cwd: ROOT,
		env: { PATH: process.env.PATH ?? '', ...env },
		stdio: [ 'ignore', 'ignore', 'inherit' ],
	} );
	const stop = async (): Promise< void > => {
		if ( child.exitCode === null ) {
			const exited = new Promise( ( r ) => child.once( 'exit', r ) );
			child.kill( 'SIGTERM' );
			const timer = setTimeout( () => child.kill( 'SIGKILL' ), 10_000 );
			await exited;
			clearTimeout( timer );
		}
	};
	return waitFor( health, child ).then(
		() => ( { process: child, url: new URL( health ).origin, stop } ),
		async ( e: unknown ) => {
			await stop();
			throw e;
		}
	);
}

/**
 * The WordPress.com simulator in its own process.
 * @param scenarios SIM_SCENARIOS
 */
export async function startSimulatorProcess(
	scenarios: Record< string, unknown >
): Promise< Child > {
	const port = await freePort();
	return start(
		[ '--import', 'tsx', 'tests/wpcom-simulator/src/main.ts' ],
		{
			SIM_PORT: String( port ),
			SIM_HOST: '127.0.0.1',
			SIM_CLIENT_ID: CLIENT_ID,
			SIM_CLIENT_SECRET: CLIENT_SECRET,
			SIM_SCENARIOS: JSON.stringify( scenarios ),
		},
		`http://127.0.0.1:${ port }/__sim/calls`
	);
}

function newestMtime( dir: string ): number {
	let newest = 0;
	for ( const e of readdirSync( dir, {
		withFileTypes: true,
		recursive: true,
	} ) ) {
		if ( e.isFile() ) {
			newest = Math.max(
				newest,
				statSync( `${ e.parentPath }/${ e.name }` ).mtimeMs
			);
		}
	}
	return newest;
}

/** Builds host-service/dist when it is missing or older than its sources. */
function ensureBuilt(): void {
	const built = `${ ROOT }/host-service/dist/server.js`;
	let builtAt = 0;
	try {
		builtAt = statSync( built ).mtimeMs;
	} catch {
		builtAt = 0;
	}
	if ( builtAt < newestMtime( `${ ROOT }/host-service/src` ) ) {
		const r = spawnSync(
			process.execPath,
			[
				`${ ROOT }/node_modules/typescript/bin/tsc`,
				'-p',
				'host-service/tsconfig.json',
			],
			{
				cwd: ROOT,
				stdio: 'inherit',
			}
		);
		if ( r.status !== 0 ) {
			throw new Error( 'building host-service failed' );
		}
	}
}

/**
 * The service in its own process, as a host runs it (`node host-service/dist/server.js`,
 * built first when needed).
 * @param simUrl
 * @param env    more JSC_* variables
 */
export async function startServiceProcess(
	simUrl: string,
	env: Record< string, string > = {}
): Promise< Child > {
	ensureBuilt();
	const port = await freePort();
	return start(
		[ 'host-service/dist/server.js' ],
		{
			JSC_MASTER_SECRET: MASTER_SECRET,
			JSC_PARTNER_CLIENT_ID: CLIENT_ID,
			JSC_PARTNER_CLIENT_SECRET: CLIENT_SECRET,
			JSC_WPCOM_BASE_URL: simUrl,
			JSC_AUTHORIZE_ORIGINS: simUrl,
			JSC_PORT: String( port ),
			JSC_LOG_LEVEL: 'warn',
			JSC_DRAIN_DELAY_MS: '0',
			// The bench measures the relay, not the per-site budget.
			JSC_SITE_RATE_PER_MIN: '1000000',
			...env,
		},
		`http://127.0.0.1:${ port }/healthz`
	);
}

/**
 * Runs a bench support script in its own process and returns what it prints as JSON.
 * @param script file name under bench/support
 * @param args
 */
export function runChild< T >( script: string, args: string[] ): Promise< T > {
	return new Promise( ( resolve, reject ) => {
		const child = spawn(
			process.execPath,
			[
				'--import',
				'tsx',
				`host-service/bench/support/${ script }`,
				...args,
			],
			{ cwd: ROOT, stdio: [ 'ignore', 'pipe', 'inherit' ] }
		);
		let out = '';
		child.stdout.on( 'data', ( d: Buffer ) => ( out += d.toString() ) );
		child.on( 'exit', ( code ) => {
			try {
				if ( code !== 0 ) {
					throw new Error( `${ script } exited ${ code }` );
				}
				resolve( JSON.parse( out ) as T );
			} catch ( e ) {
				reject( e );
			}
		} );
	} );
}

/**
 * The resident set size of a process, in MB (Linux /proc).
 * @param pid
 */
export async function rssMb( pid: number ): Promise< number > {
	const { readFile } = await import( 'node:fs/promises' );
	const status = await readFile( `/proc/${ pid }/status`, 'utf8' );
	const kb = Number( /VmRSS:\s+(\d+)/.exec( status )?.[ 1 ] ?? NaN );
	return kb / 1024;
}
