#!/usr/bin/env python3
"""The reference side of the audit benchmark: the checks of issue 4 as SQL in DuckDB.

    duckdb_audit.py DIR [--as-of DATE] [--no-records] [--output FILE]

Reads DIR/keys.csv, DIR/root/content/data/people.csv, DIR/completions.csv and DIR/controls.json
(written by generate_inventory.py), runs every control there as SQL with the semantics Attest
documents (key checks on active keys only, narrowed by types and modes; last_rotated_at falls back
to created_at; exact limits pass), writes the findings as JSON (DIR/duckdb-findings.json by default)
and prints one line of JSON to stdout: {"seconds", "findings", "fail", "warn", "by_control"}.
--no-records leaves the training completions out, as `attest audit` without --records does.
"""

import argparse
import json
import os
import sys
import time

import duckdb


def sql_list(values):
    return "[" + ", ".join("'%s'" % v.replace("'", "''") for v in values) + "]"


def scope_clause(params):
    clauses = ["status = 'active'"]
    if "types" in params:
        clauses.append("type IN (SELECT unnest(%s))" % sql_list(params["types"]))
    if "modes" in params:
        clauses.append("mode IN (SELECT unnest(%s))" % sql_list(params["modes"]))
    return " AND ".join(clauses)


def key_check_sql(control, as_of):
    """SELECT control, subject, status, message for one key control."""
    cid, check, p = control["id"], control["check"], control["params"]
    scope = scope_clause(p)
    a = "DATE '%s'" % as_of
    head = "SELECT '%s' AS control, id AS subject," % cid
    if check == "owner-assigned":
        return head + " 'fail' AS status, 'no owner' AS message FROM keys WHERE %s AND owner IS NULL" % scope
    if check == "owner-active":
        return head + """ 'fail' AS status,
            CASE WHEN owner IS NULL THEN 'no owner' ELSE 'owner ' || owner || ' is not active in the roster' END AS message
            FROM keys WHERE %s AND (owner IS NULL OR owner NOT IN (SELECT email FROM active_people))""" % scope
    if check == "rotation-age":
        mx, warn = p["max_age_days"], p.get("warn_days", 0)
        return head + """ CASE WHEN last_rotated IS NULL OR date_diff('day', last_rotated, {a}) > {mx} THEN 'fail' ELSE 'warn' END AS status,
            'last rotated ' || coalesce(CAST(last_rotated AS VARCHAR), 'never') || ', ' || coalesce(CAST(date_diff('day', last_rotated, {a}) AS VARCHAR), '?') || ' days ago; limit {mx}' AS message
            FROM keys WHERE {scope} AND (last_rotated IS NULL OR date_diff('day', last_rotated, {a}) > {mx}
              OR ({warn} > 0 AND {mx} - date_diff('day', last_rotated, {a}) <= {warn}))""".format(a=a, mx=mx, warn=warn, scope=scope)
    if check == "unused-key":
        mx = p["max_idle_days"]
        return head + """ 'fail' AS status,
            'idle since ' || coalesce(CAST(coalesce(last_used, created) AS VARCHAR), 'unknown') || '; limit {mx}' AS message
            FROM keys WHERE {scope} AND (coalesce(last_used, created) IS NULL OR date_diff('day', coalesce(last_used, created), {a}) > {mx})""".format(
            a=a, mx=mx, scope=scope)
    if check == "restricted-for-third-parties":
        consumers = p.get("consumers", ["third_party", "service"])
        return head + """ 'fail' AS status, 'secret key used by ' || consumer AS message
            FROM keys WHERE %s AND type = 'secret' AND split_part(consumer, ':', 1) IN (SELECT unnest(%s))""" % (
            scope, sql_list(consumers))
    if check == "ip-allowlist":
        return head + " 'fail' AS status, 'no IP allowlist' AS message FROM keys WHERE %s AND coalesce(trim(ip_allowlist), '') = ''" % scope
    if check == "approved-storage":
        allowed = [s.lower() for s in p["allowed"]]
        return head + """ 'fail' AS status, 'stored in ' || coalesce(storage, 'nothing recorded') AS message
            FROM keys WHERE %s AND (storage IS NULL OR lower(storage) NOT IN (SELECT unnest(%s)))""" % (scope, sql_list(allowed))
    if check == "no-live-in-nonprod":
        envs = p.get("environments", ["production"])
        return head + """ CASE WHEN environment IS NULL THEN 'warn' ELSE 'fail' END AS status,
            'live key in ' || coalesce(environment, 'no recorded environment') AS message
            FROM keys WHERE %s AND mode = 'live' AND (environment IS NULL OR environment NOT IN (SELECT unnest(%s)))""" % (
            scope, sql_list(envs))
    if check == "access-least":
        mx = p["max_people"]
        return head + """ 'fail' AS status, len(access_list) || ' people with access; limit {mx}' AS message
            FROM keys WHERE {scope} AND (len(access_list) > {mx} OR id IN (
                SELECT u.id FROM (SELECT id, unnest(access_list) AS person FROM keys WHERE {scope}) u
                ANTI JOIN active_people a ON a.email = u.person))""".format(mx=mx, scope=scope)
    if check == "access-review":
        mx = p["max_days"]
        return head + """ 'fail' AS status,
            CASE WHEN access_reviewed IS NULL THEN 'access never reviewed' ELSE 'access reviewed ' || CAST(access_reviewed AS VARCHAR) END AS message
            FROM keys WHERE {scope} AND (access_reviewed IS NULL OR date_diff('day', access_reviewed, {a}) > {mx})""".format(
            a=a, mx=mx, scope=scope)
    if check == "access-trained":
        quizzes = p["quizzes"]
        # People of a key: owner and everyone with access. A key fails when one of them lacks a
        # current pass of one of the quizzes.
        return """SELECT '{cid}' AS control, k.id AS subject, 'fail' AS status,
                count(*) || ' missing passes' AS message
            FROM (SELECT id, unnest(list_distinct(list_concat(CASE WHEN owner IS NULL THEN [] ELSE [owner] END, access_list))) AS person
                  FROM keys WHERE {scope}) k
            CROSS JOIN (SELECT unnest({quizzes}) AS quiz) q
            ANTI JOIN current_passes c ON c.email = k.person AND c.quiz = q.quiz
            GROUP BY k.id""".format(cid=cid, scope=scope, quizzes=sql_list(quizzes))
    if check == "exposure-rolled":
        mx = p.get("max_days", 0)
        return head + """ CASE WHEN date_diff('day', exposed, {a}) <= {mx} THEN 'warn' ELSE 'fail' END AS status,
            'exposed ' || CAST(exposed AS VARCHAR) || ', not rolled since' AS message
            FROM keys WHERE {scope} AND exposed IS NOT NULL AND (last_rotated IS NULL OR last_rotated < exposed)""".format(
            a=a, mx=mx, scope=scope)
    raise ValueError("unknown key check " + check)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("dir")
    parser.add_argument("--as-of")
    parser.add_argument("--no-records", action="store_true")
    parser.add_argument("--output")
    parser.add_argument("--threads", type=int, default=0, help="DuckDB threads (default: every core)")
    args = parser.parse_args()
    start = time.monotonic()
    with open(os.path.join(args.dir, "controls.json"), encoding="utf-8") as f:
        spec = json.load(f)
    as_of = args.as_of or spec["as_of"]
    output = args.output or os.path.join(args.dir, "duckdb-findings.json")

    con = duckdb.connect()
    if args.threads:
        con.execute("SET threads = %d" % args.threads)

    def path(*parts):
        return os.path.join(args.dir, *parts).replace("'", "''")

    def date(col):
        # YYYY-MM-DD or an ISO 8601 date-time in UTC: the date is its first ten characters.
        return "TRY_CAST(substr(%s, 1, 10) AS DATE)" % col

    con.execute("""
        CREATE TABLE keys AS SELECT
            id, type, mode, coalesce(status, 'active') AS status, lower(owner) AS owner,
            {c} AS created, coalesce({r}, {c}) AS last_rotated, {u} AS last_used,
            ip_allowlist, storage, environment, consumer,
            list_filter(string_split(lower(coalesce(access, '')), ';'), lambda x: x <> '') AS access_list,
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

    parts = []
    for control in spec["controls"]:
        check = control["check"]
        if check == "policy-reviewed":
            for policy in spec["policies"]:
                parts.append("""SELECT '{cid}' AS control, '{pid}' AS subject, 'fail' AS status,
                    'last reviewed {lr}' AS message
                    WHERE DATE '{lr}' + {every} < DATE '{a}'""".format(
                    cid=control["id"], pid=policy["id"], lr=policy["last_reviewed"], every=policy["review_every_days"], a=as_of))
        elif check == "training-coverage":
            for quiz in control["params"]["quizzes"]:
                parts.append("""SELECT '{cid}' AS control, '{q}' AS subject, 'fail' AS status,
                    (SELECT count(*) FROM current_passes WHERE quiz = '{q}') || ' of ' || (SELECT count(*) FROM active_people) || ' current' AS message
                    WHERE (SELECT count(*) FROM current_passes WHERE quiz = '{q}') * 100 < {mp} * (SELECT count(*) FROM active_people)""".format(
                    cid=control["id"], q=quiz, mp=control["params"]["min_percent"]))
        else:
            parts.append(key_check_sql(control, as_of))
    if os.environ.get("DUCKDB_AUDIT_PROFILE"):
        for part in parts:
            t = time.monotonic()
            con.execute("SELECT count(*) FROM (%s)" % part).fetchall()
            print("%.3f s  %s" % (time.monotonic() - t, " ".join(part.split())[:60]), file=sys.stderr)
    con.execute("CREATE TABLE findings AS " + "\nUNION ALL\n".join("(%s)" % p for p in parts))
    con.execute("COPY (SELECT * FROM findings ORDER BY control, subject) TO '%s' (FORMAT JSON, ARRAY true)"
                % output.replace("'", "''"))
    by_control = {}
    for cid, status, count in con.execute("SELECT control, status, count(*) FROM findings GROUP BY ALL").fetchall():
        by_control.setdefault(cid, {"fail": 0, "warn": 0})[status] = count
    for control in spec["controls"]:
        by_control.setdefault(control["id"], {"fail": 0, "warn": 0})
    fail = sum(v["fail"] for v in by_control.values())
    warn = sum(v["warn"] for v in by_control.values())
    print(json.dumps({"seconds": round(time.monotonic() - start, 3), "findings": fail + warn, "fail": fail,
                      "warn": warn, "by_control": dict(sorted(by_control.items()))}))


if __name__ == "__main__":
    sys.exit(main())
