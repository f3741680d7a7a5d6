import type { Database } from '../../src/db/index.js';
import { recountFleet } from '../../src/fleet/counters.js';

/**
 * `n` site rows in one statement, spread over every fleet state the way a real fleet might be
 * (most active, a tail pending, some failed by code, some reporting failing checks), with
 * activity over the last 30 days. Returns how long the insert took (ms).
 * @param db
 * @param n
 * @param now
 */
export async function seedSites(
	db: Database,
	n: number,
	now: number
): Promise< number > {
	const started = Date.now();
	// One bulk insert with the counters' row triggers off, then the counters counted once: the
	// triggers would cost a counter update per row (minutes on PGlite for 100,000 rows).
	await db.exec( 'ALTER TABLE jsc_sites DISABLE TRIGGER USER' );
	await db.query(
		`INSERT INTO jsc_sites (site, state, error_code, plan, local_user, provisioned_by,
			provisioned_at, pending_expires_at, failing_checks, last_event_at, next_check_at, updated_at)
		 SELECT
			'https://site' || i || '.fleet-bench.example',
			CASE WHEN i % 100 < 60 THEN 'active'
				WHEN i % 100 < 75 THEN 'awaiting_authorization'
				WHEN i % 100 < 80 THEN 'awaiting_dns'
				WHEN i % 100 < 88 THEN 'failed'
				WHEN i % 100 < 92 THEN 'orphaned'
				WHEN i % 100 < 96 THEN 'cancelled'
				ELSE 'not_requested' END,
			CASE WHEN i % 100 BETWEEN 80 AND 87 THEN (ARRAY['invalid_siteurl','invalid_plan','host_upstream_timeout','activation_limit_reached'])[1 + i % 4] END,
			'jetpack-backup-daily',
			'user' || (i % 5000),
			CASE WHEN i % 3 = 0 THEN 'host' ELSE 'site' END,
			$1::timestamptz - (i % 30) * interval '1 day',
			CASE WHEN i % 100 BETWEEN 60 AND 79 THEN $1::timestamptz + ((i % 20) - 4) * interval '1 day' END,
			CASE WHEN i % 50 = 0 THEN ARRAY['xmlrpc'] WHEN i % 71 = 0 THEN ARRAY['https','loopback'] ELSE '{}'::text[] END,
			$1::timestamptz - (i % 43200) * interval '1 minute',
			CASE WHEN i % 100 BETWEEN 60 AND 79 THEN $1::timestamptz + (i % 360) * interval '1 minute' END,
			$1::timestamptz - (i % 43200) * interval '1 minute'
		 FROM generate_series(1, $2::int) AS i
		 ON CONFLICT (site) DO NOTHING`,
		[ new Date( now ), n ]
	);
	await db.exec( 'ALTER TABLE jsc_sites ENABLE TRIGGER USER' );
	await recountFleet( db );
	await db.exec( 'ANALYZE jsc_sites' );
	return Date.now() - started;
}
