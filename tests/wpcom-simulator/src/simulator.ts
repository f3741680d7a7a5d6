// Dependencies are in the root package.json; this folder's one only marks it as ESM.
// eslint-disable-next-line import/no-extraneous-dependencies
import formbody from '@fastify/formbody';
// eslint-disable-next-line import/no-extraneous-dependencies
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import { authorizePage } from './authorize-page.js';
import { CallLog, type CallRecord } from './call-log.js';
import { ConnectionProtocol } from './connection-protocol.js';
import { partnerApi } from './partner-api.js';
import { isHttpUrl } from './partner-common.js';
import { partnerStatus } from './partner-status.js';
import { siteRoutes } from './site-routes.js';
import { tokenHealth } from './token-health.js';
import {
	DOCUMENTED_PLANS,
	ScenarioBook,
	isScenarioName,
	type ScenarioName,
	type ScenarioSpec,
} from './scenarios.js';
import { WpcomState, normaliseSite } from './wpcom-state.js';

/**
 * A stand-in for WordPress.com, for tests, benchmarks and the demo only: the Jetpack Start
 * partner API and WordPress.com's side of Jetpack's connection protocol, as summarised in
 * docs/jetpack-start-api.md (the project's facts page) and read from automattic/jetpack-connection.
 * Files by concern: partner-api.ts, connection-protocol.ts (with site-client.ts and
 * jetpack-signature.ts), authorize-page.ts, scenarios.ts, call-log.ts, wpcom-state.ts.
 */

export {
	SCENARIOS,
	ERROR_SCENARIOS,
	DOCUMENTED_PLANS,
	PRODUCT_SLUGS,
} from './scenarios.js';
export type { ScenarioName, ScenarioSpec, ErrorShape } from './scenarios.js';
export type { CallRecord } from './call-log.js';
export { normaliseSite } from './wpcom-state.js';
export { escapeHtml } from './authorize-page.js';

export interface SimulatorOptions {
	port?: number;
	host?: string;
	clientId?: string;
	clientSecret?: string;
	/** @deprecated The simulator no longer calls a test control route on sites; ignored. */
	siteControlSecret?: string;
	/** keyed by site URL (normalised) or '*' for every site */
	scenarios?: Record< string, ScenarioName | ScenarioSpec >;
	/** plans this partner may provision (default: every documented plan) */
	allowedPlans?: readonly string[];
	/** how long WordPress.com waits for a site's callback answer (default 30 s, Jetpack's own registration timeout) */
	probeTimeoutMs?: number;
	/** base URL used in authorize links (default http://host:port) */
	publicUrl?: string;
	/**
	 * Host names (or host:port) the authorize page may send the user back to with
	 * `partner_redirect`; any other redirect is dropped and the page says "Connected".
	 * Default: loopback only (127.0.0.1, localhost).
	 */
	allowedRedirectHosts?: readonly string[];
	now?: () => number;
	logger?: boolean;
}

export interface Simulator {
	url: string;
	port: number;
	app: FastifyInstance;
	calls: () => CallRecord[];
	clearCalls: () => void;
	setScenario: ( site: string, spec: ScenarioName | ScenarioSpec ) => void;
	clearScenarios: () => void;
	/** revoke every issued partner token, as if WordPress.com rotated them */
	revokeTokens: () => void;
	/** WordPress.com forgets a site's blog token (and, unless blogOnly, its user tokens): the site's copies go stale */
	revokeSiteTokens: ( site: string, blogOnly?: boolean ) => void;
	/** every partner access token handed out so far (tests search logs for them) */
	issuedTokens: () => string[];
	close: () => Promise< void >;
}

async function parseMultipart(
	req: FastifyRequest,
	body: Buffer
): Promise< Record< string, string > > {
	// undici's Response reads multipart/form-data, the other encoding WordPress.com accepts.
	const fd = await new Response( body, {
		headers: {
			'content-type': String( req.headers[ 'content-type' ] ?? '' ),
		},
	} ).formData();
	const out: Record< string, string > = {};
	for ( const [ k, v ] of fd.entries() ) {
		if ( typeof v === 'string' ) {
			out[ k ] = v;
		}
	}
	return out;
}

