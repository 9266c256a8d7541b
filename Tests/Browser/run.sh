#!/usr/bin/env bash
# Browser tests: headless Chromium (Selenium) through the sample handbook, the quiz server and the
# audit report, with axe-core accessibility checks and cross-site-scripting payloads.
# Installs what is missing (Chromium, chromium-driver, Selenium, axe), builds `attest` (debug),
# then runs Tests/Browser/browser_test.py; a failed build fails the script (never a stale binary). Screenshots go to screenshots/ (git-ignored).
# Prints `N passed, M failed`; exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/../.."
bash .ci/install-deps browser
bash .ci/build-attest
exec python3 Tests/Browser/browser_test.py
