#!/usr/bin/env bash
# Browser tests: headless Chromium (Selenium) through the sample handbook, the quiz server and the
# audit report, with axe-core accessibility checks and cross-site-scripting payloads.
# Installs what is missing (Chromium, chromium-driver, Selenium, axe), builds `attest` (debug),
# then runs Tests/Browser/browser_test.py. Screenshots go to screenshots/ (git-ignored).
# Prints `N passed, M failed`; exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/../.."
bash .ci/install-deps browser
swift build --product attest 2>&1 | grep -E "error|warning: |Build complete" || true
test -x .build/debug/attest || { echo "browser: .build/debug/attest was not built" >&2; exit 1; }
exec python3 Tests/Browser/browser_test.py
