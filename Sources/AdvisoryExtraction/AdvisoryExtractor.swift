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
    private let dates: DateReader
    private let parser: MarkdownParser

    public init(catalog: LocaleCatalog = .shared, limits: InputLimits = InputLimits()) {
        self.catalog = catalog
        self.limits = limits
        dates = catalog.profiles.count == LocaleCatalog.shared.profiles.count ? .shared : DateReader(catalog: catalog)
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
            var advisory = Advisory(id: location.id, kind: location.kind, locale: tag, title: location.id, source: SourceInfo(path: path))
            advisory.draft = false
            return ExtractedDocument(advisory: advisory, document: MarkdownNode(kind: .document),
                                     frontMatter: FrontMatter(fields: [], bodyStartLine: 1, isPresent: false), diagnostics: diagnostics)
        }
        let source = SourceText(bytes: bytes, path: path)
        diagnostics += source.diagnostics
        if source.text.allSatisfy(\.isWhitespace), !diagnostics.contains(where: { $0.code == .io002 }) {
            diagnostics.append(Diagnostic(.doc002, "the document is empty", at: at(1)))
        }
        let split = FrontMatterReader.split(source.text, path: path)
        diagnostics += split.diagnostics
        let frontMatter = split.frontMatter
        let prepared = TechNetPreprocessor.process(split.body, firstLine: frontMatter.bodyStartLine)
        let parsed = parser.parse(prepared.text, lineMap: prepared.lineMap)
        var document = parsed.document
        if let line = parsed.flattenedAtLine {
            diagnostics.append(Diagnostic(.limit002, "nesting deeper than \(limits.maximumNesting) levels was flattened to text", at: at(line)))
        }
        diagnostics += Diagnostic.capped(parsed.visibleMarkers.map { marker in
            Diagnostic(.emph001, "'\(marker.marker)' is shown as text: it neither opens nor closes emphasis here",
                       at: SourceLocation(path: path, line: marker.line, column: marker.column))
        })
        let removed = TechNetQuirks.apply(to: &document)

        let tag = locale.flatMap { catalog.canonicalTag($0) ?? $0 }
            ?? DocumentPath.locale(inPath: path, catalog: catalog)
            ?? frontMatter["ms:mtpsurl"].flatMap(Self.locale(inMTPSURL:)).flatMap { catalog.canonicalTag($0) }
            ?? "en-US"
        let profile = catalog.profile(for: tag)
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
           asset != location.id.lowercased(), asset.range(of: "^(ms\\d\\d-\\d{3}|\\d{6,7})$", options: .regularExpression) != nil {
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
            readDateLine(blocks: blocks, from: cursor, near: anchorLine, profile: profile, into: &advisory, lines: &lines, diagnostics: &diagnostics, path: path)
            readVersion(blocks: blocks, from: cursor, near: anchorLine, into: &advisory, lines: &lines)
        }
        readSeverity(blocks: blocks, title: title, into: &advisory, lines: &lines, diagnostics: &diagnostics, path: path)
        readIdentifiers(document: document, into: &advisory, lines: &lines)
        readRevisions(blocks: blocks, profile: profile, into: &advisory, lines: &lines, diagnostics: &diagnostics, path: path)
        readFAQ(blocks: blocks, into: &advisory, lines: &lines)
        advisory.products = AffectedSoftwareReader(catalog: catalog).products(in: blocks)
        if let first = advisory.products.first { lines[.products] = first.line }
        readStructure(document: document, into: &advisory, lines: &lines)
        advisory.builtAt = removed.builtAt

        let publishedFromDateLine = advisory.published != nil
        if advisory.published == nil, let first = advisory.revisions.first(where: { $0.date != nil }), location.kind.isAdvisoryKind {
            advisory.published = first.date
            lines[.published] = first.line
        }
        checkConsistency(of: advisory, publishedFromDateLine: publishedFromDateLine, lines: lines, diagnostics: &diagnostics, path: path)
        advisory.source.lines = lines
        return ExtractedDocument(advisory: advisory, document: document, frontMatter: frontMatter, diagnostics: diagnostics)
    }

    // MARK: - Header

    private func readDateLine(blocks: [MarkdownNode], from start: Int, near anchorLine: Int, profile: LocaleProfile,
                              into advisory: inout Advisory, lines: inout [RecordField: Int], diagnostics: inout [Diagnostic], path: String) {
        let publishedLabels = catalog.labelNeedles(\.published)
        let updatedLabels = catalog.labelNeedles(\.updated)
        for block in blocks[min(start, blocks.count)...] {
            if block.line - anchorLine > 30 { break }
            if case .heading = block.kind { continue }
            guard case .paragraph = block.kind else { continue }
            let text = block.plainText
            for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
                // A date line is short; scanning a huge line for dates would be quadratic.
                guard line.utf8.count <= 2000 else { continue }
                let candidate = String(line)
                let hasLabel = containsAny(candidate, publishedLabels) || containsAny(candidate, updatedLabels)
                let atoms = dates.dates(in: candidate, numericOrder: profile.numericDate)
                guard hasLabel || (candidate.utf8.contains(UInt8(ascii: "|")) && !atoms.isEmpty) else { continue }
                guard hasLabel ? (!atoms.isEmpty || candidate.utf8.contains(UInt8(ascii: "|"))) : true else { continue }
                if let last = atoms.last, Self.textAfter(last, in: candidate).count > 6 { continue }
                let segments = candidate.split(separator: "|", omittingEmptySubsequences: false)
                for (index, segment) in segments.enumerated() {
                    let text = String(segment)
                    let segmentAtoms = dates.dates(in: text, numericOrder: profile.numericDate)
                    guard let atom = segmentAtoms.first else { continue }
                    guard let date = atom.date else {
                        diagnostics.append(Diagnostic(.date003, "'\(atom.text)' is not a valid date", at: SourceLocation(path: path, line: block.line)))
                        continue
                    }
                    let isUpdated = containsAny(text, updatedLabels) && !containsAny(text, publishedLabels)
                    let isPublished = !isUpdated && (containsAny(text, publishedLabels) || index == 0)
                    if isPublished, advisory.published == nil {
                        advisory.published = date
                        lines[.published] = block.line
                    } else if !isPublished, advisory.updated == nil {
                        advisory.updated = date
                        lines[.updated] = block.line
                    }
                }
                if advisory.published != nil || advisory.updated != nil {
                    lines[.dateLine] = block.line
                    return
                }
            }
        }
    }

    private func readVersion(blocks: [MarkdownNode], from start: Int, near anchorLine: Int, into advisory: inout Advisory, lines: inout [RecordField: Int]) {
        let labels = catalog.allLabels(\.version)
        for block in blocks[min(start, blocks.count)...] {
            if block.line - anchorLine > 40 { break }
            guard case .paragraph = block.kind else { continue }
            for line in Self.sourceLines(of: block) {
                if let version = Self.labelledVersion(line, labels: labels) {
                    advisory.version = version
                    lines[.version] = block.line
                    return
                }
            }
        }
    }

    /// `1.0` from `**版本：**1.0`, `**Version:** 1,0`, `**Version** 1.1 (letzte …)`; nil for other lines.
    static func labelledVersion(_ line: String, labels: [String]) -> String? {
        let text = Substring(line.filter { $0 != "*" }).drop(while: \.isWhitespace)
        guard let label = labels.first(where: { text.prefix($0.count).compare($0, options: .caseInsensitive) == .orderedSame }) else { return nil }
        let rest = text.dropFirst(label.count).drop { $0.isWhitespace || $0 == ":" || $0 == "：" }
        let number = rest.prefix { $0.isASCII && ($0.isNumber || $0 == "." || $0 == ",") }
        guard let first = number.first, first.isNumber else { return nil }
        var version = String(number).replacingOccurrences(of: ",", with: ".")
        while version.hasSuffix(".") { version.removeLast() }
        return version
    }

    /// The lines of a paragraph as written, emphasis markers dropped: soft and hard breaks both end a line.
    static func sourceLines(of block: MarkdownNode) -> [String] {
        var lines: [String] = [""]
        func walk(_ node: MarkdownNode) {
            switch node.kind {
            case .softBreak, .lineBreak: lines.append("")
            case .text(let text), .code(let text): lines[lines.count - 1] += text
            case .htmlInline(let html): lines[lines.count - 1] += HTMLText.strippingTags(html)
            default: node.children.forEach(walk)
            }
        }
        block.children.forEach(walk)
        return lines
    }

    private func readSeverity(blocks: [MarkdownNode], title: String, into advisory: inout Advisory,
                              lines: inout [RecordField: Int], diagnostics: inout [Diagnostic], path: String) {
        var titleSeverity: Severity?
        if advisory.kind == .bulletin, let dash = title.range(of: "[\\s\u{00A0}][-–—][\\s\u{00A0}]*(\\S+)\\s*$", options: .regularExpression) {
            let word = title[dash].drop { $0.isWhitespace || "-–—".contains($0) }
            if let found = catalog.severityRating(for: String(word)), let rating = SeverityRating(rawValue: found.rating) {
                titleSeverity = Severity(rating: rating, raw: found.raw)
            }
        }
        let labels = catalog.labelNeedles(\.maximumSeverity)
        var bodySeverity: (Severity, Int)?
        for block in blocks.prefix(200) {
            guard case .paragraph = block.kind, let first = block.children.first, case .strong = first.kind else { continue }
            let label = first.plainText.trimmingScalars(Self.isLabelTrim)
            guard TextSearch.containsAny(label, labels) else { continue }
            let rest = String(block.plainText.dropFirst(first.plainText.count))
            if let found = catalog.severityRating(for: rest), let rating = SeverityRating(rawValue: found.rating) {
                bodySeverity = (Severity(rating: rating, raw: found.raw), block.line)
                break
            }
        }
        if let (severity, line) = bodySeverity {
            advisory.severity = severity
            lines[.severity] = line
            if let titleSeverity, titleSeverity.rating != severity.rating {
                diagnostics.append(Diagnostic(.sev001, "title says '\(titleSeverity.raw)' but the body's maximum severity is '\(severity.raw)'",
                                              at: SourceLocation(path: path, line: line)))
            }
        } else if let titleSeverity {
            advisory.severity = titleSeverity
            lines[.severity] = lines[.title]
        }
    }

    // MARK: - Identifiers

    private func readIdentifiers(document: MarkdownNode, into advisory: inout Advisory, lines: inout [RecordField: Int]) {
        var kb: [String] = []
        var cves: [String] = []
        if let subtitle = advisory.subtitle,
           let match = subtitle.range(of: "[（(]\\s*(?:KB)?(\\d{6,7})\\s*[)）]\\s*$", options: .regularExpression) {
            let number = subtitle[match].filter(\.isNumber)
            advisory.kbPrimary = number
            kb.append(number)
            lines[.kb] = lines[.subtitle]
        }
        Self.walk(document) { node in
            let text: String
            switch node.kind {
            case .text(let value), .code(let value), .htmlBlock(let value), .htmlInline(let value): text = value
            case .link(let url, _), .image(let url, _): text = url
            default: return
            }
            let foundCVEs = IdentifierScanner.cves(in: text)
            if !foundCVEs.isEmpty {
                if lines[.cves] == nil { lines[.cves] = node.line }
                cves += foundCVEs
            }
            let foundKB = IdentifierScanner.kbNumbers(in: text)
            if !foundKB.isEmpty {
                if lines[.kb] == nil { lines[.kb] = node.line }
                kb += foundKB
            }
        }
        advisory.kb = kb.uniqued()
        advisory.cves = cves.uniqued()
        if advisory.kbPrimary == nil, advisory.kind == .advisory, advisory.kb.contains(advisory.id) {
            advisory.kbPrimary = advisory.id
        }
    }

    // MARK: - Revisions

    private func isRevisionLabel(_ block: MarkdownNode, labels: [String]) -> Bool {
        switch block.kind {
        case .heading, .paragraph:
            guard let last = Self.sourceLines(of: block).last(where: { !$0.allSatisfy(\.isWhitespace) }) else { return false }
            return Self.isLabel(last, labels: labels)
        default:
            return false
        }
    }

    /// `**修订版本：**`, `#### Revisionen`, `Revisions` as a whole line.
    static func isLabel(_ line: String, labels: [String]) -> Bool {
        let text = line.trimmingScalars(isLabelTrim)
        guard text.count <= 40 else { return false }
        return labels.contains { $0.compare(text, options: .caseInsensitive) == .orderedSame }
    }

    private func readRevisions(blocks: [MarkdownNode], profile: LocaleProfile?, into advisory: inout Advisory,
                               lines: inout [RecordField: Int], diagnostics: inout [Diagnostic], path: String) {
        let labels = catalog.allLabels(\.revisions)
        let order = profile?.numericDate ?? "dmy"
        var entries: [(text: String, line: Int)] = []
        if let labelIndex = blocks.lastIndex(where: { isRevisionLabel($0, labels: labels) }) {
            lines[.revisions] = blocks[labelIndex].line
            entries = revisionEntries(after: labelIndex, in: blocks, order: order)
        } else if let (siblings, labelIndex) = nestedRevisionLabel(in: blocks, labels: labels) {
            lines[.revisions] = siblings[labelIndex].line
            entries = revisionEntries(after: labelIndex, in: siblings, order: order)
        } else if let (line, found) = revisionEntriesInCode(blocks, labels: labels) {
            lines[.revisions] = line
            entries = found
        } else {
            if advisory.kind.isAdvisoryKind {
                diagnostics.append(Diagnostic(.rev001, "no revision history section", at: SourceLocation(path: path, line: lines[.title] ?? 1)))
            }
            return
        }
        for entry in entries where !entry.text.isEmpty {
            let (revision, problem) = parseRevision(entry.text, line: entry.line, order: order)
            let at = SourceLocation(path: path, line: entry.line)
            switch problem {
            case .invalidDate(let text):
                diagnostics.append(Diagnostic(.date003, "'\(text)' in a revision entry is not a valid date", at: at))
            case .unreadableDate(let text):
                diagnostics.append(Diagnostic(.rev002, "revision entry's date '\(text)' cannot be read", at: at))
            case nil:
                break
            }
            if revision.version == nil, revision.date == nil {
                if problem == nil, var previous = advisory.revisions.popLast() {
                    previous.text += (previous.text.isEmpty ? "" : " ") + revision.text
                    advisory.revisions.append(previous)
                    continue
                }
                if problem == nil {
                    diagnostics.append(Diagnostic(.rev002, "revision entry has no readable version or date: '\(entry.text.prefix(60))'", at: at))
                }
            }
            advisory.revisions.append(revision)
        }
    }

    private func revisionEntries(after labelIndex: Int, in blocks: [MarkdownNode], order: String) -> [(text: String, line: Int)] {
        var entries: [(text: String, line: Int)] = []
        scan: for block in blocks[(labelIndex + 1)...] {
            switch block.kind {
            case .heading:
                break scan
            case .list:
                for item in block.children {
                    let text = item.children.map(\.plainText).joined(separator: " ")
                    entries.append((Self.folded(text), item.line))
                }
            case .htmlBlock(let html):
                let text = HTMLText.strippingTags(html).trimmingScalars(ScalarClass.isSpaceOrNewline)
                if !text.isEmpty, startsWithRevision(text, order: order) {
                    entries.append((Self.folded(text), block.line))
                }
            case .codeBlock(_, let literal):
                entries += Self.listLines(literal, firstLine: block.line)
            case .paragraph:
                let text = Self.folded(block.plainText)
                if startsWithRevision(text, order: order) {
                    entries.append((text, block.line))
                } else if !entries.isEmpty {
                    break scan
                }
            default:
                continue
            }
        }
        return entries
    }

    /// The last revision label nested in a list item or quote (indentation that made the section part of a list).
    private func nestedRevisionLabel(in blocks: [MarkdownNode], labels: [String]) -> ([MarkdownNode], Int)? {
        for block in blocks.reversed() {
            switch block.kind {
            case .list, .item, .blockQuote, .alert:
                if let index = block.children.lastIndex(where: { isRevisionLabel($0, labels: labels) }) {
                    return (block.children, index)
                }
                if let found = nestedRevisionLabel(in: block.children, labels: labels) { return found }
            default:
                continue
            }
        }
        return nil
    }

    /// A revision section that accidental indentation turned into a code block (`    **修订：**`, `    -   V1.0（…）`).
    private func revisionEntriesInCode(_ blocks: [MarkdownNode], labels: [String]) -> (Int, [(text: String, line: Int)])? {
        var codeBlocks: [MarkdownNode] = []
        for block in blocks {
            block.forEach { if case .codeBlock = $0.kind { codeBlocks.append($0) } }
        }
        for block in codeBlocks.reversed() {
            guard case .codeBlock(_, let literal) = block.kind else { continue }
            let codeLines = literal.split(separator: "\n", omittingEmptySubsequences: false)
            guard let labelOffset = codeLines.lastIndex(where: { Self.isLabel(String($0), labels: labels) }) else { continue }
            let rest = codeLines[(labelOffset + 1)...].joined(separator: "\n")
            return (block.line + labelOffset, Self.listLines(rest, firstLine: block.line + labelOffset + 1))
        }
        return nil
    }

    /// The `-   item` lines of a code block's text, until the first other non-blank line.
    static func listLines(_ literal: String, firstLine: Int) -> [(text: String, line: Int)] {
        var entries: [(text: String, line: Int)] = []
        for (offset, line) in literal.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let text = line.trimmingScalars(ScalarClass.isSpace)
            if text.isEmpty { continue }
            guard text.hasPrefix("-") || text.hasPrefix("*") else { break }
            entries.append((folded(String(text.dropFirst())), firstLine + offset))
        }
        return entries
    }

    private func startsWithRevision(_ text: String, order: String) -> Bool {
        if let first = text.drop(while: \.isWhitespace).first, first == "V" || first == "v" || first.isNumber {
            if Self.leadingVersion(Substring(text)) != nil { return true }
        }
        if let atom = dates.dates(in: String(text.prefix(40)), numericOrder: order).first, atom.range.location <= 4 { return true }
        return false
    }

    /// What was wrong with a revision entry's date.
    enum RevisionProblem: Equatable {
        /// Looks like a date but names no real day (`2012 年 7 月 2417 日`).
        case invalidDate(String)
        /// The parenthesis after the version holds no readable date (`13. Juli 13 2004`).
        case unreadableDate(String)
    }

    /// `1.0` and the rest after `V1.0`, `Version 1.0`, `1.0 版` at the start of `text`.
    static func leadingVersion(_ text: Substring) -> (version: String, rest: Substring)? {
        var rest = text.drop(while: \.isWhitespace)
        if rest.lowercased().hasPrefix("version") {
            rest = rest.dropFirst(7)
        } else if rest.first == "V" || rest.first == "v" {
            rest = rest.dropFirst()
        }
        rest = rest.drop { $0.isWhitespace || $0 == "." }
        let major = rest.prefix { $0.isASCII && $0.isNumber }
        guard !major.isEmpty, major.count <= 3 else { return nil }
        rest = rest.dropFirst(major.count)
        guard rest.first == "." else { return nil }
        var version = String(major)
        while rest.first == ".", let next = rest.dropFirst().first, next.isASCII, next.isNumber {
            let part = rest.dropFirst().prefix { $0.isASCII && $0.isNumber }
            version += "." + part
            rest = rest.dropFirst(1 + part.count)
        }
        guard version.utf8.contains(UInt8(ascii: ".")) else { return nil }
        rest = rest.drop(while: \.isWhitespace)
        if rest.first == "版" { rest = rest.dropFirst() }
        return (version, rest)
    }

    /// Reads `V1.0（2014 年 11 月 11 日）： text`, `2008 年 6 月 13 日： text`, `V1.1 4. Juni 2008: text`,
    /// and `已发布 V1.0（2014 年 3 月 24 日）通报。`.
    func parseRevision(_ text: String, line: Int, order: String) -> (Revision, RevisionProblem?) {
        var version: String?
        var rest = Substring(text.containsBytes(of: "__LW_AT__") ? text.replacingOccurrences(of: "__LW_AT__", with: "") : text)
        if let found = Self.leadingVersion(rest) {
            version = found.version
            rest = found.rest
        } else if let v = rest.prefix(12).firstIndex(where: { $0 == "V" }), v != rest.startIndex,
                  let found = Self.leadingVersion(rest[v...]), found.rest.first == "（" || found.rest.first == "(" {
            version = found.version
            rest = found.rest
        }
        var date: DayDate?
        var problem: RevisionProblem?
        rest = rest.drop { $0.isWhitespace || $0 == "*" }
        if version != nil, let open = rest.first, open == "(" || open == "（",
           let close = rest.prefix(60).firstIndex(where: { $0 == ")" || $0 == "）" }) {
            let inside = String(rest[rest.index(after: rest.startIndex)..<close]).trimmingScalars(ScalarClass.isSpace)
            if let atom = dates.dates(in: inside, numericOrder: order).first, atom.range.location <= 2 {
                date = atom.date
                if atom.date == nil { problem = .invalidDate(atom.text) }
            } else {
                problem = .unreadableDate(inside)
            }
            rest = rest[rest.index(after: close)...]
        } else {
            let head = String(rest.prefix(60))
            if let atom = dates.dates(in: head, numericOrder: order).first, atom.range.location <= (version == nil ? 4 : 3) {
                date = atom.date
                if atom.date == nil { problem = .invalidDate(atom.text) }
                let utf16 = head.utf16
                let end = utf16.index(utf16.startIndex, offsetBy: atom.range.location + atom.range.length)
                rest = rest.dropFirst(head[..<end].count)
            }
        }
        let body = rest.drop { $0.isWhitespace || "()（）:：*".contains($0) }
        return (Revision(version: version, date: date, text: String(body).trimmingScalars(ScalarClass.isSpace), line: line), problem)
    }

    // MARK: - FAQ

    private func readFAQ(blocks: [MarkdownNode], into advisory: inout Advisory, lines: inout [RecordField: Int]) {
        var current: (question: String, answer: [String], line: Int)?
        func finish() {
            if let entry = current {
                advisory.faq.append(FAQEntry(question: entry.question, answer: entry.answer.joined(separator: "\n").trimmingScalars(ScalarClass.isSpaceOrNewline), line: entry.line))
            }
            current = nil
        }
        for block in blocks {
            if case .heading = block.kind {
                finish()
                continue
            }
            if let (question, answer) = Self.question(in: block) {
                finish()
                current = (question, answer.isEmpty ? [] : [answer], block.line)
                if lines[.faq] == nil { lines[.faq] = block.line }
                continue
            }
            guard current != nil else { continue }
            if case .htmlBlock = block.kind { continue }
            let text = Self.folded(block.plainText)
            if !text.isEmpty { current?.answer.append(text) }
        }
        finish()
    }

    /// A paragraph that opens with a bold question ending in `?` or `？`: the question and the rest.
    static func question(in block: MarkdownNode) -> (String, String)? {
        guard case .paragraph = block.kind, let first = block.children.first, case .strong = first.kind else { return nil }
        let question = folded(first.plainText)
        guard question.count >= 3, question.count <= 400, let last = question.last, last == "?" || last == "？" else { return nil }
        let rest = block.children.dropFirst()
        if let next = rest.first, next.kind != .softBreak, next.kind != .lineBreak {
            if case .text(let text) = next.kind, text.allSatisfy(\.isWhitespace) {} else { return nil }
        }
        let answer = MarkdownNode(kind: .paragraph, children: Array(rest)).plainText
        return (question, folded(answer))
    }

    // MARK: - Structure

    private func readStructure(document: MarkdownNode, into advisory: inout Advisory, lines: inout [RecordField: Int]) {
        let anchors = HeadingAnchors.assign(in: document)
        Self.walk(document) { node in
            switch node.kind {
            case .heading(let level):
                advisory.headings.append(Heading(level: level, text: Self.folded(node.plainText), anchor: anchors[node.line] ?? "", line: node.line))
            case .link(let url, _):
                advisory.links.append(DocumentLink(url: url, text: Self.folded(node.plainText), line: node.line))
            case .alert(let kind):
                advisory.notes.append(Note(kind: kind, text: Self.folded(node.plainText), line: node.line))
            default:
                break
            }
        }
    }

    // MARK: - Consistency

    private func checkConsistency(of advisory: Advisory, publishedFromDateLine: Bool, lines: [RecordField: Int], diagnostics: inout [Diagnostic], path: String) {
        func at(_ key: RecordField) -> SourceLocation { SourceLocation(path: path, line: lines[key] ?? lines[.title] ?? 1) }
        guard advisory.kind.isAdvisoryKind else { return }
        if !publishedFromDateLine {
            let message = advisory.published.map { "no published date in the date line after the title; \($0) taken from the first revision entry" }
                ?? "no published date found after the title"
            diagnostics.append(Diagnostic(.date001, message, at: at(.dateLine)))
        }
        if let published = advisory.published, let updated = advisory.updated, updated < published {
            diagnostics.append(Diagnostic(.date002, "updated \(updated) is before published \(published)", at: at(.updated)))
        }
        let dated = advisory.revisions.compactMap(\.date)
        if zip(dated, dated.dropFirst()).contains(where: { $0 > $1 }) {
            diagnostics.append(Diagnostic(.rev003, "revision entries are not in chronological order", at: at(.revisions)))
        }
        if let published = advisory.published, let first = dated.min(), first != published, lines[.published] != advisory.revisions.first?.line {
            diagnostics.append(Diagnostic(.date004, "published \(published) but the first revision is dated \(first)", at: at(.published)))
        }
        let versions = advisory.revisions.compactMap(\.version)
        if let version = advisory.version, let latest = versions.max(by: Self.versionLess), Self.versionLess(version, latest) || Self.versionLess(latest, version) {
            diagnostics.append(Diagnostic(.ver001, "version \(version) differs from the latest revision \(latest)", at: at(.version)))
        }
        if advisory.kind == .bulletin, advisory.version == nil {
            diagnostics.append(Diagnostic(.ver002, "bulletin has no version line", at: at(.title)))
        }
        if advisory.kind == .bulletin, advisory.kb.isEmpty {
            diagnostics.append(Diagnostic(.kb001, "bulletin names no Knowledge Base article", at: at(.subtitle)))
        }
    }

    /// Compares dotted versions numerically: 1.10 > 1.9.
    public static func versionLess(_ a: String, _ b: String) -> Bool {
        let x = a.split(separator: ".").map { Int($0) ?? 0 }
        let y = b.split(separator: ".").map { Int($0) ?? 0 }
        for index in 0..<max(x.count, y.count) {
            let l = index < x.count ? x[index] : 0
            let r = index < y.count ? y[index] : 0
            if l != r { return l < r }
        }
        return false
    }

    // MARK: - Helpers

    /// The text after a date atom, without white space and emphasis: a date line ends with its
    /// last date (or a word such as `更新` or a weekday), a sentence that mentions a date does not.
    static func textAfter(_ atom: DateAtom, in line: String) -> String {
        let utf16 = line.utf16
        guard let end = utf16.index(utf16.startIndex, offsetBy: atom.range.location + atom.range.length, limitedBy: utf16.endIndex),
              let index = end.samePosition(in: line) else { return "" }
        return String(line[index...]).filter { !$0.isWhitespace && $0 != "*" && $0 != "|" && $0 != "。" && $0 != "." }
    }

    /// What labels are trimmed of: white space, line breaks, `*`, `:`, `：`, `#` and NBSP.
    static func isLabelTrim(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "*", ":", "：", "#", "\u{00A0}": true
        default: ScalarClass.isSpaceOrNewline(scalar)
        }
    }

    /// Collapses runs of white space (NBSP and ideographic space too) into one space.
    static func folded(_ text: String) -> String {
        var text = text
        return text.withUTF8 { bytes in
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count)
            var pendingSpace = false
            var started = false
            var index = 0
            while index < bytes.count {
                let width = whiteSpaceWidth(bytes, at: index)
                if width > 0 {
                    pendingSpace = started
                    index += width
                    continue
                }
                if pendingSpace { out.append(0x20) }
                pendingSpace = false
                started = true
                out.append(bytes[index])
                index += 1
            }
            return String(decoding: out, as: UTF8.self)
        }
    }

    /// The length in bytes of the white space (as `isWhiteSpace` says) that starts at `index`
    /// of valid UTF-8, or 0.
    @inline(__always)
    static func whiteSpaceWidth(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Int {
        let byte = bytes[index]
        switch byte {
        case 0x20, 0x09...0x0D: return 1
        case 0xC2:
            return index + 1 < bytes.count && (bytes[index + 1] == 0x85 || bytes[index + 1] == 0xA0) ? 2 : 0
        case 0xE1, 0xE2, 0xE3:
            guard index + 2 < bytes.count else { return 0 }
            let scalar = (UInt32(byte & 0x0F) << 12) | (UInt32(bytes[index + 1] & 0x3F) << 6) | UInt32(bytes[index + 2] & 0x3F)
            return Unicode.Scalar(scalar).map(isWhiteSpace) == true ? 3 : 0
        default: return 0
        }
    }

    /// Visits `node` and its descendants depth first, in document order, without copying the tree.
    static func walk(_ node: MarkdownNode, _ body: (MarkdownNode) -> Void) {
        body(node)
        for child in node.children { walk(child, body) }
    }

    /// The Unicode White_Space property, with an ASCII fast path.
    @inline(__always)
    static func isWhiteSpace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x20, 0x09...0x0D: true
        case 0..<0x80: false
        case 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: true
        default: false
        }
    }

    private func containsAny(_ text: String, _ labels: [LowercasedNeedle]) -> Bool {
        TextSearch.containsAny(text, labels)
    }

    static func locale(inMTPSURL url: String) -> String? {
        guard let range = url.range(of: "\\.com/([A-Za-z]{2}-[A-Za-z]{2})/", options: .regularExpression) else { return nil }
        return String(url[range].dropFirst(5).dropLast())
    }

    static func mtpsShortId(_ url: String) -> String? {
        guard let range = url.range(of: "/library/([^/(]+)", options: .regularExpression) else { return nil }
        return String(url[range].dropFirst("/library/".count))
    }
}

extension Array where Element: Hashable {
    func uniqued() -> [Element] {
        var seen = Set<Element>()
        return filter { seen.insert($0).inserted }
    }
}
