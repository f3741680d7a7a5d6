import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server } from 'node:http';

/** A WordPress site with the Jetpack stand-in: answers WordPress.com's probe and records the control call. */
export interface FakeSite {
	url: string;
	/** 'redirect': the REST route answers 301 to itself with another query (as http → https would) */
	connection: Record< string, unknown > | 'missing' | 'redirect';
	stateCalls: {
		secret: string | undefined;
		body: Record< string, unknown >;
	}[];
	close: () => Promise< void >;
}
export async function startFakeSite(): Promise< FakeSite > {
	const site: FakeSite = {
		url: '',
		connection: { isActive: false, hasConnectedOwner: false },
		stateCalls: [],
		close: async () => undefined,
	};
	const readBody = async ( req: IncomingMessage ): Promise< string > => {
		let b = '';
		for await ( const c of req ) {
			b += String( c );
		}
		return b;
	};
	const server: Server = createServer( ( req, res ) => {
		void ( async () => {
			const u = new URL( req.url ?? '/', 'http://x' );
			const route = u.searchParams.get( 'rest_route' );
			if (
				route === '/jetpack/v4/connection' &&
				site.connection === 'redirect' &&
				! u.searchParams.has( 'followed' )
			) {
				res.statusCode = 301;
				res.setHeader(
					'location',
					`${ site.url }${ req.url ?? '/' }&followed=1`
				);
				res.end();
			} else if (
				route === '/jetpack/v4/connection' &&
				site.connection !== 'missing'
			) {
				// Followed redirects are answered as a fully connected site.
				res.setHeader( 'content-type', 'application/json' );
				res.end(
					JSON.stringify(
						site.connection === 'redirect'
							? { isActive: true, hasConnectedOwner: true }
							: site.connection
					)
				);
			} else if (
				route === '/jetpack-stand-in/v1/state' &&
				req.method === 'POST'
			) {
				const secret = req.headers[ 'x-jetpack-stand-in-secret' ];
				site.stateCalls.push( {
					secret: typeof secret === 'string' ? secret : undefined,
					body: JSON.parse( await readBody( req ) ) as Record<
						string,
						unknown
					>,
				} );
				res.setHeader( 'content-type', 'application/json' );
				res.end( '{"ok":true}' );
			} else {
				res.statusCode = 404;
				res.end( '{"code":"rest_no_route"}' );
			}
		} )();
	} );
	await new Promise< void >( ( r ) => server.listen( 0, '127.0.0.1', r ) );
	const addr = server.address();
	site.url = `http://127.0.0.1:${
		typeof addr === 'object' && addr !== null ? addr.port : 0
	}`;
	site.close = () => new Promise( ( r ) => server.close( () => r() ) );
	return site;
}

/**
 * Opens an authorize link (with `partner_redirect`) and submits its Approve form, as the user would.
 * @param simUrl
 * @param nextUrl
 * @param partnerRedirect
 */
export async function approve(
	simUrl: string,
	nextUrl: string,
	partnerRedirect: string
): Promise< { html: string; approved: Response } > {
	const pageRes = await fetch(
		`${ nextUrl }&partner_redirect=${ encodeURIComponent(
			partnerRedirect
		) }`
	);
	const html = await pageRes.text();
	assert.equal( pageRes.status, 200 );
	const form = new URLSearchParams();
	for ( const m of html.matchAll( /name="([^"]+)" value="([^"]*)"/g ) ) {
		form.set(
			m[ 1 ] ?? '',
			( m[ 2 ] ?? '' ).replace( /&#(\d+);/g, ( _x, d: string ) =>
				String.fromCharCode( Number( d ) )
			)
		);
	}
	const approved = await fetch( `${ simUrl }/jetpack.authorize/1/`, {
		method: 'POST',
		body: form,
		redirect: 'manual',
	} );
	return { html, approved };
}
