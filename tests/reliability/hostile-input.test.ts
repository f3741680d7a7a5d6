/**
 * Hostile input: over a thousand generated requests as the logged-in administrator with a
 * valid nonce (so each reaches the plugin's own validation): wrong types, sizes up to 1 MB,
 * unicode, NUL and broken encodings, deep nesting, unknown fields, other content types,
 * routes and methods. Each must be a 4xx carrying an error code; none a 5xx, none a PHP
 * notice, none a call to WordPress.com.
 */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import {
	NAMESPACE,
	type Session,
	debugLogMark,
	freshSite,
	login,
	pool,
	provisionCalls,
	rest,
	writeResult,
} from './site';

/**
 * Deterministic, so a failure can be replayed: the Park–Miller generator.
 *
 * @param seed The seed (1 to 2147483646).
 */
function random( seed: number ): () => number {
	return () => {
		seed = ( seed * 16807 ) % 2147483647;
		return ( seed - 1 ) / 2147483646;
	};
}

interface Input {
	kind: string;
	method: string;
	route: string;
	body?: string | Buffer;
	contentType?: string;
	query?: string;
}

const PROVISION = `${ NAMESPACE }/provision`;
const CONFIRM = `${ NAMESPACE }/confirm`;
const STATUS = `${ NAMESPACE }/status`;

/** Values WordPress does not read as `true` for a boolean argument. */
const NOT_TRUE: unknown[] = [
	false,
	0,
	2,
	-1,
	1.5,
	'false',
	'0',
	'yes',
	'on',
	'',
	' true',
	'tru',
	'✓',
	'\u0000',
	'true\u0000',
	null,
	[],
	{},
	[ true ],
	{ value: true },
	'<script>alert(1)</script>',
	'1e0',
	'0x1',
	9007199254740993,
];

const FIELD_NAMES = [
	'plan',
	'siteurl',
	'local_user',
	'accept_term',
	'accept_terms ',
	'ACCEPT_TERMS',
	'__proto__x',
	'constructor',
	'é',
	'\u0000',
	'a'.repeat( 300 ),
	'<b>',
	'next_url',
	'idempotency_key',
];

function text( rand: () => number, length: number ): string {
	const alphabet = [
		'a',
		'Z',
		'9',
		' ',
		'"',
		'\\',
		'\u0000',
		'\u001f',
		'é',
		'☃',
		'𝄞',
		'\u202e',
		'<',
		'>',
		'&',
		'%00',
	];
	let out = '';
	while ( out.length < length ) {
		out += alphabet[ Math.floor( rand() * alphabet.length ) ];
	}
	return out;
}

function nested( depth: number ): string {
	return `${ '{"accept_terms":'.repeat( depth ) }false${ '}'.repeat(
		depth
	) }`;
}

/**
 * The generated inputs (over 1,000), every one invalid by construction.
 */
