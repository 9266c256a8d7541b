#!/usr/bin/env python3
"""The reference side of the audit benchmark: Attest's checks as SQL in DuckDB, writing what
Attest's report holds per finding.

    duckdb_audit.py DIR [--as-of DATE] [--no-records] [--output FILE] [--threads N]

Reads DIR/keys.csv, DIR/root/content/data/people.csv, DIR/completions.csv and DIR/controls.json
(written by generate_inventory.py) and runs every control there as SQL with the semantics Attest
documents (key checks on active keys only, narrowed by types and modes; last_rotated_at falls back
to created_at; exact limits pass). Each finding is written as one JSON line (DIR/duckdb-findings.json
by default), with what a finding of Attest's report.json holds:

    {"control", "subject", "status", "message" (Attest's wording), "evidence" (Attest's names and
     values, in its order), "source": {"path", "line"}}

in Attest's order (controls by policy path then declaration, findings in file order). The source
line of a key is its row number + 1 (generate_inventory.py writes one record a line, after the
header). Prints one line of JSON to stdout:

    {"seconds": whole script, "query_seconds": from the first query to the findings written,
     "findings", "fail", "warn", "by_control"}

query_seconds is DuckDB's in-process time (no interpreter start, no `import duckdb`), to compare
with `attest audit --timings` (its "total"). --no-records leaves the training completions out, as
`attest audit` without --records does.
"""

import argparse
import json
import os
import sys
import time

START = time.monotonic()

import duckdb  # noqa: E402  (timed in "seconds", not in "query_seconds")


def sql_string(value):
    return "'%s'" % str(value).replace("'", "''")


def sql_list(values):
    return "[" + ", ".join(sql_string(v) for v in values) + "]::VARCHAR[]"


def days(expr):
    """Attest's "1 day" / "N days"."""
    return "(CASE WHEN (%s) = 1 THEN '1 day' ELSE CAST((%s) AS VARCHAR) || ' days' END)" % (expr, expr)


def days_text(n):
    return "1 day" if n == 1 else "%d days" % n


def scope_clause(params):
    clauses = ["status = 'active'"]
    if "types" in params:
        clauses.append("type IN (SELECT unnest(%s))" % sql_list(params["types"]))
    if "modes" in params:
        clauses.append("mode IN (SELECT unnest(%s))" % sql_list(params["modes"]))
    return " AND ".join(clauses)


