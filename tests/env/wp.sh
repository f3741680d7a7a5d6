#!/usr/bin/env bash
# The WordPress test environment: one entry point.
#
#   tests/env/wp.sh up         build the docroot, start MariaDB and the PHP server, install WordPress
#                              (idempotent; fast when everything is already there)
#   tests/env/wp.sh down       stop the PHP server and MariaDB
#   tests/env/wp.sh reset [db] [extra.sql]
#                              put a database (default jsc_e2e; or jsc_phpunit) back to its freshly
#                              installed state, and the plugins folder back to its initial content;
#                              then run extra.sql in it (the e2e fixture puts its admin's log-in back)
#   tests/env/wp.sh sessions [db]  the SQL that puts back the log-in sessions stored in db now
#   tests/env/wp.sh reinstall  drop and reinstall both databases (new fresh dumps)
#   tests/env/wp.sh web-server '<json>' | off
#                              switch the PHP server hostile at run time (tests/env/web-server-switches.php)
#   tests/env/wp.sh status     what is running
#
# Site: http://127.0.0.1:8889 (admin/password, editor1/password, author1/password).
# MariaDB: 127.0.0.1:3307, user jsc/jsc, databases jsc_e2e and jsc_phpunit, datadir .cache/mariadb.
# The docroot's wp-config.php picks the database from JSC_WP_DB (default jsc_e2e).
# Needs tests/env/install-system.sh to have run first.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
ENV_DIR="$ROOT/tests/env"
CACHE="${JSC_CACHE_DIR:-$ROOT/.cache}"
DEB_WP="$CACHE/wordpress-deb/usr/share/wordpress"
DEB_ROOT="$CACHE/wordpress-deb"
DOCROOT="$CACHE/wp"
WP_CONTENT="$DOCROOT/wp-content"

SITE_HOST=127.0.0.1
SITE_PORT=8889
SITE_URL="http://$SITE_HOST:$SITE_PORT"
DB_PORT=3307
DB_USER=jsc
DB_PASS=jsc
DATABASES=(jsc_e2e jsc_phpunit)

MARIADB_DIR="$CACHE/mariadb"
MARIADB_CNF="$CACHE/mariadb.cnf"
MARIADB_LOG="$CACHE/mariadb.log"
MARIADB_PID="$MARIADB_DIR/mariadbd.pid"
PHP_PID="$CACHE/php-server.pid"
PHP_LOG="$CACHE/php-server.log"
DUMP_DIR="$CACHE/db-fresh"
SWITCHES="$CACHE/web-server.json" # run-time switches of the PHP server (web-server-switches.php)

# The socket must fit in sun_path (108 bytes): fall back to /tmp for deep checkouts.
MARIADB_SOCK="$CACHE/mariadb.sock"
if [ "${#MARIADB_SOCK}" -gt 100 ]; then
	MARIADB_SOCK="/tmp/jsc-mariadb-$(printf '%s' "$CACHE" | sha1sum | cut -c1-12).sock"
fi

log() { printf '[wp.sh] %s\n' "$*"; }
die() { printf '[wp.sh] ERROR: %s\n' "$*" >&2; exit 1; }

mysql_root() { mariadb --no-defaults --socket="$MARIADB_SOCK" -uroot "$@"; }

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# A process is running when it exists and is not a zombie (our daemons are re-parented to init,
# which may take a moment to reap them).
proc_running() {
	local state
	state="$(ps -o stat= -p "$1" 2>/dev/null || true)"
	[ -n "$state" ] && [ "${state#Z}" = "$state" ]
}

pid_alive() { [ -f "$1" ] && proc_running "$(cat "$1")"; }

