#!/usr/bin/env python3
"""Generates a synthetic key inventory, a roster, training completions and a small Attest root
whose policies enable every check of the catalogue.

    generate_inventory.py N OUT [--as-of 2026-11-27]

Written:

    OUT/keys.csv                       N keys, every native field, a realistic mix of violations
    OUT/completions.csv                quiz completions (email,quiz,completed_at,score_percent,passed),
                                       for `attest training import` and for the DuckDB side
    OUT/controls.json                  the controls below, read by duckdb_audit.py so that both sides
                                       run the same checks with the same parameters
    OUT/root/content/handbook.yml
    OUT/root/content/data/people.csv   the roster (email,name,team,groups,active,start_date,manager)
    OUT/root/content/policies/keys/*.md   policies whose controls use every check
    OUT/root/content/quizzes/*.md      the quizzes that access-trained and training-coverage name
    OUT/root/templates/                copied from the repository's templates/ (for serve and build)

Deterministic for a given N and --seed.
"""

import argparse
import datetime as dt
import json
import os
import random
import shutil
import sys

AS_OF_DEFAULT = "2026-11-27"

# Every check of the catalogue (issue 4), with the parameters both sides use.
CONTROLS = [
    {"id": "KEY-OWNER", "check": "owner-assigned", "severity": "high", "params": {}},
    {"id": "KEY-OWNER-ACTIVE", "check": "owner-active", "severity": "high", "params": {}},
    {"id": "KEY-ROTATION", "check": "rotation-age", "severity": "high",
     "params": {"max_age_days": 90, "warn_days": 14, "types": ["secret", "restricted"], "modes": ["live"]}},
    {"id": "WEBHOOK-ROTATION", "check": "rotation-age", "severity": "medium",
     "params": {"max_age_days": 365, "warn_days": 30, "types": ["webhook_secret"]}},
    {"id": "KEY-UNUSED", "check": "unused-key", "severity": "low", "params": {"max_idle_days": 180}},
    {"id": "KEY-RESTRICTED-THIRD-PARTY", "check": "restricted-for-third-parties", "severity": "high", "params": {}},
    {"id": "KEY-IP-ALLOWLIST", "check": "ip-allowlist", "severity": "medium",
     "params": {"types": ["secret", "restricted"], "modes": ["live"]}},
    {"id": "KEY-STORAGE", "check": "approved-storage", "severity": "high",
     "params": {"allowed": ["kms", "vault", "secrets_manager"]}},
    {"id": "KEY-LIVE-NONPROD", "check": "no-live-in-nonprod", "severity": "high", "params": {}},
    {"id": "KEY-ACCESS-LEAST", "check": "access-least", "severity": "medium", "params": {"max_people": 4}},
    {"id": "KEY-ACCESS-REVIEW", "check": "access-review", "severity": "medium", "params": {"max_days": 90}},
    {"id": "KEY-ACCESS-TRAINED", "check": "access-trained", "severity": "medium",
     "params": {"quizzes": ["key-handling"], "modes": ["live"]}},
    {"id": "KEY-EXPOSURE-ROLLED", "check": "exposure-rolled", "severity": "high", "params": {"max_days": 1}},
    {"id": "POLICY-REVIEWED", "check": "policy-reviewed", "severity": "low", "params": {}},
    {"id": "TRAINING-COVERAGE", "check": "training-coverage", "severity": "medium",
     "params": {"quizzes": ["key-handling", "incident-basics"], "min_percent": 95}},
]

# Which policy declares which controls; the second policy's review is overdue on the as-of date.
POLICIES = [
    {"id": "key-management", "title": "Key management", "last_reviewed": "2026-09-01", "review_every_days": 180,
     "controls": ["KEY-OWNER", "KEY-OWNER-ACTIVE", "KEY-ROTATION", "WEBHOOK-ROTATION", "KEY-UNUSED",
                  "KEY-STORAGE", "KEY-LIVE-NONPROD", "KEY-EXPOSURE-ROLLED"]},
    {"id": "key-access", "title": "Key access", "last_reviewed": "2025-10-01", "review_every_days": 365,
     "controls": ["KEY-RESTRICTED-THIRD-PARTY", "KEY-IP-ALLOWLIST", "KEY-ACCESS-LEAST", "KEY-ACCESS-REVIEW",
                  "KEY-ACCESS-TRAINED", "POLICY-REVIEWED", "TRAINING-COVERAGE"]},
]

