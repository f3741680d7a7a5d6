// Dependencies are in the root package.json; this folder's one only marks it as ESM.
// eslint-disable-next-line import/no-extraneous-dependencies
import Fastify, {
	type FastifyError,
	type FastifyInstance,
	type FastifyReply,
	type FastifyRequest,
} from 'fastify';
import { canonicalSiteUrl, isHttpUrl } from './canonical.js';
import type { Config } from './config.js';
import { ApiError, hostError } from './errors.js';
import { derivedKeyProvider, type KeyProvider } from './key-provider.js';
import { defaultPlanPolicy, type PlanPolicy } from './plan-policy.js';
import { MemorySiteRateLimiter, type SiteRateLimiter } from './rate-limit.js';
import { sha256Hex } from './signature.js';
import {
	MemoryIdempotencyStore,
	MemoryNonceStore,
	type IdempotencyStore,
	type NonceStore,
	type StoredResponse,
} from './stores.js';
import { verifySignedRequest } from './verify.js';
import {
	HttpWpcomClient,
	type ProvisionOutcome,
	type WpcomClient,
} from './wpcom-client.js';

declare module 'fastify' {
	// Declaration merging: this has to be the name it extends.
	// eslint-disable-next-line @typescript-eslint/no-shadow
	interface FastifyRequest {
		/** the body's exact bytes, as received (the signature covers these) */
		rawBody: Buffer | undefined;
		/** a charset other than UTF-8 declared in Content-Type, refused once verified */
		jscBadCharset: string | undefined;
		jscSite: string | undefined;
	}
}

export const BODY_LIMIT = 16 * 1024;
const PENDING_DAYS_MS = 14 * 24 * 3600 * 1000;
const IDEMPOTENCY_KEY = /^[A-Za-z0-9_-]{8,64}$/;

/** Shared with the shutdown logic: /healthz reports draining while in-flight work finishes. */
export interface ServiceState {
	draining: boolean;
}

export interface LogDestination {
	write: ( line: string ) => void;
}

export interface AppDeps {
	keyProvider?: KeyProvider;
	nonceStore?: NonceStore;
	idempotencyStore?: IdempotencyStore;
	/** per-site request budget; default a token bucket of `siteRatePerMinute` */
	rateLimiter?: SiteRateLimiter;
	planPolicy?: PlanPolicy;
	wpcom?: WpcomClient;
	/** milliseconds since the epoch; injectable so tests can move the clock */
	now?: () => number;
	logStream?: LogDestination;
	state?: ServiceState;
}

interface ProvisionBody {
	siteurl: string;
	home_url: string;
	local_user: string;
	plan?: string | null;
}

const provisionBodySchema = {
	type: 'object',
	additionalProperties: false,
	required: [ 'siteurl', 'home_url', 'local_user' ],
	properties: {
		siteurl: { type: 'string', minLength: 1, maxLength: 2048 },
		home_url: {
			type: 'string',
			minLength: 1,
			maxLength: 2048,
			pattern: '^[Hh][Tt][Tt][Pp][Ss]?://',
		},
		local_user: { type: 'string', minLength: 1, maxLength: 60 },
		plan: {
			type: [ 'string', 'null' ],
			pattern: '^[a-z0-9][a-z0-9_-]{0,63}$',
		},
	},
} as const;

// Never let these reach a log line, whatever a future log call includes.
export const REDACT_PATHS = [
	'req.headers.authorization',
	'req.headers["x-jetpack-start-signature"]',
	'headers.authorization',
	'headers["x-jetpack-start-signature"]',
	'*.masterSecret',
	'*.partnerClientSecret',
	'*.client_secret',
	'*.access_token',
	'*.siteKey',
	'*.site_key',
];

function successBody(
	o: ProvisionOutcome,
	plan: string,
	nowMs: number
): Record< string, unknown > {
	return {
		outcome: o.outcome,
		auth_required: o.outcome !== 'active',
		next_url: o.nextUrl,
		plan,
		provisioned_at: new Date( nowMs ).toISOString(),
		pending_expires_at:
			o.outcome === 'active'
				? null
				: new Date( nowMs + PENDING_DAYS_MS ).toISOString(),
		forced_register: o.forcedRegister,
		idempotent_replay: false,
	};
}

/**
 * The `charset` parameter of a Content-Type, lower-cased and unquoted; null when absent.
 * @param contentType
 */
function declaredCharset( contentType: string | undefined ): string | null {
	const m = /;\s*charset\s*=\s*("?)([^";\s]*)\1/i.exec( contentType ?? '' );
	return m === null ? null : ( m[ 2 ] ?? '' ).toLowerCase();
}

