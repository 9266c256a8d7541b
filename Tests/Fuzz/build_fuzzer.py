#!/usr/bin/env python3
"""Builds Attest's libFuzzer binary, .build-fuzz/attest-fuzz, from the debug build.

Recipe: the package's own library modules (Markdown, HandbookContent, TrainingRecords, Audit) are
compiled again with `swiftc -sanitize=fuzzer` into .build-fuzz/ (so that libFuzzer gets coverage of
them), with the exact C-module flags that SwiftPM used for them (read from .build/debug.yaml); the
fuzz entry points in Tests/Fuzz/Targets/*.swift (one `@_cdecl("LLVMFuzzerTestOneInput")`, which
dispatches on FUZZ_TARGET) are compiled the same way; everything is linked with the object files
that SwiftPM linked into `attest` (Yams, swift-crypto, GRDB… uninstrumented), minus attest's main
and the re-compiled modules. Requires `swift build` (debug) to have run.
"""
import json
import os
import re
import subprocess
import sys

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
BUILD = os.path.join(REPO, ".build")
OUT = os.path.join(REPO, ".build-fuzz")
MODULES = ["Markdown", "HandbookContent", "TrainingRecords", "Audit", "Scan"]
# Modules whose objects are left out of the link: re-compiled here, or not needed (and referencing the above).
LEFT_OUT = set(MODULES) | {"SiteBuilder", "AttestServer", "AttestCommandLine", "attest"}
TRIPLE = "x86_64-unknown-linux-gnu"


def manifest():
    with open(os.path.join(BUILD, "debug.yaml"), encoding="utf-8") as f:
        return f.read()


def command_args(text, name):
    """The `args` of the llbuild command `name` in debug.yaml (a JSON list on one line)."""
    start = text.find(f'  "{name}":\n')
    if start < 0:
        sys.exit(f"build_fuzzer: {name} not in .build/debug.yaml: run `swift build` first")
    match = re.search(r"^    args: (\[.*\])$", text[start:], re.M)
    return json.loads(match.group(1))


def c_module_flags(args):
    """-Xcc flags (module maps, include folders) and -package-name from a SwiftPM compile command."""
    flags, i = [], 0
    while i < len(args):
        if args[i] == "-Xcc" and i + 1 < len(args):
            flags += args[i:i + 2]
            i += 2
        elif args[i] == "-package-name":
            flags += args[i:i + 2]
            i += 2
        else:
            i += 1
    return flags


def sources(module):
    folder = os.path.join(REPO, "Sources", module)
    found = []
    for directory, _, files in os.walk(folder):
        found += [os.path.join(directory, f) for f in files if f.endswith(".swift")]
    return sorted(found)


def run(command):
    print("build_fuzzer:", " ".join(command[:8]), "…", flush=True)
    subprocess.run(command, check=True)


def newer(target, inputs):
    if not os.path.exists(target):
        return True
    mtime = os.path.getmtime(target)
    return any(os.path.getmtime(p) > mtime for p in inputs)


def main():
    text = manifest()
    debug = os.path.join(BUILD, TRIPLE, "debug")
    os.makedirs(os.path.join(OUT, "Modules"), exist_ok=True)
    common = ["-parse-as-library", "-sanitize=fuzzer", "-swift-version", "6", "-Onone", "-g", "-wmo",
              "-I", os.path.join(OUT, "Modules"), "-I", os.path.join(debug, "Modules"),
              "-module-cache-path", os.path.join(OUT, "ModuleCache"), "-Xcc", "-fPIC"]
    all_flags = []
    objects = []
    for module in MODULES:
        flags = c_module_flags(command_args(text, f"C.{module}-{TRIPLE}-debug.module"))
        all_flags += [f for f in flags]
        obj = os.path.join(OUT, f"{module}.o")
        files = sources(module)
        if newer(obj, files):
            run(["swiftc", "-module-name", module, *common, *flags, "-emit-module", "-emit-module-path",
                 os.path.join(OUT, "Modules", f"{module}.swiftmodule"), "-c", *files, "-o", obj])
        objects.append(obj)

    targets = sorted(os.path.join(REPO, "Tests", "Fuzz", "Targets", f)
                     for f in os.listdir(os.path.join(REPO, "Tests", "Fuzz", "Targets")) if f.endswith(".swift"))
    entry = os.path.join(OUT, "AttestFuzz.o")
    if newer(entry, targets + objects):
        run(["swiftc", "-module-name", "AttestFuzz", *common, *dedupe(all_flags), "-c", *targets, "-o", entry])

    with open(os.path.join(debug, "attest.product", "Objects.LinkFileList"), encoding="utf-8") as f:
        linked = [line.strip().strip("'\"") for line in f if line.strip()]
    keep = [p for p in linked if os.path.basename(os.path.dirname(p))[:-len(".build")] not in LEFT_OUT]
    link_list = os.path.join(OUT, "Objects.LinkFileList")
    with open(link_list, "w", encoding="utf-8") as f:
        f.write("\n".join("'" + p + "'" for p in keep + objects + [entry]) + "\n")
    binary = os.path.join(OUT, "attest-fuzz")
    if newer(binary, keep + objects + [entry]):
        run(["swiftc", "-sanitize=fuzzer", "-emit-executable", "-o", binary, "-L/usr/lib/x86_64-linux-gnu", "-lcmark",
             "-lstdc++", "-lsqlite3", "-lz", f"@{link_list}", "-target", TRIPLE, "-g"])
    print(binary)


def dedupe(flags):
    pairs, seen = [], set()
    for i in range(0, len(flags), 2):
        pair = tuple(flags[i:i + 2])
        if pair[0] == "-Xcc" and pair[1] == "-I":
            # "-Xcc -I -Xcc DIR" is two pairs; keep them together.
            pass
        pairs.append(pair)
    result, i = [], 0
    while i < len(pairs):
        if pairs[i] == ("-Xcc", "-I") and i + 1 < len(pairs):
            group = pairs[i] + pairs[i + 1]
            i += 2
        else:
            group = pairs[i]
            i += 1
        if group not in seen:
            seen.add(group)
            result += list(group)
    return result


if __name__ == "__main__":
    main()
