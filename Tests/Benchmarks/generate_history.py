#!/usr/bin/env python3
"""Generates the leak-scan benchmark's inputs, deterministically (a fixed seed):

    python3 generate_history.py COMMITS MEGABYTES DIR

- DIR/repo: a git repository (written with `git fast-import`, so 20,000 commits take seconds) of
  COMMITS commits on main and a side branch, whose distinct blobs hold at least MEGABYTES MB.
  Each commit rewrites one to three of 600 text files (lines of words and numbers, some long
  minified-looking lines). Every 97th commit plants a fake, well-shaped key on a new line (Stripe
  secret/restricted/webhook/test keys, in the formats the scanner and detect-secrets know), some
  in files later deleted or renamed; placeholders (`sk_live_xxxx…`) and lines marked
  `attest:allow` are planted too and must not be reported. Lines holding a key are never edited
  afterwards, so the commit that adds a key is the one whose diff shows it.
- DIR/tree: a folder of FILES files (the repository's last files, copied 4 times over, plus
  planted keys) for the files benchmark against detect-secrets.
- DIR/planted.json: every real key planted in the tree, with its file and line.

No key is real: bodies come from the seeded generator.
"""
import hashlib
import json
import os
import random
import shutil
import subprocess
import sys

ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
WORDS = ("key rotate vault deploy service request payment invoice customer ledger account token "
         "session webhook audit policy config region cluster build release queue worker retry").split()


