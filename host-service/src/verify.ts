import type { IncomingHttpHeaders } from 'node:http';
import { canonicalSiteUrl } from './canonical.js';
import { hostError } from './errors.js';
import type { KeyProvider } from './key-provider.js';
import { sign, signatureMatches } from './signature.js';
import type { NonceStore } from './stores.js';

export const MAX_CLOCK_SKEW_SEC = 300;
export const NONCE_TTL_MS = 600_000;

export interface VerifyDeps {
	keyProvider: KeyProvider;
	nonceStore: NonceStore;
	now: () => number;
}

export interface SignedRequest {
	method: string;
	/** the request target exactly as received, query included */
	url: string;
	headers: IncomingHttpHeaders;
	/** exact body text; '' for none */
	body: string;
}

function single( headers: IncomingHttpHeaders, name: string ): string | null {
	const v = headers[ name ];
	return typeof v === 'string' ? v : null; // absent, or repeated (an array) — both refused
}

/**
 * Contract §2. Resolves with the canonical site that signed; throws ApiError otherwise.
 * Order matters: the nonce is recorded last, only for a verified signature, so forged
 * requests cannot burn a site's nonces.
 * @param req
 * @param deps
 */
export async function verifySignedRequest(
	req: SignedRequest,
	deps: VerifyDeps
): Promise< string > {
	const site = single( req.headers, 'x-jetpack-start-site' );
	const timestamp = single( req.headers, 'x-jetpack-start-timestamp' );
	const nonce = single( req.headers, 'x-jetpack-start-nonce' );
	const signature = single( req.headers, 'x-jetpack-start-signature' );
	if (
		site === null ||
		timestamp === null ||
		nonce === null ||
		signature === null
	) {
		throw hostError.invalidSignature( 'A signing header is missing.' );
	}
	if ( canonicalSiteUrl( site ) !== site ) {
		throw hostError.invalidSignature(
			'X-Jetpack-Start-Site is not a canonical site URL.'
		);
	}
	if ( ! /^\d{1,12}$/.test( timestamp ) ) {
		throw hostError.invalidSignature(
			'X-Jetpack-Start-Timestamp is malformed.'
		);
	}
	if ( ! /^[0-9a-f]{32}$/.test( nonce ) ) {
		throw hostError.invalidSignature(
			'X-Jetpack-Start-Nonce is malformed.'
		);
	}
	if ( ! /^[0-9a-f]{64}$/.test( signature ) ) {
		throw hostError.invalidSignature(
			'X-Jetpack-Start-Signature is malformed.'
		);
	}

	const key = await deps.keyProvider.keyFor( site );
	if ( key === null ) {
		throw hostError.unknownSite();
	}

	const expected = sign( key, {
		site,
		timestamp,
		nonce,
		method: req.method,
		path: req.url,
		body: req.body,
	} );
	if ( ! signatureMatches( expected, signature ) ) {
		throw hostError.invalidSignature( 'The signature does not match.' );
	}

	const skew = Math.abs(
		Math.floor( deps.now() / 1000 ) - Number( timestamp )
	);
	if ( skew > MAX_CLOCK_SKEW_SEC ) {
		throw hostError.staleTimestamp();
	}

	const seen = await deps.nonceStore.remember( site, nonce, NONCE_TTL_MS );
	if ( seen === 'seen' ) {
		throw hostError.replayedNonce();
	}
	if ( seen === 'full' ) {
		throw hostError.overloaded();
	}
	return site;
}
