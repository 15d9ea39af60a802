// libFuzzer target: the whole Markdown-to-record extraction (AdvisoryExtractor.extract, which
// includes the CJK-friendly emphasis pass of MarkdownParser), plus rendering the tree it returns
// to HTML with its line map.
//
// Built by scripts/fuzz.sh with `-sanitize=fuzzer,address -DFUZZING`; a plain `swift build` gives
// a reproducer: `ExtractFuzz FILE...` runs each file once (FuzzSupport/FuzzHarness.swift).
import AdvisoryExtraction
import CommonMark
import Foundation
import FuzzSupport

let extractor = AdvisoryExtractor()
/// The first byte picks the document kind, so advisory, bulletin and landing-page rules all run.
let paths = [
    "zh-cn/SecurityAdvisories/2008/900001.md",
    "de-de/SecurityBulletins/2008/ms08-001.md",
    "en-us/library/landing.md",
]

func fuzzOne(_ bytes: [UInt8]) {
    let relative = paths[Int(bytes.first ?? 0) % paths.count]
    let extracted = extractor.extract(bytes: bytes, path: relative, relativePath: String(relative.drop { $0 != "/" }.dropFirst()))
    let rendered = HTMLRenderer().renderTracingLines(extracted.document)
    _ = rendered.lines.fileLine(ofOutputLine: rendered.html.utf8.count % 64 + 1)
}

@main
struct Main {
    static func main() {
        FuzzHarness.run(fuzzOne)
    }
}
