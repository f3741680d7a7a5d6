import fp from 'fastify-plugin';
import type { Config } from '../../config/index.js';

/**
 * The validated configuration (config/index.ts reads the environment through env-schema,
 * before the instance exists, because the logger and the socket timeouts need it) as
 * `app.config`, the way @fastify/env would decorate it.
 */
export default fp< { config: Config } >(
	async ( app, { config } ) => {
		app.decorate( 'config', config );
	},
	{ name: 'jsc-env' }
);
