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

    /// What `readBody`'s walk collects, node by node in document order. The walk reads each node
    /// where it lies among its siblings: a node passed as an argument or bound to a local is
    /// copied (its payload and children retained, then released), and so is a children array
    /// read through `withUnsafeBufferPointer`; its `span` is not.
    struct BodyScan {
        var kb: [String]
        var kbLine: Int?
        var cves: [String] = []
        var cveLine: Int?
        var references = BodyReferences()
        var headings: [(level: Int, line: Int, text: String)] = []
        var links: [DocumentLink] = []
        var notes: [Note] = []

        init(kb: [String], kbLine: Int?, cveLine: Int?) {
            self.kb = kb
            self.kbLine = kbLine
            self.cveLine = cveLine
        }

        /// Visits every node of `siblings` and its descendants, depth first, in document order.
        mutating func visit(_ siblings: Span<MarkdownNode>) {
            for index in siblings.indices {
                let line = siblings[index].line
                switch siblings[index].kind {
                case .text(let text), .code(let text):
                    scanIdentifiers(text, line: line)
                case .htmlBlock(let html), .htmlInline(let html):
                    scanIdentifiers(html, line: line)
                    references.rawHTMLIds.formUnion(HTMLAttributes.idsAndNames(in: html))
                case .link(let url, _):
                    scanIdentifiers(url, line: line)
                    links.append(DocumentLink(url: url, text: AdvisoryExtractor.folded(MarkdownNode.plainText(of: siblings, at: index)), line: line))
                    references.linkTargets.append(LinkTarget(url: url, isImage: false, line: line, column: siblings[index].column))
                case .image(let url, _):
                    scanIdentifiers(url, line: line)
                    references.linkTargets.append(LinkTarget(url: url, isImage: true, line: line, column: siblings[index].column))
                case .heading(let level):
                    headings.append((level, line, MarkdownNode.plainText(of: siblings, at: index)))
                case .alert(let kind):
                    notes.append(Note(kind: kind, text: AdvisoryExtractor.folded(MarkdownNode.plainText(of: siblings, at: index)), line: line))
                default:
                    break
                }
                // Most nodes are leaves: their (empty) children are not retained for a visit.
                if !siblings[index].children.isEmpty {
                    visit(siblings[index].children.span)
                }
            }
        }

        private mutating func scanIdentifiers(_ text: String, line: Int) {
            let (foundCVEs, foundKB) = IdentifierScanner.identifiers(in: text)
            if !foundCVEs.isEmpty {
                if cveLine == nil { cveLine = line }
                cves += foundCVEs
            }
            if !foundKB.isEmpty {
                if kbLine == nil { kbLine = line }
                kb += foundKB
            }
        }
    }

    /// One walk of the tree for the KB and CVE ids, the headings (with their anchors), links,
    /// notes, raw-HTML ids and link targets.
    func readBody(document: MarkdownNode, into advisory: inout Advisory, lines: inout [RecordField: Int]) -> BodyReferences {
        var kb: [String] = []
        if let subtitle = advisory.subtitle,
           let match = Self.subtitleKB.firstRange(in: subtitle) {
            let number = subtitle[match].filter(\.isNumber)
            advisory.kbPrimary = number
            kb.append(number)
            lines[.kb] = lines[.subtitle]
        }
        var scan = BodyScan(kb: kb, kbLine: lines[.kb], cveLine: lines[.cves])
        withUnsafePointer(to: document) { scan.visit(Span(_unsafeStart: $0, count: 1)) }
        if let line = scan.kbLine { lines[.kb] = line }
        if let line = scan.cveLine { lines[.cves] = line }
        advisory.links += scan.links
        advisory.notes += scan.notes
        advisory.kb = scan.kb.uniqued()
        advisory.cves = scan.cves.uniqued()
        let references = scan.references
        let headings = scan.headings
        if advisory.kbPrimary == nil, advisory.kind == .advisory, advisory.kb.contains(advisory.id) {
            advisory.kbPrimary = advisory.id
        }
        let anchors = HeadingAnchors.assign(headings: headings.map { ($0.line, $0.text) }, reserving: references.rawHTMLIds)
        advisory.headings = headings.map { Heading(level: $0.level, text: Self.folded($0.text), anchor: anchors[$0.line] ?? "", line: $0.line) }
        return references
    }

    /// `（KB2755801）` or `(2755801)` at the end of a subtitle: the primary KB article.
    static let subtitleKB = PlainFirstPattern("[（(]\\s*(?:KB)?(\\d{6,7})\\s*[)）]\\s*$", plain: .sequence([
        .one(.anyOf(["（", "("])), .any(.space), .optional(.literal("KB")), .run(.digit, min: 6, max: 7, lazy: false), .any(.space),
        .one(.anyOf([")", "）"])), .any(.space), .end,
    ]))

    // MARK: FAQ

    func readFAQ(blocks: [MarkdownNode], into advisory: inout Advisory, lines: inout [RecordField: Int]) {
        var current: (question: String, answer: [String], line: Int)?
        func finish() {
            if let entry = current {
                advisory.faq.append(FAQEntry(question: entry.question, answer: entry.answer.joined(separator: "\n").trimmingScalars(ScalarClass.isSpaceOrNewline), line: entry.line))
            }
            current = nil
        }
        // The blocks are read where they lie: a block bound to a local or passed on is copied.
        let blocks = blocks.span
        for index in blocks.indices {
            if case .heading = blocks[index].kind {
                finish()
                continue
            }
            if let (question, answer) = Self.question(in: blocks, at: index) {
                finish()
                current = (question, answer.isEmpty ? [] : [answer], blocks[index].line)
                if lines[.faq] == nil { lines[.faq] = blocks[index].line }
                continue
            }
            guard current != nil else { continue }
            if case .htmlBlock = blocks[index].kind { continue }
            let text = Self.folded(MarkdownNode.plainText(of: blocks, at: index))
            if !text.isEmpty { current?.answer.append(text) }
        }
        finish()
    }

    /// A paragraph `blocks[index]` that opens with a bold question ending in `?` or `？`: the
    /// question and the rest.
    static func question(in blocks: Span<MarkdownNode>, at index: Int) -> (String, String)? {
        guard case .paragraph = blocks[index].kind else { return nil }
        let children = blocks[index].children.span
        guard !children.isEmpty, case .strong = children[0].kind else { return nil }
        let bold = MarkdownNode.plainText(of: children, at: 0)
        // A question ends with `?` or `？` (EF BC 9F); bold without either needs no folding.
        guard TextSearch.containsASCIIOrFullwidth(UInt8(ascii: "?"), in: bold) else { return nil }
        let question = folded(bold)
        guard let last = question.last, last == "?" || last == "？", question.hasAtLeastCharacters(3), question.hasAtMostCharacters(400) else { return nil }
        if children.count > 1, children[1].kind != .softBreak, children[1].kind != .lineBreak {
            if case .text(let text) = children[1].kind, text.allSatisfy(\.isWhitespace) {} else { return nil }
        }
        let answer = MarkdownNode(kind: .paragraph, children: Array(blocks[index].children.dropFirst())).plainText
        return (question, folded(answer))
    }
}
