import { Readable } from 'node:stream';
// Dependencies are in the root package.json; this folder's one only marks it as ESM.
// eslint-disable-next-line import/no-extraneous-dependencies
import Deserializer from 'xmlrpc/lib/deserializer.js';
// eslint-disable-next-line import/no-extraneous-dependencies
import Serializer from 'xmlrpc/lib/serializer.js';
import { signedUrl } from './jetpack-signature.js';

/**
 * WordPress.com calling a Jetpack site: XML-RPC to `xmlrpc.php?for=jetpack` (what
 * Manager::setup_xmlrpc_handlers() answers), signed with a token WordPress.com issued when
 * it has one to sign with. Redirects are not followed: a site that redirects (http → https) has no
 * Jetpack where WordPress.com was told to look.
 */

export type SiteAnswer =
	/** DNS failure, connection refused, timeout: the site cannot be reached at all */
	| { kind: 'unreachable'; detail: string }
	/** the server answered, but not with XML-RPC (403, a redirect, a dropped connection…) */
	| { kind: 'blocked'; detail: string }
	| { kind: 'fault'; code: number; message: string }
	| { kind: 'ok'; value: unknown };

/**
 * Transport errors after which the server had accepted the connection and then hung up without
 * an answer (a firewall dropping the request): the site is there, its endpoint is blocked.
 * Every other failure (DNS, refused, timeout, a port fetch will not use) means WordPress.com
 * could not reach the site at all.
 */
const HUNG_UP = new Set( [
	'ECONNRESET',
	'EPIPE',
	'UND_ERR_SOCKET',
	'UND_ERR_CLOSED',
] );

function transportFailure( e: unknown ): SiteAnswer {
	const err = e as {
		name?: string;
		message?: string;
		cause?: { code?: string; message?: string };
	};
	const code = err.cause?.code ?? '';
	const detail = code || err.cause?.message || String( err.name );
	return HUNG_UP.has( code )
		? { kind: 'blocked', detail }
		: { kind: 'unreachable', detail };
}

function parseResponse( xml: string ): Promise< SiteAnswer > {
	return new Promise( ( resolve ) => {
		new Deserializer().deserializeMethodResponse(
			Readable.from( [ xml ] ),
			( error: unknown, value: unknown ) => {
				const fault = error as {
					faultCode?: unknown;
					faultString?: unknown;
				} | null;
				if (
					fault !== null &&
					fault !== undefined &&
					typeof fault.faultCode === 'number'
				) {
					resolve( {
						kind: 'fault',
						code: fault.faultCode,
						message: String( fault.faultString ?? '' ),
					} );
				} else if ( error ) {
					resolve( {
						kind: 'blocked',
						detail: 'not an XML-RPC answer',
					} );
				} else {
					resolve( { kind: 'ok', value } );
				}
			}
		);
	} );
}

export interface CallOptions {
	/** sign with this token ("key.secret"): the blog token (user 0) or a user's token */
	token?: { secret: string; userId: number } | null;
	timeoutMs: number;
	now: number;
}

/**
 * One XML-RPC call to the site's Jetpack endpoint.
 * @param siteurl The site's URL (site_url()).
 * @param method  e.g. jetpack.remoteRegister.
 * @param params  The method's parameters.
 * @param opts    Signing and timeout.
 */
export async function callSite(
	siteurl: string,
	method: string,
	params: unknown[],
	opts: CallOptions
): Promise< SiteAnswer > {
	const body = Serializer.serializeMethodCall( method, params ) as string;
	let url = `${ siteurl.replace( /\/+$/, '' ) }/xmlrpc.php?for=jetpack`;
	if ( opts.token ) {
		url = signedUrl(
			url,
			'POST',
			body,
			opts.token.secret,
			opts.token.userId,
			opts.now
		);
	}
	let res: Response;
	try {
		res = await fetch( url, {
			method: 'POST',
			// The port the call went to, as a proxy in front of the site would say: the package
			// takes it before the server's own port when it rebuilds the signed URL (see
			// jetpack-signature.ts), so php -S and Playground verify the same signature.
			headers: {
				'content-type': 'text/xml',
				'x-forwarded-port':
					new URL( url ).port ||
					( url.startsWith( 'https:' ) ? '443' : '80' ),
			},
			body,
			redirect: 'manual',
			signal: AbortSignal.timeout( opts.timeoutMs ),
		} );
	} catch ( e ) {
		return transportFailure( e );
	}
	let text: string;
	try {
		text = await res.text();
	} catch ( e ) {
		return transportFailure( e );
	}
	if ( res.status !== 200 ) {
		return { kind: 'blocked', detail: `HTTP ${ res.status }` };
	}
	return parseResponse( text );
}

/**
 * Jetpack's own message inside an XML-RPC fault, "Jetpack: [code] message" (Jetpack_XMLRPC_Server::error()).
 * @param message The fault string.
 */
export function jetpackError(
	message: string
): { code: string; message: string } | null {
	const m = /^Jetpack: \[([^\]]+)\] ?(.*)$/s.exec( message );
	return m === null ? null : { code: m[ 1 ] ?? '', message: m[ 2 ] ?? '' };
}
