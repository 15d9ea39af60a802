import AdvisoryExtraction
import AdvisoryModel
import CommonMark
import Foundation
import Glibc
import SiteRendering
import XMLValidation

/// A relative link or image of a document, checked once the whole site is known.
public struct LinkReference: Sendable, Hashable {
    public var url: String
    public var isImage: Bool
    public var line: Int
    public var column: Int
}

/// Where a document's CSAF file goes and what the provider's index files say of it.
struct CSAFFacts: Sendable, Hashable {
    /// `2008/msa-954474.json`, below the TLP folder.
    var relativePath: String
    var currentReleaseDate: String
}

/// The small part of a prepared document: everything the cross-document steps (navigation,
/// links, indexes, feeds, sitemap, CSAF index) read. Kept in memory and in the build manifest.
/// Its fields live in one shared, immutable object: the manifest, the build's documents and the
/// whole-site steps hand the facts of every document around, and a copy is one retain.
public struct DocumentFacts: Sendable {
    private final class Fields: Sendable {
        let summary: Advisory
        let diagnostics: [Diagnostic]
        let references: [LinkReference]
        let csaf: CSAFFacts?
        let summaryDigest: ContentKey

        init(summary: Advisory, diagnostics: [Diagnostic], references: [LinkReference], csaf: CSAFFacts?, summaryDigest: ContentKey) {
            self.summary = summary
            self.diagnostics = diagnostics
            self.references = references
            self.csaf = csaf
            self.summaryDigest = summaryDigest
        }
    }

    private let fields: Fields

    init(summary: Advisory, diagnostics: [Diagnostic], references: [LinkReference], csaf: CSAFFacts?, summaryDigest: ContentKey) {
        fields = Fields(summary: summary, diagnostics: diagnostics, references: references, csaf: csaf, summaryDigest: summaryDigest)
    }

    /// The record without its body-derived lists (products, FAQ, links, notes); of its headings
    /// only those the page header shows (`DocumentPreparer.headerHeadings`).
    public var summary: Advisory { _read { yield fields.summary } }
    /// Problems found in the document alone: extraction, language, anchors, link shapes, HTML, CSAF.
    public var diagnostics: [Diagnostic] { fields.diagnostics }
    var references: [LinkReference] { fields.references }
    var csaf: CSAFFacts? { fields.csaf }
    /// A digest of `summary`: when no document's digest changes, no other page changes.
    var summaryDigest: ContentKey { fields.summaryDigest }

    /// The record without its body-derived lists: what the facts (and the manifest) keep of it.
    static func summary(of advisory: Advisory) -> Advisory {
        var summary = advisory
        summary.products = []
        summary.faq = []
        summary.headings = DocumentPreparer.headerHeadings(of: advisory)
        summary.links = []
        summary.notes = []
        return summary
    }
}

/// The large part of a prepared document: page body, record JSON and CSAF files. The body and
/// the two JSON files are the writers' arrays, or slices of the cache file once read back (no copy).
struct DocumentPayload: Sendable {
    /// Sanitised HTML of the body, as the sanitiser wrote it; URL slots stand for `urls`
    /// (`HTMLSanitizer.appendFillingURLSlots`).
    var body: ArraySlice<UInt8>
    var urls: [String]
    /// The record JSON and CSAF files; nil when only the body and its URLs were kept (`bodyOnly`):
    /// the files then wait in memory for the render, or are in the last build's output.
    var files: Files?

    struct CSAFFiles: Sendable {
        var json: ArraySlice<UInt8>
        var sha256: Data
        var sha512: Data
    }

    /// The record JSON and CSAF files of a payload, apart from its body.
    struct Files: Sendable {
        var recordJSON: ArraySlice<UInt8>
        /// The CSAF document with its `.sha256` and `.sha512` lines, when one is published.
        var csaf: CSAFFiles?

        /// Their bytes in all.
        var count: Int { recordJSON.count + (csaf.map { $0.json.count + $0.sha256.count + $0.sha512.count } ?? 0) }
    }

