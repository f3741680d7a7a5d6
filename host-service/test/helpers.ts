import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { buildApp, type AppDeps, type ServiceState } from '../src/app.js';
import type { Config } from '../src/config/index.js';
import { deriveSiteKey } from '../src/lib/key-provider.js';
import { sign } from '../src/lib/signature.js';
import {
	startSimulator,
	type CallRecord,
	type Simulator,
	type SimulatorOptions,
} from '../../tests/wpcom-simulator/src/simulator.js';

export interface Vector {
	name: string;
	site_url: string;
	canonical_site: string;
	site_key: string;
	timestamp: number;
	nonce: string;
	method: string;
	path: string;
	body: string;
	body_sha256: string;
	string_to_sign: string;
	signature: string;
}
export interface LinkCase {
	url: string;
	valid: boolean;
	allowed_origins?: string[];
	origin?: string;
	why?: string;
}
export interface VectorsFile {
	algorithm: string;
	master_secret: string;
	vectors: Vector[];
	canonicalization: { input: string; expected: string }[];
	invalid_site_urls: string[];
	links: { default_allowed_origins: string[]; cases: LinkCase[] };
}

export const vectorsFile = JSON.parse(
	readFileSync(
		new URL(
			'../../docs/host-service-contract.vectors.json',
			import.meta.url
		),
		'utf8'
	)
) as VectorsFile;

export const MASTER_SECRET = vectorsFile.master_secret;
export const CLIENT_ID = 'partner-client-id-42';
export const CLIENT_SECRET = 'partner-client-secret-DO-NOT-LOG-7f3a';

export function testConfig( overrides: Partial< Config > = {} ): Config {
	return {
		host: '127.0.0.1',
		port: 0,
		pathPrefix: '',
		masterSecret: MASTER_SECRET,
		partnerClientId: CLIENT_ID,
		partnerClientSecret: CLIENT_SECRET,
		wpcomBaseUrl: 'http://127.0.0.1:1',
		authorizeOrigins: [ 'https://jetpack.wordpress.com' ],
		defaultPlan: 'jetpack-backup-daily',
		allowedPlans: [ 'jetpack-scan', 'jetpack-anti-spam', 'free' ],
		partnerTrackingId: null,
		onboarding: false,
		forceRegister: false,
		upstreamTimeoutMs: 5000,
		redisUrl: null,
		logLevel: 'info',
		drainDelayMs: 0,
		shutdownTimeoutMs: 5_000,
		requestTimeoutMs: 30_000,
		siteRatePerMinute: 100_000,
		nonceMemoryMax: 1_000_000,
		nonceMemoryPerSite: 100_000,
		trustProxy: false,
		dataDir: join( tmpdir(), 'jsc-test-data' ),
		database: null,
		admin: null,
		fleet: {
			jobs: false,
			recheckIntervalMs: 6 * 3_600_000,
			recheckRatePerMinute: 6_000,
			renewalsMax: 1,
			renewBeforeMs: 48 * 3_600_000,
		},
		...overrides,
	};
}

export interface Stack {
	sim: Simulator;
	app: FastifyInstance;
	url: string;
	logs: string[];
	state: ServiceState;
	close: () => Promise< void >;
}

export interface StackOptions {
	config?: Partial< Config >;
	deps?: AppDeps;
	sim?: SimulatorOptions;
}

export async function startStack( opts: StackOptions = {} ): Promise< Stack > {
	const sim = await startSimulator( {
		clientId: CLIENT_ID,
		clientSecret: CLIENT_SECRET,
		probeTimeoutMs: 500,
		...opts.sim,
	} );
	const logs: string[] = [];
	const state: ServiceState = { draining: false };
	const app = buildApp(
		testConfig( {
			wpcomBaseUrl: sim.url,
			// The simulator's authorize page is where its case B links point.
			authorizeOrigins: [ sim.url ],
			...opts.config,
		} ),
		{
			logStream: { write: ( l: string ) => void logs.push( l ) },
			state,
			...opts.deps,
		}
	);
	await app.listen( { host: '127.0.0.1', port: 0 } );
	const addr = app.server.address();
	const port = typeof addr === 'object' && addr !== null ? addr.port : 0;
	return {
		sim,
		app,
		url: `http://127.0.0.1:${ port }`,
		logs,
		state,
		close: async () => {
			await app.close();
			await sim.close();
		},
	};
}

/**
 * A stack of its own for one test, closed whatever the test does.
 * @param opts
 * @param use
 */
export async function withStack< T >(
	opts: StackOptions,
	use: ( s: Stack ) => Promise< T >
): Promise< T > {
	const s = await startStack( opts );
	try {
		return await use( s );
	} finally {
		await s.close();
	}
}

export const newNonce = (): string => randomBytes( 16 ).toString( 'hex' );
export const siteKeyFor = ( site: string ): string =>
	deriveSiteKey( MASTER_SECRET, site );

export interface SignOptions {
	site: string;
	method?: 'GET' | 'POST';
	path?: string;
	/** what is sent; a Buffer is sent (and, unless `signedBody` is given, signed) as is */
	body?: string | Buffer;
	/** sign this instead of `body` */
	signedBody?: string | Buffer;
	timestamp?: number;
	nonce?: string;
	key?: string;
	/** override/remove signed headers after signing (undefined removes) */
	headers?: Record< string, string | undefined >;
}

export interface Answer {
	status: number;
	json: Record< string, unknown >;
}

