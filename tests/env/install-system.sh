#!/usr/bin/env bash
# Installs what the WordPress test environment needs on a Debian 12 (bookworm) machine:
#   1. the system packages (MariaDB, PHP extensions, Chromium, Redis, PostgreSQL 15, the JS/PHP libraries
#      Debian's WordPress package links to, fonts for screenshots);
#   2. WordPress 6.8 from Debian trixie, downloaded with a private apt configuration (the
#      system's own sources and package lists are left alone) and unpacked into
#      .cache/wordpress-deb/.
# Idempotent: when everything is already there it only checks and exits (well under a second).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
CACHE="${JSC_CACHE_DIR:-$ROOT/.cache}"
TRIXIE_DIR="$CACHE/apt-trixie"
DEB_DIR="$CACHE/wordpress-deb"
# php-getid3 too: trixie's wordpress needs getid3 >= 1.9.23, bookworm has 1.9.22. It is unpacked
# beside WordPress and used by the docroot instead of the system copy.
WP_PACKAGES=(wordpress wordpress-theme-twentytwentyfive php-getid3)
SYSTEM_PACKAGES=(
	mariadb-server mariadb-client php8.2-cli php8.2-mysql php8.2-curl php8.2-xml php8.2-mbstring php8.2-intl
	php8.2-gd ca-certificates curl
	chromium redis-server postgresql-15 libjs-underscore libjs-lodash libjs-cropper php-getid3 fonts-liberation
)
APT_LISTS_MAX_AGE_MIN=$((60 * 24 * 7))

log() { printf '[install-system] %s\n' "$*"; }
die() { printf '[install-system] ERROR: %s\n' "$*" >&2; exit 1; }

[ "$(id -u)" -eq 0 ] || die "must run as root (apt-get and dpkg need it)."
command -v apt-get >/dev/null || die "apt-get not found: this script targets Debian 12 (bookworm)."

# ---------------------------------------------------------------------------------------
# 1. System packages
# ---------------------------------------------------------------------------------------
missing=()
for p in "${SYSTEM_PACKAGES[@]}"; do
	status="$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null || true)"
	[ "$status" = "installed" ] || missing+=("$p")
done

if [ "${#missing[@]}" -gt 0 ]; then
	log "installing: ${missing[*]}"
	# Refresh the package lists only when missing or older than a week.
	if ! find /var/lib/apt/lists -maxdepth 1 -name '*_Packages*' -mmin -"$APT_LISTS_MAX_AGE_MIN" 2>/dev/null | grep -q .; then
		log "apt lists missing or stale: apt-get update"
		apt-get update -q || die "apt-get update failed."
	fi
	# Do not let the packages start their services: we run our own private instances.
	policy_rc_created=0
	if [ ! -e /usr/sbin/policy-rc.d ]; then
		printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d
		policy_rc_created=1
	fi
	set +e
	DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
	rc=$?
	set -e
	[ "$policy_rc_created" -eq 1 ] && rm -f /usr/sbin/policy-rc.d
	[ "$rc" -eq 0 ] || die "apt-get install failed (exit $rc) for: ${missing[*]}"
else
	log "system packages already installed."
fi

# ---------------------------------------------------------------------------------------
# 2. WordPress from Debian trixie, unpacked into .cache/wordpress-deb
# ---------------------------------------------------------------------------------------
if [ -f "$DEB_DIR/.complete" ] && [ -f "$DEB_DIR/usr/share/wordpress/wp-includes/version.php" ] \
	&& [ "$(cat "$DEB_DIR/.packages" 2>/dev/null)" = "${WP_PACKAGES[*]}" ]; then
	log "WordPress already unpacked: $(cat "$DEB_DIR/.complete")"
	exit 0
fi

mkdir -p "$TRIXIE_DIR/lists/partial" "$TRIXIE_DIR/cache/archives/partial" "$TRIXIE_DIR/debs" "$TRIXIE_DIR/empty.d"

# Derive the trixie sources from the machine's own: the main archive stanza only (the one
# whose suites include the bare codename, not -updates/-security), same URIs and Signed-By.
SYS_SOURCES=/etc/apt/sources.list.d/debian.sources
SOURCES_OUT="$TRIXIE_DIR/trixie.sources"
codename="$(. /etc/os-release && echo "${VERSION_CODENAME:-bookworm}")"
if [ -f "$SYS_SOURCES" ]; then
	awk -v codename="$codename" '
		function flush() {
			if (types ~ /(^| )deb( |$)/ && (" " suites " ") ~ (" " codename " ") && uris != "" && !done) {
				print "Types: deb"
				print "URIs: " uris
				print "Suites: trixie"
				print "Components: main"
				if (signed != "") print "Signed-By: " signed
				done = 1
			}
			types = ""; uris = ""; suites = ""; signed = ""
		}
		/^[[:space:]]*#/ { next }
		/^[[:space:]]*$/ { flush(); next }
		/^Types:/     { sub(/^Types:[[:space:]]*/, "");     types = $0; next }
		/^URIs:/      { sub(/^URIs:[[:space:]]*/, "");      uris = $0; next }
		/^Suites:/    { sub(/^Suites:[[:space:]]*/, "");    suites = $0; next }
		/^Signed-By:/ { sub(/^Signed-By:[[:space:]]*/, ""); signed = $0; next }
		END { flush() }
	' "$SYS_SOURCES" > "$SOURCES_OUT.tmp"
