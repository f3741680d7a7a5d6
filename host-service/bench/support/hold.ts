/**
 * The load generator for bench/in-flight.ts, in its own process: `count` signed provisions
 * from `count` different sites, each on its own connection, opened over `rampMs` (in batches
 * of 250, so no listen backlog overflows; with WordPress.com taking 10 s, all are in flight
 * together). Prints {maxInFlight, ok, failed, statuses, seconds} as JSON once every answer is
 * in; maxInFlight is the most successful provisions that were open at the same moment.
 *   hold.ts <service url> <master secret> <count> [rampMs]
 */
import { randomBytes } from 'node:crypto';
import { Agent, request } from 'node:http';
import { deriveSiteKey } from '../../src/lib/key-provider.js';
import { sign } from '../../src/lib/signature.js';

const [ url = '', secret = '', countArg = '5000', rampArg = '2000' ] =
	process.argv.slice( 2 );
const count = Number( countArg );
const target = new URL( url );
const agent = new Agent( { keepAlive: false, maxSockets: Infinity } );

const spans: [ number, number ][] = [];

function provision( i: number ): Promise< number > {
	const site = `https://site-${ i }.bench.example.test`;
	const body = JSON.stringify( {
		siteurl: site,
		home_url: site,
		local_user: 'admin',
		plan: null,
	} );
	const timestamp = String( Math.floor( Date.now() / 1000 ) );
	const nonce = randomBytes( 16 ).toString( 'hex' );
	const signature = sign( deriveSiteKey( secret, site ), {
		site,
		timestamp,
		nonce,
		method: 'POST',
		path: '/v1/provision',
		body,
	} );
	const begun = performance.now();
	return new Promise< number >( ( resolve ) => {
		const req = request(
			{
				host: target.hostname,
				port: target.port,
				path: '/v1/provision',
				method: 'POST',
				agent,
				headers: {
					'content-type': 'application/json',
					'content-length': Buffer.byteLength( body ),
					'x-jetpack-start-site': site,
					'x-jetpack-start-timestamp': timestamp,
					'x-jetpack-start-nonce': nonce,
					'x-jetpack-start-signature': signature,
				},
				timeout: 120_000,
			},
			( res ) => {
				res.resume();
				res.on( 'end', () => {
					if ( res.statusCode === 200 ) {
						spans.push( [ begun, performance.now() ] );
					}
					resolve( res.statusCode ?? 0 );
				} );
			}
		);
		req.on( 'error', () => resolve( 0 ) );
		req.on( 'timeout', () => req.destroy() );
		req.end( body );
	} );
}

const BATCH = 250;
const pause = Number( rampArg ) / Math.max( 1, Math.ceil( count / BATCH ) );
const started = performance.now();
const pending: Promise< number >[] = [];
for ( let i = 0; i < count; i++ ) {
	pending.push( provision( i ) );
	if ( ( i + 1 ) % BATCH === 0 ) {
		await new Promise( ( r ) => setTimeout( r, pause ) );
	}
}
const statuses = await Promise.all( pending );
const byStatus: Record< string, number > = {};
for ( const s of statuses ) {
	byStatus[ s ] = ( byStatus[ s ] ?? 0 ) + 1;
}
// The most successful provisions that were open at the same moment.
const edges = spans
	.flatMap( ( [ a, b ] ): [ number, number ][] => [
		[ a, 1 ],
		[ b, -1 ],
	] )
	.sort( ( x, y ) => x[ 0 ] - y[ 0 ] || x[ 1 ] - y[ 1 ] );
let open = 0;
let maxOpen = 0;
for ( const [ , d ] of edges ) {
	open += d;
	maxOpen = Math.max( maxOpen, open );
}
process.stdout.write(
	JSON.stringify( {
		maxInFlight: maxOpen,
		ok: statuses.filter( ( s ) => s === 200 ).length,
		failed: statuses.filter( ( s ) => s !== 200 ).length,
		statuses: byStatus,
		seconds: ( performance.now() - started ) / 1000,
	} )
);
