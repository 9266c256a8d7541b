#!/usr/bin/env python3
"""The reference for the history benchmark: the (secret, commit, path) set found by scanning the
added lines of `git log -p -U0 --all`, the way gitleaks and trufflehog read history, with the
scanner's Stripe rules written as regular expressions (a prefix anywhere, the body the longest
alphanumeric run after it, 16 to 247 characters) and its placeholder rules (entropy of at least
3 bits per byte, no character five times in a row, no placeholder word, no allow marker on the
line). Compared with `attest scan --history`'s report.json for the same rules.

    python3 reference_scan.py REPO ATTEST_REPORT.json    prints a JSON summary; exit 1 if the sets differ
"""
import hashlib
import json
import math
import re
import subprocess
import sys

RULES = {"sk_live_": "stripe-secret-live", "sk_test_": "stripe-secret-test", "rk_live_": "stripe-restricted-live",
         "rk_test_": "stripe-restricted-test", "whsec_": "stripe-webhook-secret"}
PATTERN = re.compile(rb"(sk_live_|sk_test_|rk_live_|rk_test_|whsec_)([A-Za-z0-9]+)")
PLACEHOLDERS = [b"xxxx", b"your", b"example", b"placeholder", b"redacted", b"dummy", b"replace"]


def entropy(data):
    counts = {}
    for b in data:
        counts[b] = counts.get(b, 0) + 1
    return -sum(c / len(data) * math.log2(c / len(data)) for c in counts.values())


def plausible(body):
    if not 16 <= len(body) <= 247 or entropy(body) < 3.0:
        return False
    if re.search(rb"(.)\1{4}", body):
        return False
    lower = body.lower()
    return not any(word in lower for word in PLACEHOLDERS)


def reference(repo):
    found = set()
    process = subprocess.Popen(["git", "-C", repo, "log", "-p", "-U0", "--all", "--no-color", "--format=%x01%H"],
                               stdout=subprocess.PIPE)
    commit = path = None
    for line in process.stdout:
        if line.startswith(b"\x01"):
            commit = line[1:].strip().decode()
        elif line.startswith(b"+++ "):
            path = line[6:].rstrip(b"\n").decode("utf-8", "replace") if line.startswith(b"+++ b/") else None
        elif line.startswith(b"+") and path and b"attest:allow" not in line and b"gitleaks:allow" not in line:
            for match in PATTERN.finditer(line):
                if plausible(match.group(2)):
                    found.add((hashlib.sha256(match.group(0)).hexdigest(), commit, path))
    process.wait()
    return found


def main():
    repo, report_path = sys.argv[1], sys.argv[2]
    expected = reference(repo)
    with open(report_path, encoding="utf-8") as f:
        report = json.load(f)
    got = {(x["secret_sha256"], x["commit"], x["path"]) for x in report["findings"] if x["rule"] in RULES.values()}
    missing, extra = expected - got, got - expected
    print(json.dumps({"reference": len(expected), "attest": len(got), "missing": len(missing), "extra": len(extra),
                      "missing_examples": sorted(missing)[:3], "extra_examples": sorted(extra)[:3]}))
    sys.exit(0 if not missing and not extra else 1)


if __name__ == "__main__":
    main()
