#!/usr/bin/env bash
# After the suites ran: no secret may appear in any log they produced — WordPress's debug log,
# the PHP server's log, the host service's and the simulator's logs. Secrets checked: the site
# key (wp-config), the master secret and the partner client secret (host service environment).
# Writes artifacts/results/secrets.json for the summary.
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="$ROOT/artifacts/results/secrets.json"

site_key=$(sed -nE "s/.*JETPACK_START_COMPANION_SITE_KEY[\"'], *[\"']([0-9a-f]{64})[\"'].*/\1/p" "$ROOT/.cache/wp/jsc-config.php")
master=$(sed -nE 's/.*JSC_MASTER_SECRET=([^ ]+).*/\1/p' "$ROOT/tests/services.sh")
partner=$(sed -nE 's/.*SIM_CLIENT_SECRET=([^ ]+).*/\1/p' "$ROOT/tests/services.sh")
logs=("$ROOT"/.cache/*.log "$ROOT"/.cache/services/*.log)

passed=0
failed=0
for secret in "$site_key" "$master" "$partner"; do
	if [ -z "$secret" ]; then
		echo "secret scan: could not read one of the secrets to look for" >&2
		failed=$((failed + 1))
	elif grep -lF -- "$secret" "${logs[@]}" 2>/dev/null; then
		echo "secret scan: a secret appears in the log(s) above" >&2
		failed=$((failed + 1))
	else
		passed=$((passed + 1))
	fi
done
echo "secret scan: 3 secrets looked for in ${#logs[@]} logs ($(cat "${logs[@]}" 2>/dev/null | wc -l) lines): $passed absent, $failed found or unreadable"
printf '{"passed": %d, "failed": %d}\n' "$passed" "$failed" >"$OUT"
[ "$failed" -eq 0 ]
