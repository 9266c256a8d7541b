#!/usr/bin/env python3
"""PostgreSQL records, proven with real processes: a throwaway PostgreSQL cluster
(Tests/PostgreSQL/cluster.sh), two `attest serve` instances sharing it, nginx in front with
deploy/nginx-attest.conf. Loopback only; every load is bounded in time.

  python3 Tests/Resilience/postgres_test.py      (make test runs it; ATTEST=path overrides the binary)

1. Bad input at start-up (unreachable server, wrong password, another application's database,
   a schema newer than this attest): exit 2, a clear message, no password shown, nothing written.
2. `attest training migrate` from SQLite: the same head on PostgreSQL, verified; run again, nothing added.
3. Two instances behind nginx, 32 concurrent submitters signed in by an invitation link; one
   instance killed with SIGKILL mid-load and restarted: every 201 stored exactly once, the chain
   verifies, the session goes on working on the surviving instance.
4. Two instances racing to redeem one invitation link: exactly one signs in (five links).
5. PostgreSQL stopped with `pg_ctl stop -m immediate` under load, then restarted: every 201 is
   stored, submissions during the outage get 503 with a clear message, both instances record again
   by themselves.
Prints `N passed, M failed`; exits 1 on any failure. KEEP=1 keeps the temporary folders.
"""
import http.client
import json
import os
import re
import secrets
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
ATTEST = os.environ.get("ATTEST", os.path.join(REPO, ".build/debug/attest"))
CLUSTER = os.path.join(REPO, "Tests/PostgreSQL/cluster.sh")
NGINX_CONF = os.path.join(REPO, "deploy/nginx-attest.conf")
RIGHT = {"1": ["b"], "2": ["a", "c"]}
WRONG = {"1": ["a"], "2": ["a", "c"]}

passed = 0
failed = 0


def result(ok, name, detail=""):
    global passed, failed
    if ok:
        passed += 1
        print(f"PASS {name}", flush=True)
    else:
        failed += 1
        print(f"FAIL {name}{': ' + detail if detail else ''}", flush=True)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def run(args, env=None, timeout=120):
    merged = dict(os.environ)
    merged.pop("PGPASSWORD", None)
    merged.pop("ATTEST_RECORDS_URL", None)
    if env:
        merged.update(env)
    completed = subprocess.run(args, capture_output=True, text=True, env=merged, timeout=timeout)
    return completed.returncode, completed.stdout, completed.stderr