def key_check_sql(control, as_of, with_records):
    """SELECT subject, status, message, evidence, line for one key control."""
    check, p = control["check"], control["params"]
    scope = scope_clause(p)
    a = "DATE %s" % sql_string(as_of)
    # The keys in scope, with their line in the file.
    keys = "(SELECT *, rowid AS rid, rowid + 2 AS line FROM keys WHERE %s)" % scope
    if check == "owner-assigned":
        return """SELECT id AS subject, 'fail' AS status, 'no owner' AS message,
            json_object('owner', '') AS evidence, line FROM {keys} WHERE owner IS NULL""".format(keys=keys)
    if check == "owner-active":
        return """SELECT k.id AS subject, 'fail' AS status,
            CASE WHEN k.owner IS NULL THEN 'no owner'
                 WHEN p.email IS NULL THEN 'owner ' || k.owner || ' is not in the roster'
                 ELSE 'owner ' || k.owner || ' is inactive in the roster' END AS message,
            CASE WHEN k.owner IS NULL THEN json_object('owner', '')
                 ELSE json_object('owner', k.owner, 'roster', CASE WHEN p.email IS NULL THEN 'not_in_roster' ELSE 'inactive' END)
            END AS evidence, k.line
            FROM {keys} k LEFT JOIN people p ON p.email = k.owner
            WHERE k.owner IS NULL OR p.email IS NULL OR NOT p.active""".format(keys=keys)
    if check == "rotation-age":
        mx, warn = p["max_age_days"], p.get("warn_days", 0)
        return """SELECT id AS subject,
            CASE WHEN last_rotated IS NULL OR age > {mx} THEN 'fail' ELSE 'warn' END AS status,
            CASE WHEN last_rotated IS NULL THEN 'no last_rotated_at or created_at: the key''s age is unknown'
                 WHEN age > {mx} THEN 'last rotated ' || CAST(last_rotated AS VARCHAR) || ', ' || {age_days} || ' ago; limit {mx}'
                 ELSE 'last rotated ' || CAST(last_rotated AS VARCHAR) || ', ' || {age_days} || ' ago; limit {mx}, due in '
                      || {due_days} || ' (warning from {warn_days} before)' END AS message,
            CASE WHEN last_rotated IS NULL THEN json_object('last_rotated_at', '', 'created_at', '')
                 WHEN age > {mx} THEN json_object('last_rotated_at', CAST(last_rotated AS VARCHAR), 'age_days', age, 'max_age_days', {mx})
                 ELSE json_object('last_rotated_at', CAST(last_rotated AS VARCHAR), 'age_days', age, 'max_age_days', {mx}, 'warn_days', {warn})
            END AS evidence, line
            FROM (SELECT *, date_diff('day', last_rotated, {a}) AS age FROM {keys})
            WHERE last_rotated IS NULL OR age > {mx} OR ({warn} > 0 AND {mx} - age <= {warn})""".format(
            a=a, mx=mx, warn=warn, keys=keys, age_days=days("age"), due_days=days("%d - age" % mx),
            warn_days=days_text(warn))
    if check == "unused-key":
        mx = p["max_idle_days"]
        return """SELECT id AS subject, 'fail' AS status,
            CASE WHEN since IS NULL THEN 'no last_used_at or created_at: idle time unknown'
                 ELSE CASE WHEN last_used IS NULL THEN 'never used since created ' ELSE 'last used ' END
                      || CAST(since AS VARCHAR) || ', ' || {idle_days} || ' ago; limit {mx}' END AS message,
            CASE WHEN since IS NULL THEN json_object('last_used_at', '', 'created_at', '')
                 WHEN last_used IS NULL THEN json_object('created_at', CAST(since AS VARCHAR), 'idle_days', idle, 'max_idle_days', {mx})
                 ELSE json_object('last_used_at', CAST(since AS VARCHAR), 'idle_days', idle, 'max_idle_days', {mx})
            END AS evidence, line
            FROM (SELECT *, coalesce(last_used, created) AS since,
                         date_diff('day', coalesce(last_used, created), {a}) AS idle FROM {keys})
            WHERE since IS NULL OR idle > {mx}""".format(a=a, mx=mx, keys=keys, idle_days=days("idle"))
    if check == "restricted-for-third-parties":
        consumers = p.get("consumers", ["third_party", "service"])
        return """SELECT id AS subject, 'fail' AS status,
            'a secret key used by ' || consumer || '; this consumer must use a restricted key' AS message,
            json_object('type', 'secret', 'consumer', consumer) AS evidence, line
            FROM {keys} WHERE type = 'secret' AND split_part(consumer, ':', 1) IN (SELECT unnest({consumers}))""".format(
            keys=keys, consumers=sql_list(consumers))
    if check == "ip-allowlist":
        return """SELECT id AS subject, 'fail' AS status, 'no IP allowlist' AS message,
            json_object('ip_allowlist', []::VARCHAR[]) AS evidence, line
            FROM {keys} WHERE len(list_filter(string_split(coalesce(ip_allowlist, ''), ';'), lambda x: trim(x) <> '')) = 0""".format(
            keys=keys)
    if check == "approved-storage":
        allowed = p["allowed"]
        return """SELECT id AS subject, 'fail' AS status,
            CASE WHEN storage IS NULL THEN 'storage not recorded' ELSE 'stored in ' || storage END
                || '; allowed: {allowed_text}' AS message,
            json_object('storage', coalesce(storage, ''), 'allowed', {allowed}) AS evidence, line
            FROM {keys} WHERE storage IS NULL OR lower(storage) NOT IN (SELECT unnest({allowed_lower}))""".format(
            keys=keys, allowed=sql_list(allowed), allowed_lower=sql_list([s.lower() for s in allowed]),
            allowed_text=", ".join(allowed).replace("'", "''"))
    if check == "no-live-in-nonprod":
        envs = p.get("environments", ["production"])
        return """SELECT id AS subject, CASE WHEN environment IS NULL THEN 'warn' ELSE 'fail' END AS status,
            CASE WHEN environment IS NULL THEN 'live key with no environment recorded' ELSE 'live key used in ' || environment END
                || '; live keys belong only in: {envs_text}' AS message,
            json_object('mode', 'live', 'environment', coalesce(environment, ''), 'allowed', {envs}) AS evidence, line
            FROM {keys} WHERE mode = 'live' AND (environment IS NULL OR environment NOT IN (SELECT unnest({envs})))""".format(
            keys=keys, envs=sql_list(envs), envs_text=", ".join(envs).replace("'", "''"))
    if check == "access-least":
        mx = p["max_people"]
        # Who is not active, in the order the key lists them.
        return """SELECT k.id AS subject, 'fail' AS status,
            concat_ws('; ', CASE WHEN len(k.access_list) > {mx} THEN len(k.access_list) || ' people have access; limit {mx}' END,
                      CASE WHEN n.rid IS NOT NULL THEN 'not active in the roster: ' || array_to_string(n.not_active, ', ') END) AS message,
            json_object('people', len(k.access_list), 'max_people', {mx}, 'not_active', coalesce(n.not_active, []::VARCHAR[])) AS evidence,
            k.line
            FROM {keys} k LEFT JOIN (
                SELECT u.rid, list(u.person ORDER BY u.pos) AS not_active
                FROM (SELECT rid, unnest(access_list) AS person, unnest(range(len(access_list))) AS pos FROM {keys}) u
                ANTI JOIN active_people a ON a.email = u.person
                GROUP BY u.rid) n ON n.rid = k.rid
            WHERE len(k.access_list) > {mx} OR n.rid IS NOT NULL""".format(mx=mx, keys=keys)
    if check == "access-review":
        mx = p["max_days"]
        return """SELECT id AS subject, 'fail' AS status,
            CASE WHEN access_reviewed IS NULL THEN 'access never reviewed; limit {mx} days'
                 ELSE 'access last reviewed ' || CAST(access_reviewed AS VARCHAR) || ', ' || {review_days} || ' ago; limit {mx}' END AS message,
            CASE WHEN access_reviewed IS NULL THEN json_object('access_reviewed_at', '', 'max_days', {mx})
                 ELSE json_object('access_reviewed_at', CAST(access_reviewed AS VARCHAR), 'days', d, 'max_days', {mx}) END AS evidence,
            line
            FROM (SELECT *, date_diff('day', access_reviewed, {a}) AS d FROM {keys})
            WHERE access_reviewed IS NULL OR d > {mx}""".format(a=a, mx=mx, keys=keys, review_days=days("d"))
    if check == "access-trained":
        quizzes = p["quizzes"]
        # The owner, then everyone with access not listed before; each with the quizzes they lack.
        return """WITH persons AS (
                SELECT rid, person, min(pos) AS pos FROM (
                    SELECT rid, owner AS person, -1 AS pos FROM {keys} WHERE owner IS NOT NULL
                    UNION ALL
                    SELECT rid, unnest(access_list) AS person, unnest(range(len(access_list))) AS pos FROM {keys})
                GROUP BY rid, person),
            lacking AS (
                SELECT p.rid, p.person, p.pos, list(q.quiz ORDER BY q.qi) FILTER (WHERE c.email IS NULL) AS lacks
                FROM persons p
                CROSS JOIN (SELECT unnest({quizzes}) AS quiz, unnest(range({nq})) AS qi) q
                LEFT JOIN current_passes c ON c.email = p.person AND c.quiz = q.quiz
                GROUP BY p.rid, p.person, p.pos),
            per_key AS (
                SELECT rid, count(*) AS people,
                    list(CASE WHEN len(lacks) = {nq} THEN person ELSE person || ' (' || array_to_string(lacks, ', ') || ')' END
                         ORDER BY pos) FILTER (WHERE len(lacks) > 0) AS missing
                FROM lacking GROUP BY rid)
            SELECT k.id AS subject, 'fail' AS status,
                len(m.missing) || ' of ' || m.people || CASE WHEN m.people = 1 THEN ' person lacks' ELSE ' people lack' END
                    || ' a current pass of {quizzes_text}: ' || array_to_string(m.missing, ', '){no_records} AS message,
                json_object('people', m.people, 'quizzes', {quizzes}, 'without_current_pass', m.missing) AS evidence,
                k.line
            FROM per_key m JOIN {keys} k ON k.rid = m.rid
            WHERE m.missing IS NOT NULL""".format(
            keys=keys, quizzes=sql_list(quizzes), nq=len(quizzes), quizzes_text=", ".join(quizzes).replace("'", "''"),
            no_records="" if with_records else " || ' (no training records were given)'")
    if check == "exposure-rolled":
        mx = p.get("max_days", 0)
        return """SELECT id AS subject, CASE WHEN d <= {mx} THEN 'warn' ELSE 'fail' END AS status,
            'exposed ' || CAST(exposed AS VARCHAR) || ', ' || {exposed_days} || ' ago, not rolled since ('
                || CASE WHEN last_rotated IS NULL THEN 'never rotated' ELSE 'last rotated ' || CAST(last_rotated AS VARCHAR) END
                || '); {limit}' AS message,
            json_object('exposed_at', CAST(exposed AS VARCHAR), 'last_rotated_at', coalesce(CAST(last_rotated AS VARCHAR), ''),
                        'days_since_exposure', d, 'max_days', {mx}) AS evidence, line
            FROM (SELECT *, date_diff('day', exposed, {a}) AS d FROM {keys})
            WHERE exposed IS NOT NULL AND (last_rotated IS NULL OR last_rotated < exposed)""".format(
            a=a, mx=mx, keys=keys, exposed_days=days("d"),
            limit="must be rolled at once" if mx == 0 else "must be rolled within " + days_text(mx))
    raise ValueError("unknown key check " + check)


