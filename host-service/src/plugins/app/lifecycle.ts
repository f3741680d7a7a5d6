import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

/** Shared with the shutdown logic: /healthz reports draining while in-flight work finishes. */
export interface ServiceState {
	draining: boolean;
}

/**
 * `app.serviceState`, and while draining every connection is closed after its response:
 * otherwise a keep-alive connection that was busy when close() began keeps the process up
 * for keepAliveTimeout (72 s).
 */
export default fp< { state?: ServiceState } >(
	async ( app, opts ) => {
		const state = opts.state ?? { draining: false };
		app.decorate( 'serviceState', state );
		app.addHook( 'onSend', async ( _req, reply, payload ) => {
			if ( state.draining ) {
				void reply.header( 'connection', 'close' );
			}
			return payload;
		} );
	},
	{ name: 'jsc-lifecycle' }
);

/**
 * Graceful stop: report draining on /healthz first so a load balancer stops routing
 * here, then close, which waits for in-flight requests and refuses new ones. Requests
 * still running `closeTimeoutMs` after that have their connections cut, so a stuck
 * request cannot hold the process up forever.
 * @param app
 * @param drainDelayMs
 * @param closeTimeoutMs
 */
export async function drainAndClose(
	app: FastifyInstance,
	drainDelayMs: number,
	closeTimeoutMs = 65_000
): Promise< void > {
	const state = app.serviceState;
	if ( state.draining ) {
		return;
	}
	state.draining = true;
	app.log.info( { drainDelayMs }, 'draining' );
	if ( drainDelayMs > 0 ) {
		await new Promise( ( r ) => setTimeout( r, drainDelayMs ) );
	}
	const timer = setTimeout( () => {
		app.log.warn(
			{ closeTimeoutMs },
			'requests still running at the shutdown deadline; closing their connections'
		);
		app.server.closeAllConnections();
	}, closeTimeoutMs );
	try {
		await app.close();
	} finally {
		clearTimeout( timer );
	}
	app.log.info( 'closed' );
}
