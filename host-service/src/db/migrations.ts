/**
 * The fleet view's schema, one migration per version, applied in order on start
 * (migrate.ts). Never edit a migration that has shipped: add the next one.
 *
 *   jsc_sites        one row per site: what the service knows of its plan now (fleet/state.ts
 *                    decides every column from the events), and the site's latest report
 *   jsc_site_events  every step, in order: signed requests and WordPress.com's answers,
 *                    reports, re-checks, renewals, host actions (a site's history)
 *   jsc_rate         the shared pace of calls to WordPress.com made by background jobs
 */
export interface Migration {
	version: number;
	name: string;
	sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
	{
		version: 1,
		name: 'sites, events, rate',
		sql: `
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE jsc_sites (
	site text PRIMARY KEY,
	state text NOT NULL DEFAULT 'not_requested',
	error_code text,
	plan text,
	local_user text,
	next_url text NOT NULL DEFAULT '',
	provisioned_by text,
	forced_register boolean NOT NULL DEFAULT false,
	provisioned_at timestamptz,
	pending_expires_at timestamptz,
	renewals integer NOT NULL DEFAULT 0,
	renewal_claimed_for timestamptz,
	cancelled_at timestamptz,
	last_event_at timestamptz,
	last_checked_at timestamptz,
	next_check_at timestamptz,
	report jsonb,
	reported_at timestamptz,
	failing_checks text[] NOT NULL DEFAULT '{}',
	created_at timestamptz NOT NULL DEFAULT now(),
	updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX jsc_sites_updated ON jsc_sites (updated_at DESC, site);
CREATE INDEX jsc_sites_state ON jsc_sites (state, updated_at DESC, site);
CREATE INDEX jsc_sites_pending_check ON jsc_sites (next_check_at)
	WHERE state IN ('awaiting_authorization', 'awaiting_dns');
CREATE INDEX jsc_sites_site_trgm ON jsc_sites USING gin (site gin_trgm_ops);
CREATE INDEX jsc_sites_failing_checks ON jsc_sites USING gin (failing_checks);
CREATE INDEX jsc_sites_local_user ON jsc_sites (local_user);

CREATE TABLE jsc_site_events (
	id bigserial PRIMARY KEY,
	site text NOT NULL,
	at timestamptz NOT NULL,
	kind text NOT NULL,
	outcome text NOT NULL,
	http_status integer,
	plan text,
	request_id text,
	detail jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX jsc_site_events_site ON jsc_site_events (site, id DESC);

CREATE TABLE jsc_rate (
	name text PRIMARY KEY,
	next_at timestamptz NOT NULL
);
`,
	},
];

export const SCHEMA_VERSION = MIGRATIONS[ MIGRATIONS.length - 1 ]?.version ?? 0;
