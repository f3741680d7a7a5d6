#!/usr/bin/env bash
# npm test: installs what the suites need (Debian packages, WordPress, npm and Composer
# packages), builds, starts the services on loopback, runs every suite, stops what it started
# and closes with one line: "N passed, N failed, N skipped".
#
#   panel         Jest + Testing Library            src/**/test
#   host service  node:test over real sockets       host-service/test (fleet suites on PGlite and PostgreSQL)
#   plugin        PHPUnit on WordPress + MariaDB     tests/phpunit   (real host service + simulator;
#                                                   Fleet/: networks, must-use, zip, WP-CLI via tests/env/fleet.sh)
#   browser       Playwright in Debian's Chromium    tests/e2e       (screenshots: artifacts/screenshots)
#   reliability   node:test over HTTP to the real site  tests/reliability (figures: artifacts/results/reliability)
#   release       node:test                         tests/release   (.wp-env.json under the pinned wp-env)
#   PHP versions  Playground, PHP 8.1 and newest     scripts/php-versions-smoke.mjs (the main flow; with
#                                                   JSC_TEST_PHP_VERSIONS=1, in a lane of its own; alone:
#                                                   npm run test:php-versions)
#   secrets       no secret in any log the suites left behind
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
RESULTS="$ROOT/artifacts/results"
rm -rf "$RESULTS" && mkdir -p "$RESULTS"

step() { printf '\n== %s\n' "$*"; }
# Each step's wall time and CPU seconds (user + system, of the step's own processes once they
# have ended; servers it leaves running are not counted): CPU is what a step cost the machine,
# which a busy machine distorts less than wall time. The step runs in a subshell of its own, so
# that `times` sees its processes and no other lane's.
timed() { # name, command...
	local name=$1 start=$SECONDS cpu_file="$RESULTS/.cpu.$BASHPID.$RANDOM"
	shift
	(
		"$@"
		rc=$?
		times >"$cpu_file"
		exit "$rc"
	)
	local rc=$?
	printf '%s: %ss (exit %s), %s s CPU\n' "$name" $((SECONDS - start)) "$rc" \
		"$(awk 'NR == 2 { for (i = 1; i <= 2; i++) { split($i, p, /[ms]/); s += p[1] * 60 + p[2] } } END { printf "%.1f", s }' "$cpu_file" 2>/dev/null)" \
		| tee -a "$RESULTS/timings.txt"
	rm -f "$cpu_file"
	return $rc
}

step "Install"
timed "install system packages and WordPress" bash tests/env/install-system.sh || exit 1
if [ ! -d node_modules/@wordpress/scripts ]; then timed "npm ci" npm ci || exit 1; fi
if [ ! -x vendor/bin/phpunit ]; then timed "composer install" composer install --no-interaction --no-progress || exit 1; fi
# The test Jetpack (Jetpack's real connection packages) has its own vendor/, so WordPress never
# loads the root's dev tools.
if [ ! -f tests/jetpack/vendor/autoload_packages.php ]; then
	timed "composer install (test Jetpack)" composer install -d tests/jetpack --no-interaction --no-progress || exit 1
fi

step "Build"
timed "build host service" npx tsc -p host-service/tsconfig.json >"$RESULTS/build-host-service.log" 2>&1 &
build_service_pid=$!
timed "build panel" npx wp-scripts build || exit 1
build_service_rc=0
wait "$build_service_pid" || build_service_rc=$?
cat "$RESULTS/build-host-service.log"
[ "$build_service_rc" -eq 0 ] || exit 1

cleanup() {
	[ -n "${standalone_pid:-}" ] && kill -- -"$standalone_pid" 2>/dev/null
	[ -n "${playground_pid:-}" ] && kill -- -"$playground_pid" 2>/dev/null
	bash tests/env/fleet.sh down >/dev/null 2>&1
	bash tests/services.sh stop
	bash tests/env/wp.sh down >/dev/null 2>&1
	bash tests/env/postgres.sh down >/dev/null 2>&1
}
trap cleanup EXIT

