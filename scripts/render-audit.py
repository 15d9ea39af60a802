#!/usr/bin/env python3
"""Render audit: pages whose visible text still shows Markdown syntax, and record heading
anchors that are not ids on their page.

Usage: render-audit.py SITE_DIR [--examples N] [--max-share PERCENT] [--require-anchors]

For each locale folder of SITE_DIR, every page with an index.json record beside it is read; the
visible text is the text of <main> outside <code>, <pre>, <script> and <style>. Counted per
locale: pages whose visible text keeps `**`, a Markdown link `[text](url)`, a pipe-table row
(`| a | b |` on a line of its own), or an escaped tag (`<tag>` shown as text); and the share of
the record's heading anchors that exist as an id on the page. Examples show the page and the
text around each hit. Exits 1 with --max-share when a locale's `**` share is above PERCENT, and
with --require-anchors when a record anchor is missing from its page.
"""
import argparse
import html.parser
import json
import os
import re
import sys

SKIPPED = {"code", "pre", "script", "style"}
VOID = {"br", "hr", "img", "col", "wbr", "meta", "link", "input", "source"}
BLOCK = {"p", "div", "li", "tr", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "dt", "dd", "table", "ul", "ol", "section", "header", "article", "blockquote"}

CHECKS = {
    "**": re.compile(r"\*\*"),
    "[text](url)": re.compile(r"\[[^\]\n]+\]\([^)\s]+\)"),
    "pipe-table row": re.compile(r"^\s*\|.*\|.*\|\s*$", re.M),
    "escaped tag": re.compile(r"</?[A-Za-z][A-Za-z0-9]*(\s[^<>]*)?>"),
}


class VisibleText(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.in_main = 0
        self.skip = 0
        self.parts = []
        self.ids = set()

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name == "id" and value is not None:
                self.ids.add(value)
        if tag == "main":
            self.in_main += 1
        if tag in VOID:
            return
        if tag in SKIPPED and self.in_main:
            self.skip += 1
        if tag in BLOCK and self.in_main:
            self.parts.append("\n")

    def handle_startendtag(self, tag, attrs):
        for name, value in attrs:
            if name == "id" and value is not None:
                self.ids.add(value)

    def handle_endtag(self, tag):
        if tag == "main":
            self.in_main = max(0, self.in_main - 1)
        if tag in SKIPPED and self.in_main and self.skip:
            self.skip -= 1
        if tag in BLOCK and self.in_main:
            self.parts.append("\n")

    def handle_data(self, data):
        if self.in_main and not self.skip:
            self.parts.append(data)

    def text(self):
        return "".join(self.parts)


def pages(site):
    for locale in sorted(os.listdir(site)):
        folder = os.path.join(site, locale)
        if not os.path.isdir(folder) or locale.startswith("."):
            continue
        for root, _, files in os.walk(folder):
            if "index.html" in files and "index.json" in files:
                yield locale, root


def snippet(text, match):
    start, end = max(0, match.start() - 30), min(len(text), match.end() + 30)
    return text[start:end].replace("\n", " ").strip()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("site")
    parser.add_argument("--examples", type=int, default=3)
    parser.add_argument("--max-share", type=float, default=None)
    parser.add_argument("--require-anchors", action="store_true")
    args = parser.parse_args()

    stats = {}
    for locale, folder in pages(args.site):
        with open(os.path.join(folder, "index.json"), encoding="utf-8") as handle:
            try:
                record = json.load(handle)
            except json.JSONDecodeError:
                continue
        if not isinstance(record, dict) or "headings" not in record:
            continue
        reader = VisibleText()
        with open(os.path.join(folder, "index.html"), encoding="utf-8") as handle:
            reader.feed(handle.read())
        text = reader.text()
        entry = stats.setdefault(locale, {"pages": 0, "hits": {name: [] for name in CHECKS}, "anchors": 0, "missing": []})
        entry["pages"] += 1
        page = os.path.relpath(folder, args.site)
        for name, pattern in CHECKS.items():
            match = pattern.search(text)
            if match:
                entry["hits"][name].append((page, snippet(text, match)))
        for heading in record.get("headings", []):
            anchor = heading.get("anchor", "")
            entry["anchors"] += 1
            if anchor not in reader.ids:
                entry["missing"].append((page, anchor))

    failed = False
    for locale, entry in sorted(stats.items()):
        total = entry["pages"]
        print(f"== {locale}: {total} pages")
        for name, hits in entry["hits"].items():
            share = 100.0 * len(hits) / total if total else 0.0
            print(f"  {name:16} {len(hits):6} pages ({share:.1f} %)")
            for page, text in hits[: args.examples]:
                print(f"      {page}: …{text}…")
        anchors, missing = entry["anchors"], len(entry["missing"])
        exist = 100.0 * (anchors - missing) / anchors if anchors else 100.0
        print(f"  record anchors   {anchors - missing} of {anchors} exist on their page ({exist:.1f} %)")
        for page, anchor in entry["missing"][: args.examples]:
            print(f"      {page}: #{anchor}")
        if args.max_share is not None:
            share = 100.0 * len(entry["hits"]["**"]) / total if total else 0.0
            failed = failed or share > args.max_share
        failed = failed or (args.require_anchors and missing > 0)
    if not stats:
        print("no pages with records found", file=sys.stderr)
        return 2
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
