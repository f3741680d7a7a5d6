import { randomBytes } from 'node:crypto';
// Dependencies are in the root package.json; this folder's one only marks it as ESM.
// eslint-disable-next-line import/no-extraneous-dependencies
import Fastify, {
	type FastifyInstance,
	type FastifyReply,
	type FastifyRequest,
} from 'fastify';

/**
 * A stand-in for WordPress.com's Jetpack Start partner API, faithful to
 * docs/jetpack-start-api.md (the project's facts page), for tests and benchmarks only.
 */

export const SCENARIOS = [
	'auto',
	'case_a',
	'case_b',
	'case_c',
	'invalid_siteurl',
	'invalid_local_user',
	'invalid_plan',
	'plan_downgrade_disallowed',
	'invalid_scope',
	'method_not_found_register',
	'method_not_found_provision',
	'partner_key_disabled',
	'activation_limit_reached',
	'could_not_load_product_class',
	'error_access_token',
	'failed_registration_unknown_blog',
	'invalid_signature',
	'slow',
	'http_500',
	'http_503',
	'malformed_json',
	'token_expired_once',
	/** every partner token is refused (a revoked partner), even a fresh one */
	'token_rejected',
	/** HTTP 429 with an error body: WordPress.com's rate limit */
	'rate_limited',
	/** the connection is cut after the request arrived, before any answer (nothing is provisioned) */
	'reset',
] as const;
export type ScenarioName = ( typeof SCENARIOS )[ number ];
export type ErrorShape = 'error_code' | 'error';

export interface ScenarioSpec {
	scenario: ScenarioName;
	/** which of WordPress.com's two error shapes to answer with (default error_code/error_message) */
	shape?: ErrorShape;
	/** for `slow` */
	delay_ms?: number;
	/** what `slow`, `token_expired_once` and `method_not_found_provision` do once past their twist (default auto) */
	then?: ScenarioName;
}

export interface CallRecord {
	method: string;
	path: string;
	query: Record< string, string >;
	form: Record< string, string >;
	headers: Record< string, string >;
	time: string;
}

export interface SimulatorOptions {
	port?: number;
	host?: string;
	clientId?: string;
	clientSecret?: string;
	siteControlSecret?: string;
	/** keyed by site URL (normalised) or '*' for every site */
	scenarios?: Record< string, ScenarioName | ScenarioSpec >;
	/** plans this partner may provision (default: every documented plan) */
	allowedPlans?: readonly string[];
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
	/** revoke every issued token, as if WordPress.com rotated them */
	revokeTokens: () => void;
	/** every access token handed out so far (tests search logs for them) */
	issuedTokens: () => string[];
	close: () => Promise< void >;
}

export const DOCUMENTED_PLANS = [
	'free',
	'personal',
	'premium',
	'professional',
	'jetpack-backup-daily',
	'jetpack-backup-realtime',
	'jetpack-scan',
	'jetpack-anti-spam',
] as const;

const PENDING_MS = 14 * 24 * 3600 * 1000;

/**
 * The product slug WordPress.com's v1.4 status lists for each plan of the provision API
 * (Automattic/jetpack: `Current_Plan::PLAN_DATA` in projects/packages/plans and the product
 * list in wpcomsh's class-wpcom-features.php). Yearly products; the old plans are prefixed,
 * and "professional" is the `business` plan.
 */
export const PRODUCT_SLUGS: Readonly< Record< string, string > > = {
	free: 'jetpack_free',
	personal: 'jetpack_personal',
	premium: 'jetpack_premium',
	professional: 'jetpack_business',
	'jetpack-backup-daily': 'jetpack_backup_daily',
	'jetpack-backup-realtime': 'jetpack_backup_realtime',
	'jetpack-scan': 'jetpack_scan',
	'jetpack-anti-spam': 'jetpack_anti_spam',
};

interface ErrorDef {
	status: number;
	code: string;
	message: ( plan: string ) => string;
}

const REMOTE_REGISTER_MSG = 'remoteRegister method not found on remote site.';
const REMOTE_PROVISION_MSG =
	'remoteProvision method not found on remote site. Try calling again with --force_register=true.';

