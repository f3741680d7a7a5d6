/**
 * Relay benchmark (not a test): how much the signed service adds on top of a direct
 * WordPress.com call. Loopback only; starts and stops everything itself.
 *   node --import tsx host-service/bench/relay.ts [--requests 2000] [--concurrency 20]
 */
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { buildApp } from '../src/app.js';
import type { Config } from '../src/config.js';
import { deriveSiteKey } from '../src/key-provider.js';
import { sign } from '../src/signature.js';
import { startSimulator } from '../../tests/wpcom-simulator/src/simulator.js';

const { values } = parseArgs( {
	options: {
		requests: { type: 'string', default: '2000' },
		concurrency: { type: 'string', default: '20' },
	},
} );
const total = Number( values.requests );
const concurrency = Number( values.concurrency );

const MASTER = randomBytes( 32 ).toString( 'hex' );
const SITE = 'https://bench.example.test';
const SITE_KEY = deriveSiteKey( MASTER, SITE );
const BODY = JSON.stringify( {
	siteurl: SITE,
	home_url: SITE,
	local_user: 'admin',
	plan: null,
} );

interface Result {
	rps: number;
	p50: number;
	p99: number;
	failures: number;
}

async function runLoad( fire: () => Promise< number > ): Promise< Result > {
	const latencies: number[] = [];
	let failures = 0;
	let issued = 0;
	const started = performance.now();
	const worker = async (): Promise< void > => {
		while ( issued < total ) {
			issued++;
			const t0 = performance.now();
			const status = await fire();
			latencies.push( performance.now() - t0 );
			if ( status !== 200 ) {
				failures++;
			}
		}
	};
	await Promise.all( Array.from( { length: concurrency }, worker ) );
	const elapsed = ( performance.now() - started ) / 1000;
	latencies.sort( ( a, b ) => a - b );
	const pct = ( p: number ): number =>
		latencies[
			Math.min(
				latencies.length - 1,
				Math.floor( ( p / 100 ) * latencies.length )
			)
		] ?? NaN;
	return {
		rps: latencies.length / elapsed,
		p50: pct( 50 ),
		p99: pct( 99 ),
		failures,
	};
}

const sim = await startSimulator( {
	clientId: 'bench-id',
	clientSecret: 'bench-secret',
	scenarios: { '*': 'case_b' },
} );
const config: Config = {
	host: '127.0.0.1',
	port: 0,
	pathPrefix: '',
	masterSecret: MASTER,
	partnerClientId: 'bench-id',
	partnerClientSecret: 'bench-secret',
	wpcomBaseUrl: sim.url,
	defaultPlan: 'jetpack-backup-daily',
	allowedPlans: [],
	partnerTrackingId: null,
	onboarding: false,
	forceRegister: false,
	upstreamTimeoutMs: 60_000,
	redisUrl: null,
	logLevel: 'warn',
	drainDelayMs: 0,
	shutdownTimeoutMs: 5_000,
	requestTimeoutMs: 30_000,
	// The bench measures the relay, not the per-site budget.
	siteRatePerMinute: 1_000_000,
	trustProxy: false,
};
const app = buildApp( config );
const serviceUrl = await app.listen( { host: '127.0.0.1', port: 0 } );

try {
	const viaService = (): Promise< number > => {
		const timestamp = String( Math.floor( Date.now() / 1000 ) );
		const nonce = randomBytes( 16 ).toString( 'hex' );
		const signature = sign( SITE_KEY, {
			site: SITE,
			timestamp,
			nonce,
			method: 'POST',
			path: '/v1/provision',
			body: BODY,
		} );
		return fetch( `${ serviceUrl }/v1/provision`, {
			method: 'POST',
			headers: {
				'content-type': 'application/json',
				'x-jetpack-start-site': SITE,
				'x-jetpack-start-timestamp': timestamp,
				'x-jetpack-start-nonce': nonce,
				'x-jetpack-start-signature': signature,
			},
			body: BODY,
		} ).then( async ( r ) => {
			await r.arrayBuffer();
			return r.status;
		} );
	};

	const tokenRes = await fetch( `${ sim.url }/oauth2/token`, {
		method: 'POST',
		body: new URLSearchParams( {
			grant_type: 'client_credentials',
			scope: 'jetpack-partner',
			client_id: 'bench-id',
			client_secret: 'bench-secret',
		} ),
	} );
	const { access_token: token } = ( await tokenRes.json() ) as {
		access_token: string;
	};
	const form = new URLSearchParams( {
		siteurl: SITE,
		local_user: 'admin',
		plan: 'jetpack-backup-daily',
	} ).toString();
	const direct = (): Promise< number > =>
		fetch( `${ sim.url }/rest/v1.3/jpphp/provision`, {
			method: 'POST',
			headers: {
				authorization: `Bearer ${ token }`,
				'content-type': 'application/x-www-form-urlencoded',
			},
			body: form,
		} ).then( async ( r ) => {
			await r.arrayBuffer();
			return r.status;
		} );

	// Warm both paths (JIT, keep-alive pools, partner token) before measuring.
	for ( let i = 0; i < 50; i++ ) {
		await Promise.all( [ viaService(), direct() ] );
	}
	sim.clearCalls();

	const d = await runLoad( direct );
	sim.clearCalls();
	const s = await runLoad( viaService );
	const upstream = sim
		.calls()
		.filter( ( c ) => c.path === '/rest/v1.3/jpphp/provision' ).length;

	const row = ( name: string, r: Result ): string =>
		`${ name.padEnd( 28 ) } ${ r.rps
			.toFixed( 0 )
			.padStart( 7 ) } req/s   p50 ${ r.p50
			.toFixed( 2 )
			.padStart( 6 ) } ms   p99 ${ r.p99
			.toFixed( 2 )
			.padStart( 6 ) } ms   failures ${ r.failures }`;
	process.stdout.write(
		`relay benchmark: ${ total } provision requests, concurrency ${ concurrency }, loopback, Node ${ process.version }\n`
	);
	process.stdout.write( `${ row( 'direct → simulator', d ) }\n` );
	process.stdout.write( `${ row( 'signed → service → simulator', s ) }\n` );
	process.stdout.write(
		`upstream calls during the service run: ${ upstream } (expected ${ total })\n`
	);
} finally {
	await app.close();
	await sim.close();
}
