import AdvisoryExtraction
import AdvisoryModel

/// A document of the build: where it came from, its record summary and its diagnostics.
/// Its page body, record JSON and CSAF files are prepared once and kept in a `PayloadStore`.
public struct BuiltDocument: Sendable {
    public var locale: String
    public var relativePath: String
    public var sourcePath: String
    public var slug: String
    /// The record without its body-derived lists (the per-document JSON has the full record).
    public var advisory: Advisory
    public var diagnostics: [Diagnostic]
    var references: [LinkReference]
    var csaf: CSAFFacts?
    /// The key of the prepared document: its content, the configuration, the strings and Herald.
    var key: ContentKey
    var summaryDigest: ContentKey
    /// The stamp of the source file when it was read (nil: it could not be looked at).
    var stamp: String?
    /// True when this build read and prepared the file (false: taken from the cache).
    var freshlyPrepared = false

    init(locale: String, relativePath: String, sourcePath: String, key: ContentKey, stamp: String?, facts: DocumentFacts) {
        self.locale = locale
        self.relativePath = relativePath
        self.sourcePath = sourcePath
        slug = DocumentPath.slug(for: relativePath)
        advisory = facts.summary
        diagnostics = facts.diagnostics
        references = facts.references
        csaf = facts.csaf
        summaryDigest = facts.summaryDigest
        self.key = key
        self.stamp = stamp
    }

    var facts: DocumentFacts {
        DocumentFacts(summary: advisory, diagnostics: diagnostics, references: references, csaf: csaf, summaryDigest: summaryDigest)
    }
}

extension BuiltDocument {
    /// Codes that mean the file could not be read at all: such a document is never published.
    public static let unreadableCodes: Set<DiagnosticCode> = [.io001, .io002, .limit001]

    /// True when the file could not be read: the build leaves the document out.
    public var isUnreadable: Bool { diagnostics.contains { Self.unreadableCodes.contains($0.code) } }

    /// The diagnostics that leave nothing to show: the file is unreadable or empty (DOC002).
    /// The preview shows an error page for such a document.
    public var showstoppers: [Diagnostic] {
        diagnostics.filter { Self.unreadableCodes.contains($0.code) || $0.code == .doc002 }
    }
}
