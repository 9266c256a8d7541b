# Shared by crash_test.sh and soak.sh: a throwaway handbook root (the end-to-end fixture plus the
# repository's templates), `attest` built in debug, and a server on a free loopback port.
set -euo pipefail
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# ATTEST=PATH tests that binary as it is; by default attest is built (debug) first, and a failed
# build fails the test rather than testing an older binary.
ATTEST_GIVEN="${ATTEST:+yes}"
ATTEST="${ATTEST:-$REPO/.build/debug/attest}"
IDENTITY=alice@example.com

ensure_attest() {
  if [ -z "$ATTEST_GIVEN" ]; then
    bash "$REPO/.ci/build-attest" || { echo "resilience: building attest failed" >&2; exit 1; }
  fi
  test -x "$ATTEST" || { echo "resilience: $ATTEST is not an executable" >&2; exit 1; }
}

make_root() {
  WORK="$(mktemp -d /tmp/attest-resilience.XXXXXX)"
  ROOT="$WORK/root"
  mkdir -p "$ROOT"
  cp -R "$REPO/Tests/EndToEndTests/Corpus/fixture/." "$ROOT/"
  cp -R "$REPO/templates" "$ROOT/templates"
  DB="$ROOT/.attest/records.sqlite"
  "$ATTEST" build --root "$ROOT" >/dev/null
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

# http_status METHOD URL [JSON]: prints the HTTP status (fails only when nothing answers).
http_status() {
  python3 - "$@" <<'PY'
import sys, urllib.request, urllib.error
method, url = sys.argv[1], sys.argv[2]
data = sys.argv[3].encode() if len(sys.argv) > 3 else None
request = urllib.request.Request(url, data=data, method=method, headers={"Content-Type": "application/json"})
try:
    print(urllib.request.urlopen(request, timeout=5).status)
except urllib.error.HTTPError as error:
    print(error.code)
except OSError:
    sys.exit(1)
PY
}

# start_server: sets SERVER_PID and BASE; waits until it answers (60 s at most).
start_server() {
  local port
  port="$(free_port)"
  BASE="http://127.0.0.1:$port"
  "$ATTEST" serve --root "$ROOT" --host 127.0.0.1 --port "$port" --dev-identity "$IDENTITY" \
    >>"$WORK/serve.log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 600); do
    if http_status GET "$BASE/" >/dev/null; then return 0; fi
    if ! kill -0 "$SERVER_PID" 2>/dev/null; then
      echo "resilience: attest serve exited early:" >&2; tail -20 "$WORK/serve.log" >&2; return 1
    fi
    sleep 0.1
  done
  echo "resilience: attest serve did not answer within 60 s" >&2
  return 1
}

stop_server() {
  if [ -n "${SERVER_PID:-}" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  SERVER_PID=""
}

cleanup() {
  stop_server
  if [ -n "${WORK:-}" ] && [ -z "${KEEP:-}" ]; then rm -rf "$WORK"; fi
}
