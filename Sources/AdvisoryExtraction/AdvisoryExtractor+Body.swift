import AdvisoryModel
import CommonMark
import Foundation

/// A link or image of the body, where it stands: what the site build checks once every page is known.
public struct LinkTarget: Sendable, Hashable {
    public var url: String
    public var isImage: Bool
    public var line: Int
    public var column: Int
}

/// What the body holds as a whole: KB and CVE ids, the FAQ, headings, links and notes.
extension AdvisoryExtractor {
    // MARK: One walk of the body

    /// What `readBody` finds for the site build besides the record.
    struct BodyReferences {
        /// Lower-cased `id` and `name` values of the body's raw HTML.
        var rawHTMLIds: Set<String> = []
        /// Every link and image, in document order.
        var linkTargets: [LinkTarget] = []
    }

    /// One walk of the tree for the KB and CVE ids, the headings (with their anchors), links,
    /// notes, raw-HTML ids and link targets.
    func readBody(document: MarkdownNode, into advisory: inout Advisory, lines: inout [RecordField: Int]) -> BodyReferences {
        var kb: [String] = []
        var cves: [String] = []
        if let subtitle = advisory.subtitle,
           let match = Self.subtitleKB.firstRange(in: subtitle) {
            let number = subtitle[match].filter(\.isNumber)
            advisory.kbPrimary = number
            kb.append(number)
            lines[.kb] = lines[.subtitle]
        }
        var references = BodyReferences()
        var headings: [(level: Int, line: Int, text: String)] = []
        func scanIdentifiers(_ text: String, line: Int) {
            let (foundCVEs, foundKB) = IdentifierScanner.identifiers(in: text)
            if !foundCVEs.isEmpty {
                if lines[.cves] == nil { lines[.cves] = line }
                cves += foundCVEs
            }
            if !foundKB.isEmpty {
                if lines[.kb] == nil { lines[.kb] = line }
                kb += foundKB
            }
        }
        Self.walk(document) { node in
            let line = node.line
            switch node.kind {
            case .text(let text), .code(let text):
                scanIdentifiers(text, line: line)
            case .htmlBlock(let html), .htmlInline(let html):
                scanIdentifiers(html, line: line)
                references.rawHTMLIds.formUnion(HTMLAttributes.idsAndNames(in: html))
            case .link(let url, _):
                scanIdentifiers(url, line: line)
                advisory.links.append(DocumentLink(url: url, text: Self.folded(node.plainText), line: line))
                references.linkTargets.append(LinkTarget(url: url, isImage: false, line: line, column: node.column))
            case .image(let url, _):
                scanIdentifiers(url, line: line)
                references.linkTargets.append(LinkTarget(url: url, isImage: true, line: line, column: node.column))
            case .heading(let level):
                headings.append((level, line, node.plainText))
            case .alert(let kind):
                advisory.notes.append(Note(kind: kind, text: Self.folded(node.plainText), line: line))
            default:
                break
            }
        }
        advisory.kb = kb.uniqued()
        advisory.cves = cves.uniqued()
        if advisory.kbPrimary == nil, advisory.kind == .advisory, advisory.kb.contains(advisory.id) {
            advisory.kbPrimary = advisory.id
        }
        let anchors = HeadingAnchors.assign(headings: headings.map { ($0.line, $0.text) }, reserving: references.rawHTMLIds)
        advisory.headings = headings.map { Heading(level: $0.level, text: Self.folded($0.text), anchor: anchors[$0.line] ?? "", line: $0.line) }
        return references
    }

    /// `（KB2755801）` or `(2755801)` at the end of a subtitle: the primary KB article.
    private static let subtitleKB = CompiledPattern("[（(]\\s*(?:KB)?(\\d{6,7})\\s*[)）]\\s*$")

    // MARK: FAQ

    func readFAQ(blocks: [MarkdownNode], into advisory: inout Advisory, lines: inout [RecordField: Int]) {
        var current: (question: String, answer: [String], line: Int)?
        func finish() {
            if let entry = current {
                advisory.faq.append(FAQEntry(question: entry.question, answer: entry.answer.joined(separator: "\n").trimmingScalars(ScalarClass.isSpaceOrNewline), line: entry.line))
            }
            current = nil
        }
        for index in blocks.indices {
            if case .heading = blocks[index].kind {
                finish()
                continue
            }
            if let (question, answer) = Self.question(in: blocks[index]) {
                finish()
                current = (question, answer.isEmpty ? [] : [answer], blocks[index].line)
                if lines[.faq] == nil { lines[.faq] = blocks[index].line }
                continue
            }
            guard current != nil else { continue }
            if case .htmlBlock = blocks[index].kind { continue }
            let text = Self.folded(blocks[index].plainText)
            if !text.isEmpty { current?.answer.append(text) }
        }
        finish()
    }

    /// A paragraph that opens with a bold question ending in `?` or `？`: the question and the rest.
    static func question(in block: MarkdownNode) -> (String, String)? {
        guard case .paragraph = block.kind, !block.children.isEmpty, case .strong = block.children[0].kind else { return nil }
        let bold = block.children[0].plainText
        // A question ends with `?` or `？` (EF BC 9F); bold without either needs no folding.
        guard TextSearch.containsASCIIOrFullwidth(UInt8(ascii: "?"), in: bold) else { return nil }
        let question = folded(bold)
        guard let last = question.last, last == "?" || last == "？", (3...400).contains(question.count) else { return nil }
        let rest = block.children.dropFirst()
        if let next = rest.first, next.kind != .softBreak, next.kind != .lineBreak {
            if case .text(let text) = next.kind, text.allSatisfy(\.isWhitespace) {} else { return nil }
        }
        let answer = MarkdownNode(kind: .paragraph, children: Array(rest)).plainText
        return (question, folded(answer))
    }
}