export async function startSimulator(
	opts: SimulatorOptions = {}
): Promise< Simulator > {
	const now = opts.now ?? Date.now;
	const redirectHosts = new Set(
		( opts.allowedRedirectHosts ?? [ '127.0.0.1', 'localhost' ] ).map(
			( h ) => h.toLowerCase()
		)
	);
	// Like WordPress.com, only send the user on to a partner host it knows.
	const isAllowedRedirect = ( redirect: string ): boolean => {
		if ( ! isHttpUrl( redirect ) ) {
			return false;
		}
		const u = new URL( redirect );
		return redirectHosts.has( u.hostname ) || redirectHosts.has( u.host );
	};
	const sleepers = new Set< () => void >();
	const sleep = ( ms: number ): Promise< void > =>
		new Promise( ( resolve ) => {
			const done = (): void => {
				clearTimeout( t );
				sleepers.delete( done );
				resolve();
			};
			const t = setTimeout( done, ms );
			sleepers.add( done );
		} );

	const state = new WpcomState( now );
	const scenarios = new ScenarioBook( normaliseSite, opts.scenarios ?? {} );
	const log = new CallLog();
	const tokens = new Set< string >();
	const issued: string[] = [];
	let publicUrl = '';
	const callbackTimeoutMs = opts.probeTimeoutMs ?? 30_000;
	const protocol = new ConnectionProtocol( {
		state,
		now,
		callbackTimeoutMs,
	} );

	const app = Fastify( {
		logger: opts.logger ?? false,
		forceCloseConnections: true,
		bodyLimit: 1024 * 1024,
	} );

	// WordPress.com's own endpoints take forms only (no JSON parser); the test control API
	// under /__sim takes JSON. Each is an encapsulated plugin with its own parsers.
	await app.register( async ( wp ) => {
		wp.removeAllContentTypeParsers();
		await wp.register( formbody );
		wp.addContentTypeParser(
			'multipart/form-data',
			{ parseAs: 'buffer' },
			async ( req: FastifyRequest, body: Buffer ) =>
				parseMultipart( req, body )
		);
		log.install( wp );
		await wp.register(
			partnerApi( {
				clientId: opts.clientId ?? 'sim-client',
				clientSecret: opts.clientSecret ?? 'sim-secret',
				allowedPlans: new Set( opts.allowedPlans ?? DOCUMENTED_PLANS ),
				state,
				scenarios,
				protocol,
				tokens,
				issued,
				publicUrl: () => publicUrl,
				sleep,
			} )
		);
		await wp.register(
			partnerStatus( { state, scenarios, tokens, sleep } )
		);
		await wp.register(
			siteRoutes( { state, protocol, now, callbackTimeoutMs } )
		);
		await wp.register( tokenHealth( { state } ) );
		await wp.register(
			authorizePage( { state, protocol, isAllowedRedirect } )
		);
	} );

	const api: Simulator = {
		url: '',
		port: 0,
		app,
		calls: () => log.all(),
		clearCalls: () => log.clear(),
		setScenario: ( site, spec ) => scenarios.set( site, spec ),
		clearScenarios: () => scenarios.clear(),
		revokeTokens: () => tokens.clear(),
		revokeSiteTokens: ( site, blogOnly = false ) => {
			const r = state.known( site );
			if ( r !== undefined ) {
				state.revokeTokens( r, blogOnly );
			}
		},
		issuedTokens: () => [ ...issued ],
		close: async () => {
			for ( const wake of [ ...sleepers ] ) {
				wake();
			}
			await app.close();
		},
	};

	// ---- Control API for tests ----------------------------------------------------------
	await app.register( async ( ctl ) => {
		ctl.post< {
			Body: {
				site?: unknown;
				scenario?: unknown;
				shape?: unknown;
				delay_ms?: unknown;
				then?: unknown;
			};
		} >( '/__sim/scenarios', async ( req, reply ) => {
			const b = req.body;
			if (
				typeof b.site !== 'string' ||
				! isScenarioName( b.scenario )
			) {
				return reply.code( 400 ).send( {
					error: 'bad_request',
					message: 'site and a scenario name required',
				} );
			}
			const spec: ScenarioSpec = { scenario: b.scenario };
			if ( b.shape === 'error' || b.shape === 'error_code' ) {
				spec.shape = b.shape;
			}
			if ( typeof b.delay_ms === 'number' ) {
				spec.delay_ms = b.delay_ms;
			}
			if ( isScenarioName( b.then ) ) {
				spec.then = b.then;
			}
			api.setScenario( b.site, spec );
			return reply.code( 204 ).send();
		} );
		ctl.delete( '/__sim/scenarios', async ( _req, reply ) => {
			api.clearScenarios();
			return reply.code( 204 ).send();
		} );
		// Forgets every site: products, pending activations, connections (a fresh WordPress.com).
		ctl.delete( '/__sim/sites', async ( _req, reply ) => {
			state.clear();
			return reply.code( 204 ).send();
		} );
		ctl.post< { Body: { site?: unknown; blog_only?: unknown } } >(
			'/__sim/revoke',
			async ( req, reply ) => {
				if ( typeof req.body.site !== 'string' ) {
					return reply.code( 400 ).send( {
						error: 'bad_request',
						message: 'site required',
					} );
				}
				api.revokeSiteTokens(
					req.body.site,
					req.body.blog_only === true
				);
				return reply.code( 204 ).send();
			}
		);
		ctl.get( '/__sim/calls', async () => log.all() );
		ctl.delete( '/__sim/calls', async ( _req, reply ) => {
			log.clear();
			return reply.code( 204 ).send();
		} );
	} );

	await app.listen( {
		port: opts.port ?? 0,
		host: opts.host ?? '127.0.0.1',
		// Benchmarks open thousands of connections at once (the kernel caps it at somaxconn).
		backlog: 4096,
	} );
	const addr = app.server.address();
	const port =
		typeof addr === 'object' && addr !== null ? addr.port : opts.port ?? 0;
	const host = opts.host ?? '127.0.0.1';
	api.port = port;
	api.url = `http://${
		host.includes( ':' ) ? `[${ host }]` : host
	}:${ port }`;
	publicUrl = ( opts.publicUrl ?? api.url ).replace( /\/+$/, '' );
	return api;
}
