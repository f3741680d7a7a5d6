/**
 * The load generator (autocannon) for bench/relay.ts, in its own process: signed provisions
 * to the service, or the same provision straight to the simulator with a partner token.
 * Prints {rps, p50, p99, errors, non2xx, total} as JSON.
 *   load.ts service <url> <master secret> <seconds> <connections>
 *   load.ts direct  <url> <bearer token>  <seconds> <connections>
 */
import { randomBytes } from 'node:crypto';
import autocannon from 'autocannon';
import { deriveSiteKey } from '../../src/lib/key-provider.js';
import { sign } from '../../src/lib/signature.js';

const [ mode, url = '', secret = '', seconds = '5', connections = '20' ] =
	process.argv.slice( 2 );
const SITE = 'https://bench.example.test';
const BODY = JSON.stringify( {
	siteurl: SITE,
	home_url: SITE,
	local_user: 'admin',
	plan: null,
} );
const FORM = new URLSearchParams( {
	siteurl: SITE,
	local_user: 'admin',
	plan: 'jetpack-backup-daily',
} ).toString();
const siteKey = mode === 'service' ? deriveSiteKey( secret, SITE ) : '';

const signedRequest = ( req: autocannon.Request ): autocannon.Request => {
	const timestamp = String( Math.floor( Date.now() / 1000 ) );
	const nonce = randomBytes( 16 ).toString( 'hex' );
	return {
		...req,
		headers: {
			'content-type': 'application/json',
			'x-jetpack-start-site': SITE,
			'x-jetpack-start-timestamp': timestamp,
			'x-jetpack-start-nonce': nonce,
			'x-jetpack-start-signature': sign( siteKey, {
				site: SITE,
				timestamp,
				nonce,
				method: 'POST',
				path: '/v1/provision',
				body: BODY,
			} ),
		},
	};
};

const result = await autocannon( {
	url,
	connections: Number( connections ),
	duration: Number( seconds ),
	requests: [
		mode === 'service'
			? {
					method: 'POST',
					path: '/v1/provision',
					body: BODY,
					setupRequest: signedRequest,
			  }
			: {
					method: 'POST',
					path: '/rest/v1.3/jpphp/provision',
					body: FORM,
					headers: {
						authorization: `Bearer ${ secret }`,
						'content-type': 'application/x-www-form-urlencoded',
					},
			  },
	],
} );
process.stdout.write(
	JSON.stringify( {
		rps: result.requests.average,
		p50: result.latency.p50,
		p99: result.latency.p99,
		errors: result.errors + result.timeouts,
		non2xx: result.non2xx,
		total: result.requests.total,
	} )
);
