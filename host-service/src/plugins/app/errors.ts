import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { ApiError, hostError } from '../../lib/errors.js';

/**
 * Sends an answer the way the contract wants every one: `request_id` in the body (and, for
 * every answer, the X-Request-Id header, set on arrival), and `server_time` in error bodies.
 * @param req
 * @param reply
 * @param status
 * @param body
 */
export function sendAnswer(
	req: FastifyRequest,
	reply: FastifyReply,
	status: number,
	body: Record< string, unknown >
): FastifyReply {
	const extra: Record< string, unknown > = { request_id: req.id };
	if ( status >= 400 ) {
		extra.server_time = new Date( req.server.now() ).toISOString();
	}
	return reply.code( status ).send( { ...body, ...extra } );
}

function toApiError( err: FastifyError ): ApiError | null {
	if ( err instanceof ApiError ) {
		return err;
	}
	if ( err.validation !== undefined ) {
		return hostError.invalidRequest( `Invalid request: ${ err.message }` );
	}
	if ( err.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || err.statusCode === 413 ) {
		return hostError.bodyTooLarge();
	}
	if (
		typeof err.statusCode === 'number' &&
		err.statusCode >= 400 &&
		err.statusCode < 500
	) {
		return hostError.invalidRequest( `Invalid request: ${ err.message }` );
	}
	return null;
}

/** Every failure leaves in the contract's error shape (§3), with a code a site can explain. */
export default fp(
	async ( app ) => {
		app.addHook( 'onRequest', async ( req, reply ) => {
			void reply.header( 'x-request-id', req.id );
		} );

		app.setErrorHandler( ( err: FastifyError, req, reply ) => {
			let api = toApiError( err );
			if ( api === null ) {
				req.log.error( { err }, 'unhandled error' );
				api = hostError.internal();
			}
			if ( api.status >= 500 || api.source === 'wpcom' ) {
				req.log.warn(
					{ error_code: api.code, source: api.source },
					'request failed'
				);
			} else {
				req.log.info( { error_code: api.code }, 'request refused' );
			}
			if ( api.retryAfter !== undefined ) {
				void reply.header( 'retry-after', String( api.retryAfter ) );
			}
			return sendAnswer( req, reply, api.status, { ...api.toBody() } );
		} );

		app.setNotFoundHandler( ( req, reply ) => {
			const e = hostError.notFound();
			return sendAnswer( req, reply, e.status, { ...e.toBody() } );
		} );
	},
	{ name: 'jsc-errors' }
);
