/**
 * The reliability and security suite talks to the real test WordPress over HTTP, as browsers
 * and scripts do: real logins, cookies and REST nonces; the WordPress.com simulator's call log
 * tells what reached WordPress.com; the debug log tells whether PHP complained.
 *
 * Each part writes artifacts/results/reliability/<part>.json, { part, cases, failures,
 * figures }, which tests/summarize.mjs prints at the end of `npm test`.
 */
import { execFileSync } from 'node:child_process';
import {
	existsSync,
	mkdirSync,
	readFileSync,
	statSync,
	writeFileSync,
} from 'node:fs';
import path from 'node:path';

export const ROOT = path.resolve( __dirname, '../..' );
export const SITE = 'http://127.0.0.1:8889';
export const SIMULATOR = 'http://127.0.0.1:8791';
export const ODD_SERVICE = 'http://127.0.0.1:8795';
export const NAMESPACE = '/jetpack-start-companion/v1';
export const DEBUG_LOG = path.join( ROOT, '.cache/wp-debug.log' );

/** A logged-in user: the cookies a browser would hold, and the REST nonce the page would print. */
export interface Session {
	user: string;
	cookies: string;
	nonce: string;
}

export interface Answer {
	status: number;
	text: string;
	json: unknown;
	headers: Headers;
}

/** Every body the suite received, for the secrets part. */
export const received: string[] = [];

/** The site back at its fresh install (0.1 s), the simulator with no scenario, call or site. */
export async function freshSite(): Promise< void > {
	execFileSync(
		'bash',
		[ path.join( ROOT, 'tests/env/wp.sh' ), 'reset', 'jsc_e2e' ],
		{
			stdio: 'ignore',
		}
	);
	for ( const what of [ 'scenarios', 'sites', 'calls' ] ) {
		await fetch( `${ SIMULATOR }/__sim/${ what }`, { method: 'DELETE' } );
	}
}

function cookiesOf( response: Response, jar: Map< string, string > ): void {
	for ( const line of response.headers.getSetCookie() ) {
		const [ pair ] = line.split( ';' );
		const at = pair!.indexOf( '=' );
		jar.set( pair!.slice( 0, at ), pair!.slice( at + 1 ) );
	}
}

/**
 * Logs in through wp-login.php and takes the REST nonce wp-admin would print for the user.
 *
 * @param user     Login name.
 * @param password Password.
 */
export async function login(
	user: string,
	password = 'password'
): Promise< Session > {
	const jar = new Map( [ [ 'wordpress_test_cookie', 'WP Cookie check' ] ] );
	const form = new URLSearchParams( {
		log: user,
		pwd: password,
		'wp-submit': 'Log In',
		testcookie: '1',
	} );
	const response = await fetch( `${ SITE }/wp-login.php`, {
		method: 'POST',
		body: form,
		redirect: 'manual',
		headers: { cookie: header( jar ) },
	} );
	cookiesOf( response, jar );
	if ( response.status !== 302 ) {
		throw new Error(
			`login as ${ user } failed: HTTP ${ response.status }`
		);
	}
	const cookies = header( jar );
	const nonce = await (
		await fetch( `${ SITE }/wp-admin/admin-ajax.php?action=rest-nonce`, {
			headers: { cookie: cookies },
		} )
	).text();
	if ( ! /^[0-9a-f]{10}$/.test( nonce ) ) {
		throw new Error( `no REST nonce for ${ user }: ${ nonce }` );
	}
	return { user, cookies, nonce };
}

function header( jar: Map< string, string > ): string {
	return [ ...jar ].map( ( [ k, v ] ) => `${ k }=${ v }` ).join( '; ' );
}

export interface RestOptions {
	session?: Session | null;
	/** The nonce to send; default the session's own. null sends none. */
	nonce?: string | null;
	/** A JSON value (encoded) or the exact body text. */
	body?: unknown;
	contentType?: string;
	headers?: Record< string, string >;
	query?: string;
}

/**
 * One REST request, as apiFetch sends it from the panel (cookies and X-WP-Nonce).
 *
 * @param method  HTTP method.
 * @param route   Route, e.g. /jetpack-start-companion/v1/status.
 * @param options Session, nonce, body, headers.
 */
export async function rest(
	method: string,
	route: string,
	options: RestOptions = {}
): Promise< Answer > {
	const headers: Record< string, string > = { ...options.headers };
	if ( options.session ) {
		headers.cookie = options.session.cookies;
	}
	const nonce =
		options.nonce === undefined ? options.session?.nonce : options.nonce;
	if ( nonce ) {
		headers[ 'x-wp-nonce' ] = nonce;
	}
	let body: string | Buffer | null = null;
	if ( options.body !== undefined ) {
		body =
			typeof options.body === 'string' || Buffer.isBuffer( options.body )
				? options.body
				: JSON.stringify( options.body );
		headers[ 'content-type' ] = options.contentType ?? 'application/json';
	}
	const response = await fetch(
		`${ SITE }/wp-json${ route }${ options.query ?? '' }`,
		{
			method,
			headers,
			body,
			redirect: 'manual',
		}
	);
	const text = await response.text();
	received.push( text );
	let json: unknown = null;
	try {
		json = JSON.parse( text );
	} catch {}
	return { status: response.status, text, json, headers: response.headers };
}

