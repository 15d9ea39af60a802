#!/usr/bin/env python3
"""Render audit: pages whose visible text still shows Markdown syntax, and record heading
anchors that are not ids on their page.

Usage: render-audit.py SITE_DIR [--examples N] [--max-share PERCENT] [--require-anchors]
                                [--diagnostics FILE] [--require-diagnostics]

For each locale folder of SITE_DIR, every page with an index.json record beside it is read; the
visible text is the text of <main> outside <code>, <pre>, <script> and <style>. Counted per
locale: pages whose visible text keeps `**`, a Markdown link `[text](url)`, a pipe-table row
(`| a | b |` on a line of its own), or an escaped tag (`<tag>` shown as text); and the share of
the record's heading anchors that exist as an id on the page. Examples show the page and the
text around each hit.

`**` is split by comparing the page with its source (the record's `source.path`). A visible run
of two or more `*` is *literal by the author* when the source writes it so that Markdown cannot
read it as emphasis: escaped (`\\*\\*`, `&#42;&#42;`, at least two escaped asterisks in one run,
outside code), or as a footnote mark inside raw HTML, where Markdown is not read (`**` right
after a word or a tag and right before a tag: `Service Pack 2**</td>`, `<strong>**</strong>`).
Each visible run is paired with an unused literal run of the source whose character before or
after it is the same (link destinations dropped; a literal run between tags pairs with any). A
page with a visible run left unpaired shows *unintended* `**`: that is the headline figure; the
raw figure (every page showing `**`) is printed beside it. With --diagnostics FILE (the output of `herald check`, text or `--format json`), every page showing
unintended `**` is looked up for an EMPH001 on its source: "with EMPH001" pages are known to the
build, "without EMPH001" pages are not (they should be none).

Exits 1 with --max-share when a locale's unintended `**` share is above PERCENT, with
--require-anchors when a record anchor is missing from its page, and with --require-diagnostics
when a page shows unintended `**` without an EMPH001 (needs --diagnostics).
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


STAR_RUN = re.compile(r"\*{2,}")
ESCAPED = r"(?:\\\*|&#0*42;|&#[xX]0*2[aA];|&ast;)"
ASTERISKS = re.compile(r"(?:\\\*|&#0*42;|&#[xX]0*2[aA];|&ast;|\*)+")
ESCAPED_ONE = re.compile(ESCAPED)
FENCE = re.compile(r"^[ \t]*(`{3,}|~{3,})")
CODE_SPAN = re.compile(r"(`+)(?:.+?)\1")
LINK_DESTINATION = re.compile(r"\]\([^()\s]*(?:\([^()\s]*\)[^()\s]*)*(?:\s+\"[^\"]*\")?\)")
HTML_FOOTNOTE = re.compile(r"(?<=[^\s*<])\*{2,}(?=<)|(?<=>)\*{2,}(?=</)")
EMPH_CODE = re.compile(r"^(?P<path>.+?):(?P<line>\d+):(?P<col>\d+): \w+\[EMPH001\]")


def edge_key(text, start, end, tags):
    """The characters just before and after a run (None for white space, an edge, or a tag)."""
    before = text[start - 1] if start > 0 else None
    after = text[end] if end < len(text) else None
    if before is not None and (before.isspace() or (tags and before == ">")):
        before = None
    if after is not None and (after.isspace() or (tags and after == "<")):
        after = None
    return before, after


def literal_runs(source):
    """The runs of two or more `*` the source writes as literal text, as edge keys: escaped in
    Markdown, or a footnote mark in raw HTML. Fenced code and code spans are left out (the page
    does not show them as text)."""
    keys = []
    fence = None
    for line in source.split("\n"):
        opening = FENCE.match(line)
        if fence:
            if opening and opening.group(1)[0] == fence[0] and len(opening.group(1)) >= len(fence) and not line[opening.end():].strip():
                fence = None
            continue
        if opening:
            fence = opening.group(1)
            continue
        line = LINK_DESTINATION.sub("", CODE_SPAN.sub("", line))
        for match in ASTERISKS.finditer(line):
            if len(ESCAPED_ONE.findall(match.group(0))) >= 2:
                keys.append(edge_key(line, match.start(), match.end(), True))
        if "<" in line:
            keys += [edge_key(line, match.start(), match.end(), True) for match in HTML_FOOTNOTE.finditer(line)]
    return keys


def unintended_runs(text, runs, literal):
    """The visible runs no literal run of the source accounts for: a literal run accounts for a
    visible one when a character beside them agrees (or the literal run has none: `<b>**</b>`)."""
    left = list(literal)
    unexplained = []
    for run in runs:
        before, after = edge_key(text, run.start(), run.end(), False)
        for index, (source_before, source_after) in enumerate(left):
            if (source_before is None and source_after is None) or (source_before is not None and source_before == before) \
                    or (source_after is not None and source_after == after):
                del left[index]
                break
        else:
            unexplained.append(run)
    return unexplained


def emph_sources(path):
    """Source paths (normalised) with an EMPH001 in `herald check` output (text or JSON Lines)."""
    paths = set()
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            line = line.strip()
            if line.startswith("{"):
                try:
                    entry = json.loads(line)
                except json.JSONDecodeError:
                    continue
                if entry.get("code") == "EMPH001":
                    paths.add(os.path.normpath(entry.get("location", {}).get("path", "")))
            else:
                match = EMPH_CODE.match(line)
                if match:
                    paths.add(os.path.normpath(match.group("path")))
    return paths


def source_of(record):
    source = record.get("source")
    path = source.get("path") if isinstance(source, dict) else None
    if not path or not os.path.isfile(path):
        return None, None
    with open(path, encoding="utf-8", errors="replace") as handle:
        return os.path.normpath(path), handle.read()


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
    parser.add_argument("--diagnostics", default=None)
    parser.add_argument("--require-diagnostics", action="store_true")
    args = parser.parse_args()
    emph = emph_sources(args.diagnostics) if args.diagnostics else None

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
        entry = stats.setdefault(locale, {"pages": 0, "hits": {name: [] for name in CHECKS}, "anchors": 0, "missing": [],
                                          "literal": [], "unintended": [], "known": [], "unknown": [], "unread": 0})
        entry["pages"] += 1
        page = os.path.relpath(folder, args.site)
        for name, pattern in CHECKS.items():
            match = pattern.search(text)
            if match:
                entry["hits"][name].append((page, snippet(text, match)))
        runs = list(STAR_RUN.finditer(text))
        if runs:
            path, source = source_of(record)
            if source is None:
                entry["unread"] += 1
            unexplained = unintended_runs(text, runs, literal_runs(source) if source is not None else [])
            if not unexplained:
                entry["literal"].append((page, snippet(text, runs[0])))
            else:
                example = (page, snippet(text, unexplained[0]))
                entry["unintended"].append(example)
                if emph is not None:
                    entry["known" if path in emph else "unknown"].append(example)
        for heading in record.get("headings", []):
            anchor = heading.get("anchor", "")
            entry["anchors"] += 1
            if anchor not in reader.ids:
                entry["missing"].append((page, anchor))

    failed = False
    for locale, entry in sorted(stats.items()):
        total = entry["pages"]
        print(f"== {locale}: {total} pages")
        def line(name, hits, indent="  "):
            share = 100.0 * len(hits) / total if total else 0.0
            print(f"{indent}{name:16} {len(hits):6} pages ({share:.1f} %)")
            for page, text in hits[: args.examples]:
                print(f"{indent}    {page}: …{text}…")
        line("unintended **", entry["unintended"])
        if emph is not None:
            line("with EMPH001", entry["known"], "    ")
            line("without EMPH001", entry["unknown"], "    ")
        for name, hits in entry["hits"].items():
            line(name, hits)
            if name == "**":
                line("literal (author)", entry["literal"], "    ")
                if entry["unread"]:
                    print(f"      ({entry['unread']} pages without a readable source count as unintended)")
        anchors, missing = entry["anchors"], len(entry["missing"])
        exist = 100.0 * (anchors - missing) / anchors if anchors else 100.0
        print(f"  record anchors   {anchors - missing} of {anchors} exist on their page ({exist:.1f} %)")
        for page, anchor in entry["missing"][: args.examples]:
            print(f"      {page}: #{anchor}")
        if args.max_share is not None:
            share = 100.0 * len(entry["unintended"]) / total if total else 0.0
            failed = failed or share > args.max_share
        failed = failed or (args.require_diagnostics and (emph is None or len(entry["unknown"]) > 0))
        failed = failed or (args.require_anchors and missing > 0)
    if not stats:
        print("no pages with records found", file=sys.stderr)
        return 2
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
