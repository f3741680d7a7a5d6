import type { FastifyInstance } from 'fastify';
import type { ServiceState } from './app.js';

/**
 * Graceful stop: report draining on /healthz first so a load balancer stops routing
 * here, then close, which waits for in-flight requests and refuses new ones. Requests
 * still running `closeTimeoutMs` after that have their connections cut, so a stuck
 * request cannot hold the process up forever.
 * @param app
 * @param state
 * @param drainDelayMs
 * @param closeTimeoutMs
 */
export async function drainAndClose(
	app: FastifyInstance,
	state: ServiceState,
	drainDelayMs: number,
	closeTimeoutMs = 65_000
): Promise< void > {
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
