/**
 * Authorization matrix over real HTTP: every role (and nobody) × every route and method × no,
 * a wrong, another user's, and the user's own REST nonce. Only a user with the capability,
 * sending their own nonce, reaches a route; nothing else reaches WordPress.com.
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
	usersOfEveryRole,
	wpcomAnswers,
	writeResult,
} from './site';

const ROUTES: Record< string, string > = {
	[ `${ NAMESPACE }/status` ]: 'GET',
	[ `${ NAMESPACE }/provision` ]: 'POST',
	[ `${ NAMESPACE }/confirm` ]: 'POST',
};
const METHODS = [ 'GET', 'POST', 'PUT', 'PATCH', 'DELETE' ];
const NONCES = [ 'none', 'wrong', "another user's", 'own' ] as const;
const ROLES = [
	'anonymous',
	'subscriber',
	'contributor',
	'author',
	'editor',
	'administrator',
] as const;

interface Case {
	role: ( typeof ROLES )[ number ];
	route: string;
	method: string;
	nonce: ( typeof NONCES )[ number ];
}

let sessions: Record< string, Session > = {};

before( async () => {
	await freshSite();
	await wpcomAnswers( 'case_b' );
	sessions = await usersOfEveryRole( await login( 'admin' ) );
} );

/**
 * The route's own callback ran: a 2xx, or an answer only the callback gives (the plugin's codes).
 *
 * @param status HTTP status.
 * @param json   The decoded body.
 */
function reached( status: number, json: unknown ): boolean {
	const code = ( json as { code?: unknown } | null )?.code;
	return (
		( status >= 200 && status < 300 ) ||
		( typeof code === 'string' &&
			code.startsWith( 'jetpack_start_companion_' ) )
	);
}

test( 'only a user with the capability, with their own nonce, reaches a route', async () => {
	const logs = debugLogMark();
	const cases: Case[] = [];
	for ( const role of ROLES ) {
		for ( const route of Object.keys( ROUTES ) ) {
			for ( const method of METHODS ) {
				for ( const nonce of NONCES ) {
					// A visitor has no nonce of their own: WordPress ignores nonces without a login.
					if ( role !== 'anonymous' || nonce !== 'own' ) {
						cases.push( { role, route, method, nonce } );
					}
				}
			}
		}
	}
	// Provision last, so the administrator's confirm has nothing to confirm (409, its own answer).
	cases.sort(
		( a, b ) =>
			Number( a.route.endsWith( 'provision' ) ) -
			Number( b.route.endsWith( 'provision' ) )
	);

	const results = await pool( cases, 4, async ( c ) => {
		const session = c.role === 'anonymous' ? null : sessions[ c.role ]!;
		const other =
			c.role === 'administrator'
				? sessions.editor!
				: sessions.administrator!;
		const nonce = {
			none: null,
			wrong: '0123456789',
			"another user's": other.nonce,
			own: session?.nonce ?? null,
		}[ c.nonce ];
		const answer = await rest( c.method, c.route, {
			session,
			nonce,
			...( c.method !== 'GET' && c.route.endsWith( 'provision' )
				? { body: { accept_terms: true } }
				: {} ),
		} );
		const expected =
			c.role === 'administrator' &&
			c.nonce === 'own' &&
			ROUTES[ c.route ] === c.method;
		return {
			c,
			answer,
			expected,
			got: reached( answer.status, answer.json ),
		};
	} );

	const wrong = results.filter( ( r ) => r.expected !== r.got );
	const fiveHundreds = results.filter( ( r ) => r.answer.status >= 500 );
	const withoutCode = results.filter(
		( r ) =>
			! r.got &&
			typeof ( r.answer.json as { code?: unknown } | null )?.code !==
				'string'
	);
	const calls = await provisionCalls();
	const notices = logs();

	writeResult( 'authorization', {
		cases: results.length,
		failures:
			wrong.length +
			fiveHundreds.length +
			withoutCode.length +
			notices.length +
			( calls === 1 ? 0 : 1 ),
		figures: {
			requests: results.length,
			'reached the route': results.filter( ( r ) => r.got ).length,
			'unauthorized successes': wrong.filter( ( r ) => r.got ).length,
			'authorized refused': wrong.filter( ( r ) => ! r.got ).length,
			'5xx': fiveHundreds.length,
			'PHP notices': notices.length,
			'WordPress.com provision calls': calls,
		},
	} );

	assert.deepEqual(
		wrong.map(
			( r ) =>
				`${ r.c.role } ${ r.c.method } ${ r.c.route } (${
					r.c.nonce
				} nonce): HTTP ${ r.answer.status } ${ r.answer.text.slice(
					0,
					120
				) }`
		),
		[]
	);
	assert.equal( fiveHundreds.length, 0 );
	assert.equal( withoutCode.length, 0, 'every refusal carries a code' );
	assert.deepEqual( notices, [] );
	assert.equal(
		calls,
		1,
		'only the administrator’s own request reached WordPress.com'
	);
	// The refusals are the right ones.
	const codes = new Set(
		results
			.filter( ( r ) => ! r.got )
			.map( ( r ) => ( r.answer.json as { code: string } ).code )
	);
	for ( const code of codes ) {
		assert.ok(
			[
				'rest_forbidden',
				'rest_cookie_invalid_nonce',
				'rest_no_route',
			].includes( code ),
			code
		);
	}
} );
