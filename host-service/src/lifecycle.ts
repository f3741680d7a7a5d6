import type { FastifyInstance } from 'fastify';
import type { ServiceState } from './app.js';

/**
 * Graceful stop: report draining on /healthz first so a load balancer stops routing
 * here, then close, which waits for in-flight requests and refuses new ones.
 * @param app
 * @param state
 * @param drainDelayMs
 */
export async function drainAndClose(
	app: FastifyInstance,
	state: ServiceState,
	drainDelayMs: number
): Promise< void > {
	if ( state.draining ) {
		return;
	}
	state.draining = true;
	app.log.info( { drainDelayMs }, 'draining' );
	if ( drainDelayMs > 0 ) {
		await new Promise( ( r ) => setTimeout( r, drainDelayMs ) );
	}
	await app.close();
	app.log.info( 'closed' );
}