QUIZZES = [
    {"id": "key-handling", "title": "Key handling", "policies": ["key-management", "key-access"]},
    {"id": "incident-basics", "title": "Incident basics", "policies": ["key-management"]},
]

HEADER = ("id,name,type,mode,status,owner,created_at,last_rotated_at,last_used_at,expires_at,ip_allowlist,"
          "storage,environment,consumer,permissions,access,access_reviewed_at,exposed_at")

TEAMS = ["payments", "billing", "identity", "platform", "data", "support", "security", "mobile", "growth", "risk"]
SERVICES = ["ledger", "checkout", "notifier", "reports", "search", "fraud", "payouts", "webhooks"]
VENDORS = ["acme-crm", "mailgun", "zapier", "netsuite", "segment"]
PERMISSIONS = ["charges:read", "charges:write", "refunds:write", "customers:read", "payouts:read", "webhooks:write"]


def pick(rng, weighted):
    """weighted: [(value, weight)…]"""
    total = sum(w for _, w in weighted)
    r = rng.random() * total
    for value, w in weighted:
        r -= w
        if r < 0:
            return value
    return weighted[-1][0]


def day(d):
    return d.isoformat()


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def yaml_value(v):
    if isinstance(v, list):
        return "[" + ", ".join(yaml_value(x) for x in v) + "]"
    if isinstance(v, str):
        return json.dumps(v)
    return str(v)


def policy_markdown(policy):
    controls = [c for c in CONTROLS if c["id"] in policy["controls"]]
    lines = ["---", "id: %s" % policy["id"], "title: %s" % policy["title"], "owner: security-lead@example.com",
             'version: "1.0"', "last_reviewed: %s" % policy["last_reviewed"],
             "review_every_days: %d" % policy["review_every_days"],
             "summary: Synthetic policy for the audit benchmark.", "controls:"]
    for c in controls:
        lines.append("  - id: %s" % c["id"])
        lines.append("    check: %s" % c["check"])
        lines.append("    title: %s" % c["id"].replace("-", " ").capitalize())
        lines.append("    severity: %s" % c["severity"])
        if c["params"]:
            lines.append("    params: {%s}" % ", ".join("%s: %s" % (k, yaml_value(v)) for k, v in c["params"].items()))
        lines.append("    remediation: Fix the key and record it in the inventory.")
    lines += ["---", "", "# %s" % policy["title"], "",
              "This policy exists to give the audit benchmark every check of the catalogue.", "",
              "## Rules", ""]
    for c in controls:
        lines.append("- %s (`%s`)." % (c["id"], c["check"]))
    return "\n".join(lines) + "\n"


