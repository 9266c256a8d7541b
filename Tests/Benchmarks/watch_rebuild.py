#!/usr/bin/env python3
"""Measures how long `attest build --watch` takes to publish a change to one page.

    watch_rebuild.py ATTEST ROOT SOURCE OUTPUT [--trials 5] [--startup-timeout 600]

SOURCE is a Markdown file relative to ROOT, OUTPUT the page it becomes (relative to ROOT, e.g.
site/section-042/page-04242/index.html). Starts the watcher on a root without site/, waits for the
first build to publish OUTPUT, then TRIALS times appends a unique marker to SOURCE and times, from
the write to the moment OUTPUT holds the marker (polled every millisecond), what a reader of the
site waits. Prints one line of JSON: {"trials_ms": [...], "median_ms", "p90_ms", "max_ms"} or {"error": ...}.
The watcher is stopped at the end, whatever happens.
"""

import argparse
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import time


def read(path):
    try:
        with open(path, "rb") as f:
            return f.read()
    except OSError:
        return None


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("attest")
    parser.add_argument("root")
    parser.add_argument("source")
    parser.add_argument("output")
    parser.add_argument("--trials", type=int, default=5)
    parser.add_argument("--startup-timeout", type=float, default=600)
    parser.add_argument("--trial-timeout", type=float, default=30)
    parser.add_argument("--log", default=os.devnull)
    args = parser.parse_args()
    source = os.path.join(args.root, args.source)
    output = os.path.join(args.root, args.output)
    shutil.rmtree(os.path.join(args.root, "site"), ignore_errors=True)
    with open(source, "rb") as f:
        original = f.read()
    log = open(args.log, "wb")
    watcher = subprocess.Popen([args.attest, "build", "--watch", "--root", args.root], stdout=log, stderr=subprocess.STDOUT,
                               start_new_session=True)
    result = {}
    try:
        deadline = time.monotonic() + args.startup_timeout
        while read(output) is None:
            if watcher.poll() is not None:
                raise RuntimeError("attest build --watch exited with %d before the first build" % watcher.returncode)
            if time.monotonic() > deadline:
                raise RuntimeError("no first build within %.0f s" % args.startup_timeout)
            time.sleep(0.05)
        time.sleep(1.0)  # let the watcher settle after its first build
        trials = []
        for trial in range(args.trials):
            marker = ("benchmarkmarker%d%d" % (os.getpid(), trial)).encode()
            with open(source, "ab") as f:
                f.write(b"\n\nEdited: " + marker + b".\n")
            start = time.monotonic()
            while True:
                content = read(output)
                if content is not None and marker in content:
                    break
                if time.monotonic() - start > args.trial_timeout:
                    raise RuntimeError("trial %d: the change was not published within %.0f s" % (trial, args.trial_timeout))
                if watcher.poll() is not None:
                    raise RuntimeError("attest build --watch exited with %d" % watcher.returncode)
                time.sleep(0.001)
            trials.append(round((time.monotonic() - start) * 1000, 1))
            time.sleep(0.5)  # separate edits beyond any debounce
        ordered = sorted(trials)
        p90 = ordered[min(len(ordered) - 1, int(round(0.9 * (len(ordered) - 1))))]
        result = {"trials_ms": trials, "median_ms": statistics.median(trials), "p90_ms": p90, "max_ms": max(trials)}
    except RuntimeError as error:
        result = {"error": str(error)}
    finally:
        try:
            os.killpg(watcher.pid, signal.SIGTERM)
            watcher.wait(timeout=10)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            try:
                os.killpg(watcher.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        with open(source, "wb") as f:
            f.write(original)
        log.close()
    print(json.dumps(result))
    return 0 if "error" not in result else 1


if __name__ == "__main__":
    sys.exit(main())
