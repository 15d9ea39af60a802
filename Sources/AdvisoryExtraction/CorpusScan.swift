import AdvisoryModel
import Dispatch
import Foundation

/// One document of a scanned folder: where it is and what extraction made of it.
public struct ScannedDocument: Sendable {
    public var path: String
    public var advisory: Advisory
    public var diagnostics: [Diagnostic]

    public init(path: String, advisory: Advisory, diagnostics: [Diagnostic]) {
        self.path = path
        self.advisory = advisory
        self.diagnostics = diagnostics
    }
}

/// Reads and extracts every `.md` file below a folder on all cores.
public enum CorpusScan {
    /// Every `.md` file below `directory`, sorted by path (byte order, so the order is stable).
    public static func markdownFiles(in directory: String) -> [String] {
        let root = URL(fileURLWithPath: directory)
        guard let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey]) else { return [] }
        var files: [String] = []
        let prefix = directory.hasSuffix("/") ? String(directory.dropLast()) : directory
        let rootPath = root.standardizedFileURL.path
        for case let url as URL in enumerator where url.pathExtension.lowercased() == "md" {
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true else { continue }
            let full = url.standardizedFileURL.path
            let relative = full.hasPrefix(rootPath + "/") ? String(full.dropFirst(rootPath.count + 1)) : url.lastPathComponent
            files.append(prefix + "/" + relative)
        }
        return files.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }

    /// Extracts `files` concurrently; the result is in the order of `files`.
    /// Large files are started first so that both cores finish together.
    public static func extract(_ files: [String], locale: String?, extractor: AdvisoryExtractor = AdvisoryExtractor()) -> [ScannedDocument] {
        let sizes = files.map { (try? FileManager.default.attributesOfItem(atPath: $0)[.size] as? Int) ?? 0 }
        return parallelMap(files, handingOut: largestFirst(sizes), alongside: {}) { path in
            guard let data = FileManager.default.contents(atPath: path) else {
                let advisory = Advisory.unread(path: path, relative: DocumentPath.relativeToContentRoot(path), locale: locale ?? "en-US")
                return ScannedDocument(path: path, advisory: advisory,
                                       diagnostics: [Diagnostic(.io001, "the file could not be read", at: SourceLocation(path: path, line: 1))])
            }
            let extracted = extractor.extract(bytes: [UInt8](data), path: path, locale: locale)
            return ScannedDocument(path: path, advisory: extracted.advisory, diagnostics: extracted.diagnostics)
        }.results
    }
}

/// How many documents of each kind have each extracted field, and which expected fields are missing.
public struct CoverageReport: Sendable {
    /// A field that the report counts.
    public enum Field: String, Sendable, CaseIterable {
        case published
        case publishedInDateLine = "published (date line)"
        case updated, version, severity, kb, cves, products, revisions
        case revisionsParsed = "revisions fully parsed"
        case faq, subtitle

        /// Whether `advisory` has the field.
        public func isPresent(in advisory: Advisory) -> Bool {
            switch self {
            case .published: advisory.published != nil
            case .publishedInDateLine:
                advisory.published != nil && advisory.source.lines[.dateLine] != nil
                    && advisory.source.lines[.published] == advisory.source.lines[.dateLine]
            case .updated: advisory.updated != nil
            case .version: advisory.version != nil
            case .severity: advisory.severity != nil
            case .kb: !advisory.kb.isEmpty
            case .cves: !advisory.cves.isEmpty
            case .products: !advisory.products.isEmpty
            case .revisions: !advisory.revisions.isEmpty
            case .revisionsParsed: !advisory.revisions.isEmpty && advisory.revisions.allSatisfy { $0.version != nil || $0.date != nil }
            case .faq: !advisory.faq.isEmpty
            case .subtitle: advisory.subtitle != nil
            }
        }

        /// The fields a document of `kind` is expected to have.
        public static func expected(for kind: DocumentKind) -> [Field] {
            switch kind {
            case .bulletin: [.published, .version, .kb, .cves, .revisions, .revisionsParsed]
            case .summary, .investigation: [.published, .version, .revisions, .revisionsParsed]
            case .advisory: [.published, .revisions, .revisionsParsed]
            default: []
            }
        }
    }

    /// One expected field a document lacks.
    public struct Miss: Sendable, Hashable {
        public var path: String
        public var line: Int
        public var field: Field
    }

    public private(set) var documents: [DocumentKind: Int] = [:]
    public private(set) var counts: [DocumentKind: [Field: Int]] = [:]
    public private(set) var misses: [Miss] = []
    public private(set) var diagnosticCounts: [DiagnosticCode: Int] = [:]
    /// Words and lines Herald could not place (LOC001–LOC004), with how often each was met.
    public private(set) var unknown: [UnknownCandidate: Int] = [:]

