#!/usr/bin/env python3
"""Generates a synthetic handbook twice: as an Attest root and as a Hugo site, from the same Markdown.

    generate_handbook.py N OUT [--shape flat|deep] [--policies] [--templates DIR]

Shapes:

  flat  (default) N pages of about 3 KB of Markdown each (front matter, headings, lists, code, links
        between pages), in sections of 100 pages, one folder each:
            OUT/attest/content/section-NNN/index.md          (the section's landing page)
            OUT/attest/content/section-NNN/page-NNNNN.md     (ordinary handbook pages)
            OUT/hugo/content/section-NNN/_index.md, page-NNNNN.md
  deep  a real handbook's shape: N pages in total (N = 883 by default in run.sh), about 14 KB of
        Markdown each, in about N/6 folders nested up to five deep, every folder with its landing
        page (index.md; _index.md for Hugo):
            OUT/attest/content/<top>/<folder>/…/page-NNNNN.md

  --policies (flat only) writes the Attest side as policies instead of pages, for the `--watch`
        benchmarks: content/policies/section-NNN/page-NNNNN.md with an id, owner, version, review
        dates and one control whose parameter the prose quotes (`{{ controls.C-NNNNN.max_age_days }}`),
        and one quiz per section (content/quizzes/quiz-NNN.md) covering its policies. No Hugo site.

Both sides get the repository's theme (OUT/attest/templates/, its static files also in Hugo's
static/) and the same navigation: every top-level section, and the folders on the way to the
current page expanded (its folder's pages and subfolders listed). Hugo renders it once per
section with `partialCached` and marks the current page with `replace`, as Attest renders it once
per section and marks the current page in the shared text; a Hugo user would write it that way.

The Markdown stays within CommonMark (cmark has no tables or other GFM extensions) so that both
tools do the same work. Links are relative `.md` links with #anchors, as written for GitHub, and
every one resolves, so that `attest build` (links: fail) accepts the site. Output is deterministic.
"""

import argparse
import os
import random
import shutil
import sys

PAGES_PER_SECTION = 100

WORDS = (
    "key rotation owner access review secret restricted publishable webhook vault storage "
    "environment production staging service consumer permission allowlist incident exposure "
    "audit control policy handbook procedure request log sandbox least privilege scope team "
    "deploy runbook overlap schedule inventory roster training quiz evidence finding remediation "
    "approval change management egress range provider dashboard integration client mobile sdk"
).split()

TOPICS = [
    "Handling", "Rotation", "Storage", "Sharing", "Review", "Exposure", "Access", "Logging",
    "Allowlists", "Sandboxes", "Retirement", "Onboarding",
]

FOLDER_WORDS = (
    "engineering security people finance legal operations support product design data platform "
    "infrastructure onboarding benefits hiring incidents releases testing reviews tooling access "
    "laptops accounts vendors contracts budgets payroll travel training compliance audits privacy "
    "networks databases storage monitoring alerts oncall runbooks architecture interviews"
).split()


def sentence(rng, n_min=8, n_max=16):
    words = [rng.choice(WORDS) for _ in range(rng.randint(n_min, n_max))]
    words[0] = words[0].capitalize()
    # Some inline markup, as real prose has.
    i = rng.randrange(len(words))
    words[i] = rng.choice(["`%s`", "*%s*", "**%s**"]) % words[i]
    return " ".join(words) + "."


def paragraph(rng, sentences=(3, 5)):
    return " ".join(sentence(rng) for _ in range(rng.randint(*sentences)))


def page_title(index):
    return "%s practice %d" % (TOPICS[index % len(TOPICS)], index)


