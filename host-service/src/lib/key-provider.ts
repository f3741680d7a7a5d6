import { createHmac } from 'node:crypto';

/**
 * Where site keys come from. The default derives them, which keeps the service
 * stateless; a host with its own key store implements this instead.
 * Resolving to null means "unknown site" (401 host_unknown_site).
 */
export interface KeyProvider {
	keyFor: ( canonicalSite: string ) => Promise< string | null >;
}

export function deriveSiteKey(
	masterSecret: string,
	canonicalSite: string
): string {
	return createHmac( 'sha256', Buffer.from( masterSecret, 'utf8' ) )
		.update( `jsc-site-key-v1\n${ canonicalSite }`, 'utf8' )
		.digest( 'hex' );
}

export function derivedKeyProvider( masterSecret: string ): KeyProvider {
	return {
		keyFor: async ( canonicalSite ) =>
			deriveSiteKey( masterSecret, canonicalSite ),
	};
}