# Lanes, so the suites that need no WordPress (each on its own ports: Jest, the host
# service's own servers on ephemeral ports, the wp-env config, Playground on 9410-9412) run
# while the WordPress suites wait on PHP and the browser. The standalone lane's output is
# printed once it has finished, after the WordPress lane's.
STANDALONE_LOG="$RESULTS/standalone-lane.log"
standalone_lane() {
	# The WordPress lane is the longer one: this lane gives way to it on a busy CPU.
	renice -n 10 "$BASHPID" >/dev/null
	step "Panel (Jest)"
	timed "jest" npx wp-scripts test-unit-js --config jest.config.js --json --outputFile="$RESULTS/jest.json"

	step "Host service (node:test)"
	timed "host service tests" node --import tsx --test \
		--test-reporter=spec --test-reporter-destination=stdout \
		--test-reporter=tap --test-reporter-destination="$RESULTS/host-service.tap" \
		host-service/test/*.test.ts

	step "Release (node:test): wp-env config"
	timed "release tests" node --test \
		--test-reporter=spec --test-reporter-destination=stdout \
		--test-reporter=tap --test-reporter-destination="$RESULTS/release.tap" \
		tests/release/*.test.mjs
}
# WordPress Playground runs PHP as WebAssembly: CPU-bound (no outgoing request; 2-4 s of CPU per
# WordPress request), so it gives way to the WordPress lane too, in a lane of its own beside the
# standalone one. Only with JSC_TEST_PHP_VERSIONS=1: its two versions cost about as much CPU as
# npm ci, more than a fresh clone's 10 minutes on two cores leave room for.
PHP_VERSIONS=$([ "${JSC_TEST_PHP_VERSIONS:-0}" = 1 ] && echo 1 || echo 0)
PLAYGROUND_LOG="$RESULTS/playground-lane.log"
playground_lane() {
	renice -n 10 "$BASHPID" >/dev/null
	step "PHP versions (Playground: 8.1 and the newest php-wasm offers)"
	timed "php versions smoke" node scripts/php-versions-smoke.mjs
}
# One PostgreSQL server for every fleet suite (each makes its own database); PGlite needs none.
timed "postgres up" bash tests/env/postgres.sh up || exit 1
JSC_TEST_DATABASE_URL="$(bash tests/env/postgres.sh url)"
export JSC_TEST_DATABASE_URL
set -m
standalone_lane >"$STANDALONE_LOG" 2>&1 &
standalone_pid=$!
if [ "$PHP_VERSIONS" = 1 ]; then
	playground_lane >"$PLAYGROUND_LOG" 2>&1 &
	playground_pid=$!
fi
set +m

step "Start WordPress, host service and simulator"
# The host service, simulator and Redis share nothing with WordPress and MariaDB: both start at once.
timed "services up" bash tests/services.sh start >"$RESULTS/services-up.log" 2>&1 &
services_up_pid=$!
timed "wp up" bash tests/env/wp.sh up || exit 1
services_up_rc=0
wait "$services_up_pid" || services_up_rc=$?
cat "$RESULTS/services-up.log"
[ "$services_up_rc" -eq 0 ] || exit 1
# The fleet's sites are for PHPUnit's last suite (Fleet/, whose own `fleet.sh up` waits for this
# one) and the network page's e2e test: they are built while the first suites run.
timed "fleet up (networks, must-use, zip sites)" bash tests/env/fleet.sh up >"$RESULTS/fleet-up.log" 2>&1 &
fleet_up_pid=$!

step "Plugin (PHPUnit)"
timed "phpunit" vendor/bin/phpunit --log-junit "$RESULTS/phpunit.xml"
fleet_up_rc=0
wait "$fleet_up_pid" || fleet_up_rc=$?
cat "$RESULTS/fleet-up.log"
[ "$fleet_up_rc" -eq 0 ] || exit 1

step "Browser (Playwright)"
timed "playwright" npx playwright test

step "Reliability and security (node:test over HTTP)"
timed "reliability" node --import tsx --test --test-concurrency=1 \
	--test-reporter=spec --test-reporter-destination=stdout \
	--test-reporter=tap --test-reporter-destination="$RESULTS/reliability.tap" \
	tests/reliability/*.test.ts

wait "$standalone_pid"
standalone_pid=
cat "$STANDALONE_LOG"
if [ -n "${playground_pid:-}" ]; then
	wait "$playground_pid"
	playground_pid=
	cat "$PLAYGROUND_LOG"
fi

step "No secret in any log"
bash tests/check-secrets-in-logs.sh

step "Summary"
node tests/summarize.mjs "$([ "$PHP_VERSIONS" = 1 ] && echo 8 || echo 7)"
