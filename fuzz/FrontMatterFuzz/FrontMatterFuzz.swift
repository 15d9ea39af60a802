// libFuzzer target: source decoding and the front-matter reader (Yams) on arbitrary bytes.
//
// Built by scripts/fuzz.sh with `-sanitize=fuzzer,address -DFUZZING`; a plain `swift build` gives
// a reproducer: `FrontMatterFuzz FILE...` runs each file once (FuzzSupport/FuzzHarness.swift).
import AdvisoryExtraction
import Foundation
import FuzzSupport

func fuzzOne(_ bytes: [UInt8]) {
    let source = SourceText(bytes: bytes, path: "fuzz.md")
    let split = FrontMatterReader.split(source.text, path: "fuzz.md")
    // Invariants: the body is a suffix of the text and field lines are inside the file.
    precondition(source.text.hasSuffix(split.body), "body is not a suffix of the text")
    let lineCount = source.text.utf8.reduce(1) { $0 + ($1 == 0x0A ? 1 : 0) }
    for field in split.frontMatter.fields {
        precondition(field.line >= 1 && field.line <= lineCount, "field line \(field.line) outside 1...\(lineCount)")
    }
}

@main
struct Main {
    static func main() {
        FuzzHarness.run(fuzzOne)
    }
}
