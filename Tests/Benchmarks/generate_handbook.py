#!/usr/bin/env python3
"""Generates a synthetic handbook twice: as an Attest root and as a Hugo site, from the same Markdown.

    generate_handbook.py N OUT [--templates DIR] [--seed S]

N pages of about 3 KB of Markdown each (front matter, headings, lists, code, links between pages),
in sections of 100 pages. Written:

    OUT/attest/content/handbook.yml
    OUT/attest/content/section-NNN/index.md          (the section's landing page)
    OUT/attest/content/section-NNN/page-NNNNN.md     (ordinary handbook pages)
    OUT/attest/templates/                            (copied from the repository's templates/)
    OUT/hugo/config.toml, OUT/hugo/layouts/…         (a template with each page's table of contents
    OUT/hugo/content/section-NNN/_index.md            and the navigation of its section)
    OUT/hugo/content/section-NNN/page-NNNNN.md       (the same Markdown, byte for byte after the front matter)

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


def sentence(rng, n_min=8, n_max=16):
    words = [rng.choice(WORDS) for _ in range(rng.randint(n_min, n_max))]
    words[0] = words[0].capitalize()
    # Some inline markup, as real prose has.
    i = rng.randrange(len(words))
    words[i] = rng.choice(["`%s`", "*%s*", "**%s**"]) % words[i]
    return " ".join(words) + "."


def paragraph(rng, sentences=(3, 5)):
    return " ".join(sentence(rng) for _ in range(rng.randint(*sentences)))


def page_path(index):
    return "section-%03d" % (index // PAGES_PER_SECTION), "page-%05d" % index


def page_title(index):
    return "%s practice %d" % (TOPICS[index % len(TOPICS)], index)


def link_to(from_index, to_index, anchor=""):
    """A relative .md link from one page to another, as written for GitHub."""
    from_section, _ = page_path(from_index)
    to_section, to_page = page_path(to_index)
    target = to_page + ".md" if from_section == to_section else "../%s/%s.md" % (to_section, to_page)
    return target + (("#" + anchor) if anchor else "")


def page_body(index, n):
    """About 3 KB of CommonMark. Headings use plain lowercase words so that every slugger agrees."""
    rng = random.Random(index * 7919 + 17)
    same = (index // PAGES_PER_SECTION) * PAGES_PER_SECTION + rng.randrange(min(PAGES_PER_SECTION, n - (index // PAGES_PER_SECTION) * PAGES_PER_SECTION))
    other = rng.randrange(n)
    third = rng.randrange(n)
    parts = []
    parts.append(paragraph(rng, (2, 3)))
    parts.append("## Overview\n\n" + paragraph(rng) + "\n\n" + paragraph(rng, (2, 4)))
    parts.append("## Procedure\n\n" + "\n".join(
        "%d. %s See [%s](%s)." % (i + 1, sentence(rng, 6, 10), page_title(t), link_to(index, t, a))
        for i, (t, a) in enumerate([(same, "overview"), (other, "procedure"), (third, "")])
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
        + "- [%s](%s)\n" % (page_title(other), link_to(index, other, "details"))
        + "- [The section's landing page](%s)" % ("index.md")
    )
    parts.append(paragraph(rng, (2, 3)))
    return "\n\n".join(parts) + "\n"


def section_body(section_number, first, last):
    rng = random.Random(section_number)
    return (
        paragraph(rng, (2, 3))
        + "\n\nThis section holds pages %d to %d.\n\n- [First page](page-%05d.md)\n- [Last page](page-%05d.md)\n"
        % (first, last, first, last)
    )


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def front_matter(title, weight, summary):
    return '---\ntitle: "%s"\nweight: %d\nsummary: "%s"\n---\n\n' % (title, weight, summary)


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
<nav aria-label="Section">{{ block "sidebar" . }}{{ end }}</nav>
<main id="main">{{ block "main" . }}{{ end }}</main>
<footer>{{ .Site.Title }}</footer>
</body>
</html>
"""

