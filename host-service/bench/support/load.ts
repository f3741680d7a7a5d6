/**
 * The load generator (autocannon) for bench/relay.ts, in its own process. Both paths get
 * the same treatment: every connection is handed its own list of ready-made requests before
 * the clock starts (a signed provision needs a fresh nonce each time, so nothing is signed
 * while measuring), and the run ends after `perConnection` × `connections` answers.
 * Prints {rps, p50, p99, errors, non2xx, total} as JSON.
 *   load.ts service <url> <master secret> <per connection> <connections>
 *   load.ts direct  <url> <bearer token>  <per connection> <connections>
 */
import { randomBytes } from 'node:crypto';
import autocannon from 'autocannon';
import { deriveSiteKey } from '../../src/lib/key-provider.js';
import { sign } from '../../src/lib/signature.js';

const [ mode, url = '', secret = '', perArg = '400', connArg = '20' ] =
	process.argv.slice( 2 );
const perConnection = Number( perArg );
const connections = Number( connArg );
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
const siteKey = deriveSiteKey( secret, SITE );

function signed(): autocannon.Request {
	const timestamp = String( Math.floor( Date.now() / 1000 ) );
	const nonce = randomBytes( 16 ).toString( 'hex' );
	return {
		method: 'POST',
		path: '/v1/provision',
		body: BODY,
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
}

const direct = (): autocannon.Request => ( {
	method: 'POST',
	path: '/rest/v1.3/jpphp/provision',
	body: FORM,
	headers: {
		authorization: `Bearer ${ secret }`,
		'content-type': 'application/x-www-form-urlencoded',
	},
} );

// Twice each connection's share, so a connection that runs ahead never wraps around to a
// nonce it already sent.
const lists = Array.from( { length: connections }, () =>
	Array.from(
		{ length: perConnection * 2 },
		mode === 'service' ? signed : direct
	)
);
let next = 0;
const result = await autocannon( {
	url,
	connections,
	amount: perConnection * connections,
	setupClient: ( client ) => {
		client.setRequests( lists[ next++ % lists.length ] ?? [] );
	},
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
