import { ApiError, hostError } from '../lib/errors.js';
import { readSiteStatus, type SiteStatus } from '../lib/plans.js';
import type { WpcomClient } from './client.js';

/**
 * What WordPress.com's v1.4 status says of one plan on one site, in the contract's terms
 * (§4). A site WordPress.com does not know has the plan `missing`.
 * @param wpcom
 * @param site
 * @param plan
 */
export async function siteStatus(
	wpcom: WpcomClient,
	site: string,
	plan: string
): Promise< SiteStatus > {
	let body: Record< string, unknown >;
	try {
		body = await wpcom.status( site );
	} catch ( e ) {
		if (
			e instanceof ApiError &&
			e.source === 'wpcom' &&
			e.status === 404 &&
			e.code === 'unknown_blog'
		) {
			return { planOnSite: 'missing', connected: false };
		}
		throw e;
	}
	const read = readSiteStatus( body, plan );
	if ( read === null ) {
		throw hostError.upstreamMalformed(
			'WordPress.com answered the status request with an undocumented shape.'
		);
	}
	return read;
}