    private static let magic = "herald-payload-3"

    init(body: ArraySlice<UInt8>, urls: [String], files: Files?) {
        self.body = body
        self.urls = urls
        self.files = files
    }

    init(body: ArraySlice<UInt8>, urls: [String], recordJSON: ArraySlice<UInt8>, csaf: CSAFFiles?) {
        self.init(body: body, urls: urls, files: Files(recordJSON: recordJSON, csaf: csaf))
    }

    /// The body and its URLs without the record and CSAF files.
    var bodyOnly: DocumentPayload { DocumentPayload(body: body, urls: urls, files: nil) }

    /// This body with `files`.
    func with(_ files: Files) -> DocumentPayload { DocumentPayload(body: body, urls: urls, files: files) }

    /// A length-prefixed binary form for the cache folder.
    func encoded() -> [UInt8] {
        withEncodedParts { parts in
            var bytes: [UInt8] = []
            bytes.reserveCapacity(parts.reduce(0) { $0 + $1.count })
            for part in parts { bytes.append(contentsOf: part) }
            return bytes
        }
    }

    /// `encoded()` in the pieces it is made of: the small headers, and the body, record and CSAF
    /// bytes where they are, so that the cache file is written without copying them.
    func withEncodedParts<Result>(_ use: ([UnsafeRawBufferPointer]) throws -> Result) rethrows -> Result {
        var head = BinaryWriter()
        head.string(Self.magic)
        head.int(body.count)
        var middle = BinaryWriter()
        middle.strings(urls)
        middle.bool(files != nil)
        guard let files else { return try Self.withBuffers(of: [head.bytes, body, middle.bytes][...], use) }
        middle.int(files.recordJSON.count)
        var csafHead = BinaryWriter()
        csafHead.bool(files.csaf != nil)
        var tail = BinaryWriter()
        if let csaf = files.csaf {
            csafHead.int(csaf.json.count)
            tail.data(csaf.sha256)
            tail.data(csaf.sha512)
        }
        let parts: [any ContiguousBytes] = [head.bytes, body, middle.bytes, files.recordJSON, csafHead.bytes, files.csaf?.json ?? [], tail.bytes]
        return try Self.withBuffers(of: parts[...], use)
    }

    /// Calls `use` with the bytes of each of `parts`, in order, where they are.
    private static func withBuffers<Result>(of parts: ArraySlice<any ContiguousBytes>, collected: [UnsafeRawBufferPointer] = [],
                                            _ use: ([UnsafeRawBufferPointer]) throws -> Result) rethrows -> Result {
        guard let first = parts.first else { return try use(collected) }
        return try first.withUnsafeBytes { try withBuffers(of: parts.dropFirst(), collected: collected + [$0], use) }
    }

    /// Reads `encoded()`; nil for anything else (a truncated or foreign file). The body and the
    /// JSON files are slices of `bytes`, not copies.
    init?(decoding bytes: [UInt8]) {
        var reader = BinaryReader(bytes: bytes)
        do {
            guard try reader.string() == Self.magic else { return nil }
            body = try reader.slice()
            urls = try reader.strings()
            files = try reader.optional { reader in
                Files(recordJSON: try reader.slice(),
                      csaf: try reader.optional { reader in CSAFFiles(json: try reader.slice(), sha256: try reader.data(), sha512: try reader.data()) })
            }
            guard reader.isAtEnd else { return nil }
        } catch {
            return nil
        }
    }
}

/// Reads, parses, extracts and renders what one document alone decides: its record, its
/// diagnostics, its page body with link slots, its record JSON and its CSAF document.
/// The same file, configuration and templates always give the same result, so the result is
/// cached by a key of all three.
struct DocumentPreparer: Sendable {
    let extractor: AdvisoryExtractor
    let layout: SiteLayout
    /// Nil without a configured publisher: then no CSAF document is made.
    let csafConfiguration: CSAFConfiguration?
    let strings: StringsCatalog

