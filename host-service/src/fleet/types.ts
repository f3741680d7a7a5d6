/**
 * What the fleet view keeps per site (one `jsc_sites` row) and the states it shows a host.
 * fleet/state.ts decides every field from the events; nothing else writes them.
 */

/** The states on the fleet page (docs/host-service-contract.md §10 lists them for sites). */
export const FLEET_STATES = [
	'active',
	'awaiting_authorization',
	'awaiting_dns',
	'expired',
	'failed',
	'orphaned',
	'cancelled',
	'not_requested',
] as const;
export type FleetState = ( typeof FLEET_STATES )[ number ];

export const isFleetState = ( s: unknown ): s is FleetState =>
	typeof s === 'string' &&
	( FLEET_STATES as readonly string[] ).includes( s );

/** One check result as a site reports it (contract §9). */
export interface ReportedCheck {
	id: string;
	status: 'pass' | 'warn' | 'fail' | 'skip';
	code?: string | null;
}

/** The body of `POST /v1/report` (contract §9), as validated by its schema. */
export interface SiteReport {
	siteurl: string;
	reason: 'daily' | 'changed' | 'activated';
	plugin_version: string;
	wp_version: string;
	jetpack: {
		installed: boolean;
		active: boolean;
		version: string | null;
		connected: boolean;
		has_owner: boolean;
		offline_mode: boolean;
	};
	provisioning: {
		state: string;
		plan: string | null;
		error_code: string | null;
		pending_expires_at: string | null;
		updated_at: string | null;
	};
	checks?: ReportedCheck[];
}

export interface SiteRow {
	site: string;
	state: FleetState;
	error_code: string | null;
	plan: string | null;
	local_user: string | null;
	next_url: string;
	provisioned_by: 'site' | 'host' | null;
	forced_register: boolean;
	provisioned_at: Date | null;
	pending_expires_at: Date | null;
	renewals: number;
	cancelled_at: Date | null;
	last_event_at: Date | null;
	last_checked_at: Date | null;
	next_check_at: Date | null;
	report: SiteReport | null;
	reported_at: Date | null;
	failing_checks: string[];
	created_at: Date;
	updated_at: Date;
}

/** A row as written: what state.ts decides, without the bookkeeping columns. */
export type SiteFields = Omit< SiteRow, 'site' | 'created_at' | 'updated_at' >;

/** One line of a site's history (`jsc_site_events`). */
export interface HistoryEntry {
	id: number;
	at: Date;
	kind: string;
	outcome: string;
	http_status: number | null;
	plan: string | null;
	request_id: string | null;
	detail: Record< string, unknown >;
}
