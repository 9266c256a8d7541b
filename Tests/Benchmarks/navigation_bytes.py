#!/usr/bin/env python3
"""What a built site's pages spend on navigation, against their own content, in bytes.

    navigation_bytes.py SITE [--nav '<nav class="site-nav"'] [--main '<main']

For every index.html under SITE: the bytes of the navigation element (from the --nav opening tag to
its </nav>) and of the page's own content (from the --main opening tag to </main>). Prints one line
of JSON: pages, total_mb (every page), navigation_mb, content_mb, navigation_per_content (totals),
median_page_ratio (the median page's navigation / content), largest_navigation_kb.
"""

import argparse
import json
import os
import statistics
import sys


def span(html, opening, closing):
    start = html.find(opening)
    if start < 0:
        return 0
    end = html.find(closing, start)
    return (end + len(closing) - start) if end >= 0 else 0


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("site")
    parser.add_argument("--nav", default='<nav class="site-nav"')
    parser.add_argument("--main", default="<main")
    args = parser.parse_args()
    nav_open, main_open = args.nav.encode(), args.main.encode()
    pages = total = navigation = content = 0
    ratios, largest = [], 0
    for folder, _, files in os.walk(args.site):
        for name in files:
            if name != "index.html":
                continue
            with open(os.path.join(folder, name), "rb") as f:
                html = f.read()
            nav = span(html, nav_open, b"</nav>")
            main_bytes = span(html, main_open, b"</main>")
            pages += 1
            total += len(html)
            navigation += nav
            content += main_bytes
            largest = max(largest, nav)
            if main_bytes:
                ratios.append(nav / main_bytes)
    if pages == 0 or content == 0:
        print(json.dumps({"error": "no pages with content under %s" % args.site}))
        return 1
    print(json.dumps({
        "pages": pages, "total_mb": round(total / 1e6, 2), "navigation_mb": round(navigation / 1e6, 2),
        "content_mb": round(content / 1e6, 2), "navigation_per_content": round(navigation / content, 2),
        "median_page_ratio": round(statistics.median(ratios), 2), "largest_navigation_kb": round(largest / 1e3, 1),
    }))
    return 0


if __name__ == "__main__":
    sys.exit(main())
