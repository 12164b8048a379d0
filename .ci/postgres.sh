#!/usr/bin/env bash
# Starts a throw-away PostgreSQL on loopback for the ledger tests and prints the TEST_DATABASE_URL to use.
# Installs Debian's postgresql when it is missing. Usage: eval "$(bash .ci/postgres.sh)"; it also prints
# TEST_PG_STARTED=1 when it started the server (one already running is reused), and `bash .ci/postgres.sh stop`
# stops it.
set -euo pipefail

port="${TEST_PG_PORT:-54329}"
dir="${TEST_PG_DIR:-/tmp/image-studio-pg-$port}"

if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  echo "== installing Debian's postgresql for the ledger tests" >&2
  sudo_cmd=""
  if [ "$(id -u)" -ne 0 ]; then sudo_cmd="sudo"; fi
  $sudo_cmd apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq postgresql >/dev/null
fi
bin="$(dirname "$(ls -d /usr/lib/postgresql/*/bin/initdb | sort -V | tail -1)")"

# PostgreSQL refuses to run as root: as root, run it as the postgres user.
as_owner=()
owner="$(id -un)"
if [ "$(id -u)" -eq 0 ]; then
  owner=postgres
  id postgres >/dev/null 2>&1 || useradd --system --home "$dir" postgres
  as_owner=(runuser -u postgres --)
fi

if [ "${1:-}" = stop ]; then
  "${as_owner[@]}" "$bin/pg_ctl" -D "$dir" -m fast stop >&2
  exit 0
fi

if ! "${as_owner[@]}" "$bin/pg_ctl" -D "$dir" status >/dev/null 2>&1; then
  rm -rf "$dir"
  mkdir -p "$dir"
  chown "$owner" "$dir"
  "${as_owner[@]}" "$bin/initdb" -D "$dir" -U "$owner" --auth=trust -E UTF8 >/dev/null
  "${as_owner[@]}" "$bin/pg_ctl" -D "$dir" -l "$dir/server.log" -w \
    -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$dir -c fsync=off" start >&2
  echo "export TEST_PG_STARTED=1"
fi
echo "export TEST_DATABASE_URL=postgres://$owner@127.0.0.1:$port/postgres"