/** The documented error codes, with the HTTP status and message WordPress.com uses. */
export const ERROR_SCENARIOS: Partial< Record< ScenarioName, ErrorDef > > = {
	invalid_siteurl: {
		status: 400,
		code: 'invalid_siteurl',
		message: () => 'The siteurl parameter is required.',
	},
	invalid_local_user: {
		status: 400,
		code: 'invalid_local_user',
		message: () => 'The local_user parameter is required.',
	},
	invalid_plan: {
		status: 400,
		code: 'invalid_plan',
		message: ( p ) => `${ p } is not a valid plan`,
	},
	plan_downgrade_disallowed: {
		status: 400,
		code: 'plan_downgrade_disallowed',
		message: () => 'This plan cannot be downgraded automatically.',
	},
	invalid_scope: {
		status: 403,
		code: 'invalid_scope',
		message: () =>
			'This token is not authorized to provision partner sites.',
	},
	method_not_found_register: {
		status: 400,
		code: 'method_not_found',
		message: () => REMOTE_REGISTER_MSG,
	},
	method_not_found_provision: {
		status: 400,
		code: 'method_not_found',
		message: () => REMOTE_PROVISION_MSG,
	},
	partner_key_disabled: {
		status: 400,
		code: 'partner_key_disabled',
		message: () => 'This key is disabled',
	},
	activation_limit_reached: {
		status: 400,
		code: 'activation_limit_reached',
		message: ( p ) =>
			`This key has reached its activation limit for product ${ p }`,
	},
	could_not_load_product_class: {
		status: 400,
		code: 'could_not_load_product_class',
		message: () => 'Could not load the product class.',
	},
	error_access_token: {
		status: 400,
		code: 'error_access_token',
		message: () =>
			'There was an error getting the access token for the site.',
	},
	failed_registration_unknown_blog: {
		status: 400,
		code: 'failed_registration_unknown_blog',
		message: () => 'Registration failed: unknown blog.',
	},
	invalid_signature: {
		status: 400,
		code: 'invalid_signature',
		message: () => 'The request signature is invalid.',
	},
};

interface Product {
	plan: string;
	localUser: string;
	pending: boolean;
	expiresAt: number | null;
	token: string | null;
}

interface SiteRecord {
	siteurl: string;
	blogId: number;
	connected: boolean;
	products: Map< string, Product >;
}

/**
 * Lower-cased scheme/host, no trailing slash: how the simulator keys sites.
 * @param raw
 */
export function normaliseSite( raw: string ): string {
	try {
		const u = new URL( raw );
		return `${ u.protocol }//${ u.host }${ u.pathname.replace(
			/\/+$/,
			''
		) }`;
	} catch {
		return raw.replace( /\/+$/, '' );
	}
}

