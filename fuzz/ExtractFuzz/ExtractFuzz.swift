// libFuzzer target: the whole Markdown-to-record extraction (AdvisoryExtractor.extract), plus
// rendering the tree it returns to HTML.
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
    _ = HTMLRenderer().render(extracted.document)
}

@main
struct Main {
    static func main() {
        FuzzHarness.run(fuzzOne)
    }
}
