#!/usr/bin/env python3
"""Measures how long `attest build --watch` (or `attest serve --watch`) takes to publish an edit.

    watch_rebuild.py ATTEST ROOT SOURCE OUTPUT [--check OUTPUT]… [--edit KIND] [--trials 5]
                     [--serve PORT] [--startup-timeout 900] [--log FILE]

SOURCE is a Markdown file relative to ROOT; OUTPUT (and each --check) a page that must show the
edit: relative to ROOT (e.g. site/section-042/page-04242/index.html) or, with --serve, a URL path
fetched from `attest serve --watch --port PORT` (e.g. /policies/section-042/page-04242/).

Kinds of edit (--edit), each with a value unique to the trial that the pages must then show:

  append   a line appended to the body (default)
  title    the front matter's `title:` (shown by the page, its section's navigation, quizzes covering it)
  param    the first `max_age_days:` of the front matter (quoted by the policy's prose and its controls)
  version  the front matter's `version:` (shown by the policy page and the home page)

Starts the watcher on a root without site/, waits for the first build to publish OUTPUT, then TRIALS
times makes the edit and times, from the write to the moment every page holds the new value (polled
every millisecond), what a reader of the site waits. The watcher's own line for each rebuild
("rebuilt … in N ms (K pages written)") gives the pages written. Prints one line of JSON:
{"edit", "trials_ms", "median_ms", "p90_ms", "min_ms", "max_ms", "pages_written"} or {"error": ...}.
The watcher is stopped and SOURCE restored at the end, whatever happens.
"""

import argparse
import json
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request


def read_file(path):
    try:
        with open(path, "rb") as f:
            return f.read()
    except OSError:
        return None


def read_url(url):
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read()
    except (urllib.error.URLError, OSError):
        return None


def edit(kind, original, trial):
    """The edited source and the text the pages must then show."""
    token = "%d%03d" % (os.getpid() % 1000, trial)
    if kind == "append":
        marker = "benchmarkmarker" + token
        return original + b"\n\nEdited: " + marker.encode() + b".\n", marker.encode()
    text = original.decode("utf-8")
    if kind == "title":
        marker = "Retitled practice " + token
        new, count = re.subn(r'(?m)^title: .*$', 'title: "%s"' % marker, text, count=1)
    elif kind == "param":
        # Days, within the check's bounds: a number nothing else on the page shows, quoted as "N days".
        days = 20000 + (os.getpid() % 1000) * 10 + trial
        new, count = re.subn(r'max_age_days: \d+', "max_age_days: %d" % days, text, count=1)
        marker = "%d days" % days
    elif kind == "version":
        marker = "77.%s" % token
        new, count = re.subn(r'(?m)^version: .*$', 'version: "%s"' % marker, text, count=1)
    else:
        raise RuntimeError("unknown edit kind %r" % kind)
    if count != 1:
        raise RuntimeError("the source has nothing to edit for --edit %s" % kind)
    return new.encode("utf-8"), marker.encode()


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("attest")
    parser.add_argument("root")
    parser.add_argument("source")
    parser.add_argument("output")
    parser.add_argument("--check", action="append", default=[], help="another page that must show the edit")
    parser.add_argument("--edit", choices=["append", "title", "param", "version"], default="append")
    parser.add_argument("--trials", type=int, default=5)
    parser.add_argument("--serve", type=int, metavar="PORT", help="measure `attest serve --watch` over HTTP")
    parser.add_argument("--startup-timeout", type=float, default=900)
    parser.add_argument("--trial-timeout", type=float, default=60)
    parser.add_argument("--log", default=None)
    args = parser.parse_args()
    source = os.path.join(args.root, args.source)
    if args.serve:
        pages = ["http://127.0.0.1:%d%s" % (args.serve, path) for path in [args.output] + args.check]
        read = read_url
        command = [args.attest, "serve", "--watch", "--root", args.root, "--port", str(args.serve),
                   "--records", os.path.join(args.root, ".bench-records.sqlite"), "--dev-identity", "bench@example.com"]
    else:
        pages = [os.path.join(args.root, path) for path in [args.output] + args.check]
        read = read_file
        command = [args.attest, "build", "--watch", "--root", args.root]
        shutil.rmtree(os.path.join(args.root, "site"), ignore_errors=True)
    with open(source, "rb") as f:
        original = f.read()
    log_path = args.log or os.devnull
    log = open(log_path, "wb")
    watcher = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    result = {}
    current = original
    try:
        deadline = time.monotonic() + args.startup_timeout
        while read(pages[0]) is None:
            if watcher.poll() is not None:
                raise RuntimeError("attest exited with %d before the first build" % watcher.returncode)
            if time.monotonic() > deadline:
                raise RuntimeError("no first build within %.0f s" % args.startup_timeout)
            time.sleep(0.05)
        time.sleep(1.0)  # let the watcher settle after its first build
        trials, written = [], []
        for trial in range(args.trials):
            lines_before = rebuild_lines(log_path)
            current, marker = edit(args.edit, original, trial)
            with open(source, "wb") as f:
                f.write(current)
            start = time.monotonic()
            waiting = list(pages)
            while waiting:
                content = read(waiting[0])
                if content is not None and marker in content:
                    waiting.pop(0)
                    continue
                if time.monotonic() - start > args.trial_timeout:
                    raise RuntimeError("trial %d: %s did not show the edit within %.0f s" % (trial, waiting[0], args.trial_timeout))
                if watcher.poll() is not None:
                    raise RuntimeError("attest exited with %d" % watcher.returncode)
                time.sleep(0.001)
            trials.append(round((time.monotonic() - start) * 1000, 1))
            time.sleep(0.5)  # separate edits beyond any debounce; the rebuild's line is printed
            lines = rebuild_lines(log_path)[len(lines_before):]
            written.append(sum(int(m.group(1)) for m in (re.search(r"\((\d+) pages? written", l) for l in lines) if m))
        ordered = sorted(trials)
        p90 = ordered[min(len(ordered) - 1, int(round(0.9 * (len(ordered) - 1))))]
        result = {"edit": args.edit, "trials_ms": trials, "median_ms": statistics.median(trials), "p90_ms": p90,
                  "min_ms": ordered[0], "max_ms": ordered[-1], "pages_written": written}
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


def rebuild_lines(path):
    """The watcher's "rebuilt …" lines so far."""
    if path == os.devnull:
        return []
    try:
        with open(path, "r", encoding="utf-8", errors="replace") as f:
            return [line for line in f if line.startswith("rebuilt ")]
    except OSError:
        return []


if __name__ == "__main__":
    sys.exit(main())
