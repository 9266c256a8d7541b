#!/usr/bin/env bash
# Attest's benchmarks, side by side with the tool a user would otherwise reach for.
#
#   bash Tests/Benchmarks/run.sh [handbook|audit|server|scan|postgres|evidence|all]     (make bench; make bench BENCH=audit)
#
#   handbook  attest build vs hugo --quiet (navigation cached per section) on PAGES generated pages and
#             on a REAL_PAGES-page handbook of deep folders (wall time, peak RSS, navigation bytes),
#             vs cmark alone over the same Markdown; the time `attest build --watch` (and serve
#             --watch) takes to publish an edit to a page, and to a policy's body, title, control
#             parameter and version
#   audit     attest audit --format json vs the same checks as SQL in DuckDB on KEYS generated keys
#   server    attest serve under a training rush (wrk POSTing graded attempts), records verified;
#             attest serve vs nginx serving the same built page
#   scan      attest scan --history vs `git log -p -U0 --all > /dev/null` on a generated repository of
#             COMMITS commits and HISTORY_MB MB of blobs (same findings as a scan of that git log -p
#             output, peak RSS); attest scan vs detect-secrets on a generated tree
#   postgres  the training rush on PostgreSQL records: two attest serve --threads 1 instances behind nginx
#             (deploy/nginx-attest.conf) on a throwaway cluster, vs one instance on SQLite, vs
#             pgbench's single-row INSERT rate on the same server
#   evidence  attest evidence (the policies as PDF through WeasyPrint) for the sample handbook's policies,
#             EVIDENCE_PEOPLE people and EVIDENCE_ATTEMPTS attempts, with and without PDFs, vs WeasyPrint
#             alone making the same PDFs from the package's policy pages
#
# Scale (environment): PAGES=10000 REAL_PAGES=883 KEYS=1000000 DURATION=10s RUNS=3 WATCH_TRIALS=7
# COMMITS=20000 HISTORY_MB=200 CONNECTIONS=64 WRK_THREADS=2 EVIDENCE_PEOPLE=10000 EVIDENCE_ATTEMPTS=100000;
# BENCH_SMOKE=1 for a quick run (500 pages, 200 deep, 20,000 keys, 3s, 2,000 commits, 1,000 people and
# 10,000 attempts). BENCH_OUT (default bench/out) holds
# the generated inputs; BENCH_SKIP_DEPS=1 and BENCH_SKIP_BUILD=1 skip installing and building.
# The machine is shared and noisy: compare the ratios, not the absolute figures. The final table
# is printed and written to Tests/Benchmarks/results/latest.md.
set -uo pipefail

JOB="${1:-all}"
case "$JOB" in handbook | audit | server | scan | postgres | evidence | all) ;; *)
    echo "usage: run.sh [handbook|audit|server|scan|postgres|evidence|all]" >&2
    exit 2
    ;;
esac

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
BENCH="$REPO/Tests/Benchmarks"
OUT="${BENCH_OUT:-$REPO/bench/out}"
if [ "${BENCH_SMOKE:-0}" = 1 ]; then
    PAGES="${PAGES:-500}" KEYS="${KEYS:-20000}" DURATION="${DURATION:-3s}" RUNS="${RUNS:-3}"
    COMMITS="${COMMITS:-2000}" HISTORY_MB="${HISTORY_MB:-20}"
    REAL_PAGES="${REAL_PAGES:-200}" WATCH_TRIALS="${WATCH_TRIALS:-3}"
    EVIDENCE_PEOPLE="${EVIDENCE_PEOPLE:-1000}" EVIDENCE_ATTEMPTS="${EVIDENCE_ATTEMPTS:-10000}"
else
    PAGES="${PAGES:-10000}" KEYS="${KEYS:-1000000}" DURATION="${DURATION:-10s}" RUNS="${RUNS:-3}"
    COMMITS="${COMMITS:-20000}" HISTORY_MB="${HISTORY_MB:-200}"
    REAL_PAGES="${REAL_PAGES:-883}" WATCH_TRIALS="${WATCH_TRIALS:-7}"
    EVIDENCE_PEOPLE="${EVIDENCE_PEOPLE:-10000}" EVIDENCE_ATTEMPTS="${EVIDENCE_ATTEMPTS:-100000}"
fi
CONNECTIONS="${CONNECTIONS:-64}"
WRK_THREADS="${WRK_THREADS:-2}"
AS_OF="2026-11-27"
ATTEST_PORT="${ATTEST_PORT:-18080}"
NGINX_PORT=18081 # as in nginx.conf
ATTEST="${ATTEST:-$REPO/.build/release/attest}"  # ATTEST=… measures another build (say so when reporting)
TIME=/usr/bin/time
mkdir -p "$OUT" "$BENCH/results"

# Outputs of earlier runs are moved aside into $TRASH, never deleted while anything is measured: on a
# file system without a journal (as this machine's ext4), ext4 skips the inodes freed in the last one
# to five minutes when it allocates new ones, and creating 20,000 files and folders right after deleting
# as many cost either tool several times the system time. The trash is emptied at the start of the
# next run, which then lets the freed inodes settle (BENCH_SETTLE seconds, 65 by default) before it
# measures anything.
TRASH="$OUT/.trash"
mkdir -p "$TRASH"
aside() {
    local path
    for path in "$@"; do
        [ -e "$path" ] && mv "$path" "$TRASH/$(date +%s%N)-$(basename "$path")"
    done
    return 0
}
if [ -n "$(ls -A "$TRASH" 2>/dev/null)" ]; then
    echo "emptying $TRASH (outputs of the last run), then waiting ${BENCH_SETTLE:-65} s for the freed inodes to settle"
    rm -rf "${TRASH:?}"/* && sync && sleep "${BENCH_SETTLE:-65}"
fi

ROWS=()  # job|attest|reference|ratio|target|met?
NOTES=() # what was not measured, and why

say() { printf '\n== %s\n' "$*"; }
note() {
    NOTES+=("$*")
    echo "note: $*"
}
row() { ROWS+=("$1|$2|$3|$4|$5|$6"); }
# ratio A B: A/B with two decimals ("n/a" when either is missing or B is 0).
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "" || b == "" || a == "n/a" || b == "n/a" || b + 0 == 0) print "n/a"; else printf "%.2f", a / b }'; }
# met VALUE OP LIMIT: yes/no/n/a.
met() { awk -v v="$1" -v op="$2" -v l="$3" 'BEGIN { if (v == "n/a" || v == "") { print "n/a"; exit }
    r = (op == "<=" ? v <= l : op == "<" ? v < l : op == ">=" ? v >= l : v > l); print (r ? "yes" : "no") }'; }
# show VALUE UNIT: "VALUE UNIT", or "n/a".
show() { if [ -z "$1" ] || [ "$1" = n/a ]; then echo "n/a"; else echo "$1$2"; fi; }
mb() { awk -v k="$1" 'BEGIN { if (k == "" || k == "n/a") print "n/a"; else printf "%.0f", k / 1024 }'; }

# measure RUNS PREP CMD…: runs PREP (eval'd, untimed) then CMD, RUNS times, under GNU time.
# Sets BEST_S (fastest wall time), WORST_S (slowest), PEAK_KB (largest peak RSS), CPU_S (user + system
# time of the fastest run), RC (the last exit code). Every
# run's output is also kept, one after the other, in $OUT/runs.stdout and $OUT/runs.stderr.
measure() {
    local runs="$1" prep="$2"
    shift 2
    BEST_S="" WORST_S="" PEAK_KB="" CPU_S="" RC=0
    : >"$OUT/runs.stdout"
    : >"$OUT/runs.stderr"
    local i
    for ((i = 0; i < runs; i++)); do
        eval "$prep"
        "$TIME" -f "%e %M %U %S" -o "$OUT/time.txt" timeout "${BENCH_TIMEOUT:-900}" "$@" >"$OUT/last.stdout" 2>"$OUT/last.stderr"
        RC=$?
        cat "$OUT/last.stdout" >>"$OUT/runs.stdout"
        cat "$OUT/last.stderr" >>"$OUT/runs.stderr"
        local e m u s
        read -r e m u s < <(tail -n 1 "$OUT/time.txt")
        if [ -z "$BEST_S" ] || awk -v a="$BEST_S" -v b="$e" 'BEGIN { exit !(b + 0 < a + 0) }'; then
            BEST_S="$e"
            CPU_S=$(awk -v u="$u" -v s="$s" 'BEGIN { printf "%.2f", u + s }')
        fi
        WORST_S=$(awk -v a="$WORST_S" -v b="$e" 'BEGIN { print (a == "" || b + 0 > a + 0) ? b : a }')
        PEAK_KB=$(awk -v a="$PEAK_KB" -v b="$m" 'BEGIN { print (a == "" || b + 0 > a + 0) ? b : a }')
    done
}
# spread: "BEST s (BEST–WORST over RUNS runs)" from the last measure.
spread() { echo "${BEST_S} s (${BEST_S}–${WORST_S} s over $RUNS runs, CPU ${CPU_S} s)"; }

# An attest subcommand that exists in this build (not the placeholder that exits 2).
attest_has() {
    local help
    [ -x "$ATTEST" ] && help=$("$ATTEST" "$@" --help 2>&1) && ! grep -q "not yet implemented" <<<"$help"
}

machine() {
    local cpu mem
    cpu=$(lscpu 2>/dev/null | sed -n 's/^Model name:[[:space:]]*//p' | head -n 1)
    mem=$(awk '/MemTotal/ { printf "%.1f GB", $2 / 1048576 }' /proc/meminfo)
    echo "$(nproc) cores, ${cpu:-unknown CPU}, $mem RAM, load average $(cut -d' ' -f1-3 /proc/loadavg) at start"
}