function inputs(): Input[] {
	const rand = random( 20261201 );
	const pick = < T >( list: readonly T[] ): T =>
		list[ Math.floor( rand() * list.length ) ]!;
	const out: Input[] = [];
	const json = ( kind: string, value: unknown, route = PROVISION ) =>
		out.push( {
			kind,
			method: 'POST',
			route,
			body: JSON.stringify( value ),
		} );

	// Types: accept_terms anything but true, alone or among other (valid-looking) fields.
	for ( let i = 0; i < 200; i++ ) {
		json( 'wrong type', { accept_terms: pick( NOT_TRUE ) } );
	}
	// Unknown fields beside a valid consent: refused, never ignored.
	for ( let i = 0; i < 160; i++ ) {
		json( 'unknown field', {
			accept_terms: true,
			[ pick( FIELD_NAMES ) ]: pick( [
				'x',
				1,
				null,
				[ 'a' ],
				{ nested: { deeper: true } },
				text( rand, 40 ),
			] ),
		} );
	}
	// Unicode, NUL and control characters where the consent should be.
	for ( let i = 0; i < 120; i++ ) {
		json( 'unicode and NUL', {
			accept_terms: text( rand, 1 + Math.floor( rand() * 200 ) ),
		} );
	}
	// Sizes up to 1 MB.
	for ( const size of [ 1e3, 1e4, 1e5, 5e5, 1e6 ] ) {
		for ( let i = 0; i < 4; i++ ) {
			json( 'large', {
				accept_terms: false,
				padding: 'x'.repeat( size ),
			} );
			out.push( {
				kind: 'large',
				method: 'POST',
				route: PROVISION,
				body: '['.repeat( size ),
			} );
		}
	}
	// Nesting, deep and very deep (PHP's JSON depth limit is 512).
	for ( const depth of [ 2, 10, 100, 511, 513, 2000 ] ) {
		for ( let i = 0; i < 5; i++ ) {
			out.push( {
				kind: 'nesting',
				method: 'POST',
				route: PROVISION,
				body: nested( depth ),
			} );
		}
	}
	// Bodies that are not JSON, or not well-formed JSON, sent as JSON.
	const broken: Array< string | Buffer > = [
		'',
		'{',
		'{"accept_terms":true',
		'{"accept_terms":tru}',
		"{'accept_terms':true}",
		'accept_terms=true',
		'null',
		'"true"',
		'[true]',
		'42',
		'\ufeff{"accept_terms":false}',
		'{"accept_terms":"\\ud800"}',
		'{"accept_terms":true,"accept_terms":false}',
		Buffer.from( [ 0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d ] ),
		Buffer.from( [ 0xc0, 0xaf ] ),
		'\u0000',
	];
	for ( let i = 0; i < 96; i++ ) {
		out.push( {
			kind: 'malformed JSON',
			method: 'POST',
			route: PROVISION,
			body: pick( broken ),
		} );
	}
	// Other content types: the consent is never read from them as true.
	const typed: Array< [ string, string ] > = [
		[ 'text/plain', '{"accept_terms":true}' ],
		[ 'application/xml', '<accept_terms>true</accept_terms>' ],
		[ 'application/x-www-form-urlencoded', 'accept_terms=maybe' ],
		[ 'application/x-www-form-urlencoded', 'accept_terms[]=1' ],
		[ 'application/x-www-form-urlencoded', 'accept_terms=true&plan=free' ],
		[ 'application/x-www-form-urlencoded', 'accept_terms=%00' ],
		[
			'multipart/form-data; boundary=xyz',
			'--xyz\r\nContent-Disposition: form-data; name="accept_terms"\r\n\r\nno\r\n--xyz--\r\n',
		],
		[ 'application/json; charset=utf-16', '{"accept_terms":"no"}' ],
		[ 'image/png', '\u0089PNG\r\n' ],
		[ '', '{"accept_terms":true}' ],
	];
	for ( let i = 0; i < 120; i++ ) {
		const [ contentType, body ] = pick( typed );
		out.push( {
			kind: 'content type',
			method: 'POST',
			route: PROVISION,
			body,
			contentType,
		} );
	}
	// POST /confirm takes no field at all.
	for ( let i = 0; i < 60; i++ ) {
		json(
			'confirm with fields',
			{ [ pick( FIELD_NAMES ) ]: pick( NOT_TRUE ) },
			CONFIRM
		);
	}
	// GET /status with a context it does not have.
	for ( let i = 0; i < 60; i++ ) {
		out.push( {
			kind: 'status query',
			method: 'GET',
			route: STATUS,
			query: `?context=${ encodeURIComponent(
				pick( [ 'edit', 'embed', '', text( rand, 20 ), 'view\u0000' ] )
			) }`,
		} );
	}
	// Routes and methods that do not exist.
	// (A trailing slash or a dot segment is the same route: WordPress and the URL parser normalise them.)
	const routes = [
		`${ PROVISION }/1`,
		`${ PROVISION }.json`,
		`${ NAMESPACE }/PROVISION`,
		`${ NAMESPACE }/provision%00`,
		`${ NAMESPACE }/provision-x`,
		`${ NAMESPACE }/provision;x`,
		`${ NAMESPACE }/settings`,
		'/jetpack-start-companion/v2/provision',
	];
	for ( let i = 0; i < 60; i++ ) {
		const method = pick( [ 'GET', 'POST', 'PUT', 'DELETE' ] );
		out.push( {
			kind: 'route',
			method,
			route: pick( routes ),
			...( method === 'GET' ? {} : { body: '{"accept_terms":true}' } ),
		} );
	}
	for ( let i = 0; i < 40; i++ ) {
		out.push( {
			kind: 'method',
			method: pick( [ 'PUT', 'PATCH', 'DELETE' ] ),
			route: pick( [ PROVISION, CONFIRM, STATUS ] ),
			body: '{"accept_terms":true}',
		} );
	}
	for ( let i = 0; i < 20; i++ ) {
		out.push( {
			kind: 'method',
			method: 'GET',
			route: pick( [ PROVISION, CONFIRM ] ),
		} );
	}
	return out;
}

let admin: Session;

before( async () => {
	await freshSite();
	admin = await login( 'admin' );
} );

test( 'every hostile request is a 4xx with a code: no 5xx, no PHP notice, no call to WordPress.com', async () => {
	const logs = debugLogMark();
	const all = inputs();
	assert.ok( all.length >= 1000, `${ all.length } inputs` );
	const started = Date.now();
	const results = await pool( all, 4, async ( input ) => {
		const answer = await rest( input.method, input.route, {
			session: admin,
			...( input.body === undefined ? {} : { body: input.body } ),
			...( input.contentType === undefined
				? {}
				: { contentType: input.contentType } ),
			...( input.query === undefined ? {} : { query: input.query } ),
		} );
		return { input, answer };
	} );
	const seconds = ( Date.now() - started ) / 1000;
	const bad = results.filter(
		( { answer } ) =>
			answer.status < 400 ||
			answer.status >= 500 ||
			typeof ( answer.json as { code?: unknown } | null )?.code !==
				'string'
	);
	const notices = logs();
	const calls = await provisionCalls();
	const kinds: Record< string, number > = {};
	for ( const { input } of results ) {
		kinds[ input.kind ] = ( kinds[ input.kind ] ?? 0 ) + 1;
	}

	writeResult( 'hostile-input', {
		cases: results.length,
		failures: bad.length + notices.length + calls,
		figures: {
			requests: results.length,
			'4xx with a code': results.length - bad.length,
			'5xx': results.filter( ( r ) => r.answer.status >= 500 ).length,
			'PHP notices': notices.length,
			'WordPress.com calls': calls,
			'largest body (bytes)': Math.max(
				...all.map( ( i ) =>
					i.body ? Buffer.byteLength( i.body ) : 0
				)
			),
			'requests per second': Math.round( results.length / seconds ),
			...Object.fromEntries(
				Object.entries( kinds ).map( ( [ k, v ] ) => [
					`kind: ${ k }`,
					v,
				] )
			),
		},
	} );

	assert.deepEqual(
		bad
			.slice( 0, 10 )
			.map(
				( { input, answer } ) =>
					`${ input.kind }: ${ input.method } ${
						input.route
					} ${ String( input.body ?? input.query ?? '' ).slice(
						0,
						80
					) } → HTTP ${ answer.status } ${ answer.text.slice(
						0,
						160
					) }`
			),
		[]
	);
	assert.deepEqual( notices, [] );
	assert.equal( calls, 0 );
} );