def request(port, method, path, body=None, headers=None, timeout=15):
    """(status, headers dict, text) or (None, {}, error) when nothing answers."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        response = conn.getresponse()
        data = response.read().decode("utf-8", "replace")
        return response.status, response.getheaders(), data
    except (OSError, http.client.HTTPException) as error:
        return None, [], f"{type(error).__name__}: {error}"
    finally:
        conn.close()


def wait_until(predicate, seconds):
    deadline = time.time() + seconds
    while time.time() < deadline:
        if predicate():
            return True
        time.sleep(0.1)
    return False


class Cluster:
    def __init__(self):
        self.dir = tempfile.mktemp(prefix="attest-pg-", dir="/tmp")
        code, out, err = run(["bash", CLUSTER, "start", self.dir], timeout=180)
        if code != 0:
            raise SystemExit(f"postgres_test: the PostgreSQL server did not start:\n{out}{err}")
        self.port = int(out.strip())

    def psql(self, sql, database="postgres"):
        code, out, err = run(["bash", CLUSTER, "psql", self.dir, "-d", database, "-At", "-c", sql])
        if code != 0:
            raise RuntimeError(f"psql failed: {err}")
        return out.strip()

    def crash(self):
        return run(["bash", CLUSTER, "crash", self.dir])[0] == 0

    def restart(self):
        return run(["bash", CLUSTER, "restart", self.dir], timeout=180)[0] == 0

    def destroy(self):
        run(["bash", CLUSTER, "destroy", self.dir])


class Instance:
    """One `attest serve` on its own port, logging to a file."""

    def __init__(self, work, root, name, url, password_file):
        self.port = free_port()
        self.log_path = os.path.join(work, f"serve-{name}.log")
        self.args = [ATTEST, "serve", "--root", root, "--host", "127.0.0.1", "--port", str(self.port),
                     "--records", url, "--records-password-file", password_file]
        self.process = None

    def start(self):
        log = open(self.log_path, "a")
        self.process = subprocess.Popen(self.args, stdout=log, stderr=subprocess.STDOUT)
        up = wait_until(lambda: request(self.port, "GET", "/", timeout=2)[0] == 200 or self.process.poll() is not None, 90)
        return up and self.process.poll() is None

    def kill(self):
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait()

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


class Load:
    """WORKERS threads POSTing graded attempts to a port with a session cookie, for at most
    DURATION seconds; the id of every 201 is kept, and every status with its time."""

    def __init__(self, port, cookie, workers=32, duration=15.0):
        self.port, self.cookie, self.workers, self.duration = port, cookie, workers, duration
        self.lock = threading.Lock()
        self.acked = []  # (time, id)
        self.answers = []  # (time, status, body excerpt)
        self.errors = 0
        self.threads = []

    def start(self):
        self.deadline = time.time() + self.duration
        self.threads = [threading.Thread(target=self.worker, args=(i,), daemon=True) for i in range(self.workers)]
        for thread in self.threads:
            thread.start()

    def stop(self):
        self.deadline = time.time()

    def join(self):
        for thread in self.threads:
            thread.join(self.duration + 60)

    def worker(self, index):
        conn = None
        count = 0
        while time.time() < self.deadline and count < 5000:
            count += 1
            body = json.dumps({"quiz": "key-basics", "answers": RIGHT if (index + count) % 2 else WRONG})
            try:
                if conn is None:
                    conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=20)
                conn.request("POST", "/api/v1/attempts", body=body,
                             headers={"Content-Type": "application/json", "Cookie": self.cookie})
                response = conn.getresponse()
                data = response.read().decode("utf-8", "replace")
                now = time.time()
                with self.lock:
                    self.answers.append((now, response.status, data[:300]))
                    if response.status == 201:
                        self.acked.append((now, json.loads(data)["id"]))
                if response.status >= 500:
                    time.sleep(0.05)
            except (OSError, http.client.HTTPException, ValueError, KeyError):
                with self.lock:
                    self.errors += 1
                if conn is not None:
                    conn.close()
                    conn = None
                time.sleep(0.05)
        if conn is not None:
            conn.close()

    def statuses(self):
        counts = {}
        for _, status, _ in self.answers:
            counts[status] = counts.get(status, 0) + 1
        return counts


def sign_in(port, link):
    """Opens an invitation link's page and presses its button: (session cookie or None, status, text)."""
    path = link[link.index("/invite"):]
    status, headers, page = request(port, "GET", path)
    if status != 200:
        return None, status, page
    check = re.search(r'name="check" value="([^"]+)"', page)
    cookie = [v.split(";")[0] for k, v in headers if k.lower() == "set-cookie" and v.startswith("attest_invite_check=")]
    if not check or not cookie:
        return None, status, "no check field or cookie on the invitation page"
    token = urllib.parse.parse_qs(urllib.parse.urlparse(link).query)["token"][0]
    form = urllib.parse.urlencode({"token": token, "check": check.group(1)})
    return press(port, form, cookie[0])


def press(port, form, check_cookie):
    status, headers, text = request(port, "POST", "/invite", body=form, headers={
        "Content-Type": "application/x-www-form-urlencoded", "Cookie": check_cookie})
    session = [v.split(";")[0] for k, v in headers if k.lower() == "set-cookie" and v.startswith("attest_session=")]
    return (session[0] if session else None), status, text


