import fp from 'fastify-plugin';

/**
 * What the service learned about a site in one signed request: the seam where the fleet
 * view's database plugin (issue 9) records every request and WordPress.com answer.
 */
export interface SiteEvent {
	site: string;
	kind: 'provision' | 'status';
	plan: string;
	/** 'active' | 'awaiting_authorization' | 'awaiting_dns' for provisions, the plan_on_site for status, or an error code */
	outcome: string;
	/** the HTTP status the site was answered */
	status: number;
	localUser?: string;
	forcedRegister?: boolean;
	/** no provision call was made: replayed, or answered from WordPress.com's status */
	replayed?: boolean;
	pendingExpiresAt?: string | null;
	requestId: string;
	at: string;
}

export interface SiteEventSink {
	/** Must not throw and must not hold the answer up (queue, then write). */
	record: ( event: SiteEvent ) => void;
}

/** `app.siteEvents`: nowhere by default; a database plugin registered before the routes replaces it. */
export default fp< { siteEvents?: SiteEventSink } >(
	async ( app, opts ) => {
		app.decorate(
			'siteEvents',
			opts.siteEvents ?? { record: () => undefined }
		);
	},
	{ name: 'jsc-site-events' }
);
