import AdvisoryExtraction
import AdvisoryModel
import CommonMark
import Foundation

/// The shared corpus (`../shared/corpus` beside the project), located from this file.
enum Corpus {
    static let root: URL? = {
        let url = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent()
            .appendingPathComponent("../../../shared/corpus")
            .standardizedFileURL
        return FileManager.default.fileExists(atPath: url.appendingPathComponent("README.md").path) ? url : nil
    }()

    static var isAvailable: Bool { root != nil }

    /// Extracts a corpus file given relative to the corpus root (`zh-cn/SecurityAdvisories/2008/954474.md`).
    static func extract(_ relative: String, extractor: AdvisoryExtractor = AdvisoryExtractor()) throws -> ExtractedDocument {
        guard let root else { throw CorpusMissing() }
        let url = root.appendingPathComponent(relative)
        let bytes = [UInt8](try Data(contentsOf: url))
        return extractor.extract(bytes: bytes, path: url.path)
    }

    struct CorpusMissing: Error {}
}

/// Extracts a hand-made document as if it were `path`.
func extract(_ text: String, path: String = "content/zh-cn/SecurityAdvisories/2008/954474.md",
             locale: String? = "zh-CN", limits: InputLimits = InputLimits()) -> ExtractedDocument {
    AdvisoryExtractor(limits: limits).extract(bytes: Array(text.utf8), path: path, locale: locale)
}

extension ExtractedDocument {
    var codes: Set<DiagnosticCode> { Set(diagnostics.map(\.code)) }
}

extension MarkdownNode {
    /// Every node of the tree, depth first.
    var allNodes: [MarkdownNode] {
        var nodes: [MarkdownNode] = []
        forEach { nodes.append($0) }
        return nodes
    }
}

func day(_ iso: String) -> DayDate? { DayDate(iso: iso) }

/// `count` sequences the same on every run, each of fewer than `maxPieces` pieces drawn from
/// `pieces` by a linear congruential generator started at `seed`.
func generatedSequences<Element>(count: Int, of pieces: [[Element]], maxPieces: Int, seed: UInt64) -> [[Element]] {
    var state = seed
    func next(_ bound: Int) -> Int {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Int((state >> 33) % UInt64(bound))
    }
    return (0..<count).map { _ in (0..<next(maxPieces)).flatMap { _ in pieces[next(pieces.count)] } }
}
