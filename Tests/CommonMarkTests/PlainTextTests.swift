import CommonMark
import Testing

@Suite("Plain text of the tree, and the kinds of table nodes")
struct PlainTextTests {
    struct PlainTextCase: CustomTestStringConvertible, Sendable {
        var name: String
        var node: MarkdownNode
        var expected: String
        var testDescription: String { name }
    }

    static func node(_ kind: MarkdownNode.Kind, _ children: [MarkdownNode] = []) -> MarkdownNode {
        MarkdownNode(kind: kind, children: children)
    }

    static let plainTextCases: [PlainTextCase] = [
        PlainTextCase(name: "a text node", node: node(.text("受影响的软件")), expected: "受影响的软件"),
        PlainTextCase(name: "a cell of one text", node: node(.tableCell, [node(.text("Windows 7"))]), expected: "Windows 7"),
        PlainTextCase(name: "a heading of strong text", node: node(.heading(level: 2), [node(.strong, [node(.text("常见问题"))])]), expected: "常见问题"),
        PlainTextCase(name: "a link of code", node: node(.link(url: "u", title: "t"), [node(.code("x < y"))]), expected: "x < y"),
        PlainTextCase(name: "a document of one item of one paragraph", node: node(.document, [node(.list(ordered: false, start: 0, tight: true), [
            node(.item, [node(.paragraph, [node(.text("一项"))])]),
        ])]), expected: "一项"),
        PlainTextCase(name: "two texts", node: node(.paragraph, [node(.text("a")), node(.emphasis, [node(.text("b"))])]), expected: "ab"),
        PlainTextCase(name: "a soft break between Latin words", node: node(.paragraph, [node(.text("a")), node(.softBreak), node(.text("b"))]),
                      expected: "a b"),
        PlainTextCase(name: "a cell of one raw HTML node", node: node(.tableCell, [node(.htmlInline("<b>13. Juni</b>"))]), expected: "13. Juni"),
        PlainTextCase(name: "a cell of one soft break", node: node(.tableCell, [node(.softBreak)]), expected: " "),
        PlainTextCase(name: "a cell of one line break", node: node(.tableCell, [node(.lineBreak)]), expected: "\n"),
        PlainTextCase(name: "an empty cell", node: node(.tableCell), expected: ""),
        PlainTextCase(name: "a code block", node: node(.document, [node(.codeBlock(info: "sh", literal: "ls\n"))]), expected: "ls\n"),
        PlainTextCase(name: "two blocks", node: node(.blockQuote, [node(.paragraph, [node(.text("a"))]), node(.paragraph, [node(.text("b"))])]),
                      expected: "a\nb"),
        PlainTextCase(name: "a thematic break", node: node(.thematicBreak), expected: ""),
    ]

    @Test("plain text of single-child chains and of everything else", arguments: plainTextCases)
    func plainText(_ c: PlainTextCase) {
        #expect(c.node.plainText == c.expected)
    }

    /// Read where it lies among siblings (as the renderer and the extractor's walks read it), a
    /// node gives its own text: nothing of the text or soft breaks beside it.
    @Test("plain text of a node read among its siblings", arguments: plainTextCases)
    func plainTextAmongSiblings(_ c: PlainTextCase) {
        let siblings = [Self.node(.text("前")), Self.node(.softBreak), c.node, Self.node(.softBreak), Self.node(.text("后"))]
        #expect(MarkdownNode.plainText(of: siblings.span, at: 2) == c.expected)
        #expect(MarkdownNode.plainText(of: siblings.span, at: 0) == "前")
        #expect(MarkdownNode.plainText(of: siblings.span, at: 1) == " ")
    }

    /// The table extension's nodes, told apart by their registered types: a table, its header row
    /// (the row above the delimiter row), a body row, cells; `~~` stays text (strikethrough is off).
    @Test("table nodes get their kinds, the header row marked")
    func tableKinds() {
        var kinds: [MarkdownNode.Kind] = []
        MarkdownParser().parse("| h |\n|---|\n| ~~c~~ |\n").document.forEach { kinds.append($0.kind) }
        #expect(kinds == [
            .document, .table,
            .tableRow(header: true), .tableCell, .text("h"),
            .tableRow(header: false), .tableCell, .text("~~c~~"),
        ])
    }
}
