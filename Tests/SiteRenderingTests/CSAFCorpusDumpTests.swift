import AdvisoryExtraction
import AdvisoryModel
import Foundation
import SiteRendering
import Testing

/// Writes the CSAF provider tree of the whole corpus to `$HERALD_CSAF_DUMP` so that
/// `scripts/validate-csaf.sh $HERALD_CSAF_DUMP` can check every document against the JSON schema:
///
///     HERALD_CSAF_DUMP=/tmp/csaf swift test --scratch-path .build-csaf --filter CSAFCorpusDump
///     scripts/validate-csaf.sh /tmp/csaf
///
/// Does nothing when the variable is not set or the corpus is absent.
@Suite("CSAF corpus dump")
struct CSAFCorpusDumpTests {
    @Test("every advisory-kind corpus document yields a CSAF document that passes the mandatory tests")
    func dumpCorpus() throws {
        guard let target = ProcessInfo.processInfo.environment["HERALD_CSAF_DUMP"], !target.isEmpty else {
            print("skipped: set HERALD_CSAF_DUMP=/some/folder to write the corpus CSAF tree")
            return
        }
        let corpus = CSAFFixtures.corpusFolder
        guard FileManager.default.fileExists(atPath: corpus.path) else {
            print("skipped: ../shared/corpus is absent")
            return
        }
        let configuration = CSAFFixtures.configuration
        let extractor = AdvisoryExtractor()
        var documents: [(CSAFDocument, Data)] = []
        var diagnostics: [Diagnostic] = []
        var skipped = 0
        for folder in ["zh-cn", "de-de", "samples"] {
            let root = corpus.appendingPathComponent(folder)
            guard let walker = FileManager.default.enumerator(atPath: root.path) else { continue }
            let relatives = walker.compactMap { $0 as? String }.filter { $0.hasSuffix(".md") }.sorted()
            for relative in relatives {
                let url = root.appendingPathComponent(relative)
                guard let data = try? Data(contentsOf: url) else { continue }
                let advisory = extractor.extract(bytes: [UInt8](data), path: url.path).advisory
                guard CSAFWriter.isPublished(advisory) else {
                    skipped += 1
                    continue
                }
                let canonical = configuration.siteBaseURL + "/" + advisory.locale.lowercased() + "/" + String(relative.dropLast(3)).lowercased()
                do {
                    let publication = try CSAFWriter.publication(for: advisory, canonicalURL: canonical, configuration: configuration)
                    documents.append((publication.document, publication.data))
                } catch {
                    diagnostics.append(error)
                }
            }
        }
        let files = CSAFDistribution.files(documents: documents, configuration: configuration)
        let base = URL(fileURLWithPath: target)
        for file in files {
            let url = base.appendingPathComponent(file.path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try file.data.write(to: url)
        }
        let byCategory = Dictionary(grouping: documents, by: { $0.0.document.category }).mapValues(\.count)
        print("CSAF dump: \(documents.count) documents \(byCategory), \(files.count) files, \(skipped) non-advisory pages skipped, \(diagnostics.count) diagnostics")
        for diagnostic in diagnostics.sorted().prefix(40) { print(diagnostic.formatted) }
        #expect(diagnostics.filter { $0.message.contains("mandatory tests") }.isEmpty)
    }
}