    func prepare(locale: String, root: String, relative: String) -> (facts: DocumentFacts, payload: DocumentPayload) {
        let path = URL(fileURLWithPath: root).appendingPathComponent(relative).path
        if let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue, size > extractor.limits.maximumFileBytes {
            return refused(path: path, relative: relative, locale: locale,
                           Diagnostic(.limit001, "file is \(size) bytes, over the limit of \(extractor.limits.maximumFileBytes)", at: SourceLocation(path: path, line: 1)))
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            return refused(path: path, relative: relative, locale: locale, Diagnostic(.io001, "cannot read file", at: SourceLocation(path: path, line: 1)))
        }
        return prepare(bytes: [UInt8](data), locale: locale, path: path, relative: relative)
    }

    func prepare(bytes: [UInt8], locale: String, path: String, relative: String) -> (facts: DocumentFacts, payload: DocumentPayload) {
        var extracted = extractor.extract(bytes: bytes, path: path, relativePath: relative, locale: locale)
        let advisory = extracted.advisory
        var diagnostics = extracted.diagnostics
        if diagnostics.contains(where: { BuiltDocument.unreadableCodes.contains($0.code) }) {
            return (facts(advisory, diagnostics: diagnostics, references: [], csaf: nil), DocumentPayload(body: [], urls: [], recordJSON: [], csaf: nil))
        }
        // Taken out of `extracted`, so that `body(of:advisory:)` edits the one copy in place.
        var tree = MarkdownNode(kind: .document)
        swap(&tree, &extracted.document)
        if let language = ContentRules.languageDiagnostic(for: advisory, tree: tree, path: path) { diagnostics.append(language) }
        let references = Self.checkLinks(extracted, path: path, diagnostics: &diagnostics)

        let text = strings.strings(locale)
        let renderer = HTMLRenderer(alertTitle: { text["alert.\($0)"] ?? $0.capitalized })
        let anchors = Dictionary(advisory.headings.map { ($0.line, $0.anchor) }, uniquingKeysWith: { first, _ in first })
        let body = Self.body(of: consume tree, advisory: advisory)
        let sanitized = HTMLSanitizer().sanitize(deferringURLsOfBodyWrittenBy: { renderer.renderTracingLines(body, headingAnchors: anchors, appendingTo: &$0) },
                                                 rawHTML: { $0.rawHTMLRanges })
        diagnostics += SanitizerFindings.diagnostics(for: sanitized.report.findings, lines: sanitized.written, source: bytes, path: path,
                                                     fallbackLine: advisory.source.lines[.title] ?? 1)

        var csafFacts: CSAFFacts?
        var csafFiles: DocumentPayload.CSAFFiles?
        if let csafConfiguration, CSAFWriter.isPublished(advisory) {
            do {
                let slug = DocumentPath.slug(for: relative)
                let (document, json) = try CSAFWriter.publicationBytes(for: advisory, canonicalURL: layout.absolute(layout.pagePath(locale: locale, slug: slug)), configuration: csafConfiguration)
                let relativePath = CSAFDistribution.relativePath(of: document)
                csafFacts = CSAFFacts(relativePath: relativePath, currentReleaseDate: document.document.tracking.currentReleaseDate)
                let hashes = CSAFDistribution.hashFiles(of: json, named: String(lastSegment(of: relativePath)))
                csafFiles = DocumentPayload.CSAFFiles(json: json[...], sha256: hashes.sha256, sha512: hashes.sha512)
            } catch {
                var failure = error
                failure.location = SourceLocation(path: path, line: failure.location.line)
                diagnostics.append(failure)
            }
        }
        let recordJSON = AdvisoryJSON.encoder(pretty: true).bytes(writing: advisory)[...]
        return (facts(advisory, diagnostics: diagnostics, references: references, csaf: csafFacts),
                DocumentPayload(body: sanitized.html[...], urls: sanitized.report.urls, recordJSON: recordJSON, csaf: csafFiles))
    }