export function signedHeaders( o: SignOptions ): Record< string, string > {
	const method = o.method ?? 'POST';
	const path = o.path ?? '/v1/provision';
	const body = o.signedBody ?? o.body ?? '';
	const timestamp = String( o.timestamp ?? Math.floor( Date.now() / 1000 ) );
	const nonce = o.nonce ?? newNonce();
	const signature = sign( o.key ?? siteKeyFor( o.site ), {
		site: o.site,
		timestamp,
		nonce,
		method,
		path,
		body,
	} );
	const h: Record< string, string > = {
		'x-jetpack-start-site': o.site,
		'x-jetpack-start-timestamp': timestamp,
		'x-jetpack-start-nonce': nonce,
		'x-jetpack-start-signature': signature,
	};
	if ( method === 'POST' ) {
		h[ 'content-type' ] = 'application/json';
	}
	for ( const [ k, v ] of Object.entries( o.headers ?? {} ) ) {
		if ( v === undefined ) {
			delete h[ k ];
		} else {
			h[ k ] = v;
		}
	}
	return h;
}

export async function call(
	baseUrl: string,
	o: SignOptions
): Promise< Answer > {
	const method = o.method ?? 'POST';
	const res = await fetch( `${ baseUrl }${ o.path ?? '/v1/provision' }`, {
		method,
		headers: signedHeaders( o ),
		...( method === 'POST' ? { body: o.body ?? '' } : {} ),
	} );
	const text = await res.text();
	let json: Record< string, unknown > = {};
	try {
		json = JSON.parse( text ) as Record< string, unknown >;
	} catch {
		json = { raw: text };
	}
	return { status: res.status, json };
}

/**
 * Signed POST /v1/provision for `site` with its default body; `o` overrides any signing option.
 * @param baseUrl
 * @param site
 * @param o
 */
export function callProvision(
	baseUrl: string,
	site: string,
	o: Partial< SignOptions > = {}
): Promise< Answer > {
	return call( baseUrl, { site, body: provisionBody( site ), ...o } );
}

/**
 * The same provision under the same headers (an Idempotency-Key) sent to both base URLs at
 * once, one instance twice or two instances sharing a store: both must succeed with the
 * same answer.
 * @param urls
 * @param site
 * @param headers
 */
export async function provisionAtOnce(
	urls: readonly [ string, string ],
	site: string,
	headers: Record< string, string >
): Promise< [ Answer, Answer ] > {
	const [ x, y ] = await Promise.all( [
		callProvision( urls[ 0 ], site, { headers } ),
		callProvision( urls[ 1 ], site, { headers } ),
	] );
	assert.equal( x.status, 200 );
	assert.equal( y.status, 200 );
	assert.equal( x.json.next_url, y.json.next_url );
	return [ x, y ];
}

/**
 * A refusal by the service itself: the status and code asked for, in the contract's error shape.
 * @param a
 * @param status
 * @param code
 */
export function expectServiceError(
	a: Answer,
	status: number,
	code: string
): void {
	assert.equal( a.status, status, JSON.stringify( a.json ) );
	assert.equal( a.json.error_code, code );
	assert.equal( a.json.source, 'service' );
	assert.equal( typeof a.json.error_message, 'string' );
}

/**
 * The contract error fields of an answer, without the per-answer ones (`request_id`,
 * `server_time`), which are checked to be there.
 * @param a
 */
export function errorFields( a: Answer ): Record< string, unknown > {
	const { request_id: id, server_time: time, ...rest } = a.json;
	assert.match( String( id ), /^req-[0-9a-f]{12}$/ );
	assert.ok( Number.isFinite( Date.parse( String( time ) ) ), 'server_time' );
	return rest;
}

export function provisionBody(
	site: string,
	extra: Record< string, unknown > = {}
): string {
	return JSON.stringify( {
		siteurl: site,
		home_url: site,
		local_user: 'admin',
		plan: null,
		...extra,
	} );
}

/**
 * Provision calls that reached the simulator for one site.
 * @param sim
 * @param site
 */
export function provisionCalls( sim: Simulator, site?: string ): CallRecord[] {
	return sim
		.calls()
		.filter(
			( c ) =>
				c.path === '/rest/v1.3/jpphp/provision' &&
				( site === undefined || c.form.siteurl === site )
		);
}

export function upstreamCalls( sim: Simulator ): CallRecord[] {
	return sim
		.calls()
		.filter(
			( c ) =>
				c.path.startsWith( '/rest/' ) || c.path.startsWith( '/oauth2/' )
		);
}

const root = fileURLToPath( new URL( '../..', import.meta.url ) );

/**
 * Runs a TypeScript entry point (through tsx) from the repository root with only PATH and `env`.
 * @param args
 * @param env
 * @param onStdout
 */
export function run(
	args: string[],
	env: Record< string, string >,
	onStdout?: ( s: string, kill: () => void ) => void
): Promise< { code: number | null; stdout: string; stderr: string } > {
	return new Promise( ( resolve ) => {
		const child = spawn( process.execPath, [ '--import', 'tsx', ...args ], {
			cwd: root,
			env: { PATH: process.env.PATH ?? '', ...env },
		} );
		let stdout = '';
		let stderr = '';
		child.stdout.on( 'data', ( d: Buffer ) => {
			stdout += d.toString();
			onStdout?.( stdout, () => child.kill( 'SIGTERM' ) );
		} );
		child.stderr.on( 'data', ( d: Buffer ) => ( stderr += d.toString() ) );
		child.on( 'close', ( code ) => resolve( { code, stdout, stderr } ) );
	} );
}