def page_body(index, links, rounds=1, extra=""):
    """About 3 KB of CommonMark per round. Headings use plain lowercase words so that every slugger
    agrees; later rounds repeat them (numbered ids: overview-1…). `links` are (title, relative .md
    path): the same section, another page, a third; each page has the anchors overview, procedure
    and details. `extra` is a paragraph added after the first (a policy's quoted parameter)."""
    rng = random.Random(index * 7919 + 17)
    (same_title, same), (other_title, other), (third_title, third) = links
    parts = [paragraph(rng, (2, 3))]
    if extra:
        parts.append(extra)
    for _ in range(rounds):
        parts.append("## Overview\n\n" + paragraph(rng) + "\n\n" + paragraph(rng, (2, 4)))
        parts.append("## Procedure\n\n" + "\n".join(
            "%d. %s See [%s](%s)." % (i + 1, sentence(rng, 6, 10), title, target)
            for i, (title, target) in enumerate(
                [(same_title, same + "#overview"), (other_title, other + "#procedure"), (third_title, third)])
        ))
        parts.append("### Details\n\n" + "\n".join("- " + sentence(rng, 6, 12) for _ in range(rng.randint(4, 6))))
        parts.append(
            "### Example\n\n"
            + paragraph(rng, (1, 2))
            + "\n\n```sh\n"
            + "attest audit --inventory keys.csv --as-of 2026-11-27 --format json\n"
            + "curl -s https://api.example.com/v1/keys/%d -H \"Authorization: Bearer $TOKEN\"\n" % index
            + "echo \"rotated key %d\" >> rotation.log\n" % index
            + "```"
        )
        parts.append("## Exceptions\n\n" + paragraph(rng, (2, 4)) + "\n\n> " + sentence(rng))
    parts.append(
        "## Related\n\n"
        + "- [Back to the overview](#overview)\n"
        + "- [%s](%s)\n" % (other_title, other + "#details")
        + "- [The section's landing page](%s)" % ("index.md")
    )
    parts.append(paragraph(rng, (2, 3)))
    return "\n\n".join(parts) + "\n"


def landing_body(seed, title, first_page, last_page):
    """A folder's landing page: a paragraph and links to its first and last page (relative .md)."""
    rng = random.Random(seed)
    text = "# %s\n\n" % title + paragraph(rng, (2, 3)) + "\n"
    if first_page is not None:
        text += "\n- [First page](%s)\n- [Last page](%s)\n" % (first_page, last_page)
    return text


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def front_matter(title, weight, summary):
    return '---\ntitle: "%s"\nweight: %d\nsummary: "%s"\n---\n\n' % (title, weight, summary)


def policy_front_matter(index, title, summary):
    return (
        "---\nid: page-%05d\ntitle: \"%s\"\nowner: owner-%d@example.com\nversion: \"1.%d\"\n"
        "last_reviewed: 2026-09-01\nreview_every_days: 365\nsummary: \"%s\"\ncontrols:\n"
        "  - id: C-%05d\n    check: rotation-age\n    title: Keys of practice %d are rotated on schedule\n"
        "    severity: medium\n    params: {max_age_days: %d, warn_days: 14}\n---\n\n"
        % (index, title, index % 50, index % 10, summary, index, index, 90 + index % 7)
    )


def quiz_text(section, policy_ids):
    return (
        "---\nid: quiz-%03d\ntitle: \"Practices of section %d\"\npolicies: [%s]\n---\n"
        "Two questions on the practices of section %d.\n\n"
        "## How often is a key rolled?\n\n- [x] On the schedule its policy sets\n- [ ] Never\n\n"
        "> The policy's control sets the schedule.\n\n"
        "## Who rolls a key?\n\n- [ ] Anyone\n- [x] Its owner\n"
        % (section, section, ", ".join(policy_ids), section)
    )


HUGO_CONFIG = """baseURL = "https://handbook.example.com/"
title = "Synthetic handbook"
languageCode = "en"
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]

[outputs]
  home = ["HTML", "JSON"]
  section = ["HTML"]
  page = ["HTML"]

[markup.goldmark.renderer]
  unsafe = false
[markup.tableOfContents]
  startLevel = 2
  endLevel = 3
  ordered = false
"""