/**
 * POST /provision as the panel sends it, followed as the panel follows it: the route answers at
 * once (202, "requesting") and the attempt runs on the server. Answers the final status, or the
 * route's own answer when nothing was queued (200, an error).
 *
 * @param options Session, headers; the body is the panel's.
 */
export async function provisionAndFollow(
	options: RestOptions = {}
): Promise< Answer > {
	const queued = await rest( 'POST', `${ NAMESPACE }/provision`, {
		...options,
		body: { accept_terms: true },
	} );
	return queued.status === 202 ? followStatus( options ) : queued;
}

/**
 * GET /status (with these headers) until the state is no longer "requesting" (at most a minute).
 *
 * @param options Session, headers.
 */
export async function followStatus(
	options: RestOptions = {}
): Promise< Answer > {
	const deadline = Date.now() + 60_000;
	for (;;) {
		const now = await rest( 'GET', `${ NAMESPACE }/status`, {
			session: options.session ?? null,
			headers: options.headers ?? {},
		} );
		const state = ( now.json as { provisioning?: { state?: string } } )
			?.provisioning?.state;
		if ( state !== 'requesting' || Date.now() > deadline ) {
			return now;
		}
		await new Promise( ( resolve ) => setTimeout( resolve, 150 ) );
	}
}

/**
 * A wp-admin (or front-end) page as the user's browser gets it.
 *
 * @param url     Path, e.g. /wp-admin/admin.php?page=jetpack-start-companion.
 * @param session The logged-in user, or none.
 * @param headers More request headers.
 */
export async function page(
	url: string,
	session: Session | null,
	headers: Record< string, string > = {}
): Promise< Answer > {
	const response = await fetch( `${ SITE }${ url }`, {
		headers: {
			...headers,
			...( session ? { cookie: session.cookies } : {} ),
		},
		redirect: 'manual',
	} );
	const text = await response.text();
	received.push( text );
	return {
		status: response.status,
		text,
		json: null,
		headers: response.headers,
	};
}

/** What reached WordPress.com (the simulator's call log). */
export async function wpcomCalls(): Promise<
	Array< {
		method: string;
		path: string;
		form: Record< string, string >;
		headers: Record< string, string >;
	} >
> {
	return ( await (
		await fetch( `${ SIMULATOR }/__sim/calls` )
	).json() ) as never;
}

/** Provision calls that reached WordPress.com. */
export async function provisionCalls(): Promise< number > {
	return ( await wpcomCalls() ).filter( ( call ) =>
		call.path.includes( '/jpphp/provision' )
	).length;
}

/**
 * What WordPress.com (the simulator) answers this site from now on.
 *
 * @param scenario A simulator scenario.
 * @param options  Its options (delay_ms, then, shape).
 */
export async function wpcomAnswers(
	scenario: string,
	options: Record< string, unknown > = {}
): Promise< void > {
	const response = await fetch( `${ SIMULATOR }/__sim/scenarios`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify( { site: SITE, scenario, ...options } ),
	} );
	if ( response.status !== 204 ) {
		throw new Error( `simulator refused ${ scenario }` );
	}
}

/**
 * The misbehaving host service's address for one exact answer (odd-service.php /reply/).
 *
 * @param status  HTTP status.
 * @param body    JSON value or text.
 * @param delayMs Milliseconds before it answers.
 */
export function oddAnswer(
	status: number,
	body: unknown,
	delayMs = 0
): string {
	const text = typeof body === 'string' ? body : JSON.stringify( body );
	const b64 = Buffer.from( text ).toString( 'base64url' );
	return delayMs > 0
		? `${ ODD_SERVICE }/slow/${ delayMs }/${ status }/${ b64 }`
		: `${ ODD_SERVICE }/reply/${ status }/${ b64 }`;
}

/**
 * A contract case B answer (§3) with fields changed.
 * @param changes
 */
export function caseB(
	changes: Record< string, unknown > = {}
): Record< string, unknown > {
	const now = Date.now();
	return {
		outcome: 'awaiting_authorization',
		auth_required: true,
		next_url:
			'https://jetpack.wordpress.com/jetpack.authorize/1/?client_id=42',
		plan: 'jetpack-backup-daily',
		provisioned_at: new Date( now ).toISOString(),
		pending_expires_at: new Date( now + 14 * 86400_000 ).toISOString(),
		forced_register: false,
		idempotent_replay: false,
		request_id: 'req-reliability',
		...changes,
	};
}

