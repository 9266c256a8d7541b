#!/usr/bin/env bash
# Soak: `attest serve` under a steady load on loopback for DURATION seconds (default 120) at RATE
# submissions per second (default 20, plus page and /api/v1/me reads). No request may fail and
# memory must stay flat: the server's RSS is sampled every 5 s; first, last and max are reported,
# and the test fails if the last sample is more than 50% above the first. From DURATION=300 on, the
# peak of the second half must also stay within 10% of the first half's (memory plateaus).
# Prints `N passed, M failed`; exits non-zero on failure.
source "$(dirname "$0")/common.sh"
DURATION="${DURATION:-120}"
RATE="${RATE:-20}"
ensure_attest
make_root
trap cleanup EXIT
start_server
passed=0 failed=0
result() { if [ "$1" = ok ]; then passed=$((passed + 1)); echo "PASS $2"; else failed=$((failed + 1)); echo "FAIL $2"; fi; }

python3 "$REPO/Tests/Resilience/submit_load.py" --base "$BASE" --out "$WORK/acked.txt" --workers 4 \
  --duration "$DURATION" --max-requests $((DURATION * RATE + 100)) --rate "$RATE" --reads --fail-on-error \
  >"$WORK/load.out" 2>&1 &
load_pid=$!
samples=()
while kill -0 "$load_pid" 2>/dev/null; do
  sleep 5
  rss=$(awk '/^VmRSS:/ {print $2}' "/proc/$SERVER_PID/status" 2>/dev/null || echo 0)
  samples+=("$rss")
done
load_status=0
wait "$load_pid" || load_status=$?
cat "$WORK/load.out"
kill -0 "$SERVER_PID" 2>/dev/null && result ok "the server is still running" || result fail "the server is still running"
stop_server

[ "$load_status" -eq 0 ] && result ok "no request failed during the soak" || result fail "no request failed during the soak"

count=${#samples[@]}
if [ "$count" -ge 2 ]; then
  first=${samples[0]} last=${samples[$((count - 1))]} max=0
  for s in "${samples[@]}"; do [ "$s" -gt "$max" ] && max=$s; done
  echo "rss (KiB): first $first, last $last, max $max over $count samples"
  echo "rss samples (MB, every 5 s): $(printf '%s\n' "${samples[@]}" | awk '{ printf "%.1f ", $1 / 1024 }')"
  if [ "$first" -gt 0 ] && [ $((last * 100)) -le $((first * 150)) ]; then
    result ok "memory stays flat (last within 50% of first)"
  else
    result fail "memory stays flat (last $last KiB vs first $first KiB)"
  fi
  # Long soaks (5 minutes or more) also show the plateau: once the caches have warmed up (the first
  # half), the second half may not climb more than 10% above the first half's peak.
  if [ "$DURATION" -ge 300 ]; then
    half=$((count / 2)) early=0 late=0
    for ((i = 0; i < count; i++)); do
      s=${samples[$i]}
      if [ "$i" -lt "$half" ]; then [ "$s" -gt "$early" ] && early=$s; else [ "$s" -gt "$late" ] && late=$s; fi
    done
    echo "rss peak (KiB): first half $early, second half $late"
    if [ $((late * 100)) -le $((early * 110)) ]; then
      result ok "memory plateaus (second half within 10% of the first half's peak)"
    else
      result fail "memory plateaus (second half peak $late KiB vs first half $early KiB)"
    fi
  fi
else
  result fail "memory was sampled (DURATION must be at least 10 s)"
fi

if "$ATTEST" training verify --root "$ROOT" >"$WORK/verify.out" 2>&1; then
  result ok "training verify passes after the soak"
else
  result fail "training verify passes after the soak: $(cat "$WORK/verify.out")"
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
