#!/usr/bin/env bash
# Runs every test, the PostgreSQL store's included, on a fresh Debian machine.
#
#   bash scripts/test.sh                 # go test -race -count=1 ./...
#   bash scripts/test.sh -run Postgres   # extra flags go to go test
#   bash scripts/test.sh ./postgres/     # or name the packages (./dir) to test
#   OREWATCH_TEST_RACE=0 bash scripts/test.sh -run '^$' -bench . ./postgres/
#                                        # without -race, e.g. for benchmarks
#
# It installs Debian's postgresql package when no initdb is found (with
# sudo unless run as root), starts a throwaway server owned by a non-root
# user in a temporary directory, listening on 127.0.0.1 at a free port,
# points OREWATCH_TEST_POSTGRES at it, runs the tests, and always stops the
# server and removes the directory on exit.
set -euo pipefail

cd "$(dirname "$0")/.."

log() { echo "test.sh: $*" >&2; }

as_root() {
	if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

find_pg_bin() {
	local d
	for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
		if [ -x "$d/initdb" ]; then
			echo "$d"
			return 0
		fi
	done
	return 1
}

PG_BIN=$(find_pg_bin || true)
if [ -z "$PG_BIN" ]; then
	log "PostgreSQL not found; installing Debian's postgresql package"
	as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q
	as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql
	PG_BIN=$(find_pg_bin) || { log "initdb still missing after installing postgresql"; exit 1; }
fi
log "using $PG_BIN"

# The server refuses to run as root: run it as the postgres user the
# package creates (or nobody) when we are root, else as ourselves.
run_pg() { "$@"; }
if [ "$(id -u)" -eq 0 ]; then
	PG_USER=postgres
	id "$PG_USER" >/dev/null 2>&1 || PG_USER=nobody
	run_pg() { runuser -u "$PG_USER" -- "$@"; }
fi

TMP=$(mktemp -d "${TMPDIR:-/tmp}/orewatch-pg.XXXXXX")
DATA=$TMP/data
SOCK=$TMP/sock
mkdir -p "$SOCK"
STARTED=

cleanup() {
	local status=$?
	if [ -n "$STARTED" ]; then
		run_pg "$PG_BIN/pg_ctl" -D "$DATA" -m fast -w stop >/dev/null 2>&1 || true
	fi
	rm -rf "$TMP"
	exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

if [ "$(id -u)" -eq 0 ]; then
	chown -R "$PG_USER" "$TMP"
fi
chmod 700 "$TMP"

PASSWORD=$(od -An -tx1 -N16 /dev/urandom | tr -d ' \n')
printf '%s\n' "$PASSWORD" >"$TMP/pwfile"
if [ "$(id -u)" -eq 0 ]; then chown "$PG_USER" "$TMP/pwfile"; fi

initdb() {
	run_pg "$PG_BIN/initdb" -D "$DATA" -U orewatch --pwfile="$TMP/pwfile" -E UTF8 "$@" \
		--auth-local=trust --auth-host=scram-sha-256 >"$TMP/initdb.log" 2>&1
}
if ! initdb --locale=C.UTF-8; then
	rm -rf "$DATA"
	initdb --no-locale || { cat "$TMP/initdb.log" >&2; exit 1; }
fi
rm -f "$TMP/pwfile"

# port_free reports whether nothing accepts connections on 127.0.0.1:$1.
port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# Start on a free port; if another server takes it first, try the next.
for attempt in 1 2 3 4 5 6 7 8 9 10; do
	PORT=$((20000 + (RANDOM % 20000)))
	port_free "$PORT" || continue
	if run_pg "$PG_BIN/pg_ctl" -D "$DATA" -l "$TMP/server.log" -w -t 60 \
		-o "-c listen_addresses=127.0.0.1 -p $PORT -k $SOCK -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
		start >/dev/null; then
		STARTED=1
		break
	fi
	log "server did not start on port $PORT (attempt $attempt):"
	tail -n 5 "$TMP/server.log" >&2 || true
done
if [ -z "$STARTED" ]; then
	log "could not start PostgreSQL"
	exit 1
fi
log "PostgreSQL on 127.0.0.1:$PORT"

run_pg "$PG_BIN/createdb" -h "$SOCK" -p "$PORT" -U orewatch orewatch_test

export OREWATCH_TEST_POSTGRES="postgres://orewatch:$PASSWORD@127.0.0.1:$PORT/orewatch_test?sslmode=disable"

# Extra arguments go to go test before ./...; a package argument (".",
# "./dir", "./dir/...") replaces ./... .
pkgs=(./...)
for arg in "$@"; do
	case $arg in
	. | ./* | ../*) pkgs=() ;;
	esac
done
race=(-race)
if [ "${OREWATCH_TEST_RACE:-1}" = 0 ]; then race=(); fi
# -race slows the pure-Go SQLite engine many times over; give the packages
# that seed whole stores room beyond go test's default 10 minutes.
go test "${race[@]}" -count=1 -timeout 30m "$@" "${pkgs[@]}"
