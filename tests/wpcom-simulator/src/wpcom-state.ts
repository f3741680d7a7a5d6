import { randomBytes } from 'node:crypto';

/**
 * What WordPress.com knows about Jetpack sites: the blog id and blog token it issued at
 * registration, the user tokens it issued at authorization (and so who owns each connection),
 * and the partner's products with their pending activations. In memory only.
 */

export const PENDING_MS = 14 * 24 * 3600 * 1000;

export interface Product {
	plan: string;
	localUser: string;
	pending: boolean;
	expiresAt: number | null;
	/** the case B authorize link's key, while the activation is pending */
	token: string | null;
	/** what remoteProvision answered, to authorize the user on the site (real protocol only) */
	authorize?: {
		userId: number;
		secret: string;
		scope: string;
		redirectUri: string;
	};
}

export interface SiteRecord {
	siteurl: string;
	blogId: number;
	/** the blog token issued at registration ("key.secret"), null when none or revoked */
	blogToken: string | null;
	/** local user id → user token issued at authorization */
	userTokens: Map< number, string >;
	/** the local user whose token made them the connection owner */
	ownerUserId: number | null;
	/** connected with an owner, as far as WordPress.com knows (explicit scenarios set it too) */
	connected: boolean;
	products: Map< string, Product >;
}

/** An authorization code handed to the site through the user's browser (token/1/ redeems it). */
export interface AuthorizationCode {
	blogId: number;
	userId: number;
	scope: string;
	expiresAt: number;
}

/**
 * Lower-cased scheme/host, no trailing slash: how the simulator keys sites.
 * @param raw A site URL.
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

export const slugOf = ( site: string ): string =>
	site.replace( /^https?:\/\//, '' ).replace( /\//g, '::' );

/** A token shaped like WordPress.com's: "key.secret". */
export const newToken = (): string =>
	`${ randomBytes( 12 ).toString( 'hex' ) }.${ randomBytes( 24 ).toString(
		'hex'
	) }`;

export const randomKey = ( bytes = 16 ): string =>
	randomBytes( bytes ).toString( 'hex' );

export class WpcomState {
	private readonly sites = new Map< string, SiteRecord >();
	private nextBlogId = 1000;
	/** nonces handed to sites in jetpack.remoteRegister, until partner_provision_nonce_check */
	readonly partnerNonces = new Map< string, number >();
	readonly codes = new Map< string, AuthorizationCode >();

	private readonly now: () => number;

	constructor( now: () => number ) {
		this.now = now;
	}

	site( siteurl: string ): SiteRecord {
		const key = normaliseSite( siteurl );
		let r = this.sites.get( key );
		if ( r === undefined ) {
			r = {
				siteurl: key,
				blogId: this.nextBlogId++,
				blogToken: null,
				userTokens: new Map(),
				ownerUserId: null,
				connected: false,
				products: new Map(),
			};
			this.sites.set( key, r );
		}
		return r;
	}

	known( siteurl: string ): SiteRecord | undefined {
		return this.sites.get( normaliseSite( siteurl ) );
	}

	byBlogId( blogId: number ): SiteRecord | undefined {
		return [ ...this.sites.values() ].find( ( s ) => s.blogId === blogId );
	}

	/**
	 * The `{site}` of the partner routes: a blog id, or the URL without scheme, `/` as `::`.
	 * @param param The path parameter.
	 */
	byParam( param: string ): SiteRecord | undefined {
		if ( /^\d+$/.test( param ) ) {
			return this.byBlogId( Number( param ) );
		}
		return [ ...this.sites.values() ].find(
			( s ) =>
				slugOf( s.siteurl ) === param.toLowerCase() ||
				slugOf( s.siteurl ) === param
		);
	}

	/** Forgets every site: products, pending activations, connections (a fresh WordPress.com). */
	clear(): void {
		this.sites.clear();
		this.partnerNonces.clear();
		this.codes.clear();
	}

	dropExpired( r: SiteRecord ): void {
		for ( const [ plan, p ] of r.products ) {
			if (
				p.pending &&
				p.expiresAt !== null &&
				p.expiresAt <= this.now()
			) {
				r.products.delete( plan );
			}
		}
	}

	addPending( r: SiteRecord, plan: string, localUser: string ): Product {
		const p: Product = {
			plan,
			localUser,
			pending: true,
			expiresAt: this.now() + PENDING_MS,
			token: randomKey(),
		};
		r.products.set( plan, p );
		return p;
	}

	addActive( r: SiteRecord, plan: string, localUser: string ): void {
		r.products.set( plan, {
			plan,
			localUser,
			pending: false,
			expiresAt: null,
			token: null,
		} );
	}

	/**
	 * The site's connection got an owner, whichever way (a partner's authorize link, Jetpack's
	 * own Set Up flow, remote authorization): every pending activation lands.
	 * @param r The site.
	 */
	connected( r: SiteRecord ): void {
		r.connected = true;
		this.dropExpired( r );
		for ( const p of r.products.values() ) {
			p.pending = false;
			p.expiresAt = null;
			p.token = null;
		}
	}

	/**
	 * WordPress.com forgets the site's tokens (revoked, rotated): the site's copies go stale.
	 * @param r        The site.
	 * @param blogOnly Only the blog token (the owner's user token stays valid).
	 */
	revokeTokens( r: SiteRecord, blogOnly = false ): void {
		r.blogToken = null;
		if ( blogOnly ) {
			return;
		}
		r.userTokens.clear();
		r.ownerUserId = null;
		r.connected = false;
	}

	findPending(
		siteurl: string,
		token: string
	): { r: SiteRecord; p: Product } | null {
		const r = this.known( siteurl );
		if ( r === undefined || token === '' ) {
			return null;
		}
		this.dropExpired( r );
		for ( const p of r.products.values() ) {
			if ( p.pending && p.token === token ) {
				return { r, p };
			}
		}
		return null;
	}
}
