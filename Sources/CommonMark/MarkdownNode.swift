import AdvisoryModel

/// A node of a parsed Markdown document: a value tree with source positions in file coordinates.
public struct MarkdownNode: Sendable, Hashable {
    /// What the node is, with the data that kind carries.
    public enum Kind: Sendable, Hashable {
        case document
        case blockQuote
        /// A DocFX alert (`> [!NOTE]`): the kind in lower case ("note", "important", ...).
        case alert(String)
        case list(ordered: Bool, start: Int, tight: Bool)
        case item
        case codeBlock(info: String, literal: String)
        case htmlBlock(String)
        case paragraph
        case heading(level: Int)
        case thematicBreak
        case table
        case tableRow(header: Bool)
        case tableCell
        case text(String)
        case softBreak
        case lineBreak
        case code(String)
        case htmlInline(String)
        case emphasis
        case strong
        case strikethrough
        case link(url: String, title: String)
        case image(url: String, title: String)
    }

    public var kind: Kind
    public var children: [MarkdownNode]
    /// 1-based line in the source file (front matter and preprocessing accounted for).
    public var line: Int
    /// 1-based column in bytes of the line, as cmark reports it.
    public var column: Int
    /// Last line of the node in the source file.
    public var endLine: Int

    public init(kind: Kind, children: [MarkdownNode] = [], line: Int = 0, column: Int = 0, endLine: Int = 0) {
        self.kind = kind
        self.children = children
        self.line = line
        self.column = column
        self.endLine = endLine
    }

    /// True for block-level nodes.
    public var isBlock: Bool {
        switch kind {
        case .document, .blockQuote, .alert, .list, .item, .codeBlock, .htmlBlock, .paragraph, .heading,
             .thematicBreak, .table, .tableRow, .tableCell:
            true
        default:
            false
        }
    }

    /// The text a reader sees, without markup: soft breaks become spaces (none between East Asian
    /// wide characters other than Hangul, as on the page), hard breaks newlines, raw HTML tags
    /// are dropped.
    public var plainText: String {
        withUnsafePointer(to: self) { Self.plainText(of: Span(_unsafeStart: $0, count: 1), at: 0) }
    }

    /// `nodes[index].plainText`, read where the node lies (a node bound to a local, or a method
    /// called on it, is copied; a span of its children is not).
    public static func plainText(of nodes: Span<MarkdownNode>, at index: Int) -> String {
        if let text = onlyText(of: nodes, at: index) { return text }
        var out = ""
        appendPlainText(of: nodes, at: index, to: &out)
        return out
    }

    /// The plain text of a text or code node, or of a container whose one child has it, read
    /// where it lies (table cells, headings, links of one text); nil for any other node. A first
    /// child gets nothing before it, so this is what `appendPlainText` would give.
    private static func onlyText(of nodes: Span<MarkdownNode>, at index: Int) -> String? {
        switch nodes[index].kind {
        case .text(let text), .code(let text):
            return text
        case .document, .blockQuote, .alert, .list, .item, .paragraph, .heading, .table, .tableRow, .tableCell,
             .emphasis, .strong, .strikethrough, .link, .image:
            let children = nodes[index].children.span
            guard children.count == 1 else { return nil }
            return onlyText(of: children, at: 0)
        case .codeBlock, .htmlBlock, .htmlInline, .softBreak, .lineBreak, .thematicBreak:
            return nil
        }
    }

    /// Appends the plain text of `siblings[index]`, read where it lies.
    private static func appendPlainText(of siblings: Span<MarkdownNode>, at index: Int, to out: inout String) {
        switch siblings[index].kind {
        case .text(let s), .code(let s):
            out += s
        case .codeBlock(_, let literal):
            out += literal
        case .softBreak:
            out += " "
        case .lineBreak:
            out += "\n"
        case .htmlInline(let html), .htmlBlock(let html):
            out += HTMLText.strippingTags(html)
        default:
            let children = siblings[index].children.span
            for child in children.indices {
                if child > 0, children[child].isBlock { out += "\n" }
                if case .softBreak = children[child].kind, SoftBreak.joinsWithoutSpace(around: child, in: children) {
                    continue
                }
                appendPlainText(of: children, at: child, to: &out)
            }
        }
    }

    /// Visits this node and every descendant, depth first, in document order.
    public func forEach(_ body: (MarkdownNode) throws -> Void) rethrows {
        try body(self)
        try Self.forEachDescendant(of: children.span, body)
    }

    /// Visits each of `nodes` and its descendants; a node is copied only to be handed to `body`.
    private static func forEachDescendant(of nodes: Span<MarkdownNode>, _ body: (MarkdownNode) throws -> Void) rethrows {
        for index in nodes.indices {
            try body(nodes[index])
            try forEachDescendant(of: nodes[index].children.span, body)
        }
    }
}

/// Small helpers for raw HTML text.
public enum HTMLText {
    /// Drops tags and decodes the five basic entities: `<p>13. Juni</p>` → `13. Juni`.
    public static func strippingTags(_ html: String) -> String {
        guard html.utf8.contains(where: { $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: "&") }) else { return html }
        var out = ""
        var inTag = false
        for ch in html {
            if inTag {
                if ch == ">" { inTag = false }
            } else if ch == "<" {
                inTag = true
            } else {
                out.append(ch)
            }
        }
        return decodingBasicEntities(out)
    }

    /// Decodes `&amp; &lt; &gt; &quot; &#39; &nbsp;` and numeric references.
    public static func decodingBasicEntities(_ text: String) -> String {
        guard text.containsByte(UInt8(ascii: "&")) else { return text }
        var out = ""
        var rest = Substring(text)
        while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            let after = rest[amp...]
            if let semi = after.prefix(10).firstIndex(of: ";") {
                let name = after[after.index(after: amp)..<semi]
                if let decoded = decode(entity: name) {
                    out += decoded
                    rest = after[after.index(after: semi)...]
                    continue
                }
            }
            out += "&"
            rest = after.dropFirst()
        }
        out += rest
        return out
    }

    private static func decode(entity name: Substring) -> String? {
        switch name {
        case "amp": return "&"
        case "lt": return "<"
        case "gt": return ">"
        case "quot": return "\""
        case "apos": return "'"
        case "nbsp": return "\u{00A0}"
        default:
            guard name.hasPrefix("#") else { return nil }
            let digits = name.dropFirst()
            let value = digits.hasPrefix("x") || digits.hasPrefix("X")
                ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits)
            return value.flatMap(Unicode.Scalar.init).map { String(Character($0)) }
        }
    }
}