def quiz_markdown(quiz):
    return """---
id: %s
title: %s
policies: [%s]
pass_percent: 80
valid_days: 365
---

A short quiz for the benchmark.

## Where does a live secret key live?

- [ ] In a .env file in the repository
- [x] In the key-management system
- [ ] In the team chat

> Keys live in the key-management system, one copy.

## Which of these leak a key?

- [x] Pasting it into a support ticket
- [x] Committing it to a private repository
- [ ] Storing it in vault

> Private repositories are still source control.
""" % (quiz["id"], quiz["title"], ", ".join(quiz["policies"]))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("keys", type=int)
    parser.add_argument("out")
    parser.add_argument("--as-of", default=AS_OF_DEFAULT)
    parser.add_argument("--seed", type=int, default=5)
    here = os.path.dirname(os.path.abspath(__file__))
    parser.add_argument("--templates", default=os.path.join(here, "..", "..", "templates"))
    args = parser.parse_args()
    n = args.keys
    as_of = dt.date.fromisoformat(args.as_of)
    rng = random.Random(args.seed)
    root = os.path.join(args.out, "root")
    if os.path.exists(root):
        shutil.rmtree(root)

    # The roster: about one person per 200 keys (at least 200), 8% inactive.
    n_people = max(200, n // 200)
    people = []
    for i in range(n_people):
        team = TEAMS[i % len(TEAMS)]
        email = "person%05d@example.com" % i
        active = rng.random() >= 0.08
        start = as_of - dt.timedelta(days=rng.randint(10, 3000))
        people.append((email, "Person %d" % i, team, "engineering;%s" % team, active, start))
    admin = ("security-lead@example.com", "Security Lead", "security", "engineering;security", True,
             as_of - dt.timedelta(days=2000))
    bench_user = ("bench@example.com", "Bench Runner", "security", "engineering;security", True,
                  as_of - dt.timedelta(days=500))
    people = [admin, bench_user] + people
    roster_lines = ["email,name,team,groups,active,start_date,manager"]
    for email, name, team, groups, active, start in people:
        manager = "" if email == admin[0] else admin[0]
        roster_lines.append("%s,%s,%s,%s,%s,%s,%s" % (email, name, team, groups, "true" if active else "false",
                                                     day(start), manager))
    write(os.path.join(root, "content", "data", "people.csv"), "\n".join(roster_lines) + "\n")
    emails = [p[0] for p in people[2:]]
    active_emails = [p[0] for p in people[2:] if p[4]]
    inactive_emails = [p[0] for p in people[2:] if not p[4]]
    departed = ["departed%04d@example.com" % i for i in range(max(10, n_people // 50))]

    # Training completions: most people current in key-handling, fewer in incident-basics;
    # some expired, some failed.
    completions = ["email,quiz,completed_at,score_percent,passed"]
    last_completion = as_of - dt.timedelta(days=1)  # imports reject completions after "now"
    for email, *_ in people:
        for quiz, rate in (("key-handling", 0.98), ("incident-basics", 0.88)):
            r = rng.random()
            if r < rate:
                when = last_completion - dt.timedelta(days=rng.randint(0, 360))
                completions.append("%s,%s,%s,%d,true" % (email, quiz, day(when), rng.randint(80, 100)))
            elif r < rate + 0.03:
                when = last_completion - dt.timedelta(days=rng.randint(370, 700))  # expired
                completions.append("%s,%s,%s,%d,true" % (email, quiz, day(when), rng.randint(80, 100)))
            elif r < rate + 0.05:
                when = last_completion - dt.timedelta(days=rng.randint(0, 200))  # failed
                completions.append("%s,%s,%s,%d,false" % (email, quiz, day(when), rng.randint(20, 70)))
    write(os.path.join(args.out, "completions.csv"), "\n".join(completions) + "\n")

    # The inventory.
    os.makedirs(args.out, exist_ok=True)
    with open(os.path.join(args.out, "keys.csv"), "w", encoding="utf-8") as f:
        f.write(HEADER + "\n")
        buffer = []
        for i in range(n):
            consumer = pick(rng, [("internal", 50), ("service", 30), ("third_party", 15), ("", 5)])
            if consumer in ("service", "third_party") and rng.random() < 0.9:
                key_type = "restricted"  # mostly done right
            else:
                key_type = pick(rng, [("secret", 50), ("restricted", 30), ("publishable", 10), ("webhook_secret", 10)])
            mode = "live" if rng.random() < 0.6 else "test"
            status = pick(rng, [("active", 80), ("", 8), ("inactive", 12)])
            owner_roll = rng.random()
            if owner_roll < 0.02:
                owner = ""
            elif owner_roll < 0.03:
                owner = rng.choice(departed)
            elif owner_roll < 0.04 and inactive_emails:
                owner = rng.choice(inactive_emails)
            else:
                owner = rng.choice(active_emails)
            created = as_of - dt.timedelta(days=rng.randint(20, 1500))
            age_created = (as_of - created).days
            if rng.random() < 0.05:
                rotated = None
            else:
                rotated = as_of - dt.timedelta(days=min(age_created, int(rng.expovariate(1 / 30))))
            used = None if rng.random() < 0.03 else as_of - dt.timedelta(days=min(age_created, int(rng.expovariate(1 / 40))))
            expires = "" if rng.random() < 0.7 else day(as_of + dt.timedelta(days=rng.randint(1, 700)))
            allowlist = "" if rng.random() < 0.08 else rng.choice(["10.0.0.0/24", "192.0.2.15;198.51.100.0/28", "203.0.113.7"])
            storage = pick(rng, [("kms", 50), ("vault", 40), ("secrets_manager", 7), ("env_file", 2), ("plaintext", 0.5), ("", 0.5)])
            if mode == "live":
                environment = pick(rng, [("production", 95), ("staging", 2), ("development", 1), ("ci", 1), ("", 1)])
            else:
                environment = pick(rng, [("production", 10), ("staging", 35), ("development", 30), ("ci", 20), ("", 5)])
            if consumer == "service":
                consumer = "service:" + rng.choice(SERVICES)
            elif consumer == "third_party":
                consumer = "third_party:" + rng.choice(VENDORS)
            permissions = ";".join(rng.sample(PERMISSIONS, rng.randint(1, 3))) if key_type == "restricted" else ""
            n_access = pick(rng, [(0, 10), (1, 30), (2, 32), (3, 20), (4, 6), (5, 1.5), (7, 0.5)])
            access_people = set()
            while len(access_people) < n_access:
                roll = rng.random()
                access_people.add(rng.choice(departed) if roll < 0.003 else
                                  rng.choice(inactive_emails) if roll < 0.006 and inactive_emails else rng.choice(active_emails))
            access = ";".join(sorted(access_people))
            reviewed = "" if rng.random() < 0.03 else day(as_of - dt.timedelta(days=int(rng.expovariate(1 / 30))))
            exposed = ""
            if rng.random() < 0.01:
                exposed_date = as_of - dt.timedelta(days=rng.randint(0, min(age_created, 60)))
                exposed = day(exposed_date)
                if rng.random() < 0.6:  # rolled after the exposure
                    rotated = exposed_date + dt.timedelta(days=rng.randint(0, (as_of - exposed_date).days))
            # A few ISO 8601 date-times, as exports often have.
            created_text = day(created) if rng.random() < 0.9 else day(created) + "T08:30:00Z"
            buffer.append(",".join([
                "key_%08d" % i, "%s %s key %d" % (TEAMS[i % len(TEAMS)], mode, i), key_type, mode, status, owner,
                created_text, day(rotated) if rotated else "", day(used) if used else "", expires, allowlist,
                storage, environment, consumer, permissions, access, reviewed, exposed,
            ]))
            if len(buffer) >= 10000:
                f.write("\n".join(buffer) + "\n")
                buffer = []
        if buffer:
            f.write("\n".join(buffer) + "\n")

    # The root: policies enabling every check, the quizzes, handbook.yml.
    write(os.path.join(root, "content", "handbook.yml"),
          "title: Audit benchmark\norganization: Benchmark Corp\nbase_url: https://handbook.example.com/\n"
          "sections: [keys]\nadmins: [security-lead@example.com]\nlinks: fail\n"
          "people: content/data/people.csv\nrecords: .attest/records.sqlite\n")
    for policy in POLICIES:
        write(os.path.join(root, "content", "policies", "keys", policy["id"] + ".md"), policy_markdown(policy))
    for quiz in QUIZZES:
        write(os.path.join(root, "content", "quizzes", quiz["id"] + ".md"), quiz_markdown(quiz))
    templates = os.path.abspath(args.templates)
    if os.path.isdir(templates):
        shutil.copytree(templates, os.path.join(root, "templates"))
    else:
        print("generate_inventory: warning: no templates at %s; the root has none" % templates, file=sys.stderr)

    spec = {"as_of": args.as_of, "controls": CONTROLS, "policies": POLICIES, "quizzes": QUIZZES}
    write(os.path.join(args.out, "controls.json"), json.dumps(spec, indent=2) + "\n")
    print("generate_inventory: %d keys, %d people, %d completions -> %s" % (n, len(people), len(completions) - 1, args.out))


if __name__ == "__main__":
    main()