    public init(_ scanned: [ScannedDocument]) {
        for document in scanned {
            let advisory = document.advisory
            documents[advisory.kind, default: 0] += 1
            for field in Field.allCases where field.isPresent(in: advisory) {
                counts[advisory.kind, default: [:]][field, default: 0] += 1
            }
            for diagnostic in document.diagnostics {
                diagnosticCounts[diagnostic.code, default: 0] += 1
                if let candidate = UnknownCandidate(diagnostic, locale: advisory.locale) { unknown[candidate, default: 0] += 1 }
            }
            for field in Field.expected(for: advisory.kind) where !field.isPresent(in: advisory) {
                misses.append(Miss(path: document.path, line: Self.line(of: field, in: advisory), field: field))
            }
        }
        misses.sort { a, b in
            if a.path != b.path { return a.path.utf8.lexicographicallyPrecedes(b.path.utf8) }
            return (a.line, a.field.rawValue) < (b.line, b.field.rawValue)
        }
    }

    private static func line(of field: Field, in advisory: Advisory) -> Int {
        let lines = advisory.source.lines
        let title = lines[.title] ?? 1
        switch field {
        case .published: return lines[.dateLine] ?? lines[.subtitle] ?? title
        case .kb: return lines[.subtitle] ?? title
        case .revisions: return lines[.revisions] ?? title
        case .revisionsParsed:
            return advisory.revisions.first { $0.version == nil && $0.date == nil }?.line ?? lines[.revisions] ?? title
        default: return title
        }
    }

    /// The table, one row per field and one column per kind present, then the misses.
    public func formatted(listMisses: Bool = true) -> String {
        let kinds = DocumentKind.allCases.filter { documents[$0] != nil }
        var out = "field".padding(toLength: 24, withPad: " ", startingAt: 0)
        for kind in kinds { out += kind.rawValue.leftPadded(to: 22) }
        out += "\n" + "documents".padding(toLength: 24, withPad: " ", startingAt: 0)
        for kind in kinds { out += String(documents[kind] ?? 0).leftPadded(to: 22) }
        out += "\n"
        for field in Field.allCases {
            out += field.rawValue.padding(toLength: 24, withPad: " ", startingAt: 0)
            for kind in kinds {
                let total = documents[kind] ?? 0
                let count = counts[kind]?[field] ?? 0
                let percent = total == 0 ? 0 : Double(count) * 100 / Double(total)
                out += "\(count) (\(String(format: "%.1f", percent)) %)".leftPadded(to: 22)
            }
            out += "\n"
        }
        if listMisses {
            out += formattedUnknown()
            out += "\nmissing expected fields (\(misses.count)):\n"
            for miss in misses { out += "\(miss.path):\(miss.line): missing \(miss.field.rawValue)\n" }
        }
        return out
    }
}

/// A word or line that a LOC diagnostic names: what a publisher adding a language adds to its pack.
public struct UnknownCandidate: Sendable, Hashable {
    public var code: DiagnosticCode
    public var locale: String
    public var text: String

    /// The candidate a `LOC001`–`LOC004` diagnostic names (its first quoted text), or nil for other codes.
    public init?(_ diagnostic: Diagnostic, locale: String) {
        guard [.loc001, .loc002, .loc003, .loc004].contains(diagnostic.code),
              let open = diagnostic.message.firstIndex(of: "'"),
              let close = diagnostic.message[diagnostic.message.index(after: open)...].firstIndex(of: "'") else { return nil }
        code = diagnostic.code
        self.locale = locale
        text = String(diagnostic.message[diagnostic.message.index(after: open)..<close])
    }

    /// Where the candidate goes in a pack: `severity`, `revisions`, `published/updated`, or a date form.
    public var field: String {
        switch code {
        case .loc001: "severity"
        case .loc002: "revisions"
        case .loc003: "published/updated"
        default: "date form (not read)"
        }
    }
}

extension CoverageReport {
    /// The unknown words and lines, most frequent first, at most 100.
    func formattedUnknown() -> String {
        guard !unknown.isEmpty else { return "" }
        let sorted = unknown.sorted { a, b in
            a.value != b.value ? a.value > b.value
                : (a.key.code.rawValue, a.key.locale, a.key.text) < (b.key.code.rawValue, b.key.locale, b.key.text)
        }
        var out = "\nwords Herald does not know (\(unknown.count); add them to Resources/locales/<locale>.json or `labels:` in site.yml):\n"
        for (candidate, count) in sorted.prefix(100) {
            out += "\(String(count).leftPadded(to: 6))  \(candidate.code.rawValue)  \(candidate.locale)  \(candidate.field): '\(candidate.text)'\n"
        }
        if sorted.count > 100 { out += "  … \(sorted.count - 100) more\n" }
        return out
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? " " + self : String(repeating: " ", count: width - count) + self
    }
}
