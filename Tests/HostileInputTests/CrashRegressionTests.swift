import AdvisoryExtraction
import CommonMark
import Foundation
import Testing
import XMLValidation

/// Inputs the fuzz targets (fuzz/) found crashing, hanging or blowing memory, kept as regressions.
/// Each file in Crashes/ runs through all three targets' code paths; the file name's prefix
/// says which target found it.
let crashInputs: [String] = {
    let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Crashes")
    return ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
        .filter { !$0.hasPrefix(".") && $0 != "README.md" }.sorted().map { folder.appendingPathComponent($0).path }
}()

@Suite("Fuzzer crash inputs stay fixed")
struct CrashRegressionTests {
    @Test("each kept crash input runs through front matter, extraction and the sanitiser", arguments: crashInputs)
    func crashInput(_ path: String) throws {
        let bytes = [UInt8](try #require(FileManager.default.contents(atPath: path)))
        let (_, elapsed) = measured {
            let source = SourceText(bytes: bytes, path: "crash.md")
            _ = FrontMatterReader.split(source.text, path: "crash.md")
            for relative in ["SecurityAdvisories/2008/900001.md", "SecurityBulletins/2008/ms08-001.md", "library/landing.md"] {
                let extracted = AdvisoryExtractor().extract(bytes: bytes, path: "zh-cn/" + relative, relativePath: relative)
                _ = HTMLRenderer().render(extracted.document)
            }
            let sanitized = HTMLSanitizer().sanitize(String(decoding: bytes, as: UTF8.self))
            #expect(XMLChecker.wellFormednessProblems(of: Array("<div>\(sanitized.html)</div>".utf8)).isEmpty)
        }
        #expect(elapsed < hangGuard)
    }
}
