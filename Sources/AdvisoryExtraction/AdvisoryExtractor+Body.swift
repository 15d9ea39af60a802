import AdvisoryModel
import CommonMark
import Foundation

/// What the body holds as a whole: KB and CVE ids, the FAQ, headings, links and notes.
extension AdvisoryExtractor {
    // MARK: Identifiers

    func readIdentifiers(document: MarkdownNode, into advisory: inout Advisory, lines: inout [RecordField: Int]) {
        var kb: [String] = []
        var cves: [String] = []
        if let subtitle = advisory.subtitle,
           let match = Self.subtitleKB.firstRange(in: subtitle) {
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

    // MARK: Structure

    func readStructure(document: MarkdownNode, into advisory: inout Advisory, lines: inout [RecordField: Int]) {
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
}