# Each page: breadcrumb, title, summary, its table of contents, content, previous/next in its
# section; the sidebar is the navigation of its section (every page of it, the current one marked).
HUGO_SINGLE = """{{ define "sidebar" }}{{ $current := . }}
<h2><a href="{{ .CurrentSection.RelPermalink }}">{{ .CurrentSection.Title }}</a></h2>
<ul>{{ range .CurrentSection.Pages }}
<li><a href="{{ .RelPermalink }}"{{ if eq . $current }} aria-current="page"{{ end }}>{{ .Title }}</a></li>{{ end }}
</ul>{{ end }}
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

HUGO_LIST = """{{ define "sidebar" }}
<h2>{{ .Title }}</h2>
<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}
{{ define "main" }}
<h1>{{ .Title }}</h1>
{{ .Content }}
<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ .Params.summary }}</li>{{ end }}</ul>
{{ end }}
"""

HUGO_HOME = """{{ define "sidebar" }}
<ul>{{ range .Site.Sections }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}
{{ define "main" }}
<h1>{{ .Site.Title }}</h1>
{{ range .Site.Sections }}<section><h2><a href="{{ .RelPermalink }}">{{ .Title }}</a></h2><p>{{ len .Pages }} pages</p></section>
{{ end }}{{ end }}
"""

# The offline search index, as Attest writes one (title, URL and the page's text).
HUGO_SEARCH_INDEX = """{{- $pages := slice -}}
{{- range .Site.RegularPages -}}
{{- $pages = $pages | append (dict "title" .Title "url" .RelPermalink "text" .Plain) -}}
{{- end -}}
{{- jsonify $pages -}}
"""


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("pages", type=int)
    parser.add_argument("out")
    here = os.path.dirname(os.path.abspath(__file__))
    parser.add_argument("--templates", default=os.path.join(here, "..", "..", "templates"),
                        help="the Attest theme to copy (default: the repository's templates/)")
    args = parser.parse_args()
    n = args.pages
    if n < 1:
        parser.error("N must be at least 1")

    attest = os.path.join(args.out, "attest")
    hugo = os.path.join(args.out, "hugo")
    for d in (attest, hugo):
        if os.path.exists(d):
            shutil.rmtree(d)

    sections = (n + PAGES_PER_SECTION - 1) // PAGES_PER_SECTION
    names = ["section-%03d" % s for s in range(sections)]
    write(os.path.join(attest, "content", "handbook.yml"),
          "title: Synthetic handbook\norganization: Benchmark Corp\nbase_url: https://handbook.example.com/\n"
          "description: %d generated pages in %d sections.\nsections: [%s]\nadmins: [admin@example.com]\nlinks: fail\n"
          % (n, sections, ", ".join(names)))
    write(os.path.join(hugo, "config.toml"), HUGO_CONFIG)
    write(os.path.join(hugo, "layouts", "_default", "baseof.html"), HUGO_BASEOF)
    write(os.path.join(hugo, "layouts", "_default", "single.html"), HUGO_SINGLE)
    write(os.path.join(hugo, "layouts", "_default", "list.html"), HUGO_LIST)
    write(os.path.join(hugo, "layouts", "index.html"), HUGO_HOME)
    write(os.path.join(hugo, "layouts", "index.json"), HUGO_SEARCH_INDEX)

    total_bytes = 0
    for s in range(sections):
        first = s * PAGES_PER_SECTION
        last = min(n, first + PAGES_PER_SECTION) - 1
        title = "Section %d" % s
        body = "# %s\n\n" % title + section_body(s, first, last)
        write(os.path.join(attest, "content", names[s], "index.md"), body)
        write(os.path.join(hugo, "content", names[s], "_index.md"), '---\ntitle: "%s"\n---\n\n' % title + body)
        for i in range(first, last + 1):
            _, page = page_path(i)
            fm = front_matter(page_title(i), i - first + 1, "Synthetic page %d of section %d." % (i, s))
            text = fm + page_body(i, n)
            total_bytes += len(text.encode("utf-8"))
            write(os.path.join(attest, "content", names[s], page + ".md"), text)
            write(os.path.join(hugo, "content", names[s], page + ".md"), text)

    templates = os.path.abspath(args.templates)
    if os.path.isdir(templates):
        shutil.copytree(templates, os.path.join(attest, "templates"))
        static = os.path.join(templates, "static")
        if os.path.isdir(static):  # the same assets for Hugo to copy
            shutil.copytree(static, os.path.join(hugo, "static", "static"))
    else:
        print("generate_handbook: warning: no templates at %s; the Attest root has none" % templates, file=sys.stderr)

    print("generate_handbook: %d pages (%.1f KB average) in %d sections -> %s/{attest,hugo}"
          % (n, total_bytes / n / 1024, sections, args.out))


if __name__ == "__main__":
    main()
