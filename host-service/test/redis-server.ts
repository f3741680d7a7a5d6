import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { after, before } from 'node:test';
import type { Redis } from 'ioredis';
import { closeRedis, connectRedis } from '../src/stores/redis-connection.js';
import { freePort } from './ports.js';

export { freePort };

/** Debian's redis-server; the Redis suites are skipped without it. */
export const REDIS = '/usr/bin/redis-server';
export const redisSkip = existsSync( REDIS )
	? false
	: 'redis-server not installed';

/**
 * The service as a host runs it (src/server.ts, through tsx), resolved once it listens.
 * @param env
 */
export async function startServer(
	env: Record< string, string >
): Promise< { child: ChildProcess; exited: Promise< number | null > } > {
	const child = spawn(
		process.execPath,
		[ '--import', 'tsx', 'host-service/src/server.ts' ],
		{
			cwd: new URL( '../..', import.meta.url ).pathname,
			env: { PATH: process.env.PATH ?? '', ...env },
			stdio: [ 'ignore', 'pipe', 'inherit' ],
		}
	);
	const exited = new Promise< number | null >( ( r ) =>
		child.on( 'exit', r )
	);
	await new Promise< void >( ( resolve, reject ) => {
		let out = '';
		child.stdout?.on( 'data', ( d: Buffer ) => {
			out += d.toString();
			if ( out.includes( 'Server listening' ) ) {
				resolve();
			}
		} );
		void exited.then( () =>
			reject( new Error( `service exited early: ${ out }` ) )
		);
	} );
	return { child, exited };
}

/**
 * A throw-away redis-server (no persistence) on a free loopback port, with two connections
 * to it, as two service instances would have; resolved once both are open.
 */
export async function startRedis(): Promise< {
	server: ChildProcess;
	url: string;
	clients: [ Redis, Redis ];
} > {
	const port = await freePort();
	const url = `redis://127.0.0.1:${ port }/0`;
	const server = spawn(
		REDIS,
		[
			'--port',
			String( port ),
			'--bind',
			'127.0.0.1',
			'--save',
			'',
			'--appendonly',
			'no',
		],
		{ stdio: 'ignore' }
	);
	for ( let i = 0; i < 50; i++ ) {
		try {
			const first = await connectRedis( url, { connectTimeoutMs: 500 } );
			return {
				server,
				url,
				clients: [ first, await connectRedis( url ) ],
			};
		} catch {
			await new Promise( ( r ) => setTimeout( r, 50 ) );
		}
	}
	server.kill( 'SIGTERM' );
	throw new Error( 'redis did not start' );
}

/**
 * A throw-away redis-server on a free loopback port for the suite that calls this (in its
 * describe), with two connections, as two service instances would have.
 */
export function useRedis(): {
	url: () => string;
	client: ( i: 0 | 1 ) => Redis;
} {
	let server: ChildProcess;
	let url = '';
	const clients: Redis[] = [];
	/**
	 * Instance 0's or instance 1's connection.
	 * @param i
	 */
	const client = ( i: 0 | 1 ): Redis => {
		const c = clients[ i ];
		if ( c === undefined ) {
			throw new Error( 'no redis connection' );
		}
		return c;
	};

	before( async () => {
		const started = await startRedis();
		server = started.server;
		url = started.url;
		clients.push( ...started.clients );
	} );
	after( async () => {
		for ( const c of clients ) {
			await closeRedis( c );
		}
		server.kill( 'SIGTERM' );
	} );

	return { url: () => url, client };
}