const slugOf = ( site: string ): string =>
	site.replace( /^https?:\/\//, '' ).replace( /\//g, '::' );

export function escapeHtml( s: string ): string {
	return s.replace( /[&<>"']/g, ( c ) => `&#${ c.charCodeAt( 0 ) };` );
}

/** Answers that are broken below the API (a proxy's error page, a truncated body), and rate limiting. */
const TRANSPORT_FAILURES: Partial<
	Record< ScenarioName, { status: number; type: string; body: string } >
> = {
	http_500: {
		status: 500,
		type: 'text/html',
		body: '<html><body><h1>Internal Server Error</h1></body></html>',
	},
	http_503: {
		status: 503,
		type: 'text/html',
		body: '<html><body><h1>503 Service Unavailable</h1></body></html>',
	},
	malformed_json: {
		status: 200,
		type: 'application/json',
		body: '{"success":true,"auth_required":',
	},
	rate_limited: {
		status: 429,
		type: 'application/json',
		body: '{"error":"rate_limit_exceeded","message":"Too many requests; try again later."}',
	},
};

function toSpec( s: ScenarioName | ScenarioSpec ): ScenarioSpec {
	return typeof s === 'string' ? { scenario: s } : s;
}

function isHttpUrl( s: string ): boolean {
	try {
		const u = new URL( s );
		return u.protocol === 'http:' || u.protocol === 'https:';
	} catch {
		return false;
	}
}

async function parseForm(
	contentType: string,
	body: Buffer
): Promise< Record< string, string > > {
	// undici's Response understands both urlencoded and multipart, exactly the two
	// encodings WordPress.com accepts.
	const fd = await new Response( body, {
		headers: { 'content-type': contentType },
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
	const clientId = opts.clientId ?? 'sim-client';
	const clientSecret = opts.clientSecret ?? 'sim-secret';
	const controlSecret = opts.siteControlSecret ?? 'sim-site-control-secret';
	const allowedPlans = new Set< string >(
		opts.allowedPlans ?? DOCUMENTED_PLANS
	);
	const probeTimeoutMs = opts.probeTimeoutMs ?? 2000;
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
	const now = opts.now ?? Date.now;

	const scenarios = new Map< string, ScenarioSpec >();
	for ( const [ site, s ] of Object.entries( opts.scenarios ?? {} ) ) {
		scenarios.set(
			site === '*' ? '*' : normaliseSite( site ),
			toSpec( s )
		);
	}
	const firedOnce = new Set< string >();
	const tokens = new Set< string >();
	const issued: string[] = [];
	const sites = new Map< string, SiteRecord >();
	let nextBlogId = 1000;
	let calls: CallRecord[] = [];
	const sleepers = new Set< () => void >();
	let publicUrl = '';

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

	const scenarioFor = ( siteurl: string | undefined ): ScenarioSpec => {
		const s =
			siteurl === undefined
				? undefined
				: scenarios.get( normaliseSite( siteurl ) );
		return s ?? scenarios.get( '*' ) ?? { scenario: 'auto' };
	};

	const siteRecord = ( siteurl: string ): SiteRecord => {
		const key = normaliseSite( siteurl );
		let r = sites.get( key );
		if ( r === undefined ) {
			r = {
				siteurl: key,
				blogId: nextBlogId++,
				connected: false,
				products: new Map(),
			};
			sites.set( key, r );
		}
		return r;
	};

	const dropExpired = ( r: SiteRecord ): void => {
		for ( const [ plan, p ] of r.products ) {
			if ( p.pending && p.expiresAt !== null && p.expiresAt <= now() ) {
				r.products.delete( plan );
			}
		}
	};

	const sendError = (
		reply: FastifyReply,
		status: number,
		code: string,
		message: string,
		shape: ErrorShape = 'error_code'
	): FastifyReply =>
		reply
			.code( status )
			.send(
				shape === 'error'
					? { error: code, message }
					: { error_code: code, error_message: message }
			);

	/**
	 * WordPress.com calling the site's Jetpack stand-in to mark it connected.
	 * @param r
	 * @param owner
	 */
	const connectSite = async (
		r: SiteRecord,
		owner: string
	): Promise< boolean > => {
		try {
			const res = await fetch(
				`${ r.siteurl }/?rest_route=/jetpack-stand-in/v1/state`,
				{
					method: 'POST',
					headers: {
						'content-type': 'application/json',
						'x-jetpack-stand-in-secret': controlSecret,
					},
					body: JSON.stringify( {
						connected: true,
						owner,
						blog_id: r.blogId,
					} ),
					signal: AbortSignal.timeout( probeTimeoutMs ),
				}
			);
			await res.arrayBuffer();
			return res.ok;
		} catch {
			return false;
		}
	};

	/**
	 * What WordPress.com learns by calling back into the site's Jetpack REST route. It does
	 * not follow redirects: a site that answers with one (http → https, another host) has
	 * no Jetpack where WordPress.com looked.
	 * @param siteurl
	 */
	const probeSite = async (
		siteurl: string
	): Promise<
		| { kind: 'unreachable' }
		| { kind: 'no_jetpack' }
		| { kind: 'jetpack'; isActive: boolean; hasConnectedOwner: boolean }
	> => {
		let res: Response;
		try {
			res = await fetch(
				`${ normaliseSite(
					siteurl
				) }/?rest_route=/jetpack/v4/connection`,
				{
					signal: AbortSignal.timeout( probeTimeoutMs ),
					redirect: 'manual',
				}
			);
		} catch {
			return { kind: 'unreachable' }; // DNS not propagated / unreachable: "cURL error 6"
		}
		if ( res.status === 404 || ( res.status >= 300 && res.status < 400 ) ) {
			await res.arrayBuffer().catch( () => undefined );
			return { kind: 'no_jetpack' };
		}
		let json: unknown = null;
		try {
			json = await res.json();
		} catch {
			json = null;
		}
		const j =
			typeof json === 'object' && json !== null
				? ( json as Record< string, unknown > )
				: {};
		return {
			kind: 'jetpack',
			isActive: j.isActive === true,
			hasConnectedOwner: j.hasConnectedOwner === true,
		};
	};

	const probe = async (
		siteurl: string
	): Promise<
		'case_a' | 'case_b' | 'case_c' | 'method_not_found_register'
	> => {
		const p = await probeSite( siteurl );
		if ( p.kind === 'unreachable' ) {
			return 'case_c';
		}
		if ( p.kind === 'no_jetpack' ) {
			return 'method_not_found_register';
		}
		return p.isActive && p.hasConnectedOwner ? 'case_a' : 'case_b';
	};

	const requireToken = (
		req: FastifyRequest,
		reply: FastifyReply
	): string | null => {
		const h = req.headers.authorization;
		const m = typeof h === 'string' ? /^Bearer\s+(\S+)$/i.exec( h ) : null;
		if ( m === null || m[ 1 ] === undefined ) {
			void sendError(
				reply,
				403,
				'authorization_required',
				'An active access token must be used to access partner endpoints.',
				'error'
			);
			return null;
		}
		if ( ! tokens.has( m[ 1 ] ) ) {
			void sendError(
				reply,
				403,
				'invalid_token',
				'The OAuth2 token is invalid.',
				'error'
			);
			return null;
		}
		return m[ 1 ];
	};

	/**
	 * Transport-level scenarios shared by every partner endpoint. Returns true when it answered.
	 * @param spec
	 * @param reply
	 */
	const transportScenario = async (
		spec: ScenarioSpec,
		reply: FastifyReply
	): Promise< { answered: boolean; spec: ScenarioSpec } > => {
		let s = spec;
		if ( s.scenario === 'slow' ) {
			await sleep( s.delay_ms ?? 1000 );
			s = { ...s, scenario: s.then ?? 'auto' };
		}
		if ( s.scenario === 'reset' ) {
			reply.hijack();
			reply.raw.socket?.destroy();
			return { answered: true, spec: s };
		}
		const failure = TRANSPORT_FAILURES[ s.scenario ];
		if ( failure !== undefined ) {
			void reply
				.code( failure.status )
				.type( failure.type )
				.send( failure.body );
			return { answered: true, spec: s };
		}
		return { answered: false, spec: s };
	};

	const app = Fastify( {
		logger: opts.logger ?? false,
		forceCloseConnections: true,
		bodyLimit: 1024 * 1024,
	} );

	// WordPress.com's own endpoints take forms only (no JSON parser); the test control API
	// under /__sim takes JSON. Each is an encapsulated plugin with its own parsers.
	const wpcomRoutes = async ( wp: FastifyInstance ): Promise< void > => {
		wp.removeAllContentTypeParsers();
		wp.addContentTypeParser(
			[ 'application/x-www-form-urlencoded', 'multipart/form-data' ],
			{ parseAs: 'buffer' },
			async ( req: FastifyRequest, body: Buffer ) =>
				parseForm( String( req.headers[ 'content-type' ] ?? '' ), body )
		);

		wp.addHook( 'preHandler', async ( req ) => {
			const headers: Record< string, string > = {};
			for ( const [ k, v ] of Object.entries( req.headers ) ) {
				if ( v === undefined ) {
					continue;
				}
				const value = Array.isArray( v ) ? v.join( ', ' ) : v;
				headers[ k ] =
					k === 'authorization'
						? value.replace( /^(\S+)\s.*$/, '$1 [redacted]' )
						: value;
			}
			const form: Record< string, string > = {};
			if ( typeof req.body === 'object' && req.body !== null ) {
				for ( const [ k, v ] of Object.entries( req.body ) ) {
					if ( typeof v === 'string' ) {
						form[ k ] = k === 'client_secret' ? '[redacted]' : v;
					}
				}
			}
			const query: Record< string, string > = {};
			if ( typeof req.query === 'object' && req.query !== null ) {
				for ( const [ k, v ] of Object.entries( req.query ) ) {
					if ( typeof v === 'string' ) {
						query[ k ] = v;
					}
				}
			}
			calls.push( {
				method: req.method,
				path: req.url.split( '?' )[ 0 ] ?? req.url,
				query,
				form,
				headers,
				time: new Date().toISOString(),
			} );
		} );

		// ---- OAuth ------------------------------------------------------------------
		wp.post< { Body: Record< string, string > | undefined } >(
			'/oauth2/token',
			async ( req, reply ) => {
				const f = req.body ?? {};
				if ( f.grant_type !== 'client_credentials' ) {
					return reply.code( 400 ).send( {
						error: 'unsupported_grant_type',
						error_description:
							'grant_type must be client_credentials',
					} );
				}
				if (
					f.client_id !== clientId ||
					f.client_secret !== clientSecret
				) {
					return reply.code( 400 ).send( {
						error: 'invalid_client',
						error_description:
							'Unknown client_id or bad client_secret.',
					} );
				}
				if ( f.scope !== 'jetpack-partner' ) {
					return reply.code( 400 ).send( {
						error: 'invalid_scope',
						error_description:
							'This client may only request the jetpack-partner scope.',
					} );
				}
				const token = randomBytes( 24 ).toString( 'base64url' );
				tokens.add( token );
				issued.push( token );
				return {
					access_token: token,
					token_type: 'bearer',
					blog_id: 0,
					scope: 'jetpack-partner',
				};
			}
		);

		// ---- Provision --------------------------------------------------------------
		wp.post< { Body: Record< string, string > | undefined } >(
			'/rest/v1.3/jpphp/provision',
			async ( req, reply ) => {
				const token = requireToken( req, reply );
				if ( token === null ) {
					return reply;
				}
				const f = req.body ?? {};
				const siteurl = f.siteurl ?? '';
				const localUser = f.local_user ?? '';
				const plan = f.plan ?? '';
				const siteKey = normaliseSite( siteurl );

				let spec = scenarioFor( siteurl === '' ? undefined : siteurl );
				const shape = spec.shape ?? 'error_code';

				if ( spec.scenario === 'token_expired_once' ) {
					if ( ! firedOnce.has( `token:${ siteKey }` ) ) {
						firedOnce.add( `token:${ siteKey }` );
						tokens.delete( token );
						return sendError(
							reply,
							403,
							'invalid_token',
							'The OAuth2 token is invalid.',
							'error'
						);
					}
					spec = { ...spec, scenario: spec.then ?? 'auto' };
				}
				if ( spec.scenario === 'token_rejected' ) {
					return sendError(
						reply,
						403,
						'invalid_token',
						'The OAuth2 token is invalid.',
						'error'
					);
				}
				const t = await transportScenario( spec, reply );
				if ( t.answered ) {
					return reply;
				}
				spec = t.spec;

				// The validation WordPress.com itself does.
				if ( siteurl === '' || ! isHttpUrl( siteurl ) ) {
					return sendError(
						reply,
						400,
						'invalid_siteurl',
						'The siteurl parameter is required.',
						shape
					);
				}
				if ( localUser === '' ) {
					return sendError(
						reply,
						400,
						'invalid_local_user',
						'The local_user parameter is required.',
						shape
					);
				}
				if ( ! allowedPlans.has( plan ) ) {
					return sendError(
						reply,
						400,
						'invalid_plan',
						`${ plan } is not a valid plan`,
						shape
					);
				}

				const forceRegister =
					f.force_register === '1' || f.force_register === 'true';
				if ( spec.scenario === 'method_not_found_provision' ) {
					// The site's tokens do not match; only a forced re-registration gets past it.
					if ( ! forceRegister ) {
						return sendError(
							reply,
							400,
							'method_not_found',
							REMOTE_PROVISION_MSG,
							shape
						);
					}
					spec = { ...spec, scenario: spec.then ?? 'auto' };
				}
				const err = ERROR_SCENARIOS[ spec.scenario ];
				if ( err !== undefined ) {
					return sendError(
						reply,
						err.status,
						err.code,
						err.message( plan ),
						shape
					);
				}

				let kase = spec.scenario;
				if ( kase === 'auto' ) {
					kase = await probe( siteurl );
				}
				if ( kase === 'method_not_found_register' ) {
					return sendError(
						reply,
						400,
						'method_not_found',
						REMOTE_REGISTER_MSG,
						shape
					);
				}

				const r = siteRecord( siteurl );
				dropExpired( r );
				if ( kase === 'case_a' ) {
					// WordPress.com connects the site itself when it can reach it.
					await connectSite( r, localUser );
					r.connected = true;
					r.products.set( plan, {
						plan,
						localUser,
						pending: false,
						expiresAt: null,
						token: null,
					} );
					const nextUrl = `${
						r.siteurl
					}/wp-login.php?action=jetpack-sso&redirect_to=${ encodeURIComponent(
						`${ r.siteurl }/wp-admin`
					) }`;
					return {
						success: true,
						auth_required: false,
						next_url: nextUrl,
					};
				}
				const authToken = randomBytes( 16 ).toString( 'hex' );
				r.products.set( plan, {
					plan,
					localUser,
					pending: true,
					expiresAt: now() + PENDING_MS,
					token: authToken,
				} );
				if ( kase === 'case_c' ) {
					return { success: true, auth_required: true, next_url: '' };
				}
				return {
					success: true,
					auth_required: true,
					next_url: `${ publicUrl }/jetpack.authorize/1/?site=${ encodeURIComponent(
						r.siteurl
					) }&token=${ authToken }`,
				};
			}
		);

		// ---- Status / cancel --------------------------------------------------------
		const findSite = ( param: string ): SiteRecord | undefined => {
			if ( /^\d+$/.test( param ) ) {
				return [ ...sites.values() ].find(
					( s ) => s.blogId === Number( param )
				);
			}
			return [ ...sites.values() ].find(
				( s ) =>
					slugOf( s.siteurl ) === param.toLowerCase() ||
					slugOf( s.siteurl ) === param
			);
		};

		wp.get< { Params: { site: string } } >(
			'/rest/v1.4/jpphp/:site/status',
			async ( req, reply ) => {
				if ( requireToken( req, reply ) === null ) {
					return reply;
				}
				const r = findSite( req.params.site );
				const t = await transportScenario(
					scenarioFor( r?.siteurl ),
					reply
				);
				if ( t.answered ) {
					return reply;
				}
				if ( r === undefined ) {
					return sendError(
						reply,
						404,
						'unknown_blog',
						'Unknown blog',
						'error'
					);
				}
				dropExpired( r );
				// Like WordPress.com, the site's own answer wins when it can be reached: an
				// orphan connection (no owner) counts as connected even with a pending product.
				let connected = r.connected;
				if ( t.spec.scenario === 'auto' ) {
					const p = await probeSite( r.siteurl );
					if ( p.kind === 'jetpack' ) {
						connected = p.isActive;
					} else if ( p.kind === 'no_jetpack' ) {
						connected = false;
					}
				}
				return {
					blog: {
						is_connected: connected,
						has_backups_credentials: false,
					},
					products: [ ...r.products.values() ].map( ( p ) => ( {
						slug:
							PRODUCT_SLUGS[ p.plan ] ??
							p.plan.replace( /-/g, '_' ),
						is_provisioned_by_partner: true,
						is_provisioned_by_calling_partner: true,
						is_pending: p.pending,
					} ) ),
				};
			}
		);

		wp.post< {
			Params: { site: string };
			Body: Record< string, string > | undefined;
		} >( '/rest/v1.3/jpphp/:site/partner-cancel', async ( req, reply ) => {
			if ( requireToken( req, reply ) === null ) {
				return reply;
			}
			const r = findSite( req.params.site );
			if ( r === undefined ) {
				return sendError(
					reply,
					404,
					'unknown_blog',
					'Unknown blog',
					'error'
				);
			}
			const f = req.body ?? {};
			if (
				f[ 'cancel-all' ] !== undefined &&
				f[ 'cancel-all' ] !== '' &&
				f[ 'cancel-all' ] !== '0'
			) {
				r.products.clear();
			} else if ( f.plan !== undefined && r.products.has( f.plan ) ) {
				r.products.delete( f.plan );
			} else {
				return sendError(
					reply,
					400,
					'invalid_plan',
					`${ f.plan ?? '' } is not provisioned on this site`
				);
			}
			return { success: true };
		} );

		// ---- Authorize page (the user's side of case B) ----------------------------
		const page = ( title: string, inner: string ): string =>
			`<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${ escapeHtml(
				title
			) }</title></head>` +
			`<body><main><h1>${ escapeHtml(
				title
			) }</h1>${ inner }</main></body></html>\n`;

		// Both the page and its form post land here when the token is unknown, used or past its window.
		const linkExpired = ( reply: FastifyReply ): FastifyReply =>
			reply
				.code( 404 )
				.send(
					page(
						'Link expired',
						'<p>This authorization link is invalid or has expired.</p>'
					)
				);

		const findPending = (
			site: string,
			token: string
		): { r: SiteRecord; p: Product } | null => {
			const r = sites.get( normaliseSite( site ) );
			if ( r === undefined || token === '' ) {
				return null;
			}
			dropExpired( r );
			for ( const p of r.products.values() ) {
				if ( p.pending && p.token === token ) {
					return { r, p };
				}
			}
			return null;
		};

		wp.get< { Querystring: Record< string, string | undefined > } >(
			'/jetpack.authorize/1/',
			async ( req, reply ) => {
				const site = req.query.site ?? '';
				const token = req.query.token ?? '';
				const redirect = req.query.partner_redirect ?? '';
				const found = findPending( site, token );
				reply.type( 'text/html; charset=utf-8' );
				if ( found === null ) {
					return linkExpired( reply );
				}
				const hidden = ( n: string, v: string ): string =>
					`<input type="hidden" name="${ n }" value="${ escapeHtml(
						v
					) }">`;
				return page(
					'Approve the Jetpack connection',
					`<p>Connect <strong>${ escapeHtml(
						found.r.siteurl
					) }</strong> to WordPress.com as <strong>${ escapeHtml(
						found.p.localUser
					) }</strong> to activate <strong>${ escapeHtml(
						found.p.plan
					) }</strong>.</p>` +
						`<form method="post" action="/jetpack.authorize/1/">${ hidden(
							'site',
							site
						) }${ hidden( 'token', token ) }${ hidden(
							'partner_redirect',
							redirect
						) }` +
						`<button type="submit">Approve</button></form>`
				);
			}
		);

		wp.post< { Body: Record< string, string > | undefined } >(
			'/jetpack.authorize/1/',
			async ( req, reply ) => {
				const f = req.body ?? {};
				const found = findPending( f.site ?? '', f.token ?? '' );
				reply.type( 'text/html; charset=utf-8' );
				if ( found === null ) {
					return linkExpired( reply );
				}
				if ( ! ( await connectSite( found.r, found.p.localUser ) ) ) {
					return reply
						.code( 502 )
						.send(
							page(
								'Could not reach your site',
								'<p>WordPress.com could not reach your site to connect it. Try again later.</p>'
							)
						);
				}
				found.r.connected = true;
				for ( const p of found.r.products.values() ) {
					p.pending = false;
					p.expiresAt = null;
					p.token = null;
				}
				const redirect = f.partner_redirect ?? '';
				if ( isAllowedRedirect( redirect ) ) {
					return reply.redirect( redirect, 302 );
				}
				return page(
					'Connected',
					`<p>${ escapeHtml(
						found.r.siteurl
					) } is connected to WordPress.com.</p>`
				);
			}
		);
	};

	const controlRoutes = async ( ctl: FastifyInstance ): Promise< void > => {
		// ---- Control API for tests --------------------------------------------------
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
			const isName = ( v: unknown ): v is ScenarioName =>
				typeof v === 'string' &&
				( SCENARIOS as readonly string[] ).includes( v );
			if ( typeof b.site !== 'string' || ! isName( b.scenario ) ) {
				return reply.code( 400 ).send( {
					error: 'bad_request',
					message: `site and one of ${ SCENARIOS.join(
						', '
					) } required`,
				} );
			}
			const spec: ScenarioSpec = { scenario: b.scenario };
			if ( b.shape === 'error' || b.shape === 'error_code' ) {
				spec.shape = b.shape;
			}
			if ( typeof b.delay_ms === 'number' ) {
				spec.delay_ms = b.delay_ms;
			}
			if ( isName( b.then ) ) {
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
			sites.clear();
			return reply.code( 204 ).send();
		} );
		ctl.get( '/__sim/calls', async () => calls );
		ctl.delete( '/__sim/calls', async ( _req, reply ) => {
			calls = [];
			return reply.code( 204 ).send();
		} );
	};

	await app.register( wpcomRoutes );
	await app.register( controlRoutes );

	const api: Simulator = {
		url: '',
		port: 0,
		app,
		calls: () => calls.map( ( c ) => ( { ...c } ) ),
		clearCalls: () => {
			calls = [];
		},
		setScenario: ( site, spec ) => {
			const key = site === '*' ? '*' : normaliseSite( site );
			scenarios.set( key, toSpec( spec ) );
			firedOnce.delete( `token:${ key }` );
		},
		clearScenarios: () => {
			scenarios.clear();
			firedOnce.clear();
		},
		revokeTokens: () => tokens.clear(),
		issuedTokens: () => [ ...issued ],
		close: async () => {
			for ( const wake of [ ...sleepers ] ) {
				wake();
			}
			await app.close();
		},
	};

	await app.listen( {
		port: opts.port ?? 0,
		host: opts.host ?? '127.0.0.1',
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
