#!/usr/bin/env python3
"""Compares Attest's report.json with duckdb_audit.py's findings, finding by finding.

    compare_findings.py REPORT.json DUCKDB-FINDINGS.json

Both write their findings one a line, so they are read as two streams without holding them in
memory. Each finding's control, subject, status, message, evidence and source (path, line) must be
equal: per control, the counts and a digest of the findings (a sum of their SHA-1s, whatever their
order) are compared, and as both write the same order, the first differences met side by side are
shown. Prints one line of JSON:

    {"attest": {"findings", "fail", "warn", "by_control"}, "duckdb": {…},
     "differ": [control ids whose findings differ], "examples": [first differences, at most 5]}
"""

import hashlib
import itertools
import json
import re
import sys

CONTROL_ID = re.compile(r'^      "id": (".*"),$')
FINDING = re.compile(r'^        (\{"subject": .*\}),?$')


def attest_findings(path):
    """(control, finding) for each finding of Attest's report.json, whose findings are one a line."""
    control = None
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            match = CONTROL_ID.match(line)
            if match:
                control = json.loads(match.group(1))
                continue
            match = FINDING.match(line)
            if match:
                yield control, json.loads(match.group(1))


def duckdb_findings(path):
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                finding = json.loads(line)
                yield finding.pop("control"), finding


def normal(control, finding):
    """What both must agree on, as one comparable value."""
    if finding is None:
        return None
    source = finding.get("source") or {}
    return (control, finding.get("subject"), finding.get("status"), finding.get("message"),
            json.dumps(finding.get("evidence"), sort_keys=True), source.get("path"), source.get("line"))


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: compare_findings.py REPORT.json DUCKDB-FINDINGS.json")
    sides = {"attest": {}, "duckdb": {}}
    digests = {"attest": {}, "duckdb": {}}
    examples = []
    for a, d in itertools.zip_longest(attest_findings(sys.argv[1]), duckdb_findings(sys.argv[2])):
        for name, pair in (("attest", a), ("duckdb", d)):
            if pair:
                status = pair[1].get("status", "fail")
                counts = sides[name].setdefault(pair[0], {"fail": 0, "warn": 0})
                counts[status] = counts.get(status, 0) + 1
                value = repr(normal(*pair)).encode()
                digest = int(hashlib.sha1(value).hexdigest()[:16], 16)
                digests[name][pair[0]] = (digests[name].get(pair[0], 0) + digest) % (1 << 64)
        x, y = normal(*(a or (None, None))), normal(*(d or (None, None)))
        if x != y and len(examples) < 5:
            examples.append({"attest": x, "duckdb": y})
    result = {}
    for name, by_control in sides.items():
        fail = sum(c["fail"] for c in by_control.values())
        warn = sum(c["warn"] for c in by_control.values())
        result[name] = {"findings": fail + warn, "fail": fail, "warn": warn, "by_control": dict(sorted(by_control.items()))}
    controls = sorted(set(sides["attest"]) | set(sides["duckdb"]))
    result["differ"] = [c for c in controls if sides["attest"].get(c) != sides["duckdb"].get(c)
                        or digests["attest"].get(c) != digests["duckdb"].get(c)]
    result["examples"] = examples
    print(json.dumps(result))


if __name__ == "__main__":
    main()
