/**
 * The load generator for bench/in-flight.ts, in its own process: `count` signed provisions
 * from `count` different sites, all sent at once on their own connections. Prints
 * {ok, failed, statuses, seconds} as JSON once every answer is in.
 *   hold.ts <service url> <master secret> <count>
 */
import { randomBytes } from 'node:crypto';
import { Agent, request } from 'node:http';
import { deriveSiteKey } from '../../src/lib/key-provider.js';
import { sign } from '../../src/lib/signature.js';

const [ url = '', secret = '', countArg = '5000' ] = process.argv.slice( 2 );
const count = Number( countArg );
const target = new URL( url );
const agent = new Agent( { keepAlive: false, maxSockets: Infinity } );

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
	return new Promise( ( resolve ) => {
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
				res.on( 'end', () => resolve( res.statusCode ?? 0 ) );
			}
		);
		req.on( 'error', () => resolve( 0 ) );
		req.on( 'timeout', () => req.destroy() );
		req.end( body );
	} );
}

const started = performance.now();
const statuses = await Promise.all(
	Array.from( { length: count }, ( _x, i ) => provision( i ) )
);
const byStatus: Record< string, number > = {};
for ( const s of statuses ) {
	byStatus[ s ] = ( byStatus[ s ] ?? 0 ) + 1;
}
process.stdout.write(
	JSON.stringify( {
		ok: statuses.filter( ( s ) => s === 200 ).length,
		failed: statuses.filter( ( s ) => s !== 200 ).length,
		statuses: byStatus,
		seconds: ( performance.now() - started ) / 1000,
	} )
);
