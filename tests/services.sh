#!/usr/bin/env bash
# Starts or stops the reference host service and the WordPress.com simulator on loopback for
# the PHPUnit and Playwright suites:
#   host service  http://127.0.0.1:8790  (built JavaScript, started as a host would: node dist/server.js)
#   simulator     http://127.0.0.1:8791
#   fleet page    http://127.0.0.1:8796/fleet (the service's admin listener; PGlite in .cache/services/service-data)
#   odd service   http://127.0.0.1:8795  (a misbehaving host service, tests/phpunit/fixtures/odd-service.php;
#                 what the site sent it is logged to .cache/services/odd-service-requests.log)
# `start redis` adds a second host service on http://127.0.0.1:8792 that keeps its stores in a
# throw-away redis-server on 127.0.0.1:6399, with a 1.5 s upstream deadline (the fault tests
# kill and restart it, and outlast its deadline).
# The master secret is the contract's test vector secret, so the site key in the test
# wp-config (tests/env) is the one the service derives. The simulator's authorize page is the
# only place case B links may point (contract §7).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RUN="$ROOT/.cache/services"
mkdir -p "$RUN"

export SIM_PORT=8791 SIM_HOST=127.0.0.1 SIM_CLIENT_ID=test-partner SIM_CLIENT_SECRET=test-partner-secret-0123456789
export JSC_HOST=127.0.0.1 JSC_PORT=8790 JSC_WPCOM_BASE_URL=http://127.0.0.1:8791 \
	JSC_MASTER_SECRET=test-master-secret-not-for-production-0123456789 \
	JSC_PARTNER_CLIENT_ID=$SIM_CLIENT_ID JSC_PARTNER_CLIENT_SECRET=$SIM_CLIENT_SECRET \
	JSC_AUTHORIZE_ORIGINS=http://127.0.0.1:8791 \
	JSC_DEFAULT_PLAN=jetpack-backup-daily JSC_ALLOWED_PLANS=jetpack-backup-daily,jetpack-scan,personal \
	JSC_DRAIN_DELAY_MS=0 JSC_LOG_LEVEL=${JSC_LOG_LEVEL:-info} \
	JSC_SITE_RATE_PER_MIN=6000 \
	JSC_DATA_DIR="$RUN/service-data" JSC_ADMIN_PORT=8796 \
	JSC_ADMIN_TOKEN=test-admin-token-not-for-production-0123456789
# (the site rate: every test signs as the same site, far faster than a real one)

wait_for() { # url (the service's first start creates its PGlite database: up to a minute)
	for _ in $(seq 1 600); do
		curl -fsS -o /dev/null "$1" 2>/dev/null && return 0
		sleep 0.1
	done
	echo "[services] $1 did not answer; see $RUN/*.log" >&2
	return 1
}

start_one() { # name, health url, command...
	local name=$1 url=$2
	shift 2
	if [ -f "$RUN/$name.pid" ] && kill -0 "$(cat "$RUN/$name.pid")" 2>/dev/null; then
		return 0
	fi
	(cd "$ROOT" && exec "$@") >"$RUN/$name.log" 2>&1 &
	echo $! >"$RUN/$name.pid"
	[ -z "$url" ] || wait_for "$url"
	echo "[services] $name ready: ${url%/*}"
}

stop_one() {
	local pid_file="$RUN/$1.pid"
	[ -f "$pid_file" ] || return 0
	local pid
	pid=$(cat "$pid_file")
	if kill -0 "$pid" 2>/dev/null; then
		kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
		for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
		kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
	fi
	rm -f "$pid_file"
}

case "${1:-}" in
start)
	built="$ROOT/host-service/dist/server.js"
	if [ ! -f "$built" ] || [ -n "$(find "$ROOT/host-service/src" -newer "$built" -print -quit)" ]; then
		npx tsc -p "$ROOT/host-service/tsconfig.json"
	fi
	start_one simulator "http://127.0.0.1:8791/__sim/calls" node --import tsx tests/wpcom-simulator/src/main.ts
	start_one host-service "http://127.0.0.1:8790/healthz" node host-service/dist/server.js
	# Its own process group (setsid): php -S's workers are stopped with it.
	start_one odd-service "http://127.0.0.1:8795/reply/204/" setsid env JSC_ODD_SERVICE_LOG="$RUN/odd-service-requests.log" \
		PHP_CLI_SERVER_WORKERS=4 php -d ffi.enable=1 -S 127.0.0.1:8795 tests/phpunit/fixtures/odd-service.php
	if [ "${2:-}" = redis ]; then
		start_one redis "" redis-server --bind 127.0.0.1 --port 6399 --save '' --appendonly no
		for _ in $(seq 1 50); do redis-cli -p 6399 ping >/dev/null 2>&1 && break; sleep 0.1; done
		start_one host-service-redis "http://127.0.0.1:8792/healthz" env JSC_PORT=8792 JSC_REDIS_URL=redis://127.0.0.1:6399/0 \
			JSC_ADMIN_TOKEN= JSC_JOBS=false JSC_DATA_DIR="$RUN/service-redis-data" \
			JSC_UPSTREAM_TIMEOUT_MS=1500 node host-service/dist/server.js
	fi
	;;
stop)
	stop_one host-service-redis
	stop_one redis
	stop_one odd-service
	stop_one host-service
	stop_one simulator
	;;
*)
	echo "usage: $0 start [redis]|stop" >&2
	exit 2
	;;
esac