export function buildApp(
	config: Config,
	deps: AppDeps = {}
): FastifyInstance {
	const now = deps.now ?? Date.now;
	const keyProvider =
		deps.keyProvider ?? derivedKeyProvider( config.masterSecret );
	const nonceStore = deps.nonceStore ?? new MemoryNonceStore( 500_000, now );
	const idempotency =
		deps.idempotencyStore ??
		new MemoryIdempotencyStore( undefined, undefined, now );
	const rateLimiter =
		deps.rateLimiter ??
		new MemorySiteRateLimiter(
			config.siteRatePerMinute,
			config.siteRatePerMinute,
			now
		);
	const planPolicy =
		deps.planPolicy ??
		defaultPlanPolicy( config.defaultPlan, config.allowedPlans );
	const state = deps.state ?? { draining: false };
	const wpcom =
		deps.wpcom ??
		new HttpWpcomClient( {
			baseUrl: config.wpcomBaseUrl,
			clientId: config.partnerClientId,
			clientSecret: config.partnerClientSecret,
			timeoutMs: config.upstreamTimeoutMs,
			partnerTrackingId: config.partnerTrackingId,
			onboarding: config.onboarding,
			forceRegister: config.forceRegister,
		} );

	const app = Fastify( {
		bodyLimit: BODY_LIMIT,
		// A client gets this long to send its whole request (it does not cover our answer):
		// slow or stalled senders are cut off instead of holding sockets forever.
		requestTimeout: config.requestTimeoutMs,
		http: {
			requestTimeout: config.requestTimeoutMs,
			headersTimeout: Math.min( 60_000, config.requestTimeoutMs ),
			// Node checks those timeouts only this often (default 30 s, which would double them).
			connectionsCheckingInterval: Math.min(
				1_000,
				config.requestTimeoutMs
			),
		},
		// An implicit HEAD /v1/status would be a second, unsigned-method way to reach WordPress.com.
		exposeHeadRoutes: false,
		trustProxy: config.trustProxy,
		// Fastify's default ajv drops unknown properties instead of refusing them, and coerces types.
		ajv: {
			customOptions: {
				removeAdditional: false,
				coerceTypes: false,
				useDefaults: false,
				allErrors: false,
			},
		},
		logger: {
			level: config.logLevel,
			redact: { paths: REDACT_PATHS, censor: '[redacted]' },
			serializers: {
				// Only what an operator needs; headers and bodies carry signatures and keys.
				req: ( req: FastifyRequest ) => ( {
					method: req.method,
					url: req.url,
					site:
						typeof req.headers[ 'x-jetpack-start-site' ] ===
						'string'
							? req.headers[ 'x-jetpack-start-site' ]
							: undefined,
					remoteAddress: req.ip,
				} ),
			},
			...( deps.logStream === undefined
				? {}
				: { stream: deps.logStream } ),
		},
	} );

	// While draining, close each connection after its response; otherwise a keep-alive
	// connection that was busy when close() began keeps the process up for keepAliveTimeout (72 s).
	app.addHook( 'onSend', async ( _req, reply, payload ) => {
		if ( state.draining ) {
			void reply.header( 'connection', 'close' );
		}
		return payload;
	} );

	app.decorateRequest( 'rawBody', undefined );
	app.decorateRequest( 'jscBadCharset', undefined );
	app.decorateRequest( 'jscSite', undefined );

	// Only JSON is accepted. The bytes are kept as received because the signature covers
	// them exactly; they are decoded strictly, so invalid UTF-8 is never "repaired".
	app.removeAllContentTypeParsers();
	app.addContentTypeParser(
		'application/json',
		{ parseAs: 'buffer' },
		( req, body, done ) => {
			const bytes = Buffer.isBuffer( body )
				? body
				: Buffer.from( body, 'utf8' );
			req.rawBody = bytes;
			const charset = declaredCharset( req.headers[ 'content-type' ] );
			if (
				charset !== null &&
				charset !== 'utf-8' &&
				charset !== 'utf8'
			) {
				req.jscBadCharset = charset;
				return done( null, null );
			}
			if ( bytes.length === 0 ) {
				return done( null, undefined );
			}
			try {
				const text = new TextDecoder( 'utf-8', {
					fatal: true,
					ignoreBOM: true,
				} ).decode( bytes );
				done( null, JSON.parse( text ) as unknown );
			} catch {
				// Not an error yet: schema validation refuses it, but only after the signature
				// check, so unsigned garbage gets 401 rather than a hint about the schema.
				done( null, null );
			}
		}
	);

	const verify = async ( req: FastifyRequest ): Promise< void > => {
		req.jscSite = await verifySignedRequest(
			{
				method: req.method,
				url: req.url,
				headers: req.headers,
				body: req.rawBody ?? '',
			},
			{ keyProvider, nonceStore, now, rateLimiter }
		);
		if ( req.jscBadCharset !== undefined ) {
			throw hostError.invalidRequest(
				'The body must be UTF-8 JSON (Content-Type charset must be utf-8 if given).'
			);
		}
	};

	app.setErrorHandler( ( err: FastifyError, req, reply ) => {
		let api: ApiError;
		if ( err instanceof ApiError ) {
			api = err;
		} else if ( err.validation !== undefined ) {
			api = hostError.invalidRequest(
				`Invalid request: ${ err.message }`
			);
		} else if (
			err.code === 'FST_ERR_CTP_BODY_TOO_LARGE' ||
			err.statusCode === 413
		) {
			api = hostError.bodyTooLarge();
		} else if (
			typeof err.statusCode === 'number' &&
			err.statusCode >= 400 &&
			err.statusCode < 500
		) {
			api = hostError.invalidRequest(
				`Invalid request: ${ err.message }`
			);
		} else {
			req.log.error( { err }, 'unhandled error' );
			api = hostError.internal();
		}
		if ( api.status >= 500 || api.source === 'wpcom' ) {
			req.log.warn(
				{ error_code: api.code, source: api.source },
				'request failed'
			);
		} else {
			req.log.info( { error_code: api.code }, 'request refused' );
		}
		void reply.code( api.status ).send( api.toBody() );
	} );

	app.setNotFoundHandler( ( _req, reply ) => {
		const e = hostError.notFound();
		void reply.code( e.status ).send( e.toBody() );
	} );

	const routes = async ( r: FastifyInstance ): Promise< void > => {
		r.get( '/healthz', async ( _req, reply ) => {
			if ( state.draining ) {
				return reply.code( 503 ).send( { status: 'draining' } );
			}
			return { status: 'ok' };
		} );

		r.post< { Body: ProvisionBody } >(
			'/v1/provision',
			{ schema: { body: provisionBodySchema }, preValidation: verify },
			async ( req, reply: FastifyReply ) => {
				const site = req.jscSite;
				if ( site === undefined ) {
					throw hostError.internal();
				}
				const body = req.body;
				if ( canonicalSiteUrl( body.siteurl ) !== site ) {
					throw hostError.siteMismatch();
				}
				if ( ! isHttpUrl( body.home_url ) ) {
					throw hostError.invalidRequest(
						'home_url must be an http(s) URL.'
					);
				}
				const idemHeader = req.headers[ 'idempotency-key' ];
				if (
					idemHeader !== undefined &&
					( typeof idemHeader !== 'string' ||
						! IDEMPOTENCY_KEY.test( idemHeader ) )
				) {
					throw hostError.invalidRequest(
						'Idempotency-Key must be 8-64 characters of [A-Za-z0-9_-].'
					);
				}

				const decision = await planPolicy( body.plan ?? null, {
					site,
					localUser: body.local_user,
				} );
				if ( ! decision.ok ) {
					throw hostError.planNotAllowed( decision.reason );
				}

				const attempt = async (): Promise< StoredResponse > => {
					try {
						const o = await wpcom.provision( {
							siteurl: site,
							localUser: body.local_user,
							plan: decision.plan,
						} );
						req.log.info(
							{
								outcome: o.outcome,
								forced_register: o.forcedRegister,
								plan: decision.plan,
							},
							'provisioned'
						);
						return {
							status: 200,
							body: successBody( o, decision.plan, now() ),
						};
					} catch ( e ) {
						if ( ! ( e instanceof ApiError ) ) {
							throw e;
						}
						req.log.warn(
							{ error_code: e.code, source: e.source },
							'provision failed'
						);
						return { status: e.status, body: { ...e.toBody() } };
					}
				};

				let res: StoredResponse;
				if ( idemHeader === undefined ) {
					res = await attempt();
				} else {
					const fingerprint = sha256Hex(
						JSON.stringify( [
							body.siteurl,
							body.home_url,
							body.local_user,
							body.plan ?? null,
						] )
					);
					const begun = await idempotency.begin(
						site,
						idemHeader,
						fingerprint
					);
					if ( begun.kind === 'mismatch' ) {
						throw hostError.idempotencyKeyReused();
					}
					if ( begun.kind === 'busy' ) {
						throw hostError.rateLimited();
					}
					if ( begun.kind === 'in_progress' ) {
						// The first attempt with this key is still working on WordPress.com.
						throw hostError.upstreamTimeout();
					}
					if ( begun.kind === 'replay' ) {
						res =
							begun.response.status === 200
								? {
										status: 200,
										body: {
											...begun.response.body,
											idempotent_replay: true,
										},
								  }
								: begun.response;
					} else {
						try {
							res = await attempt();
						} catch ( e ) {
							await idempotency.finish(
								site,
								idemHeader,
								begun.owner,
								{
									status: 500,
									body: { ...hostError.internal().toBody() },
								},
								false
							);
							throw e;
						}
						// A retryable failure is forgotten so the plugin's retry really asks again.
						await idempotency.finish(
							site,
							idemHeader,
							begun.owner,
							res,
							res.body.retryable !== true
						);
					}
				}
				return reply.code( res.status ).send( res.body );
			}
		);

		r.get( '/v1/status', { preValidation: verify }, async ( req ) => {
			const site = req.jscSite;
			if ( site === undefined ) {
				throw hostError.internal();
			}
			return wpcom.status( site );
		} );
	};

	void app.register( routes, { prefix: config.pathPrefix } );
	return app;
}
