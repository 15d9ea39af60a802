import AdvisoryModel
import CommonMark
import Foundation

/// A document after reading, parsing and extraction: the record, the tree the page is
/// rendered from, and every problem found on the way.
public struct ExtractedDocument: Sendable {
    public var advisory: Advisory
    public var document: MarkdownNode
    public var frontMatter: FrontMatter
    public var diagnostics: [Diagnostic]
    /// Lower-cased `id` and `name` values of the body's raw HTML (anchors a link may target).
    public var rawHTMLIds: Set<String> = []
    /// Every link and image of the body, in document order.
    public var linkTargets: [LinkTarget] = []
}

/// Limits that protect a build from hostile input.
public struct InputLimits: Sendable, Hashable, Codable {
    /// Largest file read, in bytes.
    public var maximumFileBytes: Int
    /// Deepest nesting kept as structure; deeper content is flattened to text.
    public var maximumNesting: Int

    public init(maximumFileBytes: Int = 8 << 20, maximumNesting: Int = 64) {
        self.maximumFileBytes = maximumFileBytes
        self.maximumNesting = maximumNesting
    }
}

/// Turns a TechNet Markdown file into an `Advisory` record.
public struct AdvisoryExtractor: Sendable {
    public var catalog: LocaleCatalog
    public var limits: InputLimits
    /// The date reader: `DateReader.shared` unless the catalogue differs from the shipped one,
    /// looked up at first use so that making an extractor never waits for the shared catalogues.
    var dates: DateReader {
        get { ownDates ?? .shared }
        set { ownDates = newValue }
    }
    private var ownDates: DateReader?
    private let parser: MarkdownParser

    /// An `ms:assetid` naming a bulletin or advisory (`ms08-067`, `954474`).
    static let documentAssetId = CompiledPattern("^(ms\\d\\d-\\d{3}|\\d{6,7})$")
    /// `documentAssetId` as `StemShape`s, for ASCII ids.
    static let documentAssetShapes: [StaticString] = ["ms##-###", "######", "#######"]

    public init(catalog: LocaleCatalog = .shared, limits: InputLimits = InputLimits()) {
        self.catalog = catalog
        self.limits = limits
        ownDates = catalog.profiles.map(\.tag) == LocaleCatalog.shared.profiles.map(\.tag) ? nil : DateReader(catalog: catalog)
        parser = MarkdownParser(maximumDepth: limits.maximumNesting)
    }