# ---------------------------------------------------------------------------------------------
say "Setup"
MACHINE="$(machine)"
echo "machine: $MACHINE"
echo "scale: PAGES=$PAGES KEYS=$KEYS DURATION=$DURATION RUNS=$RUNS CONNECTIONS=$CONNECTIONS"
if [ "${BENCH_SKIP_DEPS:-0}" != 1 ]; then
    bash "$REPO/.ci/install-deps" bench || { echo "run.sh: installing the benchmark tools failed" >&2; exit 2; }
fi
if [ "${BENCH_SKIP_BUILD:-0}" != 1 ]; then
    echo "building attest (release)…"
    bash "$REPO/.ci/build-attest" -c release || { echo "run.sh: building attest (release) failed" >&2; exit 2; }
fi
if [ -x "$ATTEST" ]; then
    echo "attest: $("$ATTEST" --version 2>/dev/null) ($ATTEST)"
else
    note "no release build of attest at $ATTEST: attest's side is not measured"
fi
echo "tools: $(hugo version 2>/dev/null | cut -d' ' -f1-2), cmark $(cmark --version 2>/dev/null | head -n 1 | cut -d' ' -f2), $(nginx -v 2>&1 | cut -d' ' -f3), $(wrk -v 2>&1 | head -n 1 | cut -d' ' -f1-2), duckdb $(python3 -c 'import duckdb; print(duckdb.__version__)' 2>/dev/null)"

# ---------------------------------------------------------------------------------------------
bench_handbook() {
    say "Publishing: $PAGES pages (flat) and a $REAL_PAGES-page handbook (deep folders), attest build vs hugo and cmark (best of $RUNS)"
    echo "reference: hugo --quiet, layout with each page's .TableOfContents and the navigation of its section"
    echo "  rendered once per section (partialCached keyed by the section, current page marked with replace),"
    echo "  plus an offline search index (index.json); physical reference: cmark alone over the same Markdown"
    local dir="$OUT/handbook"
    aside "$dir"
    python3 "$BENCH/generate_handbook.py" "$PAGES" "$dir" || { note "generate_handbook.py failed"; return; }
    build_pair "$dir" "$PAGES pages" 1

    # Physical reference: cmark alone, one process over every Markdown file of the same content.
    find "$dir/attest/content" -name '*.md' -print0 | sort -z >"$OUT/markdown-files"
    measure "$RUNS" ":" sh -c "xargs -0 cmark <'$OUT/markdown-files' >'$OUT/cmark.html'"
    local cmark_s="$BEST_S"
    [ "$RC" -ne 0 ] && { note "cmark failed (exit $RC): $(head -c 300 "$OUT/last.stderr")"; cmark_s="n/a"; }
    echo "cmark:  $(spread), $(du -m "$OUT/cmark.html" | cut -f1) MB of HTML from $(xargs -0 cat <"$OUT/markdown-files" | wc -c | awk '{ printf "%.1f", $1 / 1e6 }') MB of Markdown"
    local r
    r=$(ratio "$PAIR_ATTEST_S" "$cmark_s")
    row "build $PAGES pages vs cmark alone, one process over the same Markdown (physical reference)" \
        "$(show "$PAIR_ATTEST_S" " s")" "cmark $(show "$cmark_s" " s")" "$r" "-" "-"
    # Each phase of attest's build (wall time, --timings of the last run) against cmark's time.
    local phases
    phases=$(awk -v c="$cmark_s" -v text="$PAIR_PHASES" 'BEGIN {
        n = split(text, parts, ", "); out = ""
        for (i = 1; i <= n; i++) { m = split(parts[i], w, " "); if (m < 3) continue
            name = w[1]; for (j = 2; j < m - 1; j++) name = name " " w[j]
            if (name ~ /^total/) continue
            out = out (out == "" ? "" : ", ") sprintf("%s %s s (%.1f× cmark)", name, w[m - 1], (c > 0 ? w[m - 1] / c : 0)) }
        print out }')
    note "attest's phases at $PAGES pages (wall time, last run): ${phases:-n/a}"

    # A real handbook's shape: deep folders, full navigation tree cached per section in Hugo.
    local deep="$OUT/handbook-deep"
    aside "$deep"
    python3 "$BENCH/generate_handbook.py" "$REAL_PAGES" "$deep" --shape deep || { note "generate_handbook.py --shape deep failed"; return; }
    build_pair "$deep" "$REAL_PAGES pages, deep folders" 0
    local bytes
    bytes=$(python3 "$BENCH/navigation_bytes.py" "$deep/attest/site" 2>&1)
    echo "attest navigation: $bytes"
    local nav_ratio
    nav_ratio=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["navigation_per_content"])' "$bytes" 2>/dev/null || echo n/a)
    row "$REAL_PAGES pages, deep folders: navigation bytes / content bytes" "$nav_ratio" "-" "-" "≤ 1" "$(met "$nav_ratio" "<=" 1)"
    echo "hugo navigation: $(python3 "$BENCH/navigation_bytes.py" "$deep/hugo/public" --nav '<nav aria-label="Handbook sections">' --main '<main' 2>&1)"

    bench_watch
}

