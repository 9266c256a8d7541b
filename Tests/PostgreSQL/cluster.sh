#!/usr/bin/env bash
# A throwaway PostgreSQL server for the tests (Debian's postgresql): a cluster made with initdb
# under DIR, listening on a free loopback port only, run as a non-root user (`postgres` when this
# runs as root), password (SCRAM) authentication over TCP for the superuser attest_admin, TLS
# offered with a self-signed certificate for localhost and 127.0.0.1 (DIR/server.crt).
#
#   cluster.sh start DIR      create DIR (first time: initdb) and start; prints the port
#   cluster.sh stop DIR       fast shutdown
#   cluster.sh crash DIR      pg_ctl stop -m immediate: no clean shutdown (as if the server was killed)
#   cluster.sh restart DIR    start again, on the same port
#   cluster.sh destroy DIR    stop at once and remove DIR
#   cluster.sh psql DIR ARG…  psql as attest_admin (database postgres unless ARG… names one)
#
# DIR/port and DIR/password hold what clients need. Fails (exit 1) when the server cannot start.
set -euo pipefail
command="${1:-}"
dir="${2:-}"
[ -n "$command" ] && [ -n "$dir" ] || { echo "usage: cluster.sh start|stop|crash|restart|destroy|psql DIR" >&2; exit 2; }

bindir=""
for candidate in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
  [ -x "$candidate/initdb" ] && { bindir="$candidate"; break; }
done
if [ -z "$bindir" ] && command -v pg_config >/dev/null; then bindir="$(pg_config --bindir)"; fi
if [ -z "$bindir" ] || [ ! -x "$bindir/initdb" ]; then
  echo "cluster.sh: no PostgreSQL server found (initdb); install it with: bash .ci/install-deps postgres" >&2
  exit 1
fi

# as_owner CMD…: runs CMD as the cluster's owner (postgres when we are root).
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

start() {
  local port
  port="$(cat "$dir/port")"
  if ! as_owner "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$dir -c max_connections=300 -c ssl=on -c ssl_cert_file=$dir/server.crt -c ssl_key_file=$dir/server.key" \
      start >/dev/null; then
    echo "cluster.sh: PostgreSQL did not start:" >&2
    tail -n 20 "$dir/server.log" >&2 || true
    exit 1
  fi
}

case "$command" in
  start)
    if [ ! -d "$dir/data" ]; then
      mkdir -p "$dir"
      chmod 700 "$dir"
      [ "$(id -u)" -eq 0 ] && chown postgres: "$dir"
      python3 -c 'import secrets; print(secrets.token_hex(16))' >"$dir/password"
      python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()' >"$dir/port"
      if ! openssl req -new -x509 -days 2 -nodes -subj /CN=localhost -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" \
          -keyout "$dir/server.key" -out "$dir/server.crt" >"$dir/openssl.log" 2>&1; then
        echo "cluster.sh: openssl could not make the server certificate:" >&2
        cat "$dir/openssl.log" >&2
        exit 1
      fi
      chmod 600 "$dir/server.key"
      chmod 644 "$dir/server.crt"
      [ "$(id -u)" -eq 0 ] && chown postgres: "$dir/password" "$dir/port" "$dir/server.key" "$dir/server.crt"
      if ! as_owner "$bindir/initdb" -D "$dir/data" -U attest_admin --pwfile="$dir/password" \
          --auth-local=trust --auth-host=scram-sha-256 -E UTF8 --no-locale >"$dir/initdb.log" 2>&1; then
        echo "cluster.sh: initdb failed:" >&2
        tail -n 20 "$dir/initdb.log" >&2
        exit 1
      fi
    fi
    start
    cat "$dir/port"
    ;;
  restart) start ;;
  stop) as_owner "$bindir/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null ;;
  crash) as_owner "$bindir/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null ;;
  destroy)
    if [ -f "$dir/data/postmaster.pid" ]; then
      as_owner "$bindir/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$dir"
    ;;
  psql)
    shift 2
    port="$(cat "$dir/port")"
    as_owner psql -X -q -v ON_ERROR_STOP=1 -h "$dir" -p "$port" -U attest_admin -d postgres "$@"
    ;;
  *) echo "cluster.sh: unknown command '$command'" >&2; exit 2 ;;
esac
