import fp from 'fastify-plugin';
import type { SiteReport } from '../../fleet/types.js';
import type { StoredResponse } from '../../stores/types.js';

/**
 * One step in a site's history: what the service learned in a signed request (a provision,
 * a status check, a report) or did itself (a background re-check or renewal, a host's cancel
 * or provision). The fleet view's database (plugins/app/database.ts) records every one;
 * fleet/state.ts decides what each does to the site's record.
 */
export interface SiteEvent {
	site: string;
	kind:
		| 'provision'
		| 'status'
		| 'report'
		| 'recheck'
		| 'renew'
		| 'cancel'
		| 'host_provision';
	plan: string | null;
	/** 'active' | 'awaiting_authorization' | 'awaiting_dns' for provisions, the plan_on_site for status, 'cancelled' | 'nothing_to_cancel' for a cancel, 'reported' for a report, or an error code */
	outcome: string;
	/** the HTTP status the site was answered (or WordPress.com answered a job) */
	status: number;
	localUser?: string;
	forcedRegister?: boolean;
	/** no provision call was made: replayed, or answered from WordPress.com's status */
	replayed?: boolean;
	/** the link relayed with a provision answer (contract §7 already applied) */
	nextUrl?: string;
	provisionedAt?: string | null;
	pendingExpiresAt?: string | null;
	/** the body of a report (contract §9) */
	report?: SiteReport;
	/** free detail for the history (an error message, who acted) */
	detail?: Record< string, unknown >;
	requestId: string | null;
	at: string;
}

/**
 * What a provision answer (the site's, or a job's) adds to its step: the outcome or error
 * code, the status, and the offer's link and dates.
 * @param response
 */
export function provisionAnswer(
	response: StoredResponse
): Pick<
	SiteEvent,
	| 'outcome'
	| 'status'
	| 'forcedRegister'
	| 'nextUrl'
	| 'provisionedAt'
	| 'pendingExpiresAt'
> {
	const b = response.body;
	const text = ( v: unknown ): string | null =>
		typeof v === 'string' ? v : null;
	return {
		outcome: String( b.outcome ?? b.error_code ),
		status: response.status,
		forcedRegister: b.forced_register === true,
		nextUrl: text( b.next_url ) ?? '',
		provisionedAt: text( b.provisioned_at ),
		pendingExpiresAt: text( b.pending_expires_at ),
	};
}

export interface SiteEventSink {
	/** Must not throw and must not hold the answer up (queue, then write). */
	record: ( event: SiteEvent ) => void;
}

/**
 * `app.siteEvents`: the fleet database's writer when the service keeps one
 * (plugins/app/database.ts, registered first), else what the caller passed, else nowhere.
 */
export default fp< { siteEvents?: SiteEventSink } >(
	async ( app, opts ) => {
		app.decorate(
			'siteEvents',
			opts.siteEvents ??
				( app.fleet === null
					? { record: () => undefined }
					: app.fleet.writer )
		);
	},
	{ name: 'jsc-site-events', dependencies: [ 'jsc-database' ] }
);
