import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ConnectionProtocol } from './connection-protocol.js';
import type { WpcomState } from './wpcom-state.js';

/**
 * The user's side of authorization at `jetpack.authorize/1/`, for two kinds of links:
 *  - a partner's case B `next_url` (`?site=…&token=…`): approving authorizes the provisioned
 *    user on the site with `jetpack.remoteAuthorize` (the secret remoteProvision answered), and
 *    sends the browser on to an allow-listed `partner_redirect`;
 *  - the link the site builds itself (Manager::get_authorization_url(), what Jetpack's
 *    `connection/register` and `connection/authorize_url` answer: `?client_id=…&state=…&scope=…
 *    &redirect_uri=…`): approving sends the browser to the site's authorize webhook
 *    (src/class-webhooks.php handle_authorize()) with a `code`, which the site redeems at token/1/.
 * Either way the user's token makes them the owner when the connection has none, and every
 * pending activation of the site then lands.
 */

export interface AuthorizePageOptions {
	state: WpcomState;
	protocol: ConnectionProtocol;
	isAllowedRedirect: ( url: string ) => boolean;
}

export function escapeHtml( s: string ): string {
	return s.replace( /[&<>"']/g, ( c ) => `&#${ c.charCodeAt( 0 ) };` );
}

const page = ( title: string, inner: string ): string =>
	`<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${ escapeHtml(
		title
	) }</title></head>` +
	`<body><main><h1>${ escapeHtml(
		title
	) }</h1>${ inner }</main></body></html>\n`;

const hidden = ( n: string, v: string ): string =>
	`<input type="hidden" name="${ escapeHtml( n ) }" value="${ escapeHtml(
		v
	) }">`;

type Fields = Record< string, string | undefined >;

export function authorizePage( o: AuthorizePageOptions ) {
	const { state } = o;

	// Both the page and its form post land here when the link is unknown, used or past its window.
	const linkExpired = ( reply: FastifyReply ): FastifyReply =>
		reply
			.code( 404 )
			.send(
				page(
					'Link expired',
					'<p>This authorization link is invalid or has expired.</p>'
				)
			);

	const sameOrigin = ( a: string, b: string ): boolean => {
		try {
			return new URL( a ).origin === new URL( b ).origin;
		} catch {
			return false;
		}
	};

	/**
	 * The site's own authorize link: its record, if WordPress.com registered it.
	 * @param f
	 */
	const siteLink = ( f: Fields ) => {
		const r = state.byBlogId( Number( f.client_id ) );
		const redirect = f.redirect_uri ?? '';
		if (
			r === undefined ||
			r.blogToken === null ||
			! /^\d+$/.test( f.state ?? '' ) ||
			! sameOrigin( redirect, r.siteurl )
		) {
			return null;
		}
		return { r, userId: Number( f.state ), scope: f.scope ?? '', redirect };
	};

	const form = ( fields: Fields, intro: string ): string =>
		`${ intro }<form method="post" action="/jetpack.authorize/1/">${ Object.entries(
			fields
		)
			.map( ( [ k, v ] ) => hidden( k, v ?? '' ) )
			.join( '' ) }<button type="submit">Approve</button></form>`;

	return async ( wp: FastifyInstance ): Promise< void > => {
		wp.get< { Querystring: Fields } >(
			'/jetpack.authorize/1/',
			async ( req, reply ) => {
				const q = req.query;
				reply.type( 'text/html; charset=utf-8' );
				const title = 'Approve the Jetpack connection';
				if ( q.site !== undefined ) {
					const found = state.findPending( q.site, q.token ?? '' );
					if ( found === null ) {
						return linkExpired( reply );
					}
					return page(
						title,
						form(
							{
								site: q.site,
								token: q.token,
								partner_redirect: q.partner_redirect ?? '',
							},
							`<p>Connect <strong>${ escapeHtml(
								found.r.siteurl
							) }</strong> to WordPress.com as <strong>${ escapeHtml(
								found.p.localUser
							) }</strong> to activate <strong>${ escapeHtml(
								found.p.plan
							) }</strong>.</p>`
						)
					);
				}
				const link = siteLink( q );
				if ( link === null ) {
					return linkExpired( reply );
				}
				return page(
					title,
					form(
						q,
						`<p>Connect <strong>${ escapeHtml(
							link.r.siteurl
						) }</strong> to WordPress.com as <strong>${ escapeHtml(
							q.user_login ?? ''
						) }</strong>.</p>`
					)
				);
			}
		);

		wp.post< { Body: Fields | undefined } >(
			'/jetpack.authorize/1/',
			async ( req, reply ) => {
				const f = req.body ?? {};
				reply.type( 'text/html; charset=utf-8' );
				if ( f.site === undefined ) {
					const link = siteLink( f );
					if ( link === null ) {
						return linkExpired( reply );
					}
					const code = o.protocol.issueCode(
						link.r,
						link.userId,
						link.scope
					);
					const back = new URL( link.redirect );
					back.searchParams.set( 'code', code );
					back.searchParams.set( 'state', String( link.userId ) );
					return reply.redirect( back.toString(), 302 );
				}

				const found = state.findPending( f.site, f.token ?? '' );
				if ( found === null ) {
					return linkExpired( reply );
				}
				const auth = found.p.authorize;
				if ( auth === undefined ) {
					// An explicit case B (no site behind it): WordPress.com only records the connection.
					state.connected( found.r );
				} else {
					const done = await o.protocol.remoteAuthorize(
						found.r,
						auth.userId,
						auth.secret,
						auth.scope,
						auth.redirectUri
					);
					if ( ! done.ok ) {
						return reply
							.code( 502 )
							.send(
								page(
									'Could not reach your site',
									`<p>WordPress.com could not connect your site: ${ escapeHtml(
										done.message
									) }. Try again later.</p>`
								)
							);
					}
				}
				const redirect = f.partner_redirect ?? '';
				if ( o.isAllowedRedirect( redirect ) ) {
					return reply.redirect( redirect, 302 );
				}
				return page(
					'Connected',
					`<p>${ escapeHtml(
						found.r.siteurl
					) } is connected to WordPress.com.</p>`
				);
			}
		);
	};
}