# ---------------------------------------------------------------------------------------
# Docroot
# ---------------------------------------------------------------------------------------
fix_symlinks() {
	# Debian's WordPress links some bundled libraries to the system copies with paths relative
	# to /usr/share/wordpress. Re-point each link at the copy unpacked beside WordPress
	# (.cache/wordpress-deb, e.g. trixie's php-getid3) or else at the system one.
	local link target rel resolved
	while IFS= read -r -d '' link; do
		target="$(readlink "$link")"
		rel="${link#"$DOCROOT"/}"
		case "$target" in
			/*) resolved="$target" ;;
			*) resolved="$(realpath -m "/usr/share/wordpress/$(dirname "$rel")/$target")" ;;
		esac
		if [ -e "$DEB_ROOT$resolved" ]; then
			ln -sfn "$DEB_ROOT$resolved" "$link"
		elif [ -e "$resolved" ]; then
			ln -sfn "$resolved" "$link"
		else
			die "$rel links to $resolved, which is missing (run tests/env/install-system.sh)."
		fi
	done < <(find "$DOCROOT" -path "$WP_CONTENT" -prune -o -type l -print0)
}

build_core() {
	[ -f "$DEB_WP/wp-includes/version.php" ] || die "WordPress is not unpacked in $DEB_ROOT: run tests/env/install-system.sh first."
	local want have
	want="$(cat "$DEB_ROOT/.complete") $(sha1sum "$0" | cut -c1-12)"
	have="$(cat "$DOCROOT/.jsc-core" 2>/dev/null || true)"
	[ "$want" = "$have" ] && return 0

	log "building docroot $DOCROOT from $DEB_WP"
	mkdir -p "$DOCROOT"
	# Remove the previous core, keep wp-content and our config files.
	find "$DOCROOT" -mindepth 1 -maxdepth 1 \
		! -name wp-content ! -name wp-config.php ! -name jsc-config.php -exec rm -rf {} +
	# Copy the core (not symlinks: WordPress derives ABSPATH from the real path of wp-load.php).
	(cd "$DEB_WP" && find . -mindepth 1 -maxdepth 1 ! -name wp-content ! -name wp-config.php ! -name .htaccess -print0 \
		| xargs -0 cp -a -t "$DOCROOT")
	fix_symlinks
	echo "$want" > "$DOCROOT/.jsc-core"
}

write_config() {
	local salts="$CACHE/wp-salts.php"
	if [ ! -s "$salts" ]; then
		php -r '
			$out = "<?php\n// Random salts of this test environment (generated once by tests/env/wp.sh).\n";
			foreach ( array( "AUTH_KEY", "SECURE_AUTH_KEY", "LOGGED_IN_KEY", "NONCE_KEY", "AUTH_SALT", "SECURE_AUTH_SALT", "LOGGED_IN_SALT", "NONCE_SALT" ) as $k ) {
				$out .= "define( " . var_export( $k, true ) . ", " . var_export( bin2hex( random_bytes( 32 ) ), true ) . " );\n";
			}
			file_put_contents( $argv[1], $out );
		' "$salts"
	fi

	local tmp="$DOCROOT/wp-config.php.tmp"
	cat > "$tmp" <<PHP
<?php
/**
 * WordPress configuration of the Jetpack Start Companion test environment.
 * Generated by tests/env/wp.sh: edits are overwritten. Plugin constants go in jsc-config.php.
 *
 * The database is chosen by the JSC_WP_DB constant or environment variable (default jsc_e2e),
 * so a PHPUnit bootstrap can load this same file for jsc_phpunit.
 */

\$jsc_wp_db = defined( 'JSC_WP_DB' ) ? (string) JSC_WP_DB : (string) ( getenv( 'JSC_WP_DB' ) ?: 'jsc_e2e' );
// The test web server can be switched to another database at run time (tests/env/web-server-switches.php).
if ( 'cli-server' === PHP_SAPI ) {
	require_once '$ENV_DIR/web-server-switches.php';
	\$jsc_wp_db = (string) ( jsc_web_server_switches( false, __DIR__ )['database'] ?? \$jsc_wp_db );
}
if ( ! preg_match( '/^jsc_[a-z0-9_]{1,48}\$/', \$jsc_wp_db ) ) {
	header( 'HTTP/1.1 500 Internal Server Error' );
	exit( "JSC_WP_DB must look like jsc_<name>.\\n" );
}

define( 'DB_NAME', \$jsc_wp_db );
define( 'DB_USER', '$DB_USER' );
define( 'DB_PASSWORD', '$DB_PASS' );
define( 'DB_HOST', '127.0.0.1:$DB_PORT' );
define( 'DB_CHARSET', 'utf8mb4' );
define( 'DB_COLLATE', '' );

require __DIR__ . '/../wp-salts.php';

\$table_prefix = 'wp_';

define( 'WP_DEBUG', true );
define( 'WP_DEBUG_LOG', dirname( __DIR__ ) . '/wp-debug.log' );
define( 'WP_DEBUG_DISPLAY', false );
define( 'SCRIPT_DEBUG', false );
define( 'DISABLE_WP_CRON', true );
define( 'AUTOMATIC_UPDATER_DISABLED', true );
define( 'WP_AUTO_UPDATE_CORE', false );
define( 'WP_HTTP_BLOCK_EXTERNAL', true );
define( 'WP_ACCESSIBLE_HOSTS', '127.0.0.1,localhost' );
define( 'FS_METHOD', 'direct' );

// Jetpack's connection package talks to WordPress.com at these bases (read through
// Automattic\\Jetpack\\Constants): here the WordPress.com simulator of tests/services.sh.
// For the "site_host" switch: the site key of another site URL, derived as the host service does.
define( 'JSC_TEST_ENV_DIR', '$ENV_DIR' );
define( 'JSC_TEST_MASTER_SECRET', 'test-master-secret-not-for-production-0123456789' );
define( 'JETPACK__API_BASE', 'http://127.0.0.1:8791/jetpack.' );
define( 'JETPACK__WPCOM_JSON_API_BASE', 'http://127.0.0.1:8791' );

if ( is_file( __DIR__ . '/jsc-config.php' ) ) {
	require __DIR__ . '/jsc-config.php';
}

if ( ! defined( 'ABSPATH' ) ) {
	define( 'ABSPATH', __DIR__ . '/' );
}

require_once ABSPATH . 'wp-settings.php';
PHP
	if cmp -s "$tmp" "$DOCROOT/wp-config.php"; then rm -f "$tmp"; else mv "$tmp" "$DOCROOT/wp-config.php"; fi

	# Written again when it predates a constant the tests read (the host's logo, 0.2.0).
	if [ ! -f "$DOCROOT/jsc-config.php" ] || ! grep -q JETPACK_START_COMPANION_HOST_LOGO_URL "$DOCROOT/jsc-config.php"; then
		php -r '
			$key = hash_hmac( "sha256", "jsc-site-key-v1\n" . $argv[2], "test-master-secret-not-for-production-0123456789" );
			$out = <<<CFG
<?php
/**
 * Jetpack Start Companion constants of the test site (default written by tests/env/wp.sh;
 * kept when it exists). Required by wp-config.php.
 */
define( "JETPACK_START_COMPANION_SERVICE_URL", "http://127.0.0.1:8790" );
// hex HMAC-SHA256(key = test master secret, msg = "jsc-site-key-v1\\n" . site URL).
define( "JETPACK_START_COMPANION_SITE_KEY", "$key" );
define( "JETPACK_START_COMPANION_ALLOW_HTTP_LOOPBACK", true );
define( "JETPACK_START_COMPANION_PLAN", "jetpack-backup-daily" );
define( "JETPACK_START_COMPANION_PLAN_LABEL", "Jetpack Backup" );
define( "JETPACK_START_COMPANION_HOST_NAME", "Example Hosting" );
define( "JETPACK_START_COMPANION_HOST_LOGO_URL", "$argv[2]/wp-admin/images/w-logo-blue.png" );
define( "JETPACK_START_COMPANION_PARTNER_REDIRECT", true );

CFG;
			file_put_contents( $argv[1], $out );
		' "$DOCROOT/jsc-config.php" "$SITE_URL"
	fi
}

