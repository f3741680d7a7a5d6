import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { buildAdminApp } from '../src/admin/app.js';
import type { Database } from '../src/db/index.js';
import type { Config } from '../src/config/index.js';
import type { AppDeps } from '../src/app.js';
import type { SiteReport } from '../src/fleet/types.js';
import type {
	Simulator,
	SimulatorOptions,
} from '../../tests/wpcom-simulator/src/simulator.js';
import { startStack, testConfig, type Stack } from './helpers.js';

export const ADMIN_TOKEN = 'admin-token-for-tests-0123456789abcdef';

export interface FleetStack extends Stack {
	admin: FastifyInstance;
	adminUrl: string;
	/** a request to the admin listener with the token */
	adminCall: (
		path: string,
		init?: {
			method?: string;
			body?: unknown;
			headers?: Record< string, string >;
		}
	) => Promise< {
		status: number;
		json: Record< string, unknown >;
		text: string;
		headers: Headers;
	} >;
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
export async function startFleetStack(
	o: FleetStackOptions
): Promise< FleetStack > {
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
	const adminUrl = `http://127.0.0.1:${
		typeof a === 'object' && a !== null ? a.port : 0
	}`;
	return {
		...stack,
		admin,
		adminUrl,
		adminCall: async ( path, init = {} ) => {
			const res = await fetch( `${ adminUrl }${ path }`, {
				method:
					init.method ?? ( init.body === undefined ? 'GET' : 'POST' ),
				redirect: 'manual',
				headers: {
					authorization: `Bearer ${ ADMIN_TOKEN }`,
					...( init.body === undefined
						? {}
						: { 'content-type': 'application/json' } ),
					...init.headers,
				},
				...( init.body === undefined
					? {}
					: { body: JSON.stringify( init.body ) } ),
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

/**
 * A report (contract §9) as the plugin sends it, in the given state.
 * @param site
 * @param state
 * @param checks
 */
export const report = (
	site: string,
	state: string,
	checks: SiteReport[ 'checks' ] = []
): SiteReport => ( {
	siteurl: site,
	reason: 'changed',
	plugin_version: '0.1.0',
	wp_version: '6.8.1',
	jetpack: {
		installed: true,
		active: true,
		version: '14.0',
		connected: state !== 'not_requested',
		has_owner: state !== 'connected_no_owner',
		offline_mode: false,
	},
	provisioning: {
		state,
		plan: 'jetpack-backup-daily',
		error_code: state === 'failed' ? 'invalid_siteurl' : null,
		pending_expires_at: null,
		updated_at: null,
	},
	checks,
} );

/**
 * Approves a case B link on the simulator's authorize page, as the owner would.
 * @param sim
 * @param nextUrl
 */
export async function approve(
	sim: Simulator,
	nextUrl: string
): Promise< void > {
	const u = new URL( nextUrl );
	const res = await fetch( `${ sim.url }/jetpack.authorize/1/`, {
		method: 'POST',
		headers: { 'content-type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams( {
			site: u.searchParams.get( 'site' ) ?? '',
			token: u.searchParams.get( 'token' ) ?? '',
		} ),
	} );
	assert.equal( res.status, 200 );
}

export async function waitFor(
	what: string,
	check: () => Promise< boolean >,
	timeoutMs = 20_000
): Promise< void > {
	const end = Date.now() + timeoutMs;
	while ( ! ( await check() ) ) {
		if ( Date.now() > end ) {
			throw new Error( `timed out waiting for ${ what }` );
		}
		await new Promise( ( r ) => setTimeout( r, 100 ) );
	}
}
