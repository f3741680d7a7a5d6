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
	/** run in order, in one transaction */
	statements: readonly string[];
}

const PENDING = `state IN ('awaiting_authorization', 'awaiting_dns')`;

export const MIGRATIONS: readonly Migration[] = [
	{
		version: 1,
		name: 'sites, events, counts, rate',
		statements: [
			'CREATE EXTENSION IF NOT EXISTS pg_trgm',
			`CREATE TABLE jsc_sites (
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
)`,
			'CREATE INDEX jsc_sites_updated ON jsc_sites (updated_at DESC, site)',
			'CREATE INDEX jsc_sites_state ON jsc_sites (state, updated_at DESC, site)',
			`CREATE INDEX jsc_sites_pending_check ON jsc_sites (next_check_at) WHERE ${ PENDING }`,
			`CREATE INDEX jsc_sites_pending_expiry ON jsc_sites (state, pending_expires_at) WHERE ${ PENDING }`,
			'CREATE INDEX jsc_sites_site_trgm ON jsc_sites USING gin (site gin_trgm_ops)',
			'CREATE INDEX jsc_sites_failing_checks ON jsc_sites USING gin (failing_checks)',
			'CREATE INDEX jsc_sites_local_user ON jsc_sites (local_user)',
			'CREATE INDEX jsc_sites_error_code ON jsc_sites (error_code, updated_at DESC) WHERE error_code IS NOT NULL',
			`CREATE TABLE jsc_site_events (
	id bigserial PRIMARY KEY,
	site text NOT NULL,
	at timestamptz NOT NULL,
	kind text NOT NULL,
	outcome text NOT NULL,
	http_status integer,
	plan text,
	request_id text,
	detail jsonb NOT NULL DEFAULT '{}'
)`,
			'CREATE INDEX jsc_site_events_site ON jsc_site_events (site, id DESC)',
			`CREATE TABLE jsc_rate (
	name text PRIMARY KEY,
	next_at timestamptz NOT NULL
)`,
			// The fleet page's counts, kept by triggers as rows change, so a page over 100,000
			// sites reads a few rows instead of counting them all.
			`CREATE TABLE jsc_state_counts (
	state text NOT NULL,
	error_code text NOT NULL,
	sites integer NOT NULL,
	PRIMARY KEY (state, error_code)
)`,
			`CREATE TABLE jsc_check_counts (
	check_id text PRIMARY KEY,
	sites integer NOT NULL
)`,
			// One statement per table, its rows in key order: concurrent writers lock counters in
			// the same order, so they wait for each other instead of deadlocking.
			`CREATE FUNCTION jsc_sites_counted() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
	o_state text;
	o_code text;
	o_checks text[] := '{}';
	n_state text;
	n_code text;
	n_checks text[] := '{}';
BEGIN
	IF TG_OP <> 'INSERT' THEN
		o_state := OLD.state;
		o_code := coalesce(OLD.error_code, '');
		o_checks := OLD.failing_checks;
	END IF;
	IF TG_OP <> 'DELETE' THEN
		n_state := NEW.state;
		n_code := coalesce(NEW.error_code, '');
		n_checks := NEW.failing_checks;
	END IF;
	INSERT INTO jsc_state_counts AS c (state, error_code, sites)
		SELECT s, e, sum(d)::int FROM (VALUES (o_state, o_code, -1), (n_state, n_code, 1)) AS x (s, e, d)
		WHERE s IS NOT NULL GROUP BY s, e ORDER BY s, e
		ON CONFLICT (state, error_code) DO UPDATE SET sites = c.sites + EXCLUDED.sites;
	INSERT INTO jsc_check_counts AS c (check_id, sites)
		SELECT f, sum(d)::int FROM (
			SELECT DISTINCT unnest(o_checks), -1
			UNION ALL SELECT DISTINCT unnest(n_checks), 1
		) AS x (f, d)
		GROUP BY f ORDER BY f
		ON CONFLICT (check_id) DO UPDATE SET sites = c.sites + EXCLUDED.sites;
	RETURN NULL;
END
$$`,
			`CREATE TRIGGER jsc_sites_counted_insert_delete AFTER INSERT OR DELETE ON jsc_sites
	FOR EACH ROW EXECUTE FUNCTION jsc_sites_counted()`,
			`CREATE TRIGGER jsc_sites_counted_update AFTER UPDATE ON jsc_sites
	FOR EACH ROW WHEN (OLD.state IS DISTINCT FROM NEW.state
		OR OLD.error_code IS DISTINCT FROM NEW.error_code
		OR OLD.failing_checks IS DISTINCT FROM NEW.failing_checks)
	EXECUTE FUNCTION jsc_sites_counted()`,
		],
	},
];

export const SCHEMA_VERSION = MIGRATIONS[ MIGRATIONS.length - 1 ]?.version ?? 0;
