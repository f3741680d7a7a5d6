#!/usr/bin/env bash
# A private PostgreSQL 15 server (Debian's postgresql-15) for the host service's fleet tests and
# benchmarks, on loopback only, like MariaDB and Redis:
#
#   tests/env/postgres.sh up      initdb on first use (.cache/postgres), start, wait until ready
#   tests/env/postgres.sh down    stop it (fast shutdown)
#   tests/env/postgres.sh url     print the superuser URL (postgres://postgres@127.0.0.1:5433/postgres)
#   tests/env/postgres.sh status  running or stopped
#
# The server runs as Debian's `postgres` user (it refuses to run as root), trusts loopback
# connections (nothing else can reach it) and keeps no durability it does not need (fsync off).
# Tests create one database each and drop it. Needs tests/env/install-system.sh first.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
CACHE="${JSC_CACHE_DIR:-$ROOT/.cache}"
DATA="$CACHE/postgres"
LOG="$CACHE/postgres.log"
PORT="${JSC_PG_PORT:-5433}"
BIN=/usr/lib/postgresql/15/bin
URL="postgres://postgres@127.0.0.1:$PORT/postgres"

log() { printf '[postgres.sh] %s\n' "$*"; }
die() { printf '[postgres.sh] ERROR: %s\n' "$*" >&2; exit 1; }
as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
ready() { "$BIN/pg_isready" -q -h 127.0.0.1 -p "$PORT" -U postgres; }

case "${1:-}" in
up)
	[ -x "$BIN/postgres" ] || die "PostgreSQL 15 not found: run tests/env/install-system.sh."
	if ready; then
		log "running: $URL"
		exit 0
	fi
	if [ ! -f "$DATA/PG_VERSION" ]; then
		rm -rf "$DATA" && mkdir -p "$DATA"
		[ "$(id -u)" -eq 0 ] && chown postgres:postgres "$DATA"
		as_pg "$BIN/initdb" -D "$DATA" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$LOG" 2>&1 \
			|| die "initdb failed; see $LOG"
	fi
	[ "$(id -u)" -eq 0 ] && touch "$LOG" && chown postgres:postgres "$LOG"
	as_pg "$BIN/pg_ctl" -D "$DATA" -l "$LOG" -w -t 30 start \
		-o "-c listen_addresses=127.0.0.1 -p $PORT -c unix_socket_directories='' -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
		>/dev/null || die "PostgreSQL did not start; see $LOG"
	log "ready: $URL"
	;;
down)
	if [ -f "$DATA/postmaster.pid" ]; then
		as_pg "$BIN/pg_ctl" -D "$DATA" -m fast -w -t 30 stop >/dev/null 2>&1 || true
	fi
	;;
url) echo "$URL" ;;
status) if ready; then echo "postgres: running ($URL)"; else echo "postgres: stopped"; fi ;;
*)
	echo "usage: $0 up|down|url|status" >&2
	exit 2
	;;
esac
