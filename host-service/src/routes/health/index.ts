import type { FastifyInstance } from 'fastify';
import { healthSchema } from '../../schemas/status.js';

/**
 * Contract §5: unsigned; 503 while draining so a load balancer takes the instance out.
 * @param app
 */
export default async function healthRoutes(
	app: FastifyInstance
): Promise< void > {
	app.get( '/healthz', { schema: healthSchema }, async ( _req, reply ) => {
		if ( app.serviceState.draining ) {
			return reply.code( 503 ).send( { status: 'draining' } );
		}
		return { status: 'ok' };
	} );
}