elif [ -f /etc/apt/sources.list ]; then
	# Classic one-line format: "deb [options] URI bookworm main ..."
	line="$(grep -E "^[[:space:]]*deb[[:space:]]" /etc/apt/sources.list | grep -E "[[:space:]]${codename}[[:space:]]" | head -n1 || true)"
	uri="$(printf '%s\n' "$line" | sed -E 's/^[[:space:]]*deb[[:space:]]+(\[[^]]*\][[:space:]]+)?([^[:space:]]+).*/\2/')"
	signed="$(printf '%s\n' "$line" | sed -nE 's/.*signed-by=([^] ]+).*/\1/p')"
	: > "$SOURCES_OUT.tmp"
	if [ -n "$uri" ]; then
		printf 'Types: deb\nURIs: %s\nSuites: trixie\nComponents: main\n' "$uri" > "$SOURCES_OUT.tmp"
		[ -n "$signed" ] && printf 'Signed-By: %s\n' "$signed" >> "$SOURCES_OUT.tmp"
	fi
else
	die "no apt sources found (neither $SYS_SOURCES nor /etc/apt/sources.list)."
fi
grep -q '^URIs:' "$SOURCES_OUT.tmp" || die "could not find the main Debian archive in the system apt sources."
if ! grep -q '^Signed-By:' "$SOURCES_OUT.tmp"; then
	[ -f /usr/share/keyrings/debian-archive-keyring.gpg ] || die "no Signed-By in system sources and no debian-archive-keyring."
	echo "Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg" >> "$SOURCES_OUT.tmp"
fi
mv "$SOURCES_OUT.tmp" "$SOURCES_OUT"

APT_OPTS=(
	-o "Dir::Etc::sourcelist=$SOURCES_OUT"
	-o "Dir::Etc::sourceparts=$TRIXIE_DIR/empty.d"
	-o "Dir::State::Lists=$TRIXIE_DIR/lists"
	-o "Dir::Cache=$TRIXIE_DIR/cache"
	-o "Dir::Etc::preferences=$TRIXIE_DIR/empty.d/none"
	-o "Dir::Etc::preferencesparts=$TRIXIE_DIR/empty.d"
	-o "APT::Sandbox::User=root"
	-o "Acquire::Languages=none"
	-o "Acquire::IndexTargets::deb::DEP-11::DefaultEnabled=false"
	-o "Acquire::IndexTargets::deb::DEP-11-icons::DefaultEnabled=false"
	-o "Acquire::IndexTargets::deb::DEP-11-icons-small::DefaultEnabled=false"
	-o "Acquire::IndexTargets::deb::CNF::DefaultEnabled=false"
)

if ! ls "$TRIXIE_DIR"/lists/*trixie*_Packages* >/dev/null 2>&1 \
	|| ! find "$TRIXIE_DIR/lists" -maxdepth 1 -name '*_Packages*' -mmin -"$APT_LISTS_MAX_AGE_MIN" | grep -q .; then
	log "fetching the trixie package list (private apt state in $TRIXIE_DIR)"
	apt-get "${APT_OPTS[@]}" update -q || die "apt-get update for trixie failed."
fi

log "downloading ${WP_PACKAGES[*]} from trixie"
(cd "$TRIXIE_DIR/debs" && rm -f ./*.deb && apt-get "${APT_OPTS[@]}" download "${WP_PACKAGES[@]}") \
	|| die "apt-get download ${WP_PACKAGES[*]} failed."

rm -rf "$DEB_DIR.tmp"
mkdir -p "$DEB_DIR.tmp"
for deb in "$TRIXIE_DIR"/debs/*.deb; do
	dpkg -x "$deb" "$DEB_DIR.tmp" || die "dpkg -x $deb failed."
done
[ -f "$DEB_DIR.tmp/usr/share/wordpress/wp-includes/version.php" ] || die "unpacked WordPress has no wp-includes/version.php."
wp_version="$(php -r 'include $argv[1]; echo $wp_version;' "$DEB_DIR.tmp/usr/share/wordpress/wp-includes/version.php")"
case "$wp_version" in
	6.8*) ;;
	*) log "WARNING: expected WordPress 6.8.x, got $wp_version" ;;
esac
( cd "$TRIXIE_DIR/debs" && for d in *.deb; do printf '%s ' "$d"; done ) > "$DEB_DIR.tmp/.debs"
[ -f "$DEB_DIR.tmp/usr/share/php/getid3/getid3.php" ] || die "unpacked php-getid3 has no getid3.php."
echo "${WP_PACKAGES[*]}" > "$DEB_DIR.tmp/.packages"
echo "WordPress $wp_version" > "$DEB_DIR.tmp/.complete"
rm -rf "$DEB_DIR"
mv "$DEB_DIR.tmp" "$DEB_DIR"
log "WordPress $wp_version unpacked into $DEB_DIR"
