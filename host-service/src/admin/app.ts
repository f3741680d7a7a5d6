import { randomBytes } from 'node:crypto';
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import { ApiError, hostError } from '../lib/errors.js';
import { loggerOptions, type LogDestination } from '../app.js';
import { AdminAuth, requireAdmin } from './auth.js';
import apiRoutes from './api.js';
import pageRoutes from './pages.js';

export interface AdminOptions {
	token: string;
	logStream?: LogDestination;
}

// No script, no inline style, nothing from elsewhere; forms post only here; never framed.
const CSP =
	"default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/**
 * The admin listener: the fleet page and its API, a second fastify instance on its own port
 * (JSC_ADMIN_HOST:JSC_ADMIN_PORT, loopback by default) over the service's own decorators
 * (database, jobs, WordPress.com client, plan policy). Everything but the sign-in page and
 * the stylesheet needs the admin token.
 * @param service the service instance (ready)
 * @param o
 */
export function buildAdminApp(
	service: FastifyInstance,
	o: AdminOptions
): FastifyInstance {
	const admin = Fastify( {
		bodyLimit: 16 * 1024,
		genReqId: () => `adm-${ randomBytes( 6 ).toString( 'hex' ) }`,
		exposeHeadRoutes: false,
		trustProxy: service.config.trustProxy,
		logger: loggerOptions( service.config, o.logStream ),
	} );
	// Sessions run on the wall clock, not the service's (injectable) one.
	const auth = new AdminAuth( o.token );

	admin.addContentTypeParser(
		'application/x-www-form-urlencoded',
		{ parseAs: 'string' },
		( _req, body, done ) => {
			done(
				null,
				Object.fromEntries( new URLSearchParams( String( body ) ) )
			);
		}
	);

	admin.addHook( 'onSend', async ( _req, reply, payload ) => {
		void reply.header( 'content-security-policy', CSP );
		void reply.header( 'x-content-type-options', 'nosniff' );
		// same-origin, not no-referrer: with no-referrer Chromium sends "Origin: null" on form posts.
		void reply.header( 'referrer-policy', 'same-origin' );
		void reply.header( 'x-frame-options', 'DENY' );
		void reply.header( 'cache-control', 'no-store' );
		return payload;
	} );

	admin.setErrorHandler( ( err: FastifyError, req, reply ) => {
		let api: ApiError | null = err instanceof ApiError ? err : null;
		if (
			api === null &&
			typeof err.statusCode === 'number' &&
			err.statusCode < 500
		) {
			api = hostError.invalidRequest( err.message );
		}
		if ( api === null ) {
			req.log.error( { err }, 'unhandled admin error' );
		}
		const e = api ?? hostError.internal();
		return reply
			.code( e.status )
			.send( { ...e.toBody(), request_id: req.id } );
	} );

	requireAdmin( admin, auth );
	void admin.register( pageRoutes, { service, auth } );
	void admin.register( apiRoutes, { service, auth } );
	return admin;
}
