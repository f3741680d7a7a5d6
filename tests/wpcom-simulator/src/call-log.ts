import type { FastifyInstance } from 'fastify';

/**
 * Every request WordPress.com received, from the host service (token, provision, status,
 * cancel) and from sites (register, token, nonce check), with the secrets redacted: the
 * Authorization value, `client_secret`, registration secrets and authorization codes.
 */
export interface CallRecord {
	method: string;
	path: string;
	query: Record< string, string >;
	form: Record< string, string >;
	headers: Record< string, string >;
	time: string;
}

const SECRET_FIELDS = new Set( [
	'client_secret',
	'secret_1',
	'secret_2',
	'code',
	'secret',
] );

function strings(
	value: unknown,
	redact: ( key: string, v: string ) => string
): Record< string, string > {
	const out: Record< string, string > = {};
	if ( typeof value === 'object' && value !== null ) {
		for ( const [ k, v ] of Object.entries( value ) ) {
			if ( typeof v === 'string' ) {
				out[ k ] = redact( k, v );
			}
		}
	}
	return out;
}

export class CallLog {
	private records: CallRecord[] = [];

	all(): CallRecord[] {
		return this.records.map( ( c ) => ( { ...c } ) );
	}

	clear(): void {
		this.records = [];
	}

	/**
	 * Records each request of a route scope once its body is parsed.
	 * @param scope The encapsulated fastify scope of WordPress.com's own routes.
	 */
	install( scope: FastifyInstance ): void {
		scope.addHook( 'preHandler', async ( req ) => {
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
			const redact = ( k: string, v: string ): string =>
				SECRET_FIELDS.has( k ) ? '[redacted]' : v;
			this.records.push( {
				method: req.method,
				path: req.url.split( '?' )[ 0 ] ?? req.url,
				query: strings( req.query, redact ),
				form: strings( req.body, redact ),
				headers,
				time: new Date().toISOString(),
			} );
		} );
	}
}
