import type { FastifyInstance } from 'fastify';
import { buildAdminApp } from '../src/admin/app.js';
import type { Database } from '../src/db/index.js';
import type { Config } from '../src/config/index.js';
import type { AppDeps } from '../src/app.js';
import type { SimulatorOptions } from '../../tests/wpcom-simulator/src/simulator.js';
import { startStack, testConfig, type Stack } from './helpers.js';

export const ADMIN_TOKEN = 'admin-token-for-tests-0123456789abcdef';

export interface FleetStack extends Stack {
	admin: FastifyInstance;
	adminUrl: string;
	/** a request to the admin listener with the token */
	adminCall: (
		path: string,
		init?: { method?: string; body?: unknown; headers?: Record< string, string > }
	) => Promise< { status: number; json: Record< string, unknown >; text: string; headers: Headers } >;
}

export interface FleetStackOptions {
	db: Database;
	dataDir: string;
	config?: Partial< Config >;
	deps?: AppDeps;
	sim?: SimulatorOptions;
}

/**
 * The service with its fleet database (a suite's PGlite or PostgreSQL) and its admin listener,
 * against a simulator; jobs off unless asked (tests sweep by hand).
 * @param o
 */
export async function startFleetStack( o: FleetStackOptions ): Promise< FleetStack > {
	const stack = await startStack( {
		config: {
			dataDir: o.dataDir,
			fleet: { ...testConfig().fleet, ...o.config?.fleet },
			...o.config,
		},
		deps: { database: o.db, ...o.deps },
		...( o.sim === undefined ? {} : { sim: o.sim } ),
	} );
	const admin = buildAdminApp( stack.app, {
		token: ADMIN_TOKEN,
		logStream: { write: ( l: string ) => void stack.logs.push( l ) },
	} );
	await admin.listen( { host: '127.0.0.1', port: 0 } );
	const a = admin.server.address();
	const adminUrl = `http://127.0.0.1:${ typeof a === 'object' && a !== null ? a.port : 0 }`;
	return {
		...stack,
		admin,
		adminUrl,
		adminCall: async ( path, init = {} ) => {
			const res = await fetch( `${ adminUrl }${ path }`, {
				method: init.method ?? ( init.body === undefined ? 'GET' : 'POST' ),
				redirect: 'manual',
				headers: {
					authorization: `Bearer ${ ADMIN_TOKEN }`,
					...( init.body === undefined ? {} : { 'content-type': 'application/json' } ),
					...init.headers,
				},
				...( init.body === undefined ? {} : { body: JSON.stringify( init.body ) } ),
			} );
			const text = await res.text();
			let json: Record< string, unknown > = {};
			try {
				json = JSON.parse( text ) as Record< string, unknown >;
			} catch {
				json = {};
			}
			return { status: res.status, json, text, headers: res.headers };
		},
		close: async () => {
			await admin.close();
			await stack.close();
		},
	};
}
