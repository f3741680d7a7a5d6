#!/usr/bin/env bash
# The fleet test environment: how hosts run the plugin beyond one plain site. One docroot
# (.cache/wp-fleet, WordPress core hard-linked from tests/env's docroot) and one PHP server on
# 127.0.0.1:8893 serve, by host name (tests/env/fleet/wp-config.php):
#
#   http://127.0.0.1:8893/ (+ /shop/, /blog/)     subdirectory network, companion network-activated
#   http://net.jsc.test:8893/ (+ shop., blog.)    subdomain network, companion active per site
#   http://cli.jsc.test:8893/                     single site (WP-CLI)
#   http://mu.jsc.test:8893/                      single site, companion as a must-use plugin
#   http://zip.jsc.test:8893/                     fresh single site, companion not installed
#
#   tests/env/fleet.sh up       (after or without tests/env/wp.sh up: it runs it) idempotent
#   tests/env/fleet.sh reset [db...]  fleet databases (default all: jsc_fleet_dir, _sub, _cli, _mu, _zip)
#                               back to their fresh install, plugins re-copied
#   tests/env/fleet.sh down     stop the fleet's PHP server (MariaDB is tests/env/wp.sh's)
#   tests/env/fleet.sh urls     the site URLs, one a line
#
# Users: admin/password (super admin on the networks), ownerN/password (administrator of
# subsite N only), editor1/password on the single sites. Site keys: derived from the test master
# secret per site URL and written to .cache/wp-fleet-site-keys.php, the map the host writes
# (JETPACK_START_COMPANION_SITE_KEYS). The *.jsc.test names resolve to 127.0.0.1 through curl's
# resolve option in PHP and --host-resolver-rules in Chromium; nothing touches /etc/hosts.
set -euo pipefail
FLEET_ENV_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=tests/env/wp.sh
source "$FLEET_ENV_DIR/wp.sh"

FLEET_PORT=8893
FLEET="$CACHE/wp-fleet"
FLEET_PID="$CACHE/wp-fleet-server.pid"
FLEET_LOG="$CACHE/wp-fleet-server.log"
FLEET_DUMPS="$CACHE/db-fresh-fleet"
FLEET_KEYS="$CACHE/wp-fleet-site-keys.php"
FLEET_FILES="$FLEET_ENV_DIR/fleet"
MASTER_SECRET=test-master-secret-not-for-production-0123456789

DIR_NET="http://127.0.0.1:$FLEET_PORT"
SUB_NET="http://net.jsc.test:$FLEET_PORT"
DIR_SITES=("$DIR_NET/shop" "$DIR_NET/blog")
SUB_SITES=("http://shop.net.jsc.test:$FLEET_PORT" "http://blog.net.jsc.test:$FLEET_PORT")
CLI_SITE="http://cli.jsc.test:$FLEET_PORT"
MU_SITE="http://mu.jsc.test:$FLEET_PORT"
ZIP_SITE="http://zip.jsc.test:$FLEET_PORT"
FLEET_DBS=(jsc_fleet_dir jsc_fleet_sub jsc_fleet_cli jsc_fleet_mu jsc_fleet_zip)

flog() { printf '[fleet.sh] %s\n' "$*"; }

all_urls() {
	printf '%s\n' "$DIR_NET" "${DIR_SITES[@]}" "$SUB_NET" "${SUB_SITES[@]}" "$CLI_SITE" "$MU_SITE" "$ZIP_SITE"
}

# The plugin's runtime files (the release zip's list), copied: a must-use install is a copy.
plugin_copy() { # destination
	rm -rf "$1" && mkdir -p "$1"
	(cd "$ROOT" && node scripts/plugin-zip.mjs --list | xargs cp --parents -t "$1")
}

build_fleet_core() {
	local want have
	want="$(cat "$DOCROOT/.jsc-core")"
	have="$(cat "$FLEET/.jsc-core" 2>/dev/null || true)"
	if [ "$want" != "$have" ]; then
		flog "linking WordPress core into $FLEET"
		mkdir -p "$FLEET"
		find "$FLEET" -mindepth 1 -maxdepth 1 ! -name 'wp-content*' -exec rm -rf {} +
		(cd "$DOCROOT" && find . -mindepth 1 -maxdepth 1 ! -name 'wp-content' ! -name wp-config.php ! -name jsc-config.php ! -name .jsc-core -print0 \
			| xargs -0 cp -al -t "$FLEET")
		echo "$want" > "$FLEET/.jsc-core"
	fi
	cp "$FLEET_FILES/wp-config.php" "$FLEET/wp-config.php"
}