HUGO_BASEOF = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ .Title }} · {{ .Site.Title }}</title>
<link rel="stylesheet" href="{{ "static/site.css" | relURL }}">
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header><a href="{{ "/" | relURL }}">{{ .Site.Title }}</a>
<form role="search" action="{{ "/search/" | relURL }}"><label for="q">Search</label><input id="q" name="q" type="search"></form>
</header>
<nav aria-label="Handbook sections">{{ block "sidebar" . }}{{ end }}</nav>
<main id="main">{{ block "main" . }}{{ end }}</main>
<footer>{{ .Site.Title }}</footer>
</body>
</html>
"""

# The navigation of a section, rendered once per section (partialCached, keyed by the section) and
# shared by its pages: every top-level section; the sections on the way to this one expanded, with
# their pages and subsections. What Attest's sidebar shows.
HUGO_NAV = """{{- $current := . -}}
<ul class="nav-sections">
{{- range .Site.Sections }}{{ partial "navnode.html" (dict "node" . "current" $current) }}{{ end }}
</ul>
"""

HUGO_NAVNODE = """{{- $node := .node -}}{{- $current := .current -}}
<li{{ if eq $node $current }} class="nav-current"{{ end }}><a href="{{ $node.RelPermalink }}">{{ $node.Title }}</a>
{{- if or (eq $node $current) ($current.IsDescendant $node) }}
<ul class="nav-pages">
{{- range $node.RegularPages }}
<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}
{{- range $node.Sections }}{{ partial "navnode.html" (dict "node" . "current" $current) }}{{ end }}
</ul>
{{- end }}</li>
"""

# The shared navigation with the current page marked, as Attest marks it in its shared sidebar.
HUGO_SIDEBAR = """{{ $nav := partialCached "nav.html" .CurrentSection .CurrentSection.RelPermalink }}
{{- replace $nav (printf "href=\\"%s\\"" .RelPermalink) (printf "href=\\"%s\\" aria-current=\\"page\\"" .RelPermalink) | safeHTML }}"""

# Each page: breadcrumb, title, summary, its table of contents, content, previous/next in its section.
HUGO_SINGLE = """{{ define "sidebar" }}""" + HUGO_SIDEBAR + """{{ end }}
{{ define "main" }}
<nav aria-label="Breadcrumb"><a href="{{ "/" | relURL }}">Home</a> › <a href="{{ .CurrentSection.RelPermalink }}">{{ .CurrentSection.Title }}</a></nav>
<article>
<h1>{{ .Title }}</h1>
{{ with .Params.summary }}<p class="summary">{{ . }}</p>{{ end }}
<nav aria-label="On this page" class="toc">{{ .TableOfContents }}</nav>
{{ .Content }}
</article>
<nav aria-label="Previous and next">{{ with .PrevInSection }}<a rel="prev" href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}
{{ with .NextInSection }}<a rel="next" href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}</nav>
{{ end }}
"""

HUGO_LIST = """{{ define "sidebar" }}""" + HUGO_SIDEBAR + """{{ end }}
{{ define "main" }}
<h1>{{ .Title }}</h1>
{{ .Content }}
<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ .Params.summary }}</li>{{ end }}</ul>
{{ end }}
"""

HUGO_HOME = """{{ define "sidebar" }}{{ partialCached "nav.html" . "home" }}{{ end }}
{{ define "main" }}
<h1>{{ .Site.Title }}</h1>
{{ range .Site.Sections }}<section><h2><a href="{{ .RelPermalink }}">{{ .Title }}</a></h2><p>{{ len .Pages }} pages</p></section>
{{ end }}{{ end }}
"""

# The offline search index, as Attest writes one (title, URL and the page's text), written as the
# pages are walked: `$pages = $pages | append …` in the loop, the idiom of many examples, copies the
# list at every page and took Hugo 7 more seconds at 10,000 pages here.
HUGO_SEARCH_INDEX = """[{{ range $i, $page := .Site.RegularPages }}{{ if $i }},{{ end }}{{ dict "title" $page.Title "url" $page.RelPermalink "text" $page.Plain | jsonify }}{{ end }}]
"""


def write_hugo_site(hugo):
    write(os.path.join(hugo, "config.toml"), HUGO_CONFIG)
    write(os.path.join(hugo, "layouts", "_default", "baseof.html"), HUGO_BASEOF)
    write(os.path.join(hugo, "layouts", "_default", "single.html"), HUGO_SINGLE)
    write(os.path.join(hugo, "layouts", "_default", "list.html"), HUGO_LIST)
    write(os.path.join(hugo, "layouts", "partials", "nav.html"), HUGO_NAV)
    write(os.path.join(hugo, "layouts", "partials", "navnode.html"), HUGO_NAVNODE)
    write(os.path.join(hugo, "layouts", "index.html"), HUGO_HOME)
    write(os.path.join(hugo, "layouts", "index.json"), HUGO_SEARCH_INDEX)


def handbook_yml(description, sections, people=False):
    return (
        "title: Synthetic handbook\norganization: Benchmark Corp\nbase_url: https://handbook.example.com/\n"
        "description: %s\nsections: [%s]\nadmins: [admin@example.com]\nlinks: fail\n"
        % (description, ", ".join(sections))
    ) + ("people: content/data/people.csv\n" if people else "")


# The roster `attest serve` needs (the policies root is also served in the benchmarks).
PEOPLE_CSV = (
    "email,name,team,groups,active,start_date,manager\n"
    "admin@example.com,Admin,security,security,true,2024-01-01,\n"
    "bench@example.com,Bench,engineering,engineering,true,2024-01-01,admin@example.com\n"
)


def generate_flat(n, attest, hugo, policies):
    """Sections of 100 pages; returns the Markdown bytes written per side."""
    sections = (n + PAGES_PER_SECTION - 1) // PAGES_PER_SECTION
    names = ["section-%03d" % s for s in range(sections)]
    write(os.path.join(attest, "content", "handbook.yml"),
          handbook_yml("%d generated %s in %d sections." % (n, "policies" if policies else "pages", sections), names,
                       people=policies))
    if policies:
        write(os.path.join(attest, "content", "data", "people.csv"), PEOPLE_CSV)

    def path(index):
        return names[index // PAGES_PER_SECTION], "page-%05d" % index

    def link(from_index, to_index):
        from_section, _ = path(from_index)
        to_section, to_page = path(to_index)
        return to_page + ".md" if from_section == to_section else "../%s/%s.md" % (to_section, to_page)

    total_bytes = 0
    for s in range(sections):
        first = s * PAGES_PER_SECTION
        last = min(n, first + PAGES_PER_SECTION) - 1
        title = "Section %d" % s
        folder = os.path.join("policies", names[s]) if policies else names[s]
        if policies:
            write(os.path.join(attest, "content", "quizzes", "quiz-%03d.md" % s),
                  quiz_text(s, ["page-%05d" % i for i in range(first, last + 1)]))
        else:
            body = landing_body(s, title, "page-%05d.md" % first, "page-%05d.md" % last)
            write(os.path.join(attest, "content", folder, "index.md"), body)
            write(os.path.join(hugo, "content", names[s], "_index.md"), '---\ntitle: "%s"\n---\n\n' % title + body)
        for i in range(first, last + 1):
            _, page = path(i)
            rng = random.Random(i * 7919 + 17)
            same = first + rng.randrange(last - first + 1)
            other, third = rng.randrange(n), rng.randrange(n)
            links = [(page_title(t), link(i, t)) for t in (same, other, third)]
            summary = "Synthetic page %d of section %d." % (i, s)
            if policies:
                extra = "A key of this practice is rolled every {{ controls.C-%05d.max_age_days }} days." % i
                text = policy_front_matter(i, page_title(i), summary) + page_body(i, links, extra=extra)
                # Policy folders have no landing page: the last link points at the policy itself.
                text = text.replace("(index.md)", "(%s.md)" % page)
            else:
                text = front_matter(page_title(i), i - first + 1, summary) + page_body(i, links)
            total_bytes += len(text.encode("utf-8"))
            write(os.path.join(attest, "content", folder, page + ".md"), text)
            if not policies:
                write(os.path.join(hugo, "content", names[s], page + ".md"), text)
    return total_bytes, sections


def deep_folders(count, rng):
    """`count` folder paths, nested up to five deep, in creation order: a handbook's tree (a few
    top-level sections, most folders two to four levels down)."""
    tops = ["handbook-%s" % w for w in ("engineering", "security", "people", "finance", "legal", "operations", "product", "support")]
    folders = list(tops)
    frontier = list(tops)
    used = set(folders)
    while len(folders) < count:
        parent = frontier[rng.randrange(len(frontier))]
        if parent.count("/") >= 4:
            continue
        for _ in range(100):
            name = "%s/%s" % (parent, rng.choice(FOLDER_WORDS))
            if name not in used:
                break
        else:
            continue
        used.add(name)
        folders.append(name)
        frontier.append(name)
    return folders


def generate_deep(n, attest, hugo):
    """N pages in about N/6 nested folders, each folder with its landing page."""
    rng = random.Random(883)
    folder_count = max(8, n // 6)
    folders = deep_folders(folder_count, rng)
    regular = max(0, n - len(folders))
    # Pages per folder: a few folders hold many pages, most a handful.
    weights = [rng.choice([1, 1, 2, 3, 8]) for _ in folders]
    total_weight = sum(weights)
    placed = []  # (folder, page index)
    for index in range(regular):
        pick = rng.uniform(0, total_weight)
        for folder, weight in zip(folders, weights):
            pick -= weight
            if pick <= 0:
                break
        placed.append((folder, index))
    pages_by_folder = {folder: [] for folder in folders}
    for folder, index in placed:
        pages_by_folder[folder].append(index)
    folder_of = {index: folder for folder, index in placed}
    tops = sorted({f.split("/")[0] for f in folders})
    write(os.path.join(attest, "content", "handbook.yml"),
          handbook_yml("%d generated pages in %d nested folders." % (n, len(folders)), tops))

    def link(from_index, to_index):
        target = os.path.join(folder_of[to_index], "page-%05d.md" % to_index)
        return os.path.relpath(target, folder_of[from_index])

    total_bytes = 0
    for number, folder in enumerate(folders):
        pages = sorted(pages_by_folder[folder])
        title = folder.split("/")[-1].capitalize() + " (%d)" % number
        body = landing_body(number, title, *(("page-%05d.md" % pages[0], "page-%05d.md" % pages[-1]) if pages else (None, None)))
        total_bytes += len(body.encode("utf-8"))
        write(os.path.join(attest, "content", folder, "index.md"), body)
        write(os.path.join(hugo, "content", folder, "_index.md"), '---\ntitle: "%s"\n---\n\n' % title + body)
        for position, i in enumerate(pages):
            prng = random.Random(i * 104729 + 3)
            same = pages[prng.randrange(len(pages))]
            other, third = prng.randrange(regular), prng.randrange(regular)
            links = [(page_title(t), link(i, t)) for t in (same, other, third)]
            text = front_matter(page_title(i), position + 1, "Synthetic page %d in %s." % (i, folder)) + page_body(
                i, links, rounds=6)
            total_bytes += len(text.encode("utf-8"))
            write(os.path.join(attest, "content", folder, "page-%05d.md" % i), text)
            write(os.path.join(hugo, "content", folder, "page-%05d.md" % i), text)
    return total_bytes, len(folders)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("pages", type=int)
    parser.add_argument("out")
    parser.add_argument("--shape", choices=["flat", "deep"], default="flat")
    parser.add_argument("--policies", action="store_true", help="flat shape: policies and quizzes, no Hugo site")
    here = os.path.dirname(os.path.abspath(__file__))
    parser.add_argument("--templates", default=os.path.join(here, "..", "..", "templates"),
                        help="the Attest theme to copy (default: the repository's templates/)")
    args = parser.parse_args()
    n = args.pages
    if n < 1:
        parser.error("N must be at least 1")
    if args.policies and args.shape != "flat":
        parser.error("--policies goes with the flat shape")

    attest = os.path.join(args.out, "attest")
    hugo = os.path.join(args.out, "hugo")
    for d in (attest, hugo):
        if os.path.exists(d):
            shutil.rmtree(d)

    with_hugo = not args.policies
    if with_hugo:
        write_hugo_site(hugo)
    if args.shape == "flat":
        total_bytes, folders = generate_flat(n, attest, hugo, args.policies)
    else:
        total_bytes, folders = generate_deep(n, attest, hugo)

    templates = os.path.abspath(args.templates)
    if os.path.isdir(templates):
        shutil.copytree(templates, os.path.join(attest, "templates"))
        static = os.path.join(templates, "static")
        if with_hugo and os.path.isdir(static):  # the same assets for Hugo to copy
            shutil.copytree(static, os.path.join(hugo, "static", "static"))
    else:
        print("generate_handbook: warning: no templates at %s; the Attest root has none" % templates, file=sys.stderr)

    print("generate_handbook: %s shape, %d %s (%.1f KB average, %.1f MB of Markdown) in %d folders -> %s/%s"
          % (args.shape, n, "policies" if args.policies else "pages", total_bytes / n / 1024, total_bytes / 1e6,
             folders, args.out, "attest" if not with_hugo else "{attest,hugo}"))


if __name__ == "__main__":
    main()