# Plugins folder: our plugin (symlink to the repository), the test Jetpack (tests/jetpack: Jetpack's
# real connection packages) and the Boost fixture (copies), Akismet as shipped with WordPress.
# Anything else is removed.
sync_content() {
	mkdir -p "$WP_CONTENT"/{plugins,themes,uploads,upgrade,mu-plugins}
	[ -f "$WP_CONTENT/index.php" ] || printf '<?php\n// Silence is golden.\n' > "$WP_CONTENT/index.php"

	if [ ! -d "$WP_CONTENT/themes/twentytwentyfive" ]; then
		cp -a "$DEB_WP/wp-content/themes/twentytwentyfive" "$WP_CONTENT/themes/"
	fi

	local p
	for p in "$WP_CONTENT"/plugins/* "$WP_CONTENT"/plugins/.[!.]*; do
		[ -e "$p" ] || [ -L "$p" ] || continue
		case "$(basename "$p")" in
			jetpack-start-companion|jetpack|jetpack-boost|akismet|index.php) ;;
			*) rm -rf "$p" ;;
		esac
	done
	ln -sfn "$ROOT" "$WP_CONTENT/plugins/jetpack-start-companion"
	rm -rf "$WP_CONTENT/plugins/jetpack" "$WP_CONTENT/plugins/jetpack-boost"
	[ -f "$ROOT/tests/jetpack/vendor/autoload_packages.php" ] \
		|| die "tests/jetpack/vendor is missing: run 'composer install -d tests/jetpack' (npm test does) outside the network namespace."
	cp -a "$ROOT/tests/jetpack" "$WP_CONTENT/plugins/jetpack"
	rm -f "$WP_CONTENT/plugins/jetpack/composer.json"
	cp -a "$ROOT/tests/fixtures/jetpack-boost-stand-in" "$WP_CONTENT/plugins/jetpack-boost"
	# Boost bundles the same connection package as Jetpack (and the same Jetpack autoloader).
	cp -a "$ROOT/tests/jetpack/vendor" "$WP_CONTENT/plugins/jetpack-boost/vendor"
	[ -d "$WP_CONTENT/plugins/akismet" ] || cp -a "$DEB_WP/wp-content/plugins/akismet" "$WP_CONTENT/plugins/"
	[ -f "$WP_CONTENT/plugins/index.php" ] || cp -a "$DEB_WP/wp-content/plugins/index.php" "$WP_CONTENT/plugins/"

	rm -rf "$WP_CONTENT/mu-plugins"
	mkdir -p "$WP_CONTENT/mu-plugins"
	cp -a "$ENV_DIR"/mu-plugins/*.php "$WP_CONTENT/mu-plugins/"
}

# ---------------------------------------------------------------------------------------
# MariaDB
# ---------------------------------------------------------------------------------------
start_mariadb() {
	command -v mariadbd >/dev/null || [ -x /usr/sbin/mariadbd ] || die "mariadbd not found: run tests/env/install-system.sh."
	if mariadb-admin --no-defaults --socket="$MARIADB_SOCK" -uroot ping >/dev/null 2>&1; then
		return 0
	fi
	port_in_use "$DB_PORT" && die "port $DB_PORT is taken by another process (not our MariaDB)."

	cat > "$MARIADB_CNF" <<CNF
[mariadbd]
datadir=$MARIADB_DIR
socket=$MARIADB_SOCK
pid-file=$MARIADB_PID
log-error=$MARIADB_LOG
port=$DB_PORT
bind-address=127.0.0.1
skip-name-resolve
user=root
character-set-server=utf8mb4
collation-server=utf8mb4_unicode_ci
innodb_buffer_pool_size=128M
innodb_log_file_size=48M
innodb_flush_log_at_trx_commit=2
# A throw-away test database that the tests drop and re-create all the time (each e2e test's
# reset of jsc_e2e: 12 tables, ~210 fdatasync calls): tables in the system tablespace instead of
# a file each, and no syncing to disk. Measured per reset: file per table 0.5-0.9 s, without
# 0.12-0.44 s; no sync 1.64 s -> 0.94-1.14 s at load average 12.
innodb_file_per_table=OFF
innodb_flush_method=nosync
skip-innodb-doublewrite
skip-log-bin
performance_schema=OFF
max_connections=100
CNF

	if [ ! -f "$MARIADB_DIR/.jsc-initialized" ]; then
		log "initialising MariaDB datadir $MARIADB_DIR"
		rm -rf "$MARIADB_DIR"
		mkdir -p "$MARIADB_DIR"
		mariadb-install-db --defaults-file="$MARIADB_CNF" --user=root --datadir="$MARIADB_DIR" \
			--auth-root-authentication-method=socket --skip-test-db >"$CACHE/mariadb-install.log" 2>&1 \
			|| { tail -n 20 "$CACHE/mariadb-install.log" >&2; die "mariadb-install-db failed (log: $CACHE/mariadb-install.log)."; }
		touch "$MARIADB_DIR/.jsc-initialized"
	fi

	log "starting MariaDB on 127.0.0.1:$DB_PORT (socket $MARIADB_SOCK)"
	setsid mariadbd --defaults-file="$MARIADB_CNF" </dev/null >>"$MARIADB_LOG" 2>&1 &
	local i
	for i in $(seq 1 150); do
		mariadb-admin --no-defaults --socket="$MARIADB_SOCK" -uroot ping >/dev/null 2>&1 && return 0
		sleep 0.1
	done
	tail -n 20 "$MARIADB_LOG" >&2
	die "MariaDB did not start within 15 s (log: $MARIADB_LOG)."
}

stop_mariadb() {
	if ! mariadb-admin --no-defaults --socket="$MARIADB_SOCK" -uroot ping >/dev/null 2>&1; then
		return 0
	fi
	local pid=""
	[ -f "$MARIADB_PID" ] && pid="$(cat "$MARIADB_PID")"
	log "stopping MariaDB"
	mariadb-admin --no-defaults --socket="$MARIADB_SOCK" -uroot shutdown || true
	local i
	for i in $(seq 1 300); do
		if [ -z "$pid" ] || ! proc_running "$pid"; then return 0; fi
		sleep 0.1
	done
	log "MariaDB still running after 30 s: sending TERM to $pid"
	kill "$pid" 2>/dev/null || true
}

ensure_databases() {
	local sql="CREATE USER IF NOT EXISTS '$DB_USER'@'127.0.0.1' IDENTIFIED BY '$DB_PASS';
CREATE USER IF NOT EXISTS '$DB_USER'@'localhost' IDENTIFIED BY '$DB_PASS';"
	local db
	for db in "${DATABASES[@]}"; do
		sql+="
CREATE DATABASE IF NOT EXISTS \`$db\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;"
	done
	# jsc_% lets tests create further scratch databases.
	sql+="
GRANT ALL PRIVILEGES ON \`jsc\\_%\`.* TO '$DB_USER'@'127.0.0.1';
GRANT ALL PRIVILEGES ON \`jsc\\_%\`.* TO '$DB_USER'@'localhost';"
	mysql_root -e "$sql" || die "could not create the databases/user."
}

# ---------------------------------------------------------------------------------------
# WordPress install and fresh-state dumps
# ---------------------------------------------------------------------------------------
plugins_for() {
	# Plugins active in the fresh state of each database.
	case "$1" in
		jsc_e2e)
			echo "jetpack/jetpack.php"
			if [ -f "$ROOT/plugin.php" ]; then echo "jetpack-start-companion/plugin.php"; fi
			;;
		*) ;;
	esac
}

fingerprint() {
	{
		cat "$DOCROOT/.jsc-core"
		sha1sum "$ENV_DIR/setup-wp.php" "$DOCROOT/wp-config.php"
		find "$ROOT/tests/jetpack" -path "$ROOT/tests/jetpack/vendor" -prune -o -type f -print0 | sort -z | xargs -0 sha1sum
		cat "$ROOT/tests/jetpack/vendor/composer/installed.json" 2>/dev/null | sha1sum
		plugins_for "$1"
	} | sha1sum | cut -c1-40
}

wp_php() { JSC_WP_DB="$1" php -d display_errors=stderr "$ENV_DIR/setup-wp.php" "${@:2}"; }

install_db() {
	local db="$1"
	log "installing WordPress into $db"
	mysql_root -e "DROP DATABASE IF EXISTS \`$db\`; CREATE DATABASE \`$db\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;"
	wp_php "$db" install "$DOCROOT" "$SITE_URL" || die "WordPress install into $db failed."
	local plugins
	mapfile -t plugins < <(plugins_for "$db")
	if [ "${#plugins[@]}" -gt 0 ]; then
		wp_php "$db" activate "$DOCROOT" "$SITE_URL" "${plugins[@]}" || die "plugin activation in $db failed."
	fi
	if [ "$db" = jsc_e2e ] && [ ! -f "$ROOT/plugin.php" ]; then
		log "NOTE: $ROOT/plugin.php does not exist yet: jetpack-start-companion is not active (run 'wp.sh up' again once it exists)."
	fi
	mkdir -p "$DUMP_DIR"
	mariadb-dump --no-defaults --socket="$MARIADB_SOCK" -uroot --single-transaction --skip-comments \
		--add-drop-table --databases "$db" > "$DUMP_DIR/$db.sql.tmp" || die "mariadb-dump of $db failed."
	mv "$DUMP_DIR/$db.sql.tmp" "$DUMP_DIR/$db.sql"
	fingerprint "$db" > "$DUMP_DIR/$db.fingerprint"
}

ensure_installed() {
	local db
	for db in "${DATABASES[@]}"; do
		if [ "${JSC_FORCE_REINSTALL:-0}" = 1 ] \
			|| [ ! -s "$DUMP_DIR/$db.sql" ] \
			|| [ "$(cat "$DUMP_DIR/$db.fingerprint" 2>/dev/null)" != "$(fingerprint "$db")" ] \
			|| [ -z "$(mysql_root -N -e "SHOW TABLES FROM \`$db\` LIKE 'wp_options'")" ]; then
			install_db "$db"
		fi
	done
}

reset_db() {
	local db="${1:-jsc_e2e}" extra="${2:-}"
	[ -s "$DUMP_DIR/$db.sql" ] || die "no fresh dump for $db: run tests/env/wp.sh up first."
	[ -z "$extra" ] || [ -f "$extra" ] || die "no such SQL file: $extra"
	mariadb-admin --no-defaults --socket="$MARIADB_SOCK" -uroot ping >/dev/null 2>&1 || die "MariaDB is not running: run tests/env/wp.sh up."
	{
		echo "DROP DATABASE IF EXISTS \`$db\`;"
		cat "$DUMP_DIR/$db.sql"
		if [ -n "$extra" ]; then
			echo "USE \`$db\`;"
			cat "$extra"
		fi
	} | mysql_root || die "restoring $db failed."
	if [ "$db" = jsc_e2e ]; then
		rm -f "$SWITCHES"
		sync_content
		find "$WP_CONTENT/uploads" -mindepth 1 -delete
	fi
}

# ---------------------------------------------------------------------------------------
# PHP server
# ---------------------------------------------------------------------------------------
start_php() {
	if pid_alive "$PHP_PID"; then
		return 0
	fi
	port_in_use "$SITE_PORT" && die "port $SITE_PORT is taken by another process (not our PHP server)."
	log "starting PHP server on $SITE_URL (log $PHP_LOG)"
	(
		cd "$DOCROOT"
		JSC_WP_DB=jsc_e2e PHP_CLI_SERVER_WORKERS=4 exec setsid php \
			-d opcache.enable_cli=1 -d opcache.validate_timestamps=1 -d opcache.revalidate_freq=0 \
			-d display_errors=0 -d log_errors=1 -d ffi.enable=1 \
			-S "$SITE_HOST:$SITE_PORT" -t "$DOCROOT" "$ENV_DIR/router.php" </dev/null >>"$PHP_LOG" 2>&1
	) &
	echo $! > "$PHP_PID"
	local i code
	for i in $(seq 1 200); do
		code="$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$SITE_URL/wp-login.php" || true)"
		[ "$code" = 200 ] && return 0
		pid_alive "$PHP_PID" || { tail -n 20 "$PHP_LOG" >&2; die "the PHP server exited (log: $PHP_LOG)."; }
		sleep 0.1
	done
	die "the PHP server does not answer at $SITE_URL/wp-login.php (last HTTP code: $code; logs: $PHP_LOG, $CACHE/wp-debug.log)."
}

stop_php() {
	if ! pid_alive "$PHP_PID"; then
		rm -f "$PHP_PID"
		return 0
	fi
	local pid
	pid="$(cat "$PHP_PID")"
	log "stopping PHP server (pid $pid)"
	# setsid made it a process-group leader: stop it and its workers.
	kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
	local i
	for i in $(seq 1 50); do
		proc_running "$pid" || break
		sleep 0.1
	done
	if proc_running "$pid"; then kill -KILL -- "-$pid" 2>/dev/null || true; fi
	rm -f "$PHP_PID"
}

# ---------------------------------------------------------------------------------------
# Sourced by another script (tests/env/fleet.sh reuses these functions): define, run nothing.
if [ "${BASH_SOURCE[0]}" != "$0" ]; then return 0; fi

cmd="${1:-}"
case "$cmd" in
	up)
		[ "$(id -u)" -eq 0 ] || die "run as root (MariaDB runs as root with a private datadir)."
		mkdir -p "$CACHE"
		build_core
		write_config
		sync_content
		start_mariadb
		ensure_databases
		ensure_installed
		start_php
		log "ready: $SITE_URL (wp-admin: admin / password)"
		;;
	down)
		stop_php
		stop_mariadb
		log "stopped"
		;;
	reset)
		db="${2:-jsc_e2e}"
		case " ${DATABASES[*]} " in *" $db "*) ;; *) die "unknown database '$db' (one of: ${DATABASES[*]})." ;; esac
		reset_db "$db" "${3:-}"
		log "$db reset to the fresh install"
		;;
	sessions)
		# Log-in sessions are user meta (WP_Session_Tokens): the rows, as statements that replace them.
		mariadb-dump --no-defaults --socket="$MARIADB_SOCK" -uroot --skip-comments --no-create-info \
			--replace --skip-extended-insert --where="meta_key = 'session_tokens'" "${2:-jsc_e2e}" wp_usermeta \
			|| die "reading the sessions of ${2:-jsc_e2e} failed."
		;;
	reinstall)
		JSC_FORCE_REINSTALL=1 "$0" up
		;;
	web-server)
		# wp.sh web-server '{"xmlrpc":"403"}' | off | (nothing: print the switches in force)
		case "${2:-}" in
			"") cat "$SWITCHES" 2>/dev/null || echo '{}' ;;
			off) rm -f "$SWITCHES" ;;
			*)
				php -r 'exit( is_array( json_decode( $argv[1], true ) ) ? 0 : 1 );' "$2" || die "web-server takes a JSON object, e.g. '{\"xmlrpc\":\"403\"}'."
				printf '%s\n' "$2" > "$SWITCHES.tmp" && mv "$SWITCHES.tmp" "$SWITCHES"
				;;
		esac
		;;
	status)
		if pid_alive "$PHP_PID"; then echo "php: running (pid $(cat "$PHP_PID")) at $SITE_URL"; else echo "php: stopped"; fi
		if mariadb-admin --no-defaults --socket="$MARIADB_SOCK" -uroot ping >/dev/null 2>&1; then
			echo "mariadb: running on 127.0.0.1:$DB_PORT, socket $MARIADB_SOCK"
		else
			echo "mariadb: stopped"
		fi
		;;
	*)
		sed -n '2,/^[^#]/p' "$0" | grep '^#' | sed 's/^# \{0,1\}//'
		[ -z "$cmd" ] || exit 2
		;;
esac
