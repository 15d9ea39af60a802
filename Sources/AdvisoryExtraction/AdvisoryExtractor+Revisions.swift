import AdvisoryModel
import CommonMark
import Foundation

/// The revision history: under a known label, nested in a list, in a code block, or found by its shape.
extension AdvisoryExtractor {
    func isRevisionLabel(_ block: MarkdownNode, labels: LabelComparison.ClassedLabels) -> Bool {
        switch block.kind {
        case .heading, .paragraph:
            guard let last = Self.sourceLines(of: block).last(where: { !$0.allSatisfy(\.isWhitespace) }) else { return false }
            return Self.isLabel(last, labels: labels)
        default:
            return false
        }
    }

    /// `**修订版本：**`, `#### Revisionen`, `Revisions` as a whole line.
    static func isLabel(_ line: String, labels: LabelComparison.ClassedLabels) -> Bool {
        let text = line.trimmingScalars(isLabelTrim)
        guard text.hasAtMostCharacters(40) else { return false }
        return labels.containsEqual(text)
    }

    func readRevisions(blocks: [MarkdownNode], profile: LocaleProfile?, into advisory: inout Advisory,
                               lines: inout [RecordField: Int], diagnostics: inout [Diagnostic], path: String) {
        let labels = catalog.classedLabels(\.revisions)
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
        }
        if entries.isEmpty, let shaped = revisionEntriesByShape(in: blocks, order: order) {
            lines[.revisions] = shaped.labelLine ?? shaped.entries[0].line
            entries = shaped.entries
            if let label = shaped.label, let line = shaped.labelLine, !Self.isLabel(label, labels: labels) {
                diagnostics.append(Diagnostic(.loc002, "revision entries recognised by their shape under '\(label)', a label in no locale pack; add it to the revisions of \(advisory.locale) (labels: in site.yml)",
                                              at: SourceLocation(path: path, line: line)))
            }
        }
        if entries.isEmpty {
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

    func revisionEntries(after labelIndex: Int, in blocks: [MarkdownNode], order: String) -> [(text: String, line: Int)] {
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
    func nestedRevisionLabel(in blocks: [MarkdownNode], labels: LabelComparison.ClassedLabels) -> ([MarkdownNode], Int)? {
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
    func revisionEntriesInCode(_ blocks: [MarkdownNode], labels: LabelComparison.ClassedLabels) -> (Int, [(text: String, line: Int)])? {
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

    func startsWithRevision(_ text: String, order: String) -> Bool {
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
        // A version starts with `V` or `v` (of `version` too: no other character lower-cases to
        // `v`), a dot or an ASCII digit; any other start holds none.
        guard let first = rest.first, first == "V" || first == "v" || first == "." || (first.isASCII && first.isNumber) else { return nil }
        if first == "V" || first == "v", rest.prefix(7).lowercased() == "version" {
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
        guard version.containsByte(UInt8(ascii: ".")) else { return nil }
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

    /// The last run of revision entries in the document found by their shape alone: a list whose
    /// first item starts with a version and a date (`V1.0 (23. kesäkuuta 2008): …`) or whose every
    /// item starts with a date (`13 de junio de 2008: …`), or consecutive
    /// paragraphs or lines that each do; with the short paragraph or heading just before it, if any.
    func revisionEntriesByShape(in blocks: [MarkdownNode], order: String) -> (entries: [(text: String, line: Int)], label: String?, labelLine: Int?)? {
        var found: (entries: [(text: String, line: Int)], label: String?, labelLine: Int?)?
        func isShaped(_ text: String) -> Bool {
            guard Self.leadingVersion(Substring(text)) != nil else { return false }
            let (revision, _) = parseRevision(text, line: 0, order: order)
            return revision.version != nil && revision.date != nil
        }
        func startsWithDate(_ text: String) -> Bool {
            guard let atom = dates.dates(in: String(text.prefix(40)), numericOrder: order).first else { return false }
            return atom.date != nil && atom.range.location <= 2
        }
        func label(before index: Int, in siblings: [MarkdownNode]) -> (String, Int)? {
            guard index > 0 else { return nil }
            let previous = siblings[index - 1]
            switch previous.kind {
            case .heading, .paragraph:
                let text = Self.folded(previous.plainText).trimmingScalars(Self.isLabelTrim)
                return text.isEmpty || text.count > 40 || text.contains(where: \.isNumber) || text.hasSuffix(".") ? nil : (text, previous.line)
            default:
                return nil
            }
        }
        func scan(_ siblings: [MarkdownNode]) {
            var index = 0
            while index < siblings.count {
                let block = siblings[index]
                switch block.kind {
                case .list:
                    // The first item decides most lists: the others are read only when it starts with a date.
                    func itemText(_ item: MarkdownNode) -> String { Self.folded(item.children.map(\.plainText).joined(separator: " ")) }
                    var isRevisionList = false
                    if let first = block.children.first {
                        let firstText = itemText(first)
                        let shaped = isShaped(firstText)
                        if shaped || startsWithDate(firstText) {
                            let items = [(text: firstText, line: first.line)] + block.children.dropFirst().map { (text: itemText($0), line: $0.line) }
                            if shaped || items.dropFirst().allSatisfy({ startsWithDate($0.text) }) {
                                let before = label(before: index, in: siblings)
                                found = (items, before?.0, before?.1)
                                isRevisionList = true
                            }
                        }
                    }
                    if !isRevisionList { block.children.forEach { scan($0.children) } }
                case .paragraph:
                    var run: [(text: String, line: Int)] = []
                    var end = index
                    while end < siblings.count, case .paragraph = siblings[end].kind {
                        let paragraph = siblings[end]
                        let sourceLines = Self.sourceLines(of: paragraph).map(Self.folded).filter { !$0.isEmpty }
                        guard let first = sourceLines.first, isShaped(first) else { break }
                        if sourceLines.count > 1, sourceLines.allSatisfy(isShaped) {
                            run += sourceLines.enumerated().map { (text: $0.element, line: paragraph.line + $0.offset) }
                        } else {
                            run.append((Self.folded(paragraph.plainText), paragraph.line))
                        }
                        end += 1
                    }
                    if !run.isEmpty {
                        let before = label(before: index, in: siblings)
                        found = (run, before?.0, before?.1)
                        index = end
                        continue
                    }
                case .blockQuote, .alert, .item:
                    scan(block.children)
                default:
                    break
                }
                index += 1
            }
        }
        scan(blocks)
        return found
    }

    /// Fills a missing version with the newest revision's (bulletins and summaries without a version line).
    func versionFromRevisions(into advisory: inout Advisory, lines: inout [RecordField: Int]) {
        guard advisory.kind.isAdvisoryKind, advisory.version == nil,
              let newest = advisory.revisions.filter({ $0.version != nil }).max(by: { Self.versionLess($0.version!, $1.version!) }) else { return }
        advisory.version = newest.version
        lines[.version] = newest.line
    }
}