    private func refused(path: String, relative: String, locale: String, _ diagnostic: Diagnostic) -> (facts: DocumentFacts, payload: DocumentPayload) {
        let advisory = Advisory.unread(path: path, relative: relative, locale: locale)
        return (facts(advisory, diagnostics: [diagnostic], references: [], csaf: nil), DocumentPayload(body: [], urls: [], recordJSON: [], csaf: nil))
    }

    private func facts(_ advisory: Advisory, diagnostics: [Diagnostic], references: [LinkReference], csaf: CSAFFacts?) -> DocumentFacts {
        let summary = DocumentFacts.summary(of: advisory)
        return DocumentFacts(summary: summary, diagnostics: diagnostics, references: references, csaf: csaf, summaryDigest: DocumentFacts.digest(ofSummary: summary))
    }

    /// The headings the page header shows instead of the body (the title and, when it is a
    /// heading, the subtitle): the page gives their anchors to its `h1` and subtitle.
    static func headerHeadings(of advisory: Advisory) -> [Heading] {
        var headings: [Heading] = []
        if let title = advisory.headings.first(where: { $0.level == 1 }) { headings.append(title) }
        if let line = advisory.source.lines[.subtitle], let subtitle = advisory.headings.first(where: { $0.line == line && $0.level > 1 }) {
            headings.append(subtitle)
        }
        return headings
    }

    /// The tree without the blocks the page header already shows: the title heading, the
    /// subtitle, the date line and the version line.
    static func body(of document: consuming MarkdownNode, advisory: Advisory) -> MarkdownNode {
        var tree = consume document
        let lines = advisory.source.lines
        let headerLines = Set([lines[.subtitle], lines[.dateLine], lines[.version]].compactMap { $0 })
        var removedTitle = false
        // The few blocks found first, then removed by index: nodes are moved, not copied.
        let removed = tree.children.withUnsafeBufferPointer { blocks in
            blocks.indices.filter { index in
                if !removedTitle, case .heading(1) = blocks[index].kind {
                    removedTitle = true
                    return true
                }
                return headerLines.contains(blocks[index].line) && blocks[index].line < (lines[.subtitle] ?? 0) + 60
            }
        }
        for index in removed.reversed() { tree.children.remove(at: index) }
        return tree
    }

    /// Checks what the document alone can tell (ANCH001, LINK002) and returns the links and
    /// images whose targets only the whole site knows. Reads the ids and link targets extraction
    /// collected in its walk of the tree.
    static func checkLinks(_ extracted: ExtractedDocument, path: String, diagnostics: inout [Diagnostic]) -> [LinkReference] {
        // Made at the first fragment link: most documents have none.
        var ids: Set<String>?
        var references: [LinkReference] = []
        for target in extracted.linkTargets {
            let url = target.url
            let location = SourceLocation(path: path, line: target.line, column: target.column)
            if target.isImage {
                if LinkResolver.mayBeMissing(url) {
                    references.append(LinkReference(url: url, isImage: true, line: target.line, column: target.column))
                }
                continue
            }
            if url.hasPrefix("#") {
                let fragment = String(url.dropFirst())
                let anchor = (fragment.removingPercentEncoding ?? fragment).lowercased()
                if ids == nil { ids = Set(extracted.advisory.headings.map { $0.anchor.lowercased() }).union(extracted.rawHTMLIds) }
                if !anchor.isEmpty, ids?.contains(anchor) != true {
                    diagnostics.append(Diagnostic(.anch001, "anchor '\(url)' matches no id or heading in this document", at: location))
                }
                continue
            }
            if let problem = LinkShape.problem(url) {
                diagnostics.append(Diagnostic(.link002, "link '\(url.prefix(80))': \(problem)", at: location))
            } else if LinkResolver.mayBeMissing(url) {
                references.append(LinkReference(url: url, isImage: false, line: target.line, column: target.column))
            }
        }
        return references
    }
}