def main():
    commits, megabytes, out = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    rng = random.Random(20261127)
    if os.path.exists(out):
        shutil.rmtree(out)
    os.makedirs(out)
    repo = os.path.join(out, "repo")
    subprocess.run(["git", "init", "-q", "-b", "main", repo], check=True)

    def body(n):
        return "".join(rng.choice(ALNUM) for _ in range(n))

    def key():
        kind = rng.randrange(5)
        return (["sk_live_", "rk_live_", "sk_test_", "whsec_", "sk_live_"][kind]
                + body(32 if kind == 3 else 24))

    def text_line():
        if rng.random() < 0.02:  # a minified-looking long line
            return ";".join(f"var {rng.choice(WORDS)}{i}={rng.randrange(10**6)}" for i in range(200))
        return " ".join(rng.choice(WORDS) + str(rng.randrange(1000)) for _ in range(rng.randrange(4, 14)))

    # Average file size so that the blobs written reach `megabytes`.
    per_commit_files = 1.6
    target_size = int(megabytes * 1_000_000 / (commits * per_commit_files)) + 1
    lines_per_file = max(8, target_size // 60)
    files = {}  # path -> list of lines
    protected = {}  # path -> set of line indices holding a key, placeholder or allow marker
    paths = [f"src/module{m:03d}/file{f:02d}.{'js' if f % 3 == 0 else 'py' if f % 3 == 1 else 'txt'}"
             for m in range(60) for f in range(10)]

    stream = []
    mark = 0
    blob_bytes = 0
    when = 1_700_000_000

    def emit_commit(branch, parent_mark, changes, deletes=(), renames=()):
        nonlocal mark, when, blob_bytes
        mark += 1
        when += 600
        message = f"change {mark}".encode()
        lines = [f"commit refs/heads/{branch}", f"mark :{mark}",
                 f"author Dev <dev@example.com> {when} +0000", f"committer Dev <dev@example.com> {when} +0000",
                 f"data {len(message)}"]
        stream.append("\n".join(lines).encode() + b"\n" + message + b"\n")
        if parent_mark:
            stream.append(f"from :{parent_mark}\n".encode())
        for old, new in renames:
            stream.append(f"R {old} {new}\n".encode())
        for path in deletes:
            stream.append(f"D {path}\n".encode())
        for path, content in changes:
            data = content.encode()
            blob_bytes += len(data)
            stream.append(f"M 100644 inline {path}\ndata {len(data)}\n".encode() + data + b"\n")
        return mark

    def change(path):
        lines = files.setdefault(path, [])
        keep = protected.setdefault(path, set())
        if not lines:
            lines.extend(text_line() for _ in range(lines_per_file))
        else:
            for _ in range(rng.randrange(1, 6)):
                index = rng.randrange(len(lines))
                if index not in keep:
                    lines[index] = text_line()
            if rng.random() < 0.5:
                lines.append(text_line())
        return "\n".join(lines) + "\n"

    def plant(path, kind):
        lines = files[path]
        keep = protected[path]
        if kind == "real":
            line = f"STRIPE_KEY = \"{key()}\""
        elif kind == "placeholder":
            line = "STRIPE_KEY = \"sk_live_" + "x" * 24 + "\""
        else:
            line = f"fixture = \"sk_live_{body(24)}\"  # attest:allow gitleaks:allow pragma: allowlist secret"
        position = rng.randrange(len(lines) + 1)
        lines.insert(position, line)
        protected[path] = {i + 1 if i >= position else i for i in keep} | {position}

    last = 0
    for number in range(1, commits + 1):
        touched = rng.sample(paths, 1 if rng.random() < 0.6 else rng.randrange(2, 4))
        deletes, renames = [], []
        contents = {}
        for path in touched:
            contents[path] = change(path)
        if number % 97 == 0:
            path = touched[0]
            plant(path, "real" if number % 5 else rng.choice(["placeholder", "allowed"]))
            contents[path] = "\n".join(files[path]) + "\n"
        if number % 1009 == 0:  # a file with its keys deleted
            victim = rng.choice([p for p in files if p not in contents])
            deletes.append(victim)
            del files[victim]
            protected.pop(victim, None)
        if number % 1013 == 0:  # a rename (kept as a rename: same content)
            old = rng.choice([p for p in files if p not in contents])
            new = old.replace("src/", "lib/", 1)
            if new not in files:
                renames.append((old, new))
                files[new] = files.pop(old)
                protected[new] = protected.pop(old, set())
                paths[paths.index(old)] = new if old in paths else new
        last = emit_commit("main", last, sorted(contents.items()), deletes, renames)
        if number == commits // 2:
            branch_point = last
    # A side branch with its own keys, never merged: found only by reading every ref.
    side = branch_point
    for number in range(20):
        path = f"experiments/try{number}.py"
        files[path] = [text_line() for _ in range(20)]
        protected[path] = set()
        plant(path, "real")
        side = emit_commit("experiment", side, [(path, "\n".join(files.pop(path)) + "\n")])
        protected.pop(path, None)

    subprocess.run(["git", "fast-import", "--quiet"], cwd=repo, input=b"".join(stream), check=True)
    subprocess.run(["git", "checkout", "-q", "main"], cwd=repo, check=True)
    subprocess.run(["git", "gc", "-q", "--aggressive" if commits < 2000 else "--auto"], cwd=repo, check=True)

    # The tree for the files benchmark: the last files, four times over, with more planted keys.
    tree = os.path.join(out, "tree")
    planted = []
    for copy in range(4):
        for path, lines in sorted(files.items()):
            lines = list(lines)
            if rng.random() < 0.05:
                secret = "sk_live_" + body(24)
                lines.insert(rng.randrange(len(lines) + 1), f"stripe_api_key = '{secret}'")
            target = os.path.join(tree, f"copy{copy}", path)
            os.makedirs(os.path.dirname(target), exist_ok=True)
            with open(target, "w", encoding="utf-8") as f:
                f.write("\n".join(lines) + "\n")
            for index, line in enumerate(lines):
                if ("sk_live_" in line or "rk_live_" in line or "sk_test_" in line or "whsec_" in line) \
                        and "allow" not in line and "xxxx" not in line:
                    start = min(i for i in (line.find(p) for p in ("sk_live_", "rk_live_", "sk_test_", "whsec_")) if i >= 0)
                    secret = line[start:].split('"')[0].split("'")[0]
                    planted.append({"path": os.path.relpath(target, tree), "line": index + 1,
                                    "sha256": hashlib.sha256(secret.encode()).hexdigest(),
                                    "sha1": hashlib.sha1(secret.encode()).hexdigest()})
    with open(os.path.join(out, "planted.json"), "w", encoding="utf-8") as f:
        json.dump(planted, f)
    print(json.dumps({"commits": mark, "blob_megabytes": round(blob_bytes / 1e6, 1), "tree_files": 4 * len(files),
                      "tree_planted": len(planted)}))


if __name__ == "__main__":
    main()
