import { createServer } from 'node:net';

/** A loopback port nobody listens on right now (tests and benchmarks start servers on it). */
export async function freePort(): Promise< number > {
	return new Promise( ( resolve ) => {
		const srv = createServer();
		srv.listen( 0, '127.0.0.1', () => {
			const a = srv.address();
			const port = typeof a === 'object' && a !== null ? a.port : 0;
			srv.close( () => resolve( port ) );
		} );
	} );
}
