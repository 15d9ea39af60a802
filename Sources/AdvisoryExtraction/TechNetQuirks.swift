import AdvisoryModel
import CommonMark
import Foundation

/// The TechNet conventions that live in the parsed tree, handled once here:
/// DocFX alerts, template lines before the title and the build trailer after the content.
public enum TechNetQuirks {
    /// What was taken out of the tree.
    public struct Removed: Sendable {
        public var templateLines: [String] = []
        /// The build time of the trailer as an ISO 8601 timestamp (`BuildStamp`); nil when it has none.
        public var builtAt: String?
        public var builtAtLine: Int?
    }

    private static let alertKinds: Set<String> = ["note", "important", "caution", "warning", "tip"]

    /// Applies every quirk to a parsed document.
    public static func apply(to document: inout MarkdownNode) -> Removed {
        var removed = Removed()
        convertAlerts(in: &document)
        if let h1 = document.children.firstIndex(where: { if case .heading(1) = $0.kind { true } else { false } }), h1 > 0 {
            var kept: [MarkdownNode] = []
            for node in document.children[..<h1] {
                if case .paragraph = node.kind, node.line == node.endLine, node.plainText.count <= 60 {
                    removed.templateLines.append(node.plainText)
                } else {
                    kept.append(node)
                }
            }
            document.children.replaceSubrange(..<h1, with: kept)
        }
        if let last = document.children.last, isTrailer(last) {
            removed.builtAt = BuildStamp.timestamp(in: last.plainText)
            removed.builtAtLine = last.line
            document.children.removeLast()
        }
        return removed
    }

    /// `*Built at 2014-04-18T13:49:36Z-07:00*`, `*页面生成时间：2014-12-03 17:49Z-08:00。*`, `*Seite generiert am …*`.
    static func isTrailer(_ node: MarkdownNode) -> Bool {
        guard case .paragraph = node.kind, node.children.count == 1, case .emphasis = node.children[0].kind else { return false }
        let text = node.plainText
        if text.hasPrefix("Built at") { return true }
        return clockWithOffset.matches(text) || isoDateTime.matches(text)
    }

    static let clockWithOffset = PlainFirstPattern("\\d{1,2}:\\d{2}(:\\d{2})?Z?[-+]\\d{2}:?\\d{2}", plain: .sequence([
        .run(.digit, min: 1, max: 2, lazy: false), .one(.anyOf([":"])), .exactly(2, .digit),
        .optional(.sequence([.one(.anyOf([":"])), .exactly(2, .digit)])), .optional(.one(.anyOf(["Z"]))),
        .one(.anyOf(["-", "+"])), .exactly(2, .digit), .optional(.one(.anyOf([":"]))), .exactly(2, .digit),
    ]))
    static let isoDateTime = PlainFirstPattern("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d", plain: .sequence([
        .exactly(4, .digit), .one(.anyOf(["-"])), .exactly(2, .digit), .one(.anyOf(["-"])), .exactly(2, .digit),
        .one(.anyOf(["T"])), .exactly(2, .digit), .one(.anyOf([":"])), .exactly(2, .digit),
    ]))

    /// `> [!NOTE]` block quotes become `.alert("note")` nodes without the marker.
    static func convertAlerts(in node: inout MarkdownNode) {
        // Block quotes stand only in containers: paragraphs, headings and tables hold none.
        switch node.kind {
        case .document, .blockQuote, .alert, .list, .item: break
        default: return
        }
        for index in node.children.indices where node.children[index].isBlock {
            convertAlerts(in: &node.children[index])
        }
        guard case .blockQuote = node.kind, var first = node.children.first, case .paragraph = first.kind,
              let marker = first.children.first, case .text(let text) = marker.kind else { return }
        let trimmed = text.drop(while: { $0 == " " })
        guard trimmed.hasPrefix("[!"), let close = trimmed.firstIndex(of: "]") else { return }
        let kind = trimmed[trimmed.index(trimmed.startIndex, offsetBy: 2)..<close].lowercased()
        guard alertKinds.contains(kind) else { return }
        let rest = trimmed[trimmed.index(after: close)...].drop(while: { $0 == " " })
        first.children.removeFirst()
        if !rest.isEmpty {
            first.children.insert(MarkdownNode(kind: .text(String(rest)), line: marker.line, column: marker.column, endLine: marker.endLine), at: 0)
        }
        while let head = first.children.first, head.kind == .softBreak || head.kind == .lineBreak {
            first.children.removeFirst()
        }
        node.kind = .alert(kind)
        if first.children.isEmpty {
            node.children.removeFirst()
        } else {
            node.children[0] = first
        }
    }
}
