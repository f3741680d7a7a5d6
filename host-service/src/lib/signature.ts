import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

export const ALGORITHM = 'JSC1-HMAC-SHA256';

export interface SignedParts {
	site: string;
	timestamp: string;
	nonce: string;
	method: string;
	path: string;
	/** the exact bytes sent; a string stands for its UTF-8 encoding */
	body: string | Buffer;
}

export function sha256Hex( data: string | Buffer ): string {
	const h = createHash( 'sha256' );
	return (
		typeof data === 'string' ? h.update( data, 'utf8' ) : h.update( data )
	).digest( 'hex' );
}

export function stringToSign( p: SignedParts ): string {
	return [
		ALGORITHM,
		p.site,
		p.timestamp,
		p.nonce,
		p.method.toUpperCase(),
		p.path,
		sha256Hex( p.body ),
	].join( '\n' );
}

/**
 * The key is the site key's 64 hex characters used as bytes (not hex-decoded), per contract §2.
 * @param siteKey
 * @param p
 */
export function sign( siteKey: string, p: SignedParts ): string {
	return createHmac( 'sha256', Buffer.from( siteKey, 'utf8' ) )
		.update( stringToSign( p ), 'utf8' )
		.digest( 'hex' );
}

/**
 * Constant-time compare; a length difference is not secret (signatures are fixed length).
 * @param expectedHex
 * @param givenHex
 */
export function signatureMatches(
	expectedHex: string,
	givenHex: string
): boolean {
	const a = Buffer.from( expectedHex, 'utf8' );
	const b = Buffer.from( givenHex, 'utf8' );
	return a.length === b.length && timingSafeEqual( a, b );
}