def invitation_page(port, link):
    path = link[link.index("/invite"):]
    status, headers, page = request(port, "GET", path)
    check = re.search(r'name="check" value="([^"]+)"', page or "")
    cookie = [v.split(";")[0] for k, v in headers if k.lower() == "set-cookie" and v.startswith("attest_invite_check=")]
    token = urllib.parse.parse_qs(urllib.parse.urlparse(link).query)["token"][0]
    return urllib.parse.urlencode({"token": token, "check": check.group(1) if check else ""}), (cookie[0] if cookie else "")


def exported_ids(url, root, password_file):
    code, out, err = run([ATTEST, "training", "export", "--root", root, "--records", url,
                          "--records-password-file", password_file, "--format", "csv"])
    if code != 0:
        return None, err
    ids = {}
    header = None
    for line in out.splitlines():
        cells = line.split(",")
        if header is None:
            header = cells
            continue
        record_id = cells[header.index("id")] if "id" in header else cells[0]
        ids[record_id] = ids.get(record_id, 0) + 1
    return ids, ""


def check_records(name, load_acked, url, root, password_file):
    ids, err = exported_ids(url, root, password_file)
    if ids is None:
        result(False, f"{name}: training export", err)
        return
    acked = [record_id for _, record_id in load_acked]
    missing = [i for i in acked if i not in ids]
    twice = [i for i in acked if ids.get(i, 0) != 1]
    result(not missing and not twice and len(set(acked)) == len(acked),
           f"{name}: every 201 ({len(acked)}) is stored exactly once",
           f"{len(missing)} missing, {len(twice)} not exactly once")
    code, out, err = run([ATTEST, "training", "verify", "--root", root, "--records", url,
                          "--records-password-file", password_file])
    result(code == 0 and out.startswith("OK:"), f"{name}: training verify passes ({out.strip()[:60]}…)", out + err)


