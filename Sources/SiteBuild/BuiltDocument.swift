import AdvisoryExtraction
import AdvisoryModel

/// A document of the build: where it came from, its record summary and its diagnostics.
/// Its page body, record JSON and CSAF files are prepared once and kept in a `PayloadStore`.
public struct BuiltDocument: Sendable {
    /// The fields live in one shared, immutable object: the whole-site steps of a build pass
    /// documents around by value thousands of times, and copying this struct is one retain.
    private final class Fields: Sendable {
        let locale: String
        let relativePath: String
        let sourcePath: String
        let slug: String
        let facts: DocumentFacts
        let key: ContentKey
        let stamp: String?
        let preparedRecord: ArraySlice<UInt8>?

        init(locale: String, relativePath: String, sourcePath: String, key: ContentKey, stamp: String?, facts: DocumentFacts, preparedRecord: ArraySlice<UInt8>?) {
            self.locale = locale
            self.relativePath = relativePath
            self.sourcePath = sourcePath
            slug = DocumentPath.slug(for: relativePath)
            self.facts = facts
            self.key = key
            self.stamp = stamp
            self.preparedRecord = preparedRecord
        }
    }

    private let fields: Fields
    /// True when this build read and prepared the file (false: taken from the cache).
    var freshlyPrepared = false

    /// `preparedRecord`: the manifest's bytes of exactly this source path, stamp, key and facts, when taken from it.
    init(locale: String, relativePath: String, sourcePath: String, key: ContentKey, stamp: String?, facts: DocumentFacts,
         preparedRecord: ArraySlice<UInt8>? = nil) {
        fields = Fields(locale: locale, relativePath: relativePath, sourcePath: sourcePath, key: key, stamp: stamp, facts: facts, preparedRecord: preparedRecord)
    }

    public var locale: String { fields.locale }
    public var relativePath: String { fields.relativePath }
    public var sourcePath: String { fields.sourcePath }
    public var slug: String { fields.slug }
    /// The record without its body-derived lists (the per-document JSON has the full record).
    public var advisory: Advisory { _read { yield fields.facts.summary } }
    public var diagnostics: [Diagnostic] { fields.facts.diagnostics }
    var references: [LinkReference] { fields.facts.references }
    var csaf: CSAFFacts? { fields.facts.csaf }
    /// The key of the prepared document: its content, the configuration, the strings and Herald.
    var key: ContentKey { fields.key }
    var summaryDigest: ContentKey { fields.facts.summaryDigest }
    /// The stamp of the source file when it was read (nil: it could not be looked at).
    var stamp: String? { fields.stamp }
    var facts: DocumentFacts { fields.facts }
    var preparedRecord: ArraySlice<UInt8>? { fields.preparedRecord }
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
