import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import {
	newNonce,
	provisionBody,
	signedHeaders,
	siteKeyFor,
	startStack,
	upstreamCalls,
	type SignOptions,
	type Stack,
} from './helpers.js';

/**
 * The reliability suite's service part (issue 6): forged, replayed, stale, another site's
 * key, oversize and wrong content type, on every signed route: each is refused with its
 * code and none reaches WordPress.com. Writes artifacts/results/reliability/service.json.
 */

const SITE = 'https://reliability.example.test';
const OTHER = 'https://neighbour.example.test';
const ROUTES = [
	{ method: 'POST', path: '/v1/provision' },
	{ method: 'GET', path: '/v1/status' },
	{ method: 'GET', path: '/v1/ping' },
] as const;

interface HostileCase {
	kind: string;
	name: string;
	expect: [ number, string ];
	/** the request: signing options plus what is sent if it differs */
	send: () => {
		path: string;
		method: string;
		headers: Record< string, string >;
		body?: string | Buffer;
	};
}

const now = (): number => Math.floor( Date.now() / 1000 );

function signed(
	route: ( typeof ROUTES )[ number ],
	o: Partial< SignOptions > = {}
): {
	path: string;
	method: string;
	headers: Record< string, string >;
	body?: string | Buffer;
} {
	const body = route.method === 'POST' ? o.body ?? provisionBody( SITE ) : '';
	const opts: SignOptions = {
		site: SITE,
		method: route.method,
		path: route.path,
		...o,
		body,
	};
	return {
		path: o.path ?? route.path,
		method: route.method,
		headers: signedHeaders( opts ),
		...( route.method === 'POST' ? { body } : {} ),
	};
}

function cases(): HostileCase[] {
	const out: HostileCase[] = [];
	for ( const r of ROUTES ) {
		const at = `${ r.method } ${ r.path }`;
		const add = (
			kind: string,
			name: string,
			expect: [ number, string ],
			send: HostileCase[ 'send' ]
		): void => {
			out.push( { kind, name: `${ at }: ${ name }`, expect, send } );
		};
		const bad: [ number, string ] = [ 401, 'host_invalid_signature' ];
		add( 'forged', 'made-up key', bad, () =>
			signed( r, { key: 'f'.repeat( 64 ) } )
		);
		add( 'forged', 'signed for another path', bad, () => ( {
			...signed( r, { path: '/v1/other' } ),
			path: r.path,
		} ) );
		add( 'forged', 'signed for another method', bad, () => {
			const s = signed( r, {
				method: r.method === 'GET' ? 'POST' : 'GET',
				headers: { 'content-type': 'application/json' },
			} );
			return {
				...s,
				method: r.method,
				...( r.method === 'POST'
					? { body: provisionBody( SITE ) }
					: {} ),
			};
		} );
		add( 'forged', 'signature header missing', bad, () =>
			signed( r, { headers: { 'x-jetpack-start-signature': undefined } } )
		);
		add( 'forged', 'nonce not hex', bad, () =>
			signed( r, {
				headers: { 'x-jetpack-start-nonce': 'z'.repeat( 32 ) },
			} )
		);
		add( 'forged', 'site header not canonical', bad, () =>
			signed( r, { site: `${ SITE }/`, key: siteKeyFor( `${ SITE }/` ) } )
		);
		add( 'another site', "signed with a neighbour's key", bad, () =>
			signed( r, { key: siteKeyFor( OTHER ) } )
		);
		add( 'stale', '301 s old', [ 401, 'host_stale_timestamp' ], () =>
			signed( r, { timestamp: now() - 301 } )
		);
		add( 'stale', '301 s ahead', [ 401, 'host_stale_timestamp' ], () =>
			signed( r, { timestamp: now() + 301 } )
		);
		add( 'stale', 'a day old', [ 401, 'host_stale_timestamp' ], () =>
			signed( r, { timestamp: now() - 86_400 } )
		);
		// The first use is one that reaches nothing upstream either: refused for its body or
		// query after the nonce was recorded (a ping is simply answered).
		const nonce = newNonce();
		const firstUse = (): ReturnType< HostileCase[ 'send' ] > => {
			if ( r.method === 'POST' ) {
				return signed( r, {
					nonce,
					body: provisionBody( SITE, { local_user: '' } ),
				} );
			}
			return signed( r, { nonce, path: `${ r.path }?unknown=1` } );
		};
		add(
			'replayed',
			'first use',
			r.path === '/v1/ping'
				? [ 200, '' ]
				: [ 400, 'host_invalid_request' ],
			firstUse
		);
		add(
			'replayed',
			'the same request again',
			[ 401, 'host_replayed_nonce' ],
			firstUse
		);
		if ( r.method !== 'POST' ) {
			continue;
		}
		add(
			'another site',
			"body for a neighbour's site",
			[ 403, 'host_site_mismatch' ],
			() => signed( r, { body: provisionBody( OTHER ) } )
		);
		add( 'forged', 'body changed after signing', bad, () => ( {
			...signed( r ),
			body: provisionBody( SITE, { local_user: 'root' } ),
		} ) );
		for ( const size of [ 17 * 1024, 1024 * 1024 ] ) {
			add(
				'oversize',
				`${ size } bytes`,
				[ 413, 'host_body_too_large' ],
				() =>
					signed( r, {
						body: provisionBody( SITE, {
							local_user: 'x'.repeat( size ),
						} ),
					} )
			);
		}
		for ( const type of [
			'text/plain',
			'application/x-www-form-urlencoded',
			'multipart/form-data; boundary=x',
			'application/xml',
			'application/json; charset=iso-8859-1',
		] ) {
			add(
				'wrong content type',
				type,
				[ 400, 'host_invalid_request' ],
				() => signed( r, { headers: { 'content-type': type } } )
			);
		}
		add(
			'wrong content type',
			'none',
			[ 400, 'host_invalid_request' ],
			() => signed( r, { headers: { 'content-type': undefined } } )
		);
	}
	return out;
}

