#!/usr/bin/env python3
"""Bounded load on a loopback `attest serve`: quiz submissions through the JSON API (and page reads).

  submit_load.py --base http://127.0.0.1:PORT --out acked.txt [--workers 8] [--duration 10]
                 [--max-requests 2000] [--rate 0] [--reads]

Each worker POSTs /api/v1/attempts for the fixture quiz (key-basics) with alternating right and
wrong answers. The id of every attempt answered 2xx is appended to --out (one per line, flushed at
once), so that a test can check that each acknowledged attempt survived a crash. --rate > 0 paces
all workers together to that many submissions per second (the soak); 0 means as fast as they go.
Stops at --duration seconds or --max-requests, whichever comes first, or after the server has been
unreachable for 2 s (it was killed). Prints a summary line; exits 1 if --fail-on-error and any
request failed or got a non-2xx status.
"""
import argparse
import http.client
import json
import sys
import threading
import time
import urllib.parse

RIGHT = {"1": ["b"], "2": ["a", "c"]}
WRONG = {"1": ["a"], "2": ["a", "c"]}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--workers", type=int, default=8)
    parser.add_argument("--duration", type=float, default=10)
    parser.add_argument("--max-requests", type=int, default=2000)
    parser.add_argument("--rate", type=float, default=0)
    parser.add_argument("--reads", action="store_true", help="also read pages and /api/v1/me")
    parser.add_argument("--quiz", default="key-basics")
    parser.add_argument("--fail-on-error", action="store_true")
    args = parser.parse_args()

    url = urllib.parse.urlparse(args.base)
    host, port = url.hostname, url.port
    assert host in ("127.0.0.1", "localhost", "::1"), "loopback only"
    lock = threading.Lock()
    out = open(args.out, "a", encoding="utf-8")
    stats = {"sent": 0, "ok": 0, "status": {}, "errors": 0, "last_ok": time.time(), "reads": 0}
    deadline = time.time() + args.duration
    stop = threading.Event()
    interval = args.workers / args.rate if args.rate > 0 else 0

    def take_ticket():
        with lock:
            if stats["sent"] >= args.max_requests or time.time() >= deadline:
                return None
            stats["sent"] += 1
            return stats["sent"]

    def worker(index):
        conn = None
        next_time = time.time() + (interval * index / args.workers if interval else 0)
        while not stop.is_set():
            ticket = take_ticket()
            if ticket is None:
                break
            if interval:
                delay = next_time - time.time()
                if delay > 0:
                    time.sleep(delay)
                next_time += interval
            body = json.dumps({"quiz": args.quiz, "answers": RIGHT if ticket % 2 else WRONG})
            try:
                if conn is None:
                    conn = http.client.HTTPConnection(host, port, timeout=10)
                conn.request("POST", "/api/v1/attempts", body=body, headers={"Content-Type": "application/json"})
                response = conn.getresponse()
                data = response.read()
                with lock:
                    stats["status"][response.status] = stats["status"].get(response.status, 0) + 1
                if 200 <= response.status < 300:
                    record_id = json.loads(data)["id"]
                    with lock:
                        out.write(record_id + "\n")
                        out.flush()
                        stats["ok"] += 1
                        stats["last_ok"] = time.time()
                if args.reads and ticket % 4 == 0:
                    for path in ("/", "/api/v1/me"):
                        conn.request("GET", path)
                        reply = conn.getresponse()
                        reply.read()
                        with lock:
                            stats["reads"] += 1
                            if reply.status != 200:
                                stats["status"][f"GET {path} {reply.status}"] = stats["status"].get(
                                    f"GET {path} {reply.status}", 0) + 1
            except (OSError, http.client.HTTPException, ValueError, KeyError) as error:
                with lock:
                    stats["errors"] += 1
                    if stats["errors"] <= 5:
                        print(f"load: error at {time.strftime('%H:%M:%S')} after ticket {ticket}: "
                              f"{type(error).__name__}: {error}", flush=True)
                    gone = time.time() - stats["last_ok"] > 2
                if conn is not None:
                    conn.close()
                    conn = None
                if gone:
                    stop.set()
                time.sleep(0.02)
        if conn is not None:
            conn.close()

    threads = [threading.Thread(target=worker, args=(i,), daemon=True) for i in range(args.workers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(args.duration + 30)
    out.close()
    non_2xx = sum(n for s, n in stats["status"].items() if not (isinstance(s, int) and 200 <= s < 300))
    print(f"load: sent={stats['sent']} acked={stats['ok']} reads={stats['reads']} errors={stats['errors']} "
          f"statuses={stats['status']}", flush=True)
    if args.fail_on_error and (stats["errors"] or non_2xx):
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
