/**
 * The one place that knows how WordPress.com names the plans a site asks for (contract §4:
 * no WordPress.com product slug ever reaches the plugin).
 *
 * The provision API takes the plan slugs of the Jetpack Start documentation (`free`,
 * `personal`, `premium`, `professional`, `jetpack-backup-daily`, …); v1.4 status lists
 * products by WordPress.com's product slugs. The table is read from Automattic/jetpack:
 * - `projects/packages/plans/src/class-current-plan.php` (`Current_Plan::PLAN_DATA`): the
 *   plan classes and their product slugs; the class `business` is `jetpack_business`,
 *   which Jetpack sold as "Professional";
 * - `projects/plugins/wpcomsh/wpcom-features/class-wpcom-features.php`: the product slugs
 *   with their ids (`jetpack_premium` 2000, `jetpack_business` 2001, `jetpack_free` 2002,
 *   `jetpack_personal` 2005, `jetpack_backup_daily` 2100, `jetpack_backup_realtime` 2102,
 *   `jetpack_scan` 2106, `jetpack_anti_spam` 2110, each with a `_monthly` twin).
 */

export const WPCOM_PRODUCT_SLUGS: Readonly<
	Record< string, readonly string[] >
> = {
	free: [ 'jetpack_free' ],
	personal: [ 'jetpack_personal', 'jetpack_personal_monthly' ],
	premium: [ 'jetpack_premium', 'jetpack_premium_monthly' ],
	professional: [ 'jetpack_business', 'jetpack_business_monthly' ],
	'jetpack-backup-daily': [
		'jetpack_backup_daily',
		'jetpack_backup_daily_monthly',
	],
	'jetpack-backup-realtime': [
		'jetpack_backup_realtime',
		'jetpack_backup_realtime_monthly',
	],
	'jetpack-scan': [ 'jetpack_scan', 'jetpack_scan_monthly' ],
	'jetpack-anti-spam': [ 'jetpack_anti_spam', 'jetpack_anti_spam_monthly' ],
};

/**
 * WordPress.com's product slugs for a plan slug. A plan outside the documented list (a
 * host's plan policy may allow one) is looked for under WordPress.com's naming habit:
 * underscores, with and without the `jetpack_` prefix.
 * @param plan
 */
export function productSlugsFor( plan: string ): readonly string[] {
	const known = WPCOM_PRODUCT_SLUGS[ plan ];
	if ( known !== undefined ) {
		return known;
	}
	const underscored = plan.replace( /-/g, '_' );
	return underscored.startsWith( 'jetpack_' )
		? [ underscored ]
		: [ underscored, `jetpack_${ underscored }` ];
}

export type PlanOnSite = 'active' | 'pending' | 'missing';

export interface SiteStatus {
	planOnSite: PlanOnSite;
	connected: boolean;
}

const isRecord = ( v: unknown ): v is Record< string, unknown > =>
	typeof v === 'object' && v !== null && ! Array.isArray( v );

/**
 * Reads WordPress.com's v1.4 `jpphp/{site}/status` answer for one plan; null when the body
 * is not its documented shape (`blog{is_connected}`, `products[]{slug,is_pending}`).
 * @param body
 * @param plan
 */
export function readSiteStatus(
	body: unknown,
	plan: string
): SiteStatus | null {
	if ( ! isRecord( body ) || ! isRecord( body.blog ) ) {
		return null;
	}
	const connected = body.blog.is_connected;
	const products = body.products;
	if ( typeof connected !== 'boolean' || ! Array.isArray( products ) ) {
		return null;
	}
	if (
		products.some( ( p ) => ! isRecord( p ) || typeof p.slug !== 'string' )
	) {
		return null;
	}
	const slugs = productSlugsFor( plan );
	let planOnSite: PlanOnSite = 'missing';
	for ( const p of products as Record< string, unknown >[] ) {
		if ( slugs.includes( String( p.slug ) ) ) {
			// An active copy wins over a pending one.
			planOnSite = p.is_pending === true ? 'pending' : 'active';
			if ( planOnSite === 'active' ) {
				break;
			}
		}
	}
	return { planOnSite, connected };
}
