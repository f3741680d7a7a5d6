#!/usr/bin/env bash
# npm run lint: ESLint and Prettier on the TypeScript, tsc --noEmit on every TypeScript
# project, and php -l plus the WordPress Coding Standards on the PHP.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

[ -d node_modules ] || npm ci
[ -d vendor ] || composer install --no-interaction --no-progress

ts_dirs=(src host-service tests/wpcom-simulator tests/e2e tests/reliability scripts/bench tests/summarize.mjs playwright.config.ts jest.config.js)
for f in scripts/*.mjs tests/release/*.mjs; do [ -e "$f" ] && ts_dirs+=("$f"); done
echo "== ESLint"
npx wp-scripts lint-js "${ts_dirs[@]}"
echo "== Prettier"
code_files=()
for d in "${ts_dirs[@]}"; do
	if [ -d "$d" ]; then code_files+=("$d/**/*.{ts,tsx,js,mjs}"); else code_files+=("$d"); fi
done
npx prettier --check "${code_files[@]}"
echo "== TypeScript"
for project in tsconfig.json host-service/tsconfig.json host-service/tsconfig.test.json tests/wpcom-simulator/tsconfig.json tests/e2e/tsconfig.json tests/reliability/tsconfig.json scripts/bench/tsconfig.json; do
	[ -f "$project" ] && npx tsc --noEmit -p "$project" && echo "tsc: $project clean"
done
echo "== PHP syntax"
php_errors=$(git ls-files -co --exclude-standard '*.php' | xargs -n 40 php -l -n 2>&1 | grep -v '^No syntax errors' || true)
if [ -n "$php_errors" ]; then
	echo "$php_errors"
	exit 1
fi
echo "== PHP coding standards"
vendor/bin/phpcs --config-set installed_paths "$PWD/vendor/wp-coding-standards/wpcs" >/dev/null
vendor/bin/phpcs -q
echo "== Translation template"
node scripts/make-pot.mjs --check
echo "lint: clean"
