import type { FastifyInstance } from 'fastify';
import {
	bearerCheck,
	sendError,
	transportScenarios,
} from './partner-common.js';
import { PRODUCT_SLUGS, type ScenarioBook } from './scenarios.js';
import type { WpcomState } from './wpcom-state.js';

/**
 * The partner's v1.4 status and v1.3 cancel routes (docs/jetpack-start-api.md §1): what
 * WordPress.com's records say about the site's connection and products.
 */

export interface PartnerStatusOptions {
	state: WpcomState;
	scenarios: ScenarioBook;
	tokens: ReadonlySet< string >;
	sleep: ( ms: number ) => Promise< void >;
}

type Form = Record< string, string > | undefined;

export function partnerStatus( o: PartnerStatusOptions ) {
	const { state } = o;
	const requireToken = bearerCheck( o.tokens );
	const transport = transportScenarios( o.sleep );
	return async ( wp: FastifyInstance ): Promise< void > => {
		wp.get< { Params: { site: string } } >(
			'/rest/v1.4/jpphp/:site/status',
			async ( req, reply ) => {
				if ( requireToken( req, reply ) === null ) {
					return reply;
				}
				const r = state.byParam( req.params.site );
				const t = await transport(
					o.scenarios.get( r?.siteurl ),
					reply
				);
				if ( t.answered ) {
					return reply;
				}
				if ( r === undefined ) {
					return sendError(
						reply,
						404,
						'unknown_blog',
						'Unknown blog',
						'error'
					);
				}
				state.dropExpired( r );
				return {
					blog: {
						is_connected: r.connected,
						has_backups_credentials: false,
					},
					products: [ ...r.products.values() ].map( ( p ) => ( {
						slug:
							PRODUCT_SLUGS[ p.plan ] ??
							p.plan.replace( /-/g, '_' ),
						is_provisioned_by_partner: true,
						is_provisioned_by_calling_partner: true,
						is_pending: p.pending,
					} ) ),
				};
			}
		);

		wp.post< { Params: { site: string }; Body: Form } >(
			'/rest/v1.3/jpphp/:site/partner-cancel',
			async ( req, reply ) => {
				if ( requireToken( req, reply ) === null ) {
					return reply;
				}
				const r = state.byParam( req.params.site );
				if ( r === undefined ) {
					return sendError(
						reply,
						404,
						'unknown_blog',
						'Unknown blog',
						'error'
					);
				}
				const f = req.body ?? {};
				const all = f[ 'cancel-all' ];
				if ( all !== undefined && all !== '' && all !== '0' ) {
					r.products.clear();
				} else if ( f.plan !== undefined && r.products.has( f.plan ) ) {
					r.products.delete( f.plan );
				} else {
					// What WordPress.com answers when the site had no such plan: not an error,
					// nothing to retry (docs/jetpack-start-api.md §1).
					return { success: false };
				}
				return { success: true };
			}
		);
	};
}