# build_pair DIR LABEL PHASES: hugo and attest build over DIR/{hugo,attest}; rows for time and memory.
# Sets PAIR_ATTEST_S and, when PHASES is 1, PAIR_PHASES (attest's phases, from --timings).
build_pair() {
    local dir="$1" label="$2"
    PAIR_ATTEST_S="n/a" PAIR_PHASES="n/a"
    measure "$RUNS" "aside '$dir/hugo/public' '$dir/hugo/resources'" hugo --quiet --source "$dir/hugo"
    local hugo_s="$BEST_S" hugo_kb="$PEAK_KB" hugo_spread
    hugo_spread=$(spread)
    if [ "$RC" -ne 0 ]; then
        note "hugo failed (exit $RC): $(head -c 300 "$OUT/last.stderr")"
        hugo_s="n/a" hugo_kb="n/a"
    fi
    echo "hugo:   $hugo_spread, peak $(mb "$hugo_kb") MB ($(find "$dir/hugo/public" -name index.html 2>/dev/null | wc -l) pages written)"

    local attest_s="n/a" attest_kb="n/a" attest_spread=""
    if attest_has build; then
        measure "$RUNS" "aside '$dir/attest/site'" "$ATTEST" build --timings --root "$dir/attest"
        if [ "$RC" -eq 0 ]; then
            attest_s="$BEST_S" attest_kb="$PEAK_KB" attest_spread=" ($BEST_S–$WORST_S s over $RUNS runs, CPU $CPU_S s)"
            PAIR_PHASES=$(sed -n 's/^timings: //p' "$OUT/last.stderr" | tail -n 1)
        else
            note "attest build failed (exit $RC): $(head -c 600 "$OUT/last.stderr")"
        fi
        echo "attest: $(show "$attest_s" " s")$attest_spread, peak $(mb "$attest_kb") MB ($(find "$dir/attest/site" -name index.html 2>/dev/null | wc -l) pages written; phases: ${PAIR_PHASES:-n/a})"
    else
        note "attest build is not available in this build"
    fi
    PAIR_ATTEST_S="$attest_s"
    local r
    r=$(ratio "$attest_s" "$hugo_s")
    row "build $label: wall time$attest_spread" "$(show "$attest_s" " s")" "hugo $(show "$hugo_s" " s")" "$r" "≤ 0.5" "$(met "$r" "<=" 0.5)"
    r=$(ratio "$attest_kb" "$hugo_kb")
    row "build $label: peak RSS" "$(show "$(mb "$attest_kb")" " MB")" "hugo $(show "$(mb "$hugo_kb")" " MB")" "$r" "< 1" "$(met "$r" "<" 1)"
}

# watch_row LABEL ROOT SOURCE EDIT OUTPUT…: one watch_rebuild.py measurement, as a row.
watch_row() {
    local label="$1" root="$2" source="$3" edit="$4"
    shift 4
    local checks=() output
    for output in "$@"; do checks+=(--check "$output"); done
    local result median
    result=$(timeout 1800 python3 "$BENCH/watch_rebuild.py" "$ATTEST" "$root" "$source" "$1" "${checks[@]:2}" \
        --edit "$edit" --trials "$WATCH_TRIALS" --log "$OUT/watch-$edit${WATCH_SERVE:+-serve}.log" ${WATCH_SERVE:+--serve "$WATCH_SERVE"})
    echo "watch ($label): $result"
    median=$(python3 -c 'import json,sys; d=json.loads(sys.argv[1] or "{}"); print(d.get("median_ms", "n/a"))' "$result" 2>/dev/null || echo n/a)
    local detail
    detail=$(python3 -c 'import json,sys; d=json.loads(sys.argv[1] or "{}"); print("p90 %s ms, %s–%s ms; pages written per edit: %s" % (d["p90_ms"], d["min_ms"], d["max_ms"], d.get("pages_written", "?")))' "$result" 2>/dev/null || echo "")
    [ "$median" = n/a ] && note "watch ($label): ${result:-no result} (log: $OUT/watch-$edit${WATCH_SERVE:+-serve}.log)"
    if [ "$edit" = append ]; then
        row "$label ($detail)" "$(show "$median" " ms")" "-" "-" "< 100 ms" "$(met "$median" "<" 100)"
    else
        row "$label ($detail)" "$(show "$median" " ms")" "-" "-" "only what shows it" "see pages written"
    fi
}

bench_watch() {
    if ! attest_has build || ! "$ATTEST" build --help 2>/dev/null | grep -q -- "--watch"; then
        row "rebuild after an edit (--watch)" "n/a (no --watch)" "-" "-" "< 100 ms" "n/a"
        note "incremental rebuild not measured: attest build has no --watch in this build"
        return
    fi
    say "Watching: $PAGES pages and $PAGES policies, time from saving an edit to the page on disk ($WATCH_TRIALS edits each)"
    local page=$((PAGES / 2)) section
    section=$(printf 'section-%03d' $((page / 100)))
    local next=$((page + 1))
    if [ $((next % 100)) -eq 0 ] || [ "$next" -ge "$PAGES" ]; then next=$((page - 1)); fi
    local name sibling
    name=$(printf 'page-%05d' "$page")
    sibling=$(printf 'page-%05d' "$next")
    watch_row "build --watch: edit 1 of $PAGES pages, body" "$OUT/handbook/attest" \
        "content/$section/$name.md" append "site/$section/$name/index.html"

    local policies="$OUT/handbook-policies"
    aside "$policies"
    python3 "$BENCH/generate_handbook.py" "$PAGES" "$policies" --policies || { note "generate_handbook.py --policies failed"; return; }
    local src="content/policies/$section/$name.md" out="site/policies/$section/$name/index.html"
    watch_row "build --watch: edit 1 of $PAGES policies, body" "$policies/attest" "$src" append "$out"
    watch_row "build --watch: edit 1 of $PAGES policies, title (its section's navigation)" "$policies/attest" "$src" title \
        "$out" "site/policies/$section/$sibling/index.html" "site/quizzes/quiz-${section#section-}/index.html"
    watch_row "build --watch: edit 1 of $PAGES policies, control parameter" "$policies/attest" "$src" param "$out"
    watch_row "build --watch: edit 1 of $PAGES policies, version" "$policies/attest" "$src" version "$out" "site/index.html"
    WATCH_SERVE="$ATTEST_PORT" watch_row "serve --watch: edit 1 of $PAGES policies, body (page served over HTTP)" \
        "$policies/attest" "$src" append "/policies/$section/$name/"
}