    /// Reads, parses and extracts one file.
    /// - Parameters:
    ///   - path: the path diagnostics name.
    ///   - relativePath: the path below the locale's content root (decides kind, id and URL).
    ///   - locale: the locale, if the caller knows it; else taken from the path, then from `ms:mtpsurl`.
    public func extract(bytes: [UInt8], path: String, relativePath: String? = nil, locale: String? = nil) -> ExtractedDocument {
        let relative = relativePath ?? DocumentPath.relativeToContentRoot(path)
        let location = DocumentPath(relative: relative)
        var diagnostics: [Diagnostic] = []
        func at(_ line: Int) -> SourceLocation { SourceLocation(path: path, line: line) }

        if bytes.count > limits.maximumFileBytes {
            diagnostics.append(Diagnostic(.limit001, "file is \(bytes.count) bytes, over the limit of \(limits.maximumFileBytes)", at: at(1)))
            let tag = locale ?? DocumentPath.locale(inPath: path, catalog: catalog) ?? "en-US"
            return ExtractedDocument(advisory: Advisory.unread(path: path, relative: relative, locale: tag), document: MarkdownNode(kind: .document),
                                     frontMatter: FrontMatter(fields: [], bodyStartLine: 1, isPresent: false), diagnostics: diagnostics)
        }
        let source = SourceUTF8(bytes: bytes, path: path)
        diagnostics += source.diagnostics
        if source.isWhitespaceOnly, !diagnostics.contains(where: { $0.code == .io002 }) {
            diagnostics.append(Diagnostic(.doc002, "the document is empty", at: at(1)))
        }
        let split = FrontMatterReader.split(utf8: source.bytes, path: path)
        diagnostics += split.diagnostics
        let frontMatter = split.frontMatter
        let prepared = source.bytes[split.bodyStart...].withUnsafeBufferPointer {
            TechNetPreprocessor.process(utf8: $0, firstLine: frontMatter.bodyStartLine)
        }
        let tag = locale.flatMap { catalog.canonicalTag($0) ?? $0 }
            ?? DocumentPath.locale(inPath: path, catalog: catalog)
            ?? frontMatter["ms:mtpsurl"].flatMap(Self.locale(inMTPSURL:)).flatMap { catalog.canonicalTag($0) }
            ?? "en-US"
        let parsed = parser.parse(utf8: prepared.bytes, lineMap: prepared.lineMap, language: DocumentLanguage(tag: tag),
                                  bytesAreValidUTF8: true)
        var document = parsed.document
        if let line = parsed.flattenedAtLine {
            diagnostics.append(Diagnostic(.limit002, "nesting deeper than \(limits.maximumNesting) levels was flattened to text", at: at(line)))
        }
        diagnostics += Diagnostic.capped(parsed.visibleMarkers.map { marker in
            Diagnostic(.emph001, "'\(marker.marker)' is shown as text: it neither opens nor closes emphasis here",
                       at: SourceLocation(path: path, line: marker.line,
                                          column: prepared.removedMarkers[marker.line].map { ConverterSlips.fileColumn(marker.column, removals: $0) } ?? marker.column))
        })
        let removed = TechNetQuirks.apply(to: &document)

        let knowsLanguage = catalog.knows(tag)
        let profile = knowsLanguage ? catalog.profile(for: tag) : LocaleProfile(tag: tag, numericDate: CLDRDateForms.forms(for: tag).numericOrder)
        var reader = self
        if !knowsLanguage { reader.dates = DateReader.including(tag) }
        var lines: [RecordField: Int] = [:]
        let blocks = document.children

        let h1Index = blocks.firstIndex { if case .heading(1) = $0.kind { true } else { false } }
        let h1 = h1Index.map { blocks[$0] }
        if blocks.filter({ if case .heading(1) = $0.kind { true } else { false } }).count > 1, let second = blocks.dropFirst((h1Index ?? 0) + 1).first(where: { if case .heading(1) = $0.kind { true } else { false } }) {
            diagnostics.append(Diagnostic(.doc003, "more than one level-1 heading", at: at(second.line)))
        }
        var title: String
        if let field = frontMatter.first(of: ["Title", "title"]), !field.value.isEmpty {
            title = Self.folded(field.value)
            lines[.title] = field.line
        } else if let h1 {
            title = Self.folded(h1.plainText)
            lines[.title] = h1.line
        } else {
            title = location.id
            diagnostics.append(Diagnostic(.doc001, "no title: neither front matter 'Title' nor a level-1 heading", at: at(1)))
        }
        var advisory = Advisory(id: location.id, kind: location.kind, locale: profile?.tag == tag.lowercased() ? tag : tag,
                                title: title, source: SourceInfo(path: path))
        if let field = frontMatter.first(of: ["TOCTitle"]) {
            advisory.tocTitle = field.value
            lines[.tocTitle] = field.line
        }
        if let field = frontMatter.first(of: ["ms:assetid"]), !field.value.isEmpty {
            advisory.assetId = field.value
            lines[.assetId] = field.line
        }
        if let field = frontMatter.first(of: ["ms:contentKeyID"]) { advisory.contentKey = field.value }
        if let url = frontMatter["ms:mtpsurl"], let short = Self.mtpsShortId(url) { advisory.mtpsId = short }
        if let draft = frontMatter["draft"]?.lowercased(), ["true", "yes", "1"].contains(draft) { advisory.draft = true }
        if let asset = advisory.assetId?.lowercased(), location.kind == .bulletin || location.kind == .advisory,
           asset != location.id.lowercased(),
           StemShape.matches(asset, anyOf: Self.documentAssetShapes) ?? Self.documentAssetId.matches(asset) {
            diagnostics.append(Diagnostic(.id002, "file name says \(location.id) but ms:assetid is '\(advisory.assetId!)'", at: at(lines[.assetId] ?? 1)))
        }

        let headerStart = h1Index.map { $0 + 1 } ?? 0
        var cursor = headerStart
        if cursor < blocks.count, case .heading(2) = blocks[cursor].kind, let h1, blocks[cursor].line - h1.line <= 10 {
            advisory.subtitle = Self.folded(blocks[cursor].plainText)
            lines[.subtitle] = blocks[cursor].line
            cursor += 1
        }
        let anchorLine = h1?.line ?? frontMatter.bodyStartLine

        if let profile {
            reader.readDateLine(blocks: blocks, from: cursor, near: anchorLine, profile: profile, into: &advisory, lines: &lines, diagnostics: &diagnostics, path: path)
            reader.readVersion(blocks: blocks, from: cursor, near: anchorLine, into: &advisory, lines: &lines)
        }
        reader.readSeverity(blocks: blocks, title: title, into: &advisory, lines: &lines, diagnostics: &diagnostics, path: path)
        let references = reader.readBody(document: document, into: &advisory, lines: &lines)
        reader.readRevisions(blocks: blocks, profile: profile, into: &advisory, lines: &lines, diagnostics: &diagnostics, path: path)
        reader.readFAQ(blocks: blocks, into: &advisory, lines: &lines)
        advisory.products = AffectedSoftwareReader(catalog: catalog).products(in: blocks)
        if let first = advisory.products.first { lines[.products] = first.line }
        reader.severityFromAffectedSoftware(into: &advisory, lines: &lines)
        advisory.builtAt = removed.builtAt

        let publishedFromDateLine = advisory.published != nil
        if advisory.published == nil, let first = advisory.revisions.first(where: { $0.date != nil }), location.kind.isAdvisoryKind {
            advisory.published = first.date
            lines[.published] = first.line
        }
        reader.checkConsistency(of: advisory, publishedFromDateLine: publishedFromDateLine, lines: lines, diagnostics: &diagnostics, path: path)
        reader.versionFromRevisions(into: &advisory, lines: &lines)
        advisory.source.lines = lines
        return ExtractedDocument(advisory: advisory, document: document, frontMatter: frontMatter, diagnostics: diagnostics,
                                 rawHTMLIds: references.rawHTMLIds, linkTargets: references.linkTargets)
    }
}
