#!/usr/bin/env bash
# Fuzzing: libFuzzer targets for Attest's parsers (front matter/policy, quiz, roster, inventory,
# credential report, CSV) and the leak scanner (byte scan, zip archives). Usage:
#
#   bash Tests/Fuzz/run.sh [SECONDS] [TARGET…]     default 20 seconds per target, every target
#
# Builds .build/debug (swift build; a failed build fails the run), then .build-fuzz/attest-fuzz (Tests/Fuzz/build_fuzzer.py:
# the package's library modules re-compiled with `swiftc -sanitize=fuzzer`, linked with the debug
# build's dependency objects). Each target first replays its regression inputs
# (Tests/Fuzz/Regressions/TARGET/*: every crash ever found stays a test), then fuzzes for SECONDS
# starting from Tests/Fuzz/Seeds/TARGET plus the corpus grown by earlier runs (.build-fuzz/corpus/TARGET).
# A crash leaves its input in .build-fuzz/artifacts/TARGET/; copy it into Tests/Fuzz/Regressions/TARGET/
# and fix the parser. Longer runs: `bash Tests/Fuzz/run.sh 3600 policy` (an hour), or run
# `FUZZ_TARGET=policy .build-fuzz/attest-fuzz -jobs=2 .build-fuzz/corpus/policy Tests/Fuzz/Seeds/policy` directly.
# Prints `N passed, M failed` (one per target); exits non-zero if any target crashed.
set -euo pipefail
cd "$(dirname "$0")/../.."
SECONDS_PER_TARGET="${1:-20}"
shift || true
ALL_TARGETS=(policy quiz roster inventory credential-report csv scan archive)
[ $# -gt 0 ] && TARGETS=("$@") || TARGETS=("${ALL_TARGETS[@]}")

bash .ci/build-attest
python3 Tests/Fuzz/build_fuzzer.py >/dev/null
FUZZER=.build-fuzz/attest-fuzz
# Let libFuzzer, not the Swift runtime's backtracer, handle a crash, so that the input is saved.
export SWIFT_BACKTRACE=enable=no

passed=0 failed=0
for target in "${TARGETS[@]}"; do
  corpus=.build-fuzz/corpus/$target artifacts=.build-fuzz/artifacts/$target
  mkdir -p "$corpus" "$artifacts"
  log=.build-fuzz/$target.log
  ok=1
  regressions=(Tests/Fuzz/Regressions/"$target"/*)
  if [ -e "${regressions[0]}" ]; then
    if ! FUZZ_TARGET=$target "$FUZZER" "${regressions[@]}" >"$log.replay" 2>&1; then
      echo "FAIL fuzz $target: a regression input crashes again (see $log.replay)"
      tail -30 "$log.replay"
      ok=0
    fi
  fi
  seeds=()
  [ -d Tests/Fuzz/Seeds/$target ] && seeds=(Tests/Fuzz/Seeds/$target)
  if [ "$ok" = 1 ] && ! FUZZ_TARGET=$target "$FUZZER" "$corpus" "${seeds[@]}" -max_total_time="$SECONDS_PER_TARGET" \
      -timeout=10 -rss_limit_mb=2048 -max_len=8192 -print_final_stats=1 -artifact_prefix="$artifacts/" \
      >"$log" 2>&1; then
    echo "FAIL fuzz $target: crash, input in $artifacts/ (log $log)"
    grep -E "ERROR|Fatal error|SUMMARY|Test unit written" "$log" | head -10 || true
    tail -30 "$log"
    ok=0
  fi
  if [ "$ok" = 1 ]; then
    runs=$(grep -Eo "stat::number_of_executed_units: *[0-9]+" "$log" | grep -Eo "[0-9]+$" || echo "?")
    echo "PASS fuzz $target: $runs inputs in ${SECONDS_PER_TARGET}s, no crash"
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
  fi
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