describe( 'reliability: hostile requests to the service are refused and never relayed', () => {
	let s: Stack;
	const results: { kind: string; ok: boolean }[] = [];
	before( async () => {
		s = await startStack( { sim: { scenarios: { '*': 'case_c' } } } );
	} );
	after( async () => {
		const upstream = upstreamCalls( s.sim ).length;
		await s.close();
		const byKind: Record< string, number > = {};
		for ( const r of results ) {
			byKind[ r.kind ] = ( byKind[ r.kind ] ?? 0 ) + 1;
		}
		const dir = new URL(
			'../../artifacts/results/reliability/',
			import.meta.url
		);
		mkdirSync( dir, { recursive: true } );
		writeFileSync(
			new URL( 'service.json', dir ),
			`${ JSON.stringify(
				{
					part: 'service',
					cases: results.length,
					failures:
						results.filter( ( r ) => ! r.ok ).length +
						( upstream === 0 ? 0 : 1 ),
					figures: {
						refused: results.filter( ( r ) => r.ok ).length,
						relayed: upstream === 0 ? 0 : results.length,
						upstream_calls: upstream,
						cases_by_kind: byKind,
					},
				},
				null,
				'\t'
			) }\n`
		);
	} );

	for ( const c of cases() ) {
		it( `${ c.kind }: ${ c.name } → ${ c.expect[ 0 ] } ${ c.expect[ 1 ] }`, async () => {
			const req = c.send();
			const res = await fetch( `${ s.url }${ req.path }`, {
				method: req.method,
				headers: req.headers,
				...( req.body === undefined ? {} : { body: req.body } ),
			} );
			const json = ( await res.json() ) as Record< string, unknown >;
			const got: [ number, string ] = [
				res.status,
				String( json.error_code ?? '' ),
			];
			const ok = got[ 0 ] === c.expect[ 0 ] && got[ 1 ] === c.expect[ 1 ];
			// The first use of a replayed nonce is setup, not a hostile case of its own.
			if ( ! c.name.endsWith( ': first use' ) ) {
				results.push( { kind: c.kind, ok } );
			}
			assert.deepEqual( got, c.expect );
			assert.deepEqual( upstreamCalls( s.sim ), [] );
		} );
	}
} );
