import type { FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { hostError } from '../../lib/errors.js';
import { verifySignedRequest } from '../../lib/verify.js';

export const BODY_LIMIT = 16 * 1024;

/**
 * The `charset` parameter of a Content-Type, lower-cased and unquoted; null when absent.
 * @param contentType
 */
function declaredCharset( contentType: string | undefined ): string | null {
	const m = /;\s*charset\s*=\s*("?)([^";\s]*)\1/i.exec( contentType ?? '' );
	return m === null ? null : ( m[ 2 ] ?? '' ).toLowerCase();
}

/**
 * Contract §2 on every signed route: `app.verifySigned`, their preValidation hook. Only JSON
 * bodies are accepted; the bytes are kept as received, because the signature covers them
 * exactly, and decoded strictly, so invalid UTF-8 is never "repaired".
 */
export default fp(
	async ( app ) => {
		app.decorateRequest( 'rawBody', undefined );
		app.decorateRequest( 'jscBadCharset', undefined );
		app.decorateRequest( 'jscSite', undefined );

		app.removeAllContentTypeParsers();
		app.addContentTypeParser(
			'application/json',
			{ parseAs: 'buffer' },
			( req, body, done ) => {
				const bytes = Buffer.isBuffer( body )
					? body
					: Buffer.from( body, 'utf8' );
				req.rawBody = bytes;
				const charset = declaredCharset(
					req.headers[ 'content-type' ]
				);
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

		app.decorate( 'verifySigned', async ( req: FastifyRequest ) => {
			const budget = app.siteBudget( req );
			req.jscSite = await verifySignedRequest(
				{
					method: req.method,
					url: req.url,
					headers: req.headers,
					body: req.rawBody ?? '',
				},
				{
					keyProvider: app.keyProvider,
					nonceStore: app.nonceStore,
					now: app.now,
					rateLimiter: {
						// The budget is keyed by the verified site, set just before it is asked.
						refusal: async ( site ) => {
							req.jscSite = site;
							return budget.refusal( site );
						},
						consume: budget.consume,
					},
				}
			);
			if ( req.jscBadCharset !== undefined ) {
				throw hostError.invalidRequest(
					'The body must be UTF-8 JSON (Content-Type charset must be utf-8 if given).'
				);
			}
		} );
	},
	{
		name: 'jsc-verification',
		dependencies: [ 'jsc-rate-limit', 'jsc-stores', 'jsc-wpcom' ],
	}
);
