import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ApiError } from '../lib/errors.js';

/**
 * Who may use the admin listener: whoever holds JSC_ADMIN_TOKEN. Scripts send it as
 * `Authorization: Bearer …`; people sign in once with it and get a session cookie (HttpOnly,
 * SameSite=Strict, 12 hours) that names no secret. Forms carry a CSRF token derived from the
 * session. Every comparison is constant-time. Behind a single sign-on proxy, the proxy adds
 * the Bearer header for the people it let in (host-service/README.md).
 */

export const SESSION_COOKIE = 'jsc_admin';
const SESSION_MS = 12 * 3600_000;

const digest = ( s: string ): Buffer =>
	createHash( 'sha256' ).update( s ).digest();

/**
 * Constant-time equality of two strings of any length.
 * @param a
 * @param b
 */
export function sameSecret( a: string, b: string ): boolean {
	return timingSafeEqual( digest( a ), digest( b ) );
}

function cookieValue( req: FastifyRequest, name: string ): string | null {
	const header = req.headers.cookie ?? '';
	for ( const part of header.split( ';' ) ) {
		const [ k, ...v ] = part.trim().split( '=' );
		if ( k === name ) {
			return v.join( '=' );
		}
	}
	return null;
}

export class AdminAuth {
	private readonly token: string;
	private readonly now: () => number;

	constructor( token: string, now: () => number = Date.now ) {
		this.token = token;
		this.now = now;
	}

	private mac( what: string ): string {
		return createHmac( 'sha256', this.token )
			.update( what )
			.digest( 'hex' );
	}

	/** A new session value: its expiry and a MAC over it. */
	newSession(): string {
		const exp = this.now() + SESSION_MS;
		return `${ exp }.${ this.mac( `jsc-admin-session-v1:${ exp }` ) }`;
	}

	private validSession( v: string | null ): v is string {
		if ( v === null ) {
			return false;
		}
		const m = /^(\d{1,15})\.([0-9a-f]{64})$/.exec( v );
		if ( m === null || Number( m[ 1 ] ) < this.now() ) {
			return false;
		}
		return sameSecret(
			m[ 2 ] ?? '',
			this.mac( `jsc-admin-session-v1:${ m[ 1 ] }` )
		);
	}

	/**
	 * How the request proved itself, or null.
	 * @param req
	 */
	who(
		req: FastifyRequest
	): { via: 'bearer' } | { via: 'session'; csrf: string } | null {
		const auth = req.headers.authorization;
		if ( typeof auth === 'string' && auth.startsWith( 'Bearer ' ) ) {
			return sameSecret( auth.slice( 7 ), this.token )
				? { via: 'bearer' }
				: null;
		}
		const session = cookieValue( req, SESSION_COOKIE );
		if ( this.validSession( session ) ) {
			return {
				via: 'session',
				csrf: this.mac( `jsc-admin-csrf-v1:${ session }` ),
			};
		}
		return null;
	}

	tokenMatchesCsrf( candidate: string, expected: string ): boolean {
		return sameSecret( candidate, expected );
	}

	tokenMatches( candidate: string ): boolean {
		return sameSecret( candidate, this.token );
	}

	setSession( reply: FastifyReply, secure: boolean ): void {
		void reply.header(
			'set-cookie',
			`${ SESSION_COOKIE }=${ this.newSession() }; Path=/; HttpOnly; SameSite=Strict; Max-Age=${
				SESSION_MS / 1000
			}${ secure ? '; Secure' : '' }`
		);
	}

	clearSession( reply: FastifyReply ): void {
		void reply.header(
			'set-cookie',
			`${ SESSION_COOKIE }=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0`
		);
	}
}

/**
 * On every route of the admin listener (its root, so no plugin can miss it): the token or a
 * session, except for the sign-in page and the stylesheet; and for a form posted with the
 * session cookie, the session's CSRF token and this origin (the cookie is SameSite=Strict
 * too).
 * @param admin
 * @param auth
 */
export function requireAdmin( admin: FastifyInstance, auth: AdminAuth ): void {
	admin.addHook( 'onRequest', async ( req, reply ) => {
		const path = req.url.split( '?' )[ 0 ];
		if ( path === '/login' || path === '/fleet/fleet.css' ) {
			return;
		}
		const who = auth.who( req );
		if ( who === null ) {
			// A person's browser is sent to sign in; a script (or a wrong token) gets a 401.
			if (
				! req.url.startsWith( '/api/' ) &&
				req.method === 'GET' &&
				req.headers.authorization === undefined
			) {
				return reply.redirect( '/login', 303 );
			}
			return reply.code( 401 ).send( {
				error_code: 'admin_unauthorized',
				error_message:
					'Send the admin token (Authorization: Bearer …) or sign in.',
				request_id: req.id,
			} );
		}
	} );

	// A form posted with the session cookie must carry the session's CSRF token and come
	// from this origin (the cookie is SameSite=Strict too).
	admin.addHook( 'preHandler', async ( req ) => {
		if ( req.method !== 'POST' || req.url === '/login' ) {
			return;
		}
		const who = auth.who( req );
		if ( who?.via !== 'session' ) {
			return;
		}
		const body = ( req.body ?? {} ) as Record< string, unknown >;
		const origin = req.headers.origin;
		if (
			typeof body.csrf !== 'string' ||
			! auth.tokenMatchesCsrf( body.csrf, who.csrf ) ||
			( origin !== undefined &&
				origin !== `${ req.protocol }://${ req.host }` )
		) {
			throw new ApiError(
				403,
				'admin_csrf',
				'This form is out of date; reload the page and try again.'
			);
		}
	} );
}
