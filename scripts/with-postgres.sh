#!/usr/bin/env bash
# Runs a command with a throwaway PostgreSQL server on 127.0.0.1, and exports its URL as
# CNNKIT_PG_URL. Installs Debian's postgresql package first if this machine lacks it (CI and
# fresh machines), so nobody installs anything by hand. The server and its data are removed on exit.
set -euo pipefail
# runuser, useradd and apt-get live in sbin, which a minimal PATH may lack.
export PATH="$PATH:/usr/sbin:/sbin"

find_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }
bin=$(find_bin)
if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
  echo "› installing PostgreSQL from Debian's packages (needed by the PostgreSQL test suite)" >&2
  export DEBIAN_FRONTEND=noninteractive
  sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq >&2
  $sudo_cmd apt-get install -y -qq --no-install-recommends postgresql >&2
  bin=$(find_bin)
fi

# PostgreSQL refuses to run as root: run the server as the package's own "postgres" user.
run_as=()
if [ "$(id -u)" -eq 0 ]; then
  id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
  run_as=(runuser -u postgres --)
fi

data=$(mktemp -d /tmp/cnnkit-pg.XXXXXX)
chmod 755 "$data"
[ ${#run_as[@]} -gt 0 ] && chown postgres "$data"
port=$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')

cleanup() {
  "${run_as[@]}" "$bin/pg_ctl" -D "$data/db" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$data"
}
trap cleanup EXIT INT TERM

"${run_as[@]}" "$bin/initdb" -D "$data/db" --auth=trust --username=postgres --encoding=UTF8 --no-sync >/dev/null
"${run_as[@]}" "$bin/pg_ctl" -D "$data/db" -l "$data/server.log" -w -t 60 \
  -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$data -c fsync=off -c max_connections=50" start >/dev/null
"${run_as[@]}" "$bin/createdb" -h 127.0.0.1 -p "$port" -U postgres cnnkit_test

export CNNKIT_PG_URL="postgres://postgres@127.0.0.1:${port}/cnnkit_test"
echo "› PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:${port} for this run" >&2
"$@"
