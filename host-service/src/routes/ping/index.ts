import type { FastifyInstance } from 'fastify';
import { hostError } from '../../lib/errors.js';
import { pingSchema } from '../../schemas/status.js';
import { sendAnswer } from '../../plugins/app/errors.js';

/**
 * Contract §8: proves the service answers, knows this site's key and accepts its
 * signature, and tells its clock. Counts against the site's budget; never reaches WordPress.com.
 * @param app
 */
export default async function pingRoutes(
	app: FastifyInstance
): Promise< void > {
	app.get(
		'/v1/ping',
		{ schema: pingSchema, preValidation: app.verifySigned },
		async ( req, reply ) => {
			if ( req.jscSite === undefined ) {
				throw hostError.internal();
			}
			return sendAnswer( req, reply, 200, {
				status: 'ok',
				site: req.jscSite,
				server_time: new Date( app.now() ).toISOString(),
			} );
		}
	);
}
