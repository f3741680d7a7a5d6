import type { IncomingHttpHeaders } from 'node:http';
import { canonicalSiteUrl } from './canonical.js';
import { hostError } from './errors.js';
import type { KeyProvider } from './key-provider.js';
import { sign, signatureMatches } from './signature.js';
import type { NonceStore } from '../stores/types.js';

/**
 * Per-site request budget (plugins/external/rate-limit.ts). Verification asks `allows`
 * after the signature and timestamp checks and before recording the nonce, and charges
 * with `consume` only once the nonce was new: a site out of budget records no nonces, and
 * replays of another site's captured request cannot spend that site's budget.
 */
export interface SiteRateLimiter {
	/** null when the site may go on, else the seconds until it may (Retry-After) */
	refusal: ( site: string ) => Promise< number | null >;
	consume: ( site: string ) => Promise< void >;
}

export const MAX_CLOCK_SKEW_SEC = 300;
/** Slack for clock differences between instances sharing a nonce store. */
export const NONCE_MARGIN_SEC = 60;
/**
 * A timestamp is accepted while floor(now / 1000) is within ±300 s of it: 601 s of wall
 * time. The nonce must be remembered at least that long from its first use, whenever in
 * the window that was, plus the margin: 2 × 300 s + 60 s = 660 s.
 */
export const NONCE_TTL_MS =
	( 2 * MAX_CLOCK_SKEW_SEC + NONCE_MARGIN_SEC ) * 1000;

export interface VerifyDeps {
	keyProvider: KeyProvider;
	nonceStore: NonceStore;
	now: () => number;
	/** per-site budget; none means unlimited */
	rateLimiter?: SiteRateLimiter;
}

export interface SignedRequest {
	method: string;
	/** the request target exactly as received, query included */
	url: string;
	headers: IncomingHttpHeaders;
	/** the body's exact bytes; '' or an empty buffer for none */
	body: string | Buffer;
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

	// A site over its budget records no nonce, so it cannot fill the shared store.
	const wait = ( await deps.rateLimiter?.refusal( site ) ) ?? null;
	if ( wait !== null ) {
		throw hostError.rateLimited( wait );
	}
	const seen = await deps.nonceStore.remember( site, nonce, NONCE_TTL_MS );
	if ( seen === 'seen' ) {
		throw hostError.replayedNonce();
	}
	if ( seen === 'site_full' ) {
		// This site holds its whole share of the nonce memory: only it waits.
		throw hostError.rateLimited( NONCE_TTL_MS / 1000 );
	}
	if ( seen === 'full' ) {
		throw hostError.overloaded();
	}
	// Charged only for a new nonce: replaying a site's captured request does not spend its budget.
	await deps.rateLimiter?.consume( site );
	return site;
}