# wp-content (networks, cli), wp-content-mu, wp-content-zip: Jetpack as tests/env has it today.
sync_fleet_content() {
	local content
	for content in wp-content wp-content-mu wp-content-zip; do
		local dir="$FLEET/$content"
		mkdir -p "$dir"/{plugins,themes,uploads,upgrade}
		[ -d "$dir/themes/twentytwentyfive" ] || cp -a "$WP_CONTENT/themes/twentytwentyfive" "$dir/themes/"
		find "$dir/plugins" -mindepth 1 -maxdepth 1 -exec rm -rf {} +
		cp -a "$WP_CONTENT/plugins/jetpack" "$dir/plugins/jetpack"
		[ -f "$WP_CONTENT/plugins/index.php" ] && cp "$WP_CONTENT/plugins/index.php" "$dir/plugins/"
		rm -rf "$dir/mu-plugins" && mkdir -p "$dir/mu-plugins"
		# The offline-site settings every test site shares, and the fleet's own (jsc-test-env.php
		# belongs to tests/env's single site and its run-time switches).
		cp -a "$ENV_DIR/mu-plugins/jsc-offline-site.php" "$FLEET_FILES"/mu-plugins/*.php "$dir/mu-plugins/"
		find "$dir/uploads" -mindepth 1 -delete
	done
	ln -sfn "$ROOT" "$FLEET/wp-content/plugins/jetpack-start-companion"
	# Must-use: the plugin's folder, and the one-line loader the README documents.
	plugin_copy "$FLEET/wp-content-mu/mu-plugins/jetpack-start-companion"
	printf "<?php require __DIR__ . '/jetpack-start-companion/plugin.php';\n" > "$FLEET/wp-content-mu/mu-plugins/jetpack-start-companion.php"
}

write_site_keys() {
	local urls
	mapfile -t urls < <(all_urls)
	php -r '
		$secret = $argv[1];
		$out = "<?php\n// Site URL => key, as a host writes it for JETPACK_START_COMPANION_SITE_KEYS (tests/env/fleet.sh).\nreturn array(\n";
		foreach ( array_slice( $argv, 2 ) as $url ) {
			$out .= "\t" . var_export( $url, true ) . " => " . var_export( hash_hmac( "sha256", "jsc-site-key-v1\n" . $url, $secret ), true ) . ",\n";
		}
		file_put_contents( getenv( "JSC_KEYS_FILE" ), $out . ");\n" );
	' -- "$MASTER_SECRET" "${urls[@]}"
}

fleet_php() { php -d display_errors=stderr "$FLEET_FILES/setup.php" "$@"; }

fleet_fingerprint() {
	{
		cat "$FLEET/.jsc-core"
		sha1sum "$FLEET_FILES/setup.php" "$FLEET_FILES/wp-config.php" "$0"
		find "$WP_CONTENT/plugins/jetpack" -type f -print0 | sort -z | xargs -0 sha1sum
	} | sha1sum | cut -c1-40
}

install_fleet() {
	local fp
	fp="$(fleet_fingerprint)"
	if [ "${JSC_FORCE_REINSTALL:-0}" != 1 ] && [ "$(cat "$FLEET_DUMPS/fingerprint" 2>/dev/null)" = "$fp" ]; then
		local missing=0 db
		for db in "${FLEET_DBS[@]}"; do
			[ -n "$(mysql_root -N -e "SHOW TABLES FROM \`$db\` LIKE 'wp_options'" 2>/dev/null)" ] || missing=1
		done
		[ "$missing" = 0 ] && return 0
	fi
	flog "installing the fleet sites"
	local db
	for db in "${FLEET_DBS[@]}"; do
		mysql_root -e "DROP DATABASE IF EXISTS \`$db\`; CREATE DATABASE \`$db\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;"
	done
	JSC_FLEET_INSTALLING=1 fleet_php install "$DIR_NET" subdirectory
	JSC_FLEET_INSTALLING=1 fleet_php install "$SUB_NET" subdomain
	JSC_FLEET_INSTALLING=1 fleet_php install "$CLI_SITE"
	JSC_FLEET_INSTALLING=1 fleet_php install "$MU_SITE"
	JSC_FLEET_INSTALLING=1 fleet_php install "$ZIP_SITE"
	fleet_php network "$DIR_NET" "${DIR_SITES[@]}"
	fleet_php network "$SUB_NET" "${SUB_SITES[@]}"
	fleet_php single "$CLI_SITE" jetpack/jetpack.php jetpack-start-companion/plugin.php
	fleet_php single "$MU_SITE" jetpack/jetpack.php
	fleet_php single "$ZIP_SITE" jetpack/jetpack.php
	mkdir -p "$FLEET_DUMPS"
	for db in "${FLEET_DBS[@]}"; do
		mariadb-dump --no-defaults --socket="$MARIADB_SOCK" -uroot --single-transaction --skip-comments \
			--add-drop-table --databases "$db" > "$FLEET_DUMPS/$db.sql"
	done
	echo "$fp" > "$FLEET_DUMPS/fingerprint"
}

reset_fleet() { # [database...] (default: all)
	local db dbs=("$@")
	[ "${#dbs[@]}" -gt 0 ] || dbs=("${FLEET_DBS[@]}")
	{
		for db in "${dbs[@]}"; do
			echo "DROP DATABASE IF EXISTS \`$db\`;"
			cat "$FLEET_DUMPS/$db.sql"
		done
	} | mysql_root || die "restoring the fleet databases failed."
	sync_fleet_content
	rm -f "$CACHE/wp-fleet-extra.php"
}

start_fleet_php() {
	if pid_alive "$FLEET_PID"; then return 0; fi
	port_in_use "$FLEET_PORT" && die "port $FLEET_PORT is taken by another process (not the fleet's PHP server)."
	flog "starting the fleet PHP server on 127.0.0.1:$FLEET_PORT (log $FLEET_LOG)"
	(
		exec 9>&-
		cd "$FLEET"
		PHP_CLI_SERVER_WORKERS=4 exec setsid php -d opcache.enable_cli=1 -d opcache.validate_timestamps=1 -d opcache.revalidate_freq=0 -d display_errors=0 -d log_errors=1 \
			-S "127.0.0.1:$FLEET_PORT" -t "$FLEET" "$FLEET_FILES/router.php" </dev/null >>"$FLEET_LOG" 2>&1
	) &
	echo $! > "$FLEET_PID"
	local i code=""
	for i in $(seq 1 100); do
		code="$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$DIR_NET/wp-login.php" || true)"
		[ "$code" = 200 ] && return 0
		sleep 0.1
	done
	die "the fleet PHP server does not answer (last HTTP code $code; log $FLEET_LOG)."
}

stop_fleet_php() {
	pid_alive "$FLEET_PID" || { rm -f "$FLEET_PID"; return 0; }
	local pid
	pid="$(cat "$FLEET_PID")"
	kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
	local i
	for i in $(seq 1 50); do proc_running "$pid" || break; sleep 0.1; done
	proc_running "$pid" && kill -KILL -- "-$pid" 2>/dev/null
	rm -f "$FLEET_PID"
}

case "${1:-}" in
	up)
		# One `up` at a time: npm test starts it beside PHPUnit's first suites, and the fleet
		# tests' own `up` waits here for it instead of building the same sites at once. No
		# server started here keeps the lock's descriptor (9>&-), or the lock would outlive
		# this `up` and the next one would wait for ever.
		mkdir -p "$CACHE"
		exec 9>"$CACHE/fleet-up.lock"
		flock 9
		"$ENV_DIR/wp.sh" up >/dev/null 9>&-
		build_fleet_core
		sync_fleet_content
		JSC_KEYS_FILE="$FLEET_KEYS" write_site_keys
		install_fleet
		reset_fleet
		start_fleet_php
		flog "ready: $DIR_NET (subdirectory network), $SUB_NET (subdomain network), $CLI_SITE, $MU_SITE, $ZIP_SITE"
		;;
	reset)
		shift
		reset_fleet "$@"
		flog "fleet databases reset${*:+: $*}"
		;;
	down)
		stop_fleet_php
		flog "stopped"
		;;
	urls)
		all_urls
		;;
	*)
		sed -n '2,/^[^#]/p' "$0" | grep '^#' | sed 's/^# \{0,1\}//'
		exit 2
		;;
esac
