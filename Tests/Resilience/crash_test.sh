#!/usr/bin/env bash
# Crash test: `attest serve` is killed with SIGKILL in the middle of concurrent quiz submissions,
# ROUNDS times (default 3). Afterwards every submission that was answered 2xx must be in the
# records (`attest training export --format csv`), `attest training verify` must pass, and SQLite's
# `PRAGMA integrity_check` must say ok. Loopback only; each round is bounded (at most 2000
# submissions or 10 s). KEEP=1 keeps the temporary root for inspection.
# Prints `N passed, M failed`; exits non-zero on failure.
source "$(dirname "$0")/common.sh"
ROUNDS="${ROUNDS:-3}"
ensure_attest
make_root
trap cleanup EXIT
ACKED="$WORK/acked.txt"
: >"$ACKED"
passed=0 failed=0
result() { if [ "$1" = ok ]; then passed=$((passed + 1)); echo "PASS $2"; else failed=$((failed + 1)); echo "FAIL $2"; fi; }

for round in $(seq 1 "$ROUNDS"); do
  start_server
  python3 "$REPO/Tests/Resilience/submit_load.py" --base "$BASE" --out "$ACKED" --workers 8 --duration 10 \
    --max-requests 2000 &
  load_pid=$!
  # Let submissions flow, then kill the server mid-stream: after a different number of
  # acknowledgements each round (at most 10 s of waiting).
  baseline=$(wc -l <"$ACKED")
  for _ in $(seq 1 200); do
    [ $(($(wc -l <"$ACKED") - baseline)) -ge $((40 * round)) ] && break
    sleep 0.05
  done
  acked_before_kill=$(($(wc -l <"$ACKED") - baseline))
  kill -9 "$SERVER_PID" 2>/dev/null || true
  wait "$SERVER_PID" 2>/dev/null || true
  SERVER_PID=""
  wait "$load_pid" || true
  echo "round $round: killed after $acked_before_kill acknowledgements; $(($(wc -l <"$ACKED") - baseline)) in this round"
done

acked=$(sort -u "$ACKED" | grep -c . || true)
[ "$acked" -gt 0 ] && result ok "submissions were acknowledged ($acked)" || result fail "no submission was acknowledged"

export_csv="$WORK/export.csv"
if "$ATTEST" training export --root "$ROOT" --format csv >"$export_csv" 2>"$WORK/export.err"; then
  result ok "training export runs after the crashes"
else
  result fail "training export runs after the crashes: $(cat "$WORK/export.err")"
fi
missing=0
while read -r id; do
  grep -qF "$id" "$export_csv" || { missing=$((missing + 1)); [ "$missing" -le 5 ] && echo "  missing: $id"; }
done < <(sort -u "$ACKED")
[ "$missing" -eq 0 ] && result ok "every acknowledged submission is in the records" \
  || result fail "every acknowledged submission is in the records ($missing of $acked missing)"

if "$ATTEST" training verify --root "$ROOT" >"$WORK/verify.out" 2>&1; then
  result ok "training verify passes"
else
  result fail "training verify passes: $(cat "$WORK/verify.out")"
fi

integrity=$(sqlite3 "$DB" "PRAGMA integrity_check;" 2>&1 || true)
[ "$integrity" = ok ] && result ok "PRAGMA integrity_check is ok" || result fail "PRAGMA integrity_check: $integrity"

# The server starts again on the crashed database and keeps recording.
start_server
status=$(http_status POST "$BASE/api/v1/attempts" '{"quiz": "key-basics", "answers": {"1": ["b"], "2": ["a", "c"]}}' || echo none)
stop_server
[ "$status" = 201 ] && result ok "the server restarts on the crashed database and records" \
  || result fail "the server restarts on the crashed database and records (status $status)"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