def policy_reviewed_sql(policy, as_of):
    lr, every = sql_string(policy["last_reviewed"]), policy["review_every_days"]
    return """SELECT {pid} AS subject, 'fail' AS status,
            'last reviewed ' || {lr} || ', ' || {review_days} || ' ago; review every {every} days (was due '
                || CAST(DATE {lr} + {every} AS VARCHAR) || ')' AS message,
            json_object('last_reviewed', {lr}, 'days', date_diff('day', DATE {lr}, DATE {a}), 'review_every_days', {every},
                        'due', CAST(DATE {lr} + {every} AS VARCHAR)) AS evidence, 1 AS line
            WHERE DATE {lr} + {every} < DATE {a}""".format(
        pid=sql_string(policy["id"]), lr=lr, every=every, a=sql_string(as_of),
        review_days=days("date_diff('day', DATE %s, DATE %s)" % (lr, sql_string(as_of))))


def training_coverage_sql(quiz, min_percent):
    # Every quiz of the benchmark applies to everyone: its audience is the active roster.
    return """SELECT {q} AS subject, 'fail' AS status,
            CAST(current * 100 // audience AS VARCHAR) || '% of the audience of ' || {q} || ' (' || current || ' of '
                || audience || ' people) hold a current pass; minimum {mp}%' AS message,
            json_object('quiz', {q}, 'audience', audience, 'current', current, 'percent', current * 100 // audience,
                        'min_percent', {mp}, 'without_current_pass', missing) AS evidence, 1 AS line
            FROM (SELECT count(*) AS audience, count(c.email) AS current,
                         coalesce(list(a.email ORDER BY a.email) FILTER (WHERE c.email IS NULL), []::VARCHAR[]) AS missing
                  FROM active_people a LEFT JOIN current_passes c ON c.email = a.email AND c.quiz = {q})
            WHERE current * 100 < {mp} * audience""".format(q=sql_string(quiz), mp=min_percent)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("dir")
    parser.add_argument("--as-of")
    parser.add_argument("--no-records", action="store_true")
    parser.add_argument("--output")
    parser.add_argument("--threads", type=int, default=0, help="DuckDB threads (default: every core)")
    args = parser.parse_args()
    with open(os.path.join(args.dir, "controls.json"), encoding="utf-8") as f:
        spec = json.load(f)
    as_of = args.as_of or spec["as_of"]
    output = args.output or os.path.join(args.dir, "duckdb-findings.json")
    inventory = os.path.join(args.dir, "keys.csv")

    con = duckdb.connect()
    if args.threads:
        con.execute("SET threads = %d" % args.threads)

    def path(*parts):
        return os.path.join(args.dir, *parts).replace("'", "''")

    def date(col):
        # YYYY-MM-DD or an ISO 8601 date-time in UTC: the date is its first ten characters.
        return "TRY_CAST(substr(%s, 1, 10) AS DATE)" % col

    # The controls in Attest's order: policies by source path, then as declared (in CONTROLS order).
    policies = sorted(spec["policies"], key=lambda p: "content/policies/keys/%s.md" % p["id"])
    ordered = [c for p in policies for c in spec["controls"] if c["id"] in p["controls"]]

    query_start = time.monotonic()
    con.execute("""
        CREATE TABLE keys AS SELECT
            id, type, mode, coalesce(status, 'active') AS status, lower(owner) AS owner,
            {c} AS created, coalesce({r}, {c}) AS last_rotated, {u} AS last_used,
            ip_allowlist, storage, environment, consumer,
            list_filter(list_transform(string_split(lower(coalesce(access, '')), ';'), lambda x: trim(x)), lambda x: x <> '') AS access_list,
            {ar} AS access_reviewed, {e} AS exposed
        FROM read_csv('{p}', header = true, all_varchar = true, auto_detect = false,
            columns = {{'id': 'VARCHAR', 'name': 'VARCHAR', 'type': 'VARCHAR', 'mode': 'VARCHAR', 'status': 'VARCHAR',
              'owner': 'VARCHAR', 'created_at': 'VARCHAR', 'last_rotated_at': 'VARCHAR', 'last_used_at': 'VARCHAR',
              'expires_at': 'VARCHAR', 'ip_allowlist': 'VARCHAR', 'storage': 'VARCHAR', 'environment': 'VARCHAR',
              'consumer': 'VARCHAR', 'permissions': 'VARCHAR', 'access': 'VARCHAR', 'access_reviewed_at': 'VARCHAR',
              'exposed_at': 'VARCHAR'}})
    """.format(c=date("created_at"), r=date("last_rotated_at"), u=date("last_used_at"),
               ar=date("access_reviewed_at"), e=date("exposed_at"), p=path("keys.csv")))
    con.execute("""CREATE TABLE people AS SELECT lower(email) AS email, lower(active) = 'true' AS active
        FROM read_csv('{p}', header = true, all_varchar = true)""".format(p=path("root", "content", "data", "people.csv")))
    con.execute("CREATE TABLE active_people AS SELECT email FROM people WHERE active")
    quiz_days = {q["id"]: q.get("valid_days", 365) for q in spec["quizzes"]}
    if args.no_records:
        con.execute("CREATE TABLE current_passes (email VARCHAR, quiz VARCHAR)")
    else:
        # A pass counts while its date + valid_days >= the as-of date, for active people (every
        # quiz here applies to everyone).
        con.execute("""CREATE TABLE current_passes AS SELECT DISTINCT lower(c.email) AS email, c.quiz
            FROM read_csv('{p}', header = true, all_varchar = true) c
            JOIN (SELECT unnest({ids}) AS quiz, unnest({days}) AS valid_days) q ON q.quiz = c.quiz
            WHERE lower(c.passed) = 'true' AND lower(c.email) IN (SELECT email FROM active_people)
              AND CAST(substr(c.completed_at, 1, 10) AS DATE) + CAST(q.valid_days AS INTEGER) >= DATE '{a}'
        """.format(p=path("completions.csv"), ids=sql_list(list(quiz_days)), days=list(quiz_days.values()), a=as_of))

    # Each control's findings: (control index, order within the control, source path, the finding).
    parts = []
    for index, control in enumerate(ordered):
        check, cid = control["check"], sql_string(control["id"])
        if check == "policy-reviewed":
            for order, policy in enumerate(policies):
                parts.append("SELECT %d AS ctl, %d AS ord, %s AS control, %s AS path, * FROM (%s)" % (
                    index, order, cid, sql_string("content/policies/keys/%s.md" % policy["id"]),
                    policy_reviewed_sql(policy, as_of)))
        elif check == "training-coverage":
            for order, quiz in enumerate(control["params"]["quizzes"]):
                parts.append("SELECT %d AS ctl, %d AS ord, %s AS control, %s AS path, * FROM (%s)" % (
                    index, order, cid, sql_string("content/quizzes/%s.md" % quiz),
                    training_coverage_sql(quiz, control["params"]["min_percent"])))
        else:
            parts.append("SELECT %d AS ctl, line AS ord, %s AS control, %s AS path, * FROM (%s)" % (
                index, cid, sql_string(inventory), key_check_sql(control, as_of, not args.no_records)))
    if os.environ.get("DUCKDB_AUDIT_PROFILE"):
        for part in parts:
            t = time.monotonic()
            con.execute("SELECT count(*) FROM (%s)" % part).fetchall()
            print("%.3f s  %s" % (time.monotonic() - t, " ".join(part.split())[:60]), file=sys.stderr)
    con.execute("CREATE TABLE findings AS " + "\nUNION ALL\n".join("(%s)" % p for p in parts))
    con.execute("""COPY (SELECT control, subject, status, message, evidence, {'path': path, 'line': line} AS source
                  FROM findings ORDER BY ctl, ord) TO '%s' (FORMAT JSON)""" % output.replace("'", "''"))
    query_seconds = time.monotonic() - query_start

    by_control = {}
    for cid, status, count in con.execute("SELECT control, status, count(*) FROM findings GROUP BY ALL").fetchall():
        by_control.setdefault(cid, {"fail": 0, "warn": 0})[status] = count
    for control in spec["controls"]:
        by_control.setdefault(control["id"], {"fail": 0, "warn": 0})
    fail = sum(v["fail"] for v in by_control.values())
    warn = sum(v["warn"] for v in by_control.values())
    print(json.dumps({"seconds": round(time.monotonic() - START, 3), "query_seconds": round(query_seconds, 3),
                      "findings": fail + warn, "fail": fail, "warn": warn, "by_control": dict(sorted(by_control.items()))}))


if __name__ == "__main__":
    sys.exit(main())
