#!/usr/bin/env bash
# npm run lint: ESLint and Prettier on the TypeScript, tsc --noEmit on every TypeScript
# project, php -l, the WordPress Coding Standards and PHPStan (level 8) on the PHP, and the
# translation template's freshness. The groups run side by side (they share nothing); each one's output is
# printed whole, in order, once all have finished; the exit code is 1 when any group failed.
#
#   npm run lint                  every group
#   npm run lint -- php           the groups that need only PHP and Composer's packages (phpstan,
#                                 php_checks): .ci/run runs them while npm ci installs node_modules
#   npm run lint -- node          the others (eslint, prettier, typescript, translations)
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

case "${1:-all}" in
	php) groups=(phpstan php_checks) ;;
	node) groups=(eslint prettier typescript translations) ;;
	all) groups=(eslint prettier typescript phpstan php_checks translations) ;;
	*) echo "lint: no such part: $1 (all, php or node)" >&2; exit 2 ;;
esac

if [ "${1:-all}" != php ]; then [ -d node_modules ] || npm ci || exit 1; fi
[ -d vendor ] || composer install --no-interaction --no-progress || exit 1
# PHPStan reads the Jetpack classes the plugin calls from the test Jetpack's real packages.
[ -f tests/jetpack/vendor/autoload_packages.php ] || composer install -d tests/jetpack --no-interaction --no-progress || exit 1

ts_dirs=(src host-service tests/wpcom-simulator tests/e2e tests/reliability scripts/bench tests/summarize.mjs playwright.config.ts jest.config.js webpack.config.js)
for f in scripts/*.mjs tests/release/*.mjs; do [ -e "$f" ] && ts_dirs+=("$f"); done

eslint() {
	echo "== ESLint"
	npx wp-scripts lint-js "${ts_dirs[@]}"
}
prettier() {
	echo "== Prettier"
	local code_files=() d
	for d in "${ts_dirs[@]}"; do
		if [ -d "$d" ]; then code_files+=("$d/**/*.{ts,tsx,js,mjs}"); else code_files+=("$d"); fi
	done
	npx prettier --check "${code_files[@]}"
}
typescript() {
	echo "== TypeScript"
	local project
	# host-service/tsconfig.test.json extends the service's tsconfig.json and takes in its sources
	# and the simulator's (tests/wpcom-simulator), with options as strict as either project's own:
	# checking those two projects again cost 19 s of CPU for nothing (npm run build and npm test
	# build the service with its own tsconfig.json anyway).
	for project in tsconfig.json host-service/tsconfig.test.json tests/e2e/tsconfig.json tests/reliability/tsconfig.json scripts/bench/tsconfig.json; do
		if [ -f "$project" ]; then
			npx tsc --noEmit -p "$project" || return 1
			echo "tsc: $project clean"
		fi
	done
}
phpstan() {
	echo "== PHPStan"
	node scripts/phpstan-stubs.mjs || return 1
	vendor/bin/phpstan analyse --no-progress --memory-limit=768M
}
php_checks() {
	echo "== PHP syntax"
	local php_errors
	php_errors=$(git ls-files -co --exclude-standard '*.php' | xargs -n 40 php -l -n 2>&1 | grep -v '^No syntax errors' || true)
	if [ -n "$php_errors" ]; then
		echo "$php_errors"
		return 1
	fi
	echo "== PHP coding standards"
	vendor/bin/phpcs --config-set installed_paths "$PWD/vendor/wp-coding-standards/wpcs" >/dev/null
	vendor/bin/phpcs -q || return 1
}
translations() {
	echo "== Translation template"
	node scripts/make-pot.mjs --check
}

logs="$(mktemp -d)"
trap 'rm -rf "$logs"' EXIT
pids=()
for g in "${groups[@]}"; do
	"$g" >"$logs/$g.log" 2>&1 &
	pids+=($!)
done
failed=()
for i in "${!groups[@]}"; do
	wait "${pids[$i]}" || failed+=("${groups[$i]}")
done
for g in "${groups[@]}"; do cat "$logs/$g.log"; done
if [ "${#failed[@]}" -gt 0 ]; then
	echo "lint: failed: ${failed[*]}"
	exit 1
fi
echo "lint: clean"