# ---------------------------------------------------------------------------------------------
bench_audit() {
    say "Auditing: $KEYS keys, attest audit vs DuckDB (best of $RUNS)"
    local dir="$OUT/inventory-$KEYS"
    local stamp
    stamp="$KEYS $(cat "$BENCH/generate_inventory.py" | sha256sum | cut -c1-16)"
    if [ "$(cat "$dir/.stamp" 2>/dev/null)" = "$stamp" ] && [ -f "$dir/keys.csv" ]; then
        echo "reusing the inventory in $dir"
        rm -rf "$dir/root/templates" && [ -d "$REPO/templates" ] && cp -r "$REPO/templates" "$dir/root/templates"
    else
        python3 "$BENCH/generate_inventory.py" "$KEYS" "$dir" || { note "generate_inventory.py failed"; return; }
        echo "$stamp" >"$dir/.stamp"
    fi
    echo "inventory: $(du -h "$dir/keys.csv" | cut -f1) CSV, $(($(wc -l <"$dir/root/content/data/people.csv") - 1)) people"

    # The training records, imported from the same completions DuckDB reads.
    local records="$dir/records.sqlite" with_records=1
    rm -f "$records" "$records-wal" "$records-shm"
    if attest_has training import &&
        "$ATTEST" training import --root "$dir/root" --records "$records" "$dir/completions.csv" >"$OUT/import.log" 2>&1; then
        echo "records: $(tail -n 1 "$OUT/import.log")"
    else
        with_records=0
        note "attest training import failed or is missing ($(head -c 300 "$OUT/import.log" 2>/dev/null)); both sides audit without training records"
    fi
    local no_records=()
    [ "$with_records" = 1 ] || no_records=(--no-records)

    # DuckDB: wall time (python3 start, import duckdb, the queries) and, in the process, the time
    # from its first query to its findings written (query_seconds).
    measure "$RUNS" "rm -f '$dir/duckdb-findings.json'" python3 "$BENCH/duckdb_audit.py" "$dir" --as-of "$AS_OF" "${no_records[@]}"
    local duck_s="$BEST_S" duck_kb="$PEAK_KB" duck_in
    duck_in=$(python3 -c 'import json, sys
times = [json.loads(l)["query_seconds"] for l in open(sys.argv[1]) if l.startswith("{")]
print(min(times) if times else "n/a")' "$OUT/runs.stdout" 2>/dev/null || echo n/a)
    if [ "$RC" -ne 0 ]; then
        note "duckdb_audit.py failed: $(tail -c 400 "$OUT/last.stderr")"
        duck_s="n/a" duck_kb="n/a" duck_in="n/a"
    fi
    echo "duckdb: ${duck_s} s wall, ${duck_in} s in-process, peak $(mb "$duck_kb") MB"

    # Attest: wall time and, with --timings, its own in-process total (load, audit, write).
    local attest_s="n/a" attest_kb="n/a" attest_in="n/a"
    if attest_has audit; then
        local records_args=() timing_args=()
        [ "$with_records" = 1 ] && records_args=(--records "$records")
        "$ATTEST" audit --help 2>&1 | grep -q -- "--timings" && timing_args=(--timings)
        measure "$RUNS" "rm -rf '$dir/attest-report'" "$ATTEST" audit --root "$dir/root" \
            --inventory "$dir/keys.csv" --people "$dir/root/content/data/people.csv" "${records_args[@]}" \
            --format json --as-of "$AS_OF" --output "$dir/attest-report" --fail-on never "${timing_args[@]}"
        if [ "$RC" -le 1 ] && [ -f "$dir/attest-report/report.json" ]; then
            attest_s="$BEST_S" attest_kb="$PEAK_KB"
            attest_in=$(sed -n 's/^timings: .*total \([0-9.]*\) s$/\1/p' "$OUT/runs.stderr" | sort -n | head -n 1)
            attest_in=${attest_in:-n/a}
            [ "$attest_in" = n/a ] && note "attest audit printed no timings (no --timings in this build)"
        else
            note "attest audit failed (exit $RC): $(head -c 600 "$OUT/last.stderr")"
        fi
        echo "attest: ${attest_s} s wall, ${attest_in} s in-process, peak $(mb "$attest_kb") MB"
    else
        note "attest audit is not available in this build"
    fi

    # The findings, side by side, control by control: counts, and every finding's content.
    local compared="{}"
    if [ -f "$dir/attest-report/report.json" ] && [ -f "$dir/duckdb-findings.json" ]; then
        compared=$(python3 "$BENCH/compare_findings.py" "$dir/attest-report/report.json" "$dir/duckdb-findings.json") ||
            { note "compare_findings.py failed"; compared="{}"; }
    fi
    local compare
    compare=$(python3 - "$compared" <<'EOF'
import json, sys
c = json.loads(sys.argv[1] or "{}")
a, d = c.get("attest", {}), c.get("duckdb", {})
ac, dc = a.get("by_control", {}), d.get("by_control", {})
differ = c.get("differ", [])
print("%-28s %14s %14s" % ("control", "attest f/w", "duckdb f/w"))
for cid in sorted(set(ac) | set(dc)):
    x, y = ac.get(cid, {}), dc.get(cid, {})
    xs = "%d/%d" % (x.get("fail", 0), x.get("warn", 0)) if cid in ac else "-"
    ys = "%d/%d" % (y.get("fail", 0), y.get("warn", 0)) if cid in dc else "-"
    print("%-28s %14s %14s%s" % (cid, xs, ys, "   <- differs" if cid in differ else ""))
for example in c.get("examples", []):
    print("first differences: attest %s | duckdb %s" % (example["attest"], example["duckdb"]))
print("TOTAL %s %s %s" % (a.get("findings", "n/a"), d.get("findings", "n/a"), ",".join(differ) or "-"))
EOF
)
    echo "$compare" | grep -v '^TOTAL'
    local totals attest_n duck_n differ
    totals=$(echo "$compare" | grep '^TOTAL')
    read -r _ attest_n duck_n differ <<<"$totals"
    [ "$differ" != "-" ] && [ "$attest_n" != n/a ] && note "findings differ between attest and DuckDB for: $differ"

    local r
    r=$(ratio "$attest_in" "$duck_in")
    row "audit $KEYS keys: in-process time (attest --timings total; DuckDB from its first query to its findings written)" \
        "$(show "$attest_in" " s")" "duckdb $(show "$duck_in" " s")" "$r" "≤ 1.5" "$(met "$r" "<=" 1.5)"
    r=$(ratio "$attest_s" "$duck_s")
    row "audit $KEYS keys: wall time (DuckDB's includes python3 and import duckdb)" "$(show "$attest_s" " s")" \
        "duckdb $(show "$duck_s" " s")" "$r" "-" "-"
    row "audit $KEYS keys: peak RSS" "$(show "$(mb "$attest_kb")" " MB")" "duckdb $(show "$(mb "$duck_kb")" " MB")" "-" "< 1024 MB" "$(met "$(mb "$attest_kb")" "<" 1024)"
    local same="n/a"
    [ "$attest_n" != n/a ] && [ "$duck_n" != n/a ] && { [ "$differ" = "-" ] && same=yes || same=no; }
    row "audit $KEYS keys: findings (control, subject, status, message, evidence, source)" "$attest_n" "duckdb $duck_n" "-" "the same, finding by finding" "$same"
}

# ---------------------------------------------------------------------------------------------
SERVER_PIDS=()
stop_servers() {
    local pid
    for pid in "${SERVER_PIDS[@]}"; do
        kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
    done
    SERVER_PIDS=()
}
trap stop_servers EXIT
trap 'stop_servers; exit 130' INT TERM

wait_for_port() { # PORT SECONDS PID
    local i
    for ((i = 0; i < $2 * 10; i++)); do
        kill -0 "$3" 2>/dev/null || return 1
        curl -s -o /dev/null "http://127.0.0.1:$1/" && return 0
        sleep 0.1
    done
    return 1
}

# run_wrk NAME ARGS…: runs wrk, prints its output; sets RPS, P99_MS, NON2XX, SOCKET_ERRORS, LUA_OK.
run_wrk() {
    local name="$1"
    shift
    timeout 300 wrk -t "$WRK_THREADS" -c "$CONNECTIONS" -d "$DURATION" --timeout 2s --latency "$@" >"$OUT/wrk-$name.txt" 2>&1
    sed 's/^/    /' "$OUT/wrk-$name.txt"
    RPS=$(awk '/^Requests\/sec:/ { print $2 }' "$OUT/wrk-$name.txt")
    RPS=${RPS:-n/a}
    P99_MS=$(awk '$1 == "99%" { v = $2; u = v; sub(/[0-9.]+/, "", u); sub(/[a-z]+$/, "", v);
        f = (u == "us" ? 0.001 : u == "ms" ? 1 : u == "s" ? 1000 : u == "m" ? 60000 : 1); printf "%.2f", v * f }' "$OUT/wrk-$name.txt")
    P99_MS=${P99_MS:-n/a}
    NON2XX=$(awk '/Non-2xx or 3xx responses:/ { print $NF }' "$OUT/wrk-$name.txt")
    NON2XX=${NON2XX:-0}
    SOCKET_ERRORS=$(sed -n 's/.*Socket errors: //p' "$OUT/wrk-$name.txt")
    SOCKET_ERRORS=${SOCKET_ERRORS:-none}
    LUA_OK=$(sed -n 's/^wrk-lua: 2xx=\([0-9]*\).*/\1/p' "$OUT/wrk-$name.txt")
}

bench_server() {
    say "Training rush and page serving: wrk -c $CONNECTIONS -d $DURATION"
    local dir="$OUT/server"
    python3 "$BENCH/generate_inventory.py" 1000 "$dir" >/dev/null || { note "generate_inventory.py failed"; return; }
    local root="$dir/root" page="/policies/keys/key-management/"
    local records="$dir/rush.sqlite"
    rm -f "$records" "$records-wal" "$records-shm"

    local built=0
    if attest_has build && "$ATTEST" build --root "$root" >"$OUT/server-build.log" 2>&1; then
        built=1
    else
        note "attest build of the server root failed or is missing: $(head -c 400 "$OUT/server-build.log" 2>/dev/null)"
    fi

    local rush_rps="n/a" rush_p99="n/a" attest_get="n/a"
    if [ "$built" = 1 ] && attest_has serve; then
        "$ATTEST" serve --root "$root" --host 127.0.0.1 --port "$ATTEST_PORT" --records "$records" \
            --people "$root/content/data/people.csv" --dev-identity bench@example.com >"$OUT/serve.log" 2>&1 &
        local serve_pid=$!
        SERVER_PIDS+=("$serve_pid")
        if wait_for_port "$ATTEST_PORT" 120 "$serve_pid"; then
            local probe
            probe=$(curl -s -w ' HTTP %{http_code}' -H 'Content-Type: application/json' \
                --data '{"quiz": "key-handling", "answers": {"1": ["b"], "2": ["a", "b"]}}' \
                "http://127.0.0.1:$ATTEST_PORT/api/v1/attempts")
            echo "probe POST /api/v1/attempts: $probe"
            echo "attest serve, POST /api/v1/attempts:"
            run_wrk attest-post -s "$BENCH/post_attempt.lua" "http://127.0.0.1:$ATTEST_PORT/api/v1/attempts"
            rush_rps="$RPS" rush_p99="$P99_MS"
            local ok="${LUA_OK:-n/a}" errors="non-2xx $NON2XX, socket errors: $SOCKET_ERRORS"
            echo "attest GET $page:"
            run_wrk attest-get "http://127.0.0.1:$ATTEST_PORT$page"
            attest_get="$RPS"
            [ "$NON2XX" != 0 ] && note "attest serve answered $NON2XX non-2xx to GET $page"
            stop_servers

            # The records: a clean chain, and as many records as 2xx answers (+1 for the probe).
            local verify count
            verify=$("$ATTEST" training verify --root "$root" --records "$records" 2>&1)
            local verify_rc=$?
            echo "training verify (exit $verify_rc): $verify"
            count=$(echo "$verify" | sed -n 's/^OK: \([0-9]*\) records.*/\1/p')
            count=${count:-n/a}
            local expected="n/a" match="n/a"
            if [ "$ok" != n/a ] && [ "$count" != n/a ]; then
                expected=$((ok + 1))
                # Requests still in flight when wrk stops can be stored without wrk counting the answer.
                if [ "$count" -eq "$expected" ]; then match=yes
                elif [ "$count" -gt "$expected" ] && [ "$count" -le $((expected + CONNECTIONS)) ]; then
                    match="yes (+$((count - expected)) in flight at the cut-off)"
                else match=no; fi
            fi
            row "training rush: attempts/s" "$(show "$rush_rps" " /s")" "-" "-" "≥ 5000 /s" "$(met "$rush_rps" ">=" 5000)"
            row "training rush: p99 latency" "$(show "$rush_p99" " ms")" "-" "-" "< 50 ms" "$(met "$rush_p99" "<" 50)"
            row "training rush: errors" "$errors" "-" "-" "none" "$([ "$NON2XX" = 0 ] && [ "$SOCKET_ERRORS" = none ] && echo yes || echo no)"
            row "training rush: records = 2xx (+probe)" "$count records (verify exit $verify_rc)" "$expected answered 2xx" "-" "equal, chain intact" "$match"
        else
            note "attest serve did not come up on 127.0.0.1:$ATTEST_PORT: $(tail -c 600 "$OUT/serve.log")"
            stop_servers
        fi
    else
        note "attest serve not measured (no built site or no serve command)"
    fi

    # nginx serving the same files.
    local nginx_get="n/a"
    if [ -f "$root/site${page}index.html" ]; then
        mkdir -p "$root/nginx-tmp"
        local user_args=()
        [ "$(id -u)" -eq 0 ] && user_args=(-g "user root;")
        nginx -p "$root/" -c "$BENCH/nginx.conf" -e stderr "${user_args[@]}" >"$OUT/nginx.log" 2>&1 &
        local nginx_pid=$!
        SERVER_PIDS+=("$nginx_pid")
        if wait_for_port "$NGINX_PORT" 30 "$nginx_pid"; then
            echo "nginx GET $page:"
            run_wrk nginx-get "http://127.0.0.1:$NGINX_PORT$page"
            nginx_get="$RPS"
            [ "$NON2XX" != 0 ] && note "nginx answered $NON2XX non-2xx to GET $page"
        else
            note "nginx did not come up: $(tail -c 400 "$OUT/nginx.log")"
        fi
        stop_servers
    else
        note "no built site at $root/site: nginx not measured"
    fi
    local r
    r=$(ratio "$attest_get" "$nginx_get")
    row "GET a policy page: requests/s" "$(show "$attest_get" " /s")" "nginx $(show "$nginx_get" " /s")" "$r" "≥ 0.5" "$(met "$r" ">=" 0.5)"
}

# ---------------------------------------------------------------------------------------------
bench_scan() {
    say "Leak scan: $COMMITS commits, attest scan --history vs git log -p; files vs detect-secrets (best of $RUNS)"
    local dir="$OUT/history-$COMMITS-$HISTORY_MB" stamp
    stamp="$COMMITS $HISTORY_MB $(sha256sum <"$BENCH/generate_history.py" | cut -c1-16)"
    if [ "$(cat "$dir/.stamp" 2>/dev/null)" = "$stamp" ] && [ -d "$dir/repo" ]; then
        echo "reusing the repository in $dir"
    else
        python3 "$BENCH/generate_history.py" "$COMMITS" "$HISTORY_MB" "$dir" || { note "generate_history.py failed"; return; }
        echo "$stamp" >"$dir/.stamp"
    fi
    local blobs_mb
    blobs_mb=$(git -C "$dir/repo" rev-list --all --objects | cut -d' ' -f1 |
        git -C "$dir/repo" cat-file --batch-check='%(objecttype) %(objectsize)' |
        awk '$1 == "blob" { s += $2 } END { printf "%.0f", s / 1e6 }')
    echo "repository: $(git -C "$dir/repo" rev-list --all | wc -l) commits, $blobs_mb MB of distinct blobs, $(du -sh "$dir/repo/.git" | cut -f1) on disk"

    measure "$RUNS" ":" sh -c "git -C '$dir/repo' log -p -U0 --all > /dev/null"
    local git_s="$BEST_S"
    echo "git log -p -U0 --all: ${git_s} s"

    local attest_s="n/a" attest_kb="n/a" same="n/a"
    if attest_has scan; then
        measure "$RUNS" "rm -rf '$dir/attest-scan'" "$ATTEST" scan "$dir/repo" --history --format json \
            --output "$dir/attest-scan" --fail-on never
        if [ "$RC" -eq 0 ] && [ -f "$dir/attest-scan/report.json" ]; then
            attest_s="$BEST_S" attest_kb="$PEAK_KB"
            local compare
            compare=$(python3 "$BENCH/reference_scan.py" "$dir/repo" "$dir/attest-scan/report.json")
            [ $? -eq 0 ] && same="yes" || same="no"
            echo "findings vs the reference scan of git log -p: $compare"
            same="$same ($(python3 -c 'import json,sys; d=json.loads(sys.argv[1]); print(d["attest"], "vs", d["reference"])' "$compare"))"
        else
            note "attest scan --history failed (exit $RC): $(head -c 600 "$OUT/last.stderr")"
        fi
        echo "attest scan --history: ${attest_s} s, peak $(mb "$attest_kb") MB"
    else
        note "attest scan is not available in this build"
    fi
    local r
    r=$(ratio "$attest_s" "$git_s")
    row "scan $COMMITS commits ($blobs_mb MB of blobs), full history" "$(show "$attest_s" " s")" "git log -p -U0 $(show "$git_s" " s")" "$r" "≤ 1 (aim 0.5)" "$(met "$r" "<=" 1)"
    row "scan history: peak memory" "$(show "$(mb "$attest_kb")" " MB")" "" "" "< 300 MB" "$(met "$(mb "$attest_kb")" "<" 300)"
    row "scan history: (secret, commit, path) findings" "$same" "scan of git log -p" "" "the same set" "${same%% *}"

    # Files: the generated tree, attest scan vs detect-secrets.
    local tree="$dir/tree" ds_s="n/a" files_s="n/a" covered="n/a"
    if python3 -c "import detect_secrets" 2>/dev/null; then
        measure 1 ":" sh -c "cd '$tree' && detect-secrets scan --all-files . > '$dir/detect-secrets.json'"
        [ "$RC" -eq 0 ] && ds_s="$BEST_S" || note "detect-secrets failed (exit $RC): $(head -c 300 "$OUT/last.stderr")"
    else
        note "detect-secrets is not installed (pip install detect-secrets): the files comparison is not measured"
    fi
    if attest_has scan; then
        measure "$RUNS" "rm -rf '$dir/attest-files'" "$ATTEST" scan "$tree" --format json --output "$dir/attest-files" --fail-on never
        [ "$RC" -eq 0 ] && files_s="$BEST_S" || note "attest scan (files) failed (exit $RC): $(head -c 300 "$OUT/last.stderr")"
    fi
    if [ "$ds_s" != n/a ] && [ "$files_s" != n/a ]; then
        covered=$(python3 - "$dir/planted.json" "$dir/detect-secrets.json" "$dir/attest-files/report.json" <<'PY'
import json, sys
planted = json.load(open(sys.argv[1]))
by_sha1 = {(p["path"], p["sha1"]): p for p in planted}
ds = json.load(open(sys.argv[2]))["results"]
true = [by_sha1[(path, r["hashed_secret"])] for path, results in ds.items() for r in results
        if r["type"] == "Stripe Access Key" and (path, r["hashed_secret"]) in by_sha1]
attest = {(f["path"], f["secret_sha256"]) for f in json.load(open(sys.argv[3]))["findings"]}
found = sum((p["path"], p["sha256"]) in attest for p in true)
print(f"{found} of detect-secrets' {len(true)} true findings (planted keys: {len(planted)}, attest found {len(attest)})")
PY
)
        echo "files: $covered"
    fi
    r=$(ratio "$ds_s" "$files_s")
    row "scan files ($(find "$tree" -type f | wc -l) files, $(du -sh "$tree" | cut -f1))" "$(show "$files_s" " s")" "detect-secrets $(show "$ds_s" " s")" "${r}× faster" "≥ 20× faster" "$(met "$r" ">=" 20)"
    row "scan files: planted keys found" "$covered" "" "" "all of detect-secrets' true findings" "$(awk -v c="$covered" 'BEGIN { split(c, a, " "); print (c == "n/a" ? "n/a" : (a[1] == a[4] ? "yes" : "no")) }')"
}

# ---------------------------------------------------------------------------------------------
PG_CLUSTER=""
stop_cluster() {
    [ -n "$PG_CLUSTER" ] && bash "$REPO/Tests/PostgreSQL/cluster.sh" destroy "$PG_CLUSTER" >/dev/null 2>&1
    PG_CLUSTER=""
}
trap 'stop_servers; stop_cluster' EXIT

# rush_records NAME ROOT RECORDS_ARGS…: after a rush, the records verified and counted against the
# 2xx answers (LUA_OK + 1 probe). Sets RUSH_MATCH and RUSH_COUNT.
rush_records() {
    local name="$1" root="$2"
    shift 2
    local verify verify_rc expected
    verify=$("$ATTEST" training verify --root "$root" "$@" 2>&1)
    verify_rc=$?
    echo "training verify $name (exit $verify_rc): $verify"
    RUSH_COUNT=$(echo "$verify" | sed -n 's/^OK: \([0-9]*\) records.*/\1/p')
    RUSH_COUNT=${RUSH_COUNT:-n/a}
    RUSH_MATCH="n/a"
    if [ -n "${LUA_OK:-}" ] && [ "$RUSH_COUNT" != n/a ]; then
        expected=$((LUA_OK + 1))
        if [ "$RUSH_COUNT" -eq "$expected" ]; then RUSH_MATCH=yes
        elif [ "$RUSH_COUNT" -gt "$expected" ] && [ "$RUSH_COUNT" -le $((expected + CONNECTIONS)) ]; then
            RUSH_MATCH="yes (+$((RUSH_COUNT - expected)) in flight at the cut-off)"
        else RUSH_MATCH=no; fi
    fi
}

bench_postgres() {
    say "Training rush on PostgreSQL: 2 instances behind nginx vs 1 on SQLite vs pgbench, wrk -c $CONNECTIONS -d $DURATION"
    local dir="$OUT/postgres"
    rm -rf "$dir"
    python3 "$BENCH/generate_inventory.py" 1000 "$dir" >/dev/null || { note "generate_inventory.py failed"; return; }
    local root="$dir/root" body='{"quiz": "key-handling", "answers": {"1": ["b"], "2": ["a", "b"]}}'
    if ! "$ATTEST" build --root "$root" >"$OUT/postgres-build.log" 2>&1; then
        note "attest build of the postgres root failed: $(head -c 400 "$OUT/postgres-build.log")"
        return
    fi
    PG_CLUSTER="$(mktemp -u /tmp/attest-bench-pg.XXXXXX)"
    local pg_port
    if ! pg_port=$(bash "$REPO/Tests/PostgreSQL/cluster.sh" start "$PG_CLUSTER"); then
        note "the PostgreSQL cluster did not start: PostgreSQL not measured"
        PG_CLUSTER=""
        return
    fi
    local password
    password=$(python3 -c 'import secrets; print(secrets.token_hex(16))')
    printf '%s\n' "$password" >"$dir/pgpassword"
    bash "$REPO/Tests/PostgreSQL/cluster.sh" psql "$PG_CLUSTER" -c "CREATE ROLE attest LOGIN PASSWORD '$password'" \
        -c "CREATE DATABASE attest OWNER attest" -c "CREATE DATABASE pgbench OWNER attest" >/dev/null
    local url="postgres://attest@127.0.0.1:$pg_port/attest?sslmode=disable"
    local records_args=(--records "$url" --records-password-file "$dir/pgpassword")

    # pgbench: one single-row INSERT per transaction, same server, same durability (synchronous_commit on).
    bash "$REPO/Tests/PostgreSQL/cluster.sh" psql "$PG_CLUSTER" -d pgbench \
        -c "CREATE TABLE rows (id bigserial PRIMARY KEY, payload text NOT NULL); ALTER TABLE rows OWNER TO attest" >/dev/null
    echo "INSERT INTO rows (payload) VALUES (md5(random()::text));" >"$dir/insert.sql"
    local pgbench_tps="n/a"
    PGPASSWORD="$password" timeout 300 "$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)/pgbench" -n \
        -h 127.0.0.1 -p "$pg_port" -U attest -c "$CONNECTIONS" -j "$WRK_THREADS" -T "${DURATION%s}" \
        -f "$dir/insert.sql" pgbench >"$OUT/pgbench.txt" 2>&1
    pgbench_tps=$(awk '/^tps = / { printf "%.0f", $3 }' "$OUT/pgbench.txt")
    pgbench_tps=${pgbench_tps:-n/a}
    echo "pgbench single-row INSERT: $pgbench_tps tps"
    [ "$pgbench_tps" = n/a ] && note "pgbench failed: $(tail -c 300 "$OUT/pgbench.txt")"

    # One instance on SQLite, the same root and load.
    local sqlite_rps="n/a" port_a=$((ATTEST_PORT + 10)) port_b=$((ATTEST_PORT + 11)) front=$((ATTEST_PORT + 12))
    "$ATTEST" serve --root "$root" --host 127.0.0.1 --port "$port_a" --records "$dir/rush.sqlite" \
        --dev-identity bench@example.com >"$OUT/serve-sqlite.log" 2>&1 &
    SERVER_PIDS+=($!)
    if wait_for_port "$port_a" 120 "${SERVER_PIDS[-1]}"; then
        curl -s -o /dev/null -H 'Content-Type: application/json' --data "$body" "http://127.0.0.1:$port_a/api/v1/attempts"
        echo "attest serve on SQLite, 1 instance:"
        run_wrk pg-sqlite -s "$BENCH/post_attempt.lua" "http://127.0.0.1:$port_a/api/v1/attempts"
        sqlite_rps="$RPS"
    else
        note "attest serve on SQLite did not come up: $(tail -c 400 "$OUT/serve-sqlite.log")"
    fi
    stop_servers

    # Two instances on PostgreSQL behind nginx. They share the host's cores with each other, nginx,
    # PostgreSQL and wrk, so each gets its share: one thread (README, "Deployment").
    local rps="n/a" p99="n/a" errors="n/a" pid
    for port in "$port_a" "$port_b"; do
        "$ATTEST" serve --root "$root" --host 127.0.0.1 --port "$port" "${records_args[@]}" --threads 1 \
            --dev-identity bench@example.com >>"$OUT/serve-postgres.log" 2>&1 &
        SERVER_PIDS+=($!)
    done
    mkdir -p "$dir/nginx/tmp"
    sed -e "s/listen 8080;/listen 127.0.0.1:$front;/" -e "s/127.0.0.1:8081/127.0.0.1:$port_a/" \
        -e "s/127.0.0.1:8082/127.0.0.1:$port_b/" "$REPO/deploy/nginx-attest.conf" >"$dir/nginx/attest.conf"
    {
        echo "daemon off; worker_processes 2; pid nginx.pid; error_log stderr warn;"
        [ "$(id -u)" -eq 0 ] && echo "user root;"
        echo "events { worker_connections 4096; }"
        echo "http { access_log off; client_body_temp_path tmp/body; proxy_temp_path tmp/proxy;"
        echo "  fastcgi_temp_path tmp/fastcgi; uwsgi_temp_path tmp/uwsgi; scgi_temp_path tmp/scgi;"
        echo "  include attest.conf; }"
    } >"$dir/nginx/nginx.conf"
    nginx -p "$dir/nginx/" -c nginx.conf -e stderr >"$OUT/nginx-postgres.log" 2>&1 &
    SERVER_PIDS+=($!)
    if wait_for_port "$port_a" 120 "${SERVER_PIDS[0]}" && wait_for_port "$port_b" 120 "${SERVER_PIDS[1]}" &&
        wait_for_port "$front" 30 "${SERVER_PIDS[2]}"; then
        echo "probe POST through nginx: $(curl -s -w ' HTTP %{http_code}' -H 'Content-Type: application/json' \
            --data "$body" "http://127.0.0.1:$front/api/v1/attempts")"
        echo "2 attest serve instances on PostgreSQL behind nginx:"
        run_wrk pg-rush -s "$BENCH/post_attempt.lua" "http://127.0.0.1:$front/api/v1/attempts"
        rps="$RPS" p99="$P99_MS" errors="non-2xx $NON2XX, socket errors: $SOCKET_ERRORS"
        stop_servers
        rush_records "(PostgreSQL)" "$root" "${records_args[@]}"
    else
        note "attest serve on PostgreSQL or nginx did not come up: $(tail -c 600 "$OUT/serve-postgres.log") $(tail -c 300 "$OUT/nginx-postgres.log")"
        stop_servers
    fi
    stop_cluster
    row "rush on PostgreSQL, 2 instances + nginx: attempts/s" "$(show "$rps" " /s")" \
        "pgbench INSERT $(show "$pgbench_tps" " tps"); SQLite 1 instance $(show "$sqlite_rps" " /s")" \
        "$(ratio "$rps" "$pgbench_tps") of pgbench" "≥ 5000 /s" "$(met "$rps" ">=" 5000)"
    row "rush on PostgreSQL: p99 latency" "$(show "$p99" " ms")" "-" "-" "< 50 ms" "$(met "$p99" "<" 50)"
    row "rush on PostgreSQL: errors" "$errors" "-" "-" "none" "$([ "${NON2XX:-1}" = 0 ] && [ "${SOCKET_ERRORS:-}" = none ] && echo yes || echo no)"
    row "rush on PostgreSQL: records = 2xx (+probe)" "${RUSH_COUNT:-n/a} records" "$((${LUA_OK:-0} + 1)) answered 2xx" "-" "equal, chain intact" "${RUSH_MATCH:-n/a}"
}

# ---------------------------------------------------------------------------------------------
bench_evidence() {
    say "Evidence: the sample's policies, $EVIDENCE_PEOPLE people, $EVIDENCE_ATTEMPTS attempts, PDFs included (best of $RUNS)"
    local dir="$OUT/evidence-$EVIDENCE_PEOPLE-$EVIDENCE_ATTEMPTS" stamp
    stamp="$(cat "$BENCH/generate_evidence.py" "$REPO"/content/policies/*/*.md "$REPO"/content/quizzes/*.md | sha256sum | cut -c1-16)"
    if [ "$(cat "$dir/.stamp" 2>/dev/null)" = "$stamp" ] && [ -f "$dir/records.sqlite" ]; then
        echo "reusing the roster and records in $dir"
    else
        rm -rf "$dir"
        mkdir -p "$dir"
        python3 "$BENCH/generate_evidence.py" "$EVIDENCE_PEOPLE" "$EVIDENCE_ATTEMPTS" "$REPO" "$dir" ||
            { note "generate_evidence.py failed"; return; }
        if ! "$ATTEST" training import --root "$dir/root" --records "$dir/records.sqlite" "$dir/completions.csv" \
            >"$OUT/evidence-import.log" 2>&1; then
            note "attest training import failed: $(head -c 300 "$OUT/evidence-import.log")"
            return
        fi
        echo "$stamp" >"$dir/.stamp"
    fi
    echo "records: $("$ATTEST" training verify --root "$dir/root" --records "$dir/records.sqlite" 2>&1 | head -n 1)"
    local args=(evidence --root "$dir/root" --from 2026-01-01 --to "$AS_OF" --records "$dir/records.sqlite"
        --inventory "$dir/root/content/data/keys.csv")
    local with_s="n/a" with_kb="n/a" without_s="n/a" weasy_s="n/a" per_pdf="n/a" count=0 pdf_share="n/a"
    measure "$RUNS" "aside '$dir/package'" "$ATTEST" "${args[@]}" --output "$dir/package"
    if [ "$RC" -eq 0 ]; then
        with_s="$BEST_S" with_kb="$PEAK_KB"
        echo "attest evidence: $(spread); $(tail -n 1 "$OUT/last.stdout")"
    else
        note "attest evidence failed (exit $RC): $(head -c 400 "$OUT/last.stderr")"
    fi
    measure "$RUNS" "aside '$dir/package-html'" "$ATTEST" "${args[@]}" --no-pdf --output "$dir/package-html"
    if [ "$RC" -eq 0 ]; then without_s="$BEST_S"; echo "attest evidence --no-pdf: $(spread)"; else
        note "attest evidence --no-pdf failed (exit $RC): $(head -c 400 "$OUT/last.stderr")"
    fi
    # The reference: WeasyPrint alone, one process per page as a user would run it, over the package's
    # own policy pages (the pages the PDFs are made from differ only in where their links lead), with
    # the same SOURCE_DATE_EPOCH (the period's end).
    if [ "$with_s" != n/a ] && command -v weasyprint >/dev/null; then
        local pages=("$dir"/package/policies/*.html) epoch
        count=${#pages[@]}
        epoch=$(date -u -d "$AS_OF" +%s)
        aside "$dir/weasyprint"
        mkdir -p "$dir/weasyprint"
        printf '%s\n' "${pages[@]}" >"$dir/pages.txt"
        cat >"$dir/weasyprint.sh" <<SH
#!/usr/bin/env bash
set -e
while read -r page; do SOURCE_DATE_EPOCH=$epoch weasyprint --encoding utf-8 "\$page" "$dir/weasyprint/\$(basename "\$page" .html).pdf"; done <"$dir/pages.txt"
SH
        measure "$RUNS" "rm -f '$dir'/weasyprint/*.pdf" bash "$dir/weasyprint.sh"
        if [ "$RC" -eq 0 ]; then
            weasy_s="$BEST_S"
            per_pdf=$(awk -v t="$weasy_s" -v n="$count" 'BEGIN { printf "%.2f", t / n }')
            pdf_share=$(awk -v a="$with_s" -v b="$without_s" 'BEGIN { if (b == "n/a") print "n/a"; else printf "%.2f", a - b }')
            echo "weasyprint alone: $count PDFs in $(spread), $per_pdf s each; the PDFs add $pdf_share s to attest evidence"
        else
            note "weasyprint alone failed (exit $RC): $(head -c 400 "$OUT/last.stderr")"
        fi
    elif [ "$with_s" != n/a ]; then
        note "weasyprint is not installed: the reference is not measured"
    fi
    local label="evidence package: $count policies (PDF + HTML), $EVIDENCE_PEOPLE people, $EVIDENCE_ATTEMPTS attempts"
    row "$label" "$(show "$with_s" " s")" "weasyprint alone, the same $count PDFs one after another: $(show "$weasy_s" " s")" \
        "$(ratio "$with_s" "$weasy_s")" "< 30 s" "$(met "$with_s" "<" 30)"
    row "evidence package without PDFs (--no-pdf)" "$(show "$without_s" " s")" "-" "-" "-" "-"
    row "one policy PDF (weasyprint, a process each)" "$(show "$per_pdf" " s")" "-" "-" "-" "-"
    row "what the PDFs add to attest evidence (on both cores)" "$(show "$pdf_share" " s")" "-" "-" "-" "-"
    row "evidence package: peak RSS" "$(show "$(mb "$with_kb")" " MB")" "-" "-" "-" "-"
}

case "$JOB" in
handbook) bench_handbook ;;
audit) bench_audit ;;
server) bench_server ;;
scan) bench_scan ;;
postgres) bench_postgres ;;
evidence) bench_evidence ;;
all)
    bench_handbook
    bench_audit
    bench_server
    bench_scan
    bench_postgres
    bench_evidence
    ;;
esac

# ---------------------------------------------------------------------------------------------
say "Results"
commit=$(git -C "$REPO" rev-parse --short HEAD 2>/dev/null || echo unknown)
{
    echo "# Attest benchmark results"
    echo
    echo "- date: $(date -u '+%Y-%m-%d %H:%M UTC'), commit $commit, job \`$JOB\`$([ "${BENCH_SMOKE:-0}" = 1 ] && echo " (smoke scale)")"
    echo "- machine: $MACHINE"
    echo "- scale: PAGES=$PAGES KEYS=$KEYS DURATION=$DURATION RUNS=$RUNS CONNECTIONS=$CONNECTIONS WRK_THREADS=$WRK_THREADS COMMITS=$COMMITS HISTORY_MB=$HISTORY_MB"
    echo "- command: \`$([ "${BENCH_SMOKE:-0}" = 1 ] && echo "BENCH_SMOKE=1 ")bash Tests/Benchmarks/run.sh $JOB\`"
    echo
    echo "| job | attest | reference | ratio | target | met? |"
    echo "|---|---|---|---|---|---|"
    for r in "${ROWS[@]}"; do echo "| ${r//|/ | } |"; done
    if [ ${#NOTES[@]} -gt 0 ]; then
        echo
        echo "Notes:"
        for n in "${NOTES[@]}"; do echo "- $n"; done
    fi
} >"$BENCH/results/latest.md"
{
    printf '%s\n' "job|attest|reference|ratio|target|met?"
    printf '%s\n' "${ROWS[@]}"
} | awk -F'|' '{ for (i = 1; i <= NF; i++) { cell[NR, i] = $i; if (length($i) > w[i]) w[i] = length($i) } n = NR; if (NF > nf) nf = NF }
    END { for (r = 1; r <= n; r++) { line = ""; for (i = 1; i <= nf; i++) line = line sprintf("%-" (w[i] + 2) "s", cell[r, i]); print line } }'
if [ ${#NOTES[@]} -gt 0 ]; then
    echo
    printf 'note: %s\n' "${NOTES[@]}"
fi
echo
echo "written to Tests/Benchmarks/results/latest.md"
