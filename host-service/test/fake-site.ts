import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';

/** A web server without Jetpack where WordPress.com looks: 404 everywhere, or a redirect (http → https). */
export interface FakeSite {
	url: string;
	connection: 'missing' | 'redirect';
	close: () => Promise< void >;
}
export async function startFakeSite(): Promise< FakeSite > {
	const site: FakeSite = {
		url: '',
		connection: 'missing',
		close: async () => undefined,
	};
	const server: Server = createServer( ( req, res ) => {
		if ( site.connection === 'redirect' ) {
			res.statusCode = 301;
			res.setHeader( 'location', `https://127.0.0.1${ req.url ?? '/' }` );
			res.end();
			return;
		}
		res.statusCode = 404;
		res.end( 'Not Found' );
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