def main():
    if not os.access(ATTEST, os.X_OK):
        print(f"postgres_test: {ATTEST} is not built (swift build)", file=sys.stderr)
        return 1
    if shutil.which("nginx") is None:
        print("postgres_test: nginx is missing (bash .ci/install-deps postgres)", file=sys.stderr)
        return 1
    work = tempfile.mkdtemp(prefix="attest-pg-work-")
    root = os.path.join(work, "root")
    shutil.copytree(os.path.join(REPO, "Tests/EndToEndTests/Corpus/fixture"), root)
    shutil.copytree(os.path.join(REPO, "templates"), os.path.join(root, "templates"))
    code, _, err = run([ATTEST, "build", "--root", root])
    if code != 0:
        print(f"postgres_test: attest build failed: {err}", file=sys.stderr)
        return 1
    cluster = Cluster()
    instances = []
    nginx = None
    try:
        password = "pw-" + secrets.token_hex(12)
        password_file = os.path.join(work, "records-password")
        with open(password_file, "w") as f:
            f.write(password + "\n")
        cluster.psql(f"CREATE ROLE attest LOGIN PASSWORD '{password}'")
        for database in ("attest", "otherapp", "future", "migrated"):
            cluster.psql(f"CREATE DATABASE {database} OWNER attest")
        cluster.psql("CREATE TABLE customers (id int); ALTER TABLE customers OWNER TO attest", database="otherapp")

        def url(database, port=None):
            return f"postgres://attest@127.0.0.1:{port or cluster.port}/{database}?sslmode=disable"

        # 1. Bad input at start-up.
        wrong = "Wr0ng-" + secrets.token_hex(6)
        cases = [
            ("an unreachable server", [ATTEST, "serve", "--root", root, "--port", str(free_port()),
                                       "--records", url("attest", free_port()), "--records-password-file", password_file],
             {}, "cannot connect to PostgreSQL"),
            ("a wrong password (PGPASSWORD)", [ATTEST, "serve", "--root", root, "--port", str(free_port()),
                                               "--records", url("attest")], {"PGPASSWORD": wrong}, "refused the login"),
            ("a wrong password (in the URL)", [ATTEST, "training", "verify", "--root", root, "--records",
                                              f"postgres://attest:{wrong}@127.0.0.1:{cluster.port}/attest?sslmode=disable"],
             {}, "refused the login"),
            ("a database of another application", [ATTEST, "serve", "--root", root, "--port", str(free_port()),
                                                   "--records", url("otherapp"), "--records-password-file", password_file],
             {}, "another application"),
        ]
        for name, args, env, expected in cases:
            code, out, err = run(args, env=env, timeout=90)
            shown = out + err
            result(code == 2 and expected in shown and wrong not in shown and password not in shown,
                   f"bad input, {name}: exit 2, '{expected}', no password shown", f"exit {code}: {shown.strip()[:300]}")
        result(cluster.psql("SELECT string_agg(tablename, ',') FROM pg_tables WHERE schemaname = 'public'",
                            database="otherapp") == "customers", "bad input: the other application's database is untouched")
        result(cluster.psql("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'", database="attest") == "0",
               "bad input: nothing was written to the database")
        completions = os.path.join(work, "completions.csv")
        with open(completions, "w") as f:
            f.write("email,quiz,completed_at,score_percent\n")
            f.write("alice@example.com,key-basics,2026-01-05,100\nbob@example.com,key-basics,2026-01-06,90\n")
            f.write("admin@example.com,key-basics,2026-01-07T10:00:00Z,100\n")
        code, out, err = run([ATTEST, "training", "import", "--root", root, "--records", url("future"),
                              "--records-password-file", password_file, completions])
        result(code == 0, "training import into PostgreSQL", out + err)
        cluster.psql("INSERT INTO attest_schema_migrations (version, name) VALUES (99, 'v99 future')", database="future")
        code, out, err = run([ATTEST, "serve", "--root", root, "--port", str(free_port()), "--records", url("future"),
                              "--records-password-file", password_file], timeout=90)
        result(code == 2 and "newer than this attest" in err, "bad input, a newer schema: exit 2 at start-up",
               f"exit {code}: {err.strip()[:300]}")
        result(cluster.psql("SELECT count(*) FROM attempts", database="future") == "3",
               "bad input, a newer schema: the records are left as they were")

        # 2. Migrate from SQLite.
        sqlite = os.path.join(work, "source.sqlite")
        run([ATTEST, "training", "import", "--root", root, "--records", sqlite, completions])
        code, out, err = run([ATTEST, "training", "verify", "--root", root, "--records", sqlite])
        source_head = out.split("head ")[-1].strip() if code == 0 else ""
        # A reminder already sent from the SQLite records moves too (no one is reminded twice).
        with sqlite3.connect(sqlite) as db:
            db.execute("INSERT INTO reminder_ledger (channel, recipient, digest, stage, items, state, claimed_at, "
                       "finished_at, detail, attempts) VALUES ('email', 'admin@example.com', 'd1', 'overdue-7', "
                       "'admin@example.com|key-basics|2026-01-01|overdue-7', 'sent', '2026-01-08T09:00:00.000Z', "
                       "'2026-01-08T09:00:01.000Z', NULL, 1)")
        code, out, err = run([ATTEST, "training", "migrate", "--from", sqlite, "--to", url("migrated"),
                              "--records-password-file", password_file])
        result(code == 0 and source_head and f"head {source_head}" in out, "training migrate: the same head on PostgreSQL",
               out + err)
        result(cluster.psql("SELECT recipient || ' ' || state || ' ' || stage FROM reminder_ledger",
                            database="migrated") == "admin@example.com sent overdue-7",
               "training migrate: the reminder ledger comes along")
        code, out, err = run([ATTEST, "training", "verify", "--root", root, "--records", url("migrated"),
                              "--records-password-file", password_file, "--expect-head", source_head or "0" * 64])
        result(code == 0 and out.startswith("OK: 3 records"), "training verify on PostgreSQL after migrate", out + err)
        code, out, err = run([ATTEST, "training", "migrate", "--from", sqlite, "--to", url("migrated"),
                              "--records-password-file", password_file])
        result(code == 0 and "copied 0 records (3 were there already)" in out, "training migrate again adds nothing",
               out + err)

        # 3. Two instances behind nginx; kill -9 of one under load.
        records_url = url("attest")
        instances = [Instance(work, root, name, records_url, password_file) for name in ("a", "b")]
        for instance in instances:
            result(instance.start(), f"instance on port {instance.port} starts on PostgreSQL",
                   open(instance.log_path).read()[-500:])
        a, b = instances
        nginx_port = free_port()
        nginx_dir = os.path.join(work, "nginx")
        os.makedirs(os.path.join(nginx_dir, "tmp"))
        with open(NGINX_CONF) as f:
            site = f.read()
        site = (site.replace("listen 8080;", f"listen 127.0.0.1:{nginx_port};")
                .replace("127.0.0.1:8081", f"127.0.0.1:{a.port}").replace("127.0.0.1:8082", f"127.0.0.1:{b.port}"))
        with open(os.path.join(nginx_dir, "attest.conf"), "w") as f:
            f.write(site)
        with open(os.path.join(nginx_dir, "nginx.conf"), "w") as f:
            f.write("daemon off; worker_processes 2; pid nginx.pid; error_log stderr warn;\n"
                    + ("user root;\n" if os.getuid() == 0 else "")
                    + "events { worker_connections 1024; }\n"
                    + "http { access_log off; client_body_temp_path tmp/body; proxy_temp_path tmp/proxy;\n"
                    + "  fastcgi_temp_path tmp/fastcgi; uwsgi_temp_path tmp/uwsgi; scgi_temp_path tmp/scgi;\n"
                    + "  include attest.conf; }\n")
        nginx = subprocess.Popen(["nginx", "-p", nginx_dir + "/", "-c", "nginx.conf", "-e", "stderr"],
                                 stdout=open(os.path.join(work, "nginx.log"), "w"), stderr=subprocess.STDOUT)
        result(wait_until(lambda: request(nginx_port, "GET", "/", timeout=2)[0] == 200, 30), "nginx answers in front")

        code, link, err = run([ATTEST, "training", "invite", "alice@example.com", "--root", root, "--records", records_url,
                               "--records-password-file", password_file, "--base-url", f"http://127.0.0.1:{nginx_port}"])
        link = link.strip()
        cookie, status, text = sign_in(nginx_port, link) if code == 0 else (None, None, err)
        result(cookie is not None, "signed in through nginx with an invitation link", f"{status}: {text[:200]}")
        cookie = cookie or ""
        for instance in instances:
            status, _, text = request(instance.port, "GET", "/api/v1/me", headers={"Cookie": cookie})
            result(status == 200 and "alice@example.com" in text,
                   f"the session is valid on the instance on port {instance.port}", f"{status}: {text[:200]}")

        load = Load(nginx_port, cookie, workers=32, duration=16)
        load.start()
        time.sleep(4)
        killed_at = time.time()
        a.kill()
        time.sleep(5)
        restarted = a.start()
        load.join()
        result(restarted, "the killed instance restarts")
        after_kill = [t for t, _ in load.acked if t > killed_at + 0.5]
        result(len(load.acked) > 100 and len(after_kill) > 20,
               f"submissions acknowledged through nginx ({len(load.acked)}, {len(after_kill)} after the kill: "
               "the session went on on the other instance)", f"statuses {load.statuses()}, errors {load.errors}")
        check_records("kill -9 of an instance", load.acked, records_url, root, password_file)

        # 4. Two instances racing one invitation link.
        race_ok = 0
        for attempt in range(5):
            code, link, _ = run([ATTEST, "training", "invite", "bob@example.com", "--root", root, "--records", records_url,
                                 "--records-password-file", password_file, "--base-url", "http://127.0.0.1:1"])
            pages = [invitation_page(instance.port, link.strip()) for instance in instances]
            outcomes = [None, None]
            barrier = threading.Barrier(2)

            def go(index):
                barrier.wait()
                outcomes[index] = press(instances[index].port, pages[index][0], pages[index][1])

            threads = [threading.Thread(target=go, args=(i,)) for i in range(2)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(30)
            sessions = [o for o in outcomes if o and o[0]]
            refused = [o for o in outcomes if o and o[1] == 401 and "already used" in o[2]]
            if len(sessions) == 1 and len(refused) == 1:
                race_ok += 1
            else:
                print(f"  race {attempt}: {[(o[1], o[2][:120]) if o else None for o in outcomes]}")
        result(race_ok == 5, f"two instances racing one invitation link: one signs in, the other is refused ({race_ok}/5)")

        # 5. PostgreSQL stopped at once under load, then restarted.
        load = Load(nginx_port, cookie, workers=32, duration=120)
        load.start()
        time.sleep(3)
        crashed_at = time.time()
        result(cluster.crash(), "pg_ctl stop -m immediate under load")
        time.sleep(8)
        # At most 5 s waiting for a connection, plus at most 10 s behind a commit that was on its way
        # when the server went (its connection is then given up).
        outage_probe = request(b.port, "POST", "/api/v1/attempts", body=json.dumps({"quiz": "key-basics", "answers": RIGHT}),
                               headers={"Content-Type": "application/json", "Cookie": cookie}, timeout=40)
        restarted_at = time.time()
        result(cluster.restart(), "PostgreSQL restarts")
        # The load goes on until it has been answered 201 fifty times since the restart (at most 45 s).
        wait_until(lambda: sum(1 for t, _ in load.acked if t > restarted_at) >= 50, 45)
        load.stop()
        load.join()
        result(outage_probe[0] == 503 and "records database is unavailable" in outage_probe[2],
               "a submission during the outage gets 503 with a clear message",
               f"{outage_probe[0]}: {outage_probe[2][:300]}")
        during = [(t, s, body) for t, s, body in load.answers if crashed_at + 1 < t < restarted_at]
        result(during and all(s != 201 for _, s, _ in during) and any(s == 503 for _, s, _ in during),
               f"during the outage no 201, 503s instead ({len(during)} answers)",
               str({s: sum(1 for _, x, _ in during if x == s) for _, s, _ in during}))
        for instance in instances:
            last = [None]

            def records_again():
                last[0] = request(instance.port, "POST", "/api/v1/attempts",
                                  body=json.dumps({"quiz": "key-basics", "answers": RIGHT}),
                                  headers={"Content-Type": "application/json", "Cookie": cookie})
                return last[0][0] == 201

            reconnected = wait_until(records_again, 60)
            result(reconnected, f"the instance on port {instance.port} records again by itself",
                   f"last answer {last[0][0]}: {last[0][2][:300]}")
        after = [t for t, _ in load.acked if t > restarted_at]
        result(len(after) > 0, f"submissions acknowledged after the restart ({len(after)})", str(load.statuses()))
        check_records("PostgreSQL stopped at once", load.acked, records_url, root, password_file)

        logs = "".join(open(i.log_path).read() for i in instances)
        result(password not in logs, "no password in the servers' logs")
    finally:
        for instance in instances:
            instance.stop()
        if nginx is not None:
            nginx.terminate()
            nginx.wait()
        if os.environ.get("KEEP"):
            print(f"kept {work} and {cluster.dir}")
        else:
            cluster.destroy()
            shutil.rmtree(work, ignore_errors=True)
    print(f"{passed} passed, {failed} failed")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
