import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';

/**
 * One HTTP exchange with WordPress.com through Node's own client (node:http/https): much
 * less memory per request in flight than fetch, which matters when thousands of provisions
 * wait on WordPress.com at once (host-service/README.md, "how much traffic one instance
 * holds"). Keep-alive connections are reused; redirects are never followed; the answer is
 * capped at 1 MiB.
 */

export interface HttpAnswer {
	status: number;
	text: string;
}

export class HttpFailure extends Error {
	/** the socket error code (ECONNREFUSED, ECONNRESET, …), or '' */
	readonly code: string;
	constructor( message: string, code: string ) {
		super( message );
		this.name = 'HttpFailure';
		this.code = code;
	}
}

const MAX_ANSWER_BYTES = 1024 * 1024;
const agents = {
	'http:': new HttpAgent( { keepAlive: true } ),
	'https:': new HttpsAgent( { keepAlive: true } ),
};

export function send(
	url: URL,
	method: 'GET' | 'POST',
	headers: Record< string, string >,
	body: string | null,
	signal: AbortSignal
): Promise< HttpAnswer > {
	const https = url.protocol === 'https:';
	const request = https ? httpsRequest : httpRequest;
	return new Promise( ( resolve, reject ) => {
		const req = request(
			url,
			{
				method,
				agent: https ? agents[ 'https:' ] : agents[ 'http:' ],
				signal,
				headers: {
					...headers,
					...( body === null
						? {}
						: {
								'content-length': String(
									Buffer.byteLength( body )
								),
						  } ),
				},
			},
			( res ) => {
				const chunks: Buffer[] = [];
				let size = 0;
				res.on( 'data', ( c: Buffer ) => {
					size += c.length;
					if ( size > MAX_ANSWER_BYTES ) {
						res.destroy(
							new HttpFailure( 'answer too large', 'EFBIG' )
						);
						return;
					}
					chunks.push( c );
				} );
				res.on( 'error', ( e: Error & { code?: string } ) =>
					reject( new HttpFailure( e.message, e.code ?? '' ) )
				);
				res.on( 'end', () =>
					resolve( {
						status: res.statusCode ?? 0,
						text: Buffer.concat( chunks ).toString( 'utf8' ),
					} )
				);
			}
		);
		req.on( 'error', ( e: Error & { code?: string } ) =>
			reject( new HttpFailure( e.message, e.code ?? '' ) )
		);
		req.end( body ?? undefined );
	} );
}