/** Reads what PHP wrote to the debug log since a mark (its size when the mark was taken). */
export function debugLogMark(): () => string[] {
	const start = existsSync( DEBUG_LOG ) ? statSync( DEBUG_LOG ).size : 0;
	return () => {
		if ( ! existsSync( DEBUG_LOG ) ) {
			return [];
		}
		return readFileSync( DEBUG_LOG )
			.subarray( start )
			.toString( 'utf8' )
			.split( '\n' )
			.filter( ( line ) =>
				/PHP (Notice|Warning|Deprecated|Fatal error|Parse error)|Stack trace/.test(
					line
				)
			);
	};
}

/**
 * Runs tasks at most `limit` at a time (php -S has 4 workers) and keeps their order.
 *
 * @param items Inputs.
 * @param limit How many at once.
 * @param task  The work for one input.
 */
export async function pool< T, R >(
	items: readonly T[],
	limit: number,
	task: ( item: T, index: number ) => Promise< R >
): Promise< R[] > {
	const results: R[] = new Array( items.length );
	let next = 0;
	await Promise.all(
		Array.from( { length: Math.min( limit, items.length ) }, async () => {
			while ( next < items.length ) {
				const index = next++;
				results[ index ] = await task( items[ index ]!, index );
			}
		} )
	);
	return results;
}

export interface PartResult {
	cases: number;
	failures: number;
	figures: Record< string, number | string >;
}

/**
 * Writes artifacts/results/reliability/<part>.json for the closing summary.
 *
 * @param part   The part's name.
 * @param result Its cases, failures and figures.
 */
export function writeResult( part: string, result: PartResult ): void {
	const dir = path.join( ROOT, 'artifacts/results/reliability' );
	mkdirSync( dir, { recursive: true } );
	writeFileSync(
		path.join( dir, `${ part }.json` ),
		JSON.stringify( { part, ...result }, null, '\t' ) + '\n'
	);
}

/**
 * Kills one of tests/services.sh's services at once (SIGKILL, as a crash would) and answers
 * when its process is gone.
 *
 * @param name simulator, host-service or odd-service.
 */
export async function crash( name: string ): Promise< void > {
	const file = path.join( ROOT, `.cache/services/${ name }.pid` );
	if ( ! existsSync( file ) ) {
		return;
	}
	const pid = Number( readFileSync( file, 'utf8' ) );
	try {
		process.kill( pid, 'SIGKILL' );
	} catch {
		return; // Not running.
	}
	for ( let i = 0; i < 100 && existsSync( `/proc/${ pid }` ); i++ ) {
		await new Promise( ( resolve ) => setTimeout( resolve, 50 ) );
	}
}

/**
 * Starts whatever of tests/services.sh's services is not running.
 *
 * @param extra `redis`: also the second host service, with Redis stores.
 */
export function startServices( extra?: 'redis' ): void {
	execFileSync(
		'bash',
		[
			path.join( ROOT, 'tests/services.sh' ),
			'start',
			...( extra ? [ extra ] : [] ),
		],
		{ stdio: 'ignore' }
	);
}

/** The test site's key (its wp-config), which must never leave PHP. */
export function siteKey(): string {
	const config = readFileSync(
		path.join( ROOT, '.cache/wp/jsc-config.php' ),
		'utf8'
	);
	const key =
		/JETPACK_START_COMPANION_SITE_KEY["'],\s*["']([0-9a-f]{64})["']/.exec(
			config
		)?.[ 1 ];
	if ( ! key ) {
		throw new Error( 'no site key in jsc-config.php' );
	}
	return key;
}

/**
 * Users of every role (admin, editor1 and author1 come with the test site; the others are
 * added through the REST API as the administrator).
 *
 * @param admin The administrator's session.
 */
export async function usersOfEveryRole(
	admin: Session
): Promise< Record< string, Session > > {
	for ( const role of [ 'subscriber', 'contributor' ] ) {
		const created = await rest( 'POST', '/wp/v2/users', {
			session: admin,
			body: {
				username: `${ role }1`,
				password: 'password',
				email: `${ role }1@example.test`,
				roles: [ role ],
			},
		} );
		if ( created.status !== 201 ) {
			throw new Error( `could not add ${ role }1: ${ created.text }` );
		}
	}
	const sessions: Record< string, Session > = { administrator: admin };
	for ( const [ role, user ] of [
		[ 'subscriber', 'subscriber1' ],
		[ 'contributor', 'contributor1' ],
		[ 'author', 'author1' ],
		[ 'editor', 'editor1' ],
	] as const ) {
		sessions[ role ] = await login( user );
	}
	return sessions;
}
