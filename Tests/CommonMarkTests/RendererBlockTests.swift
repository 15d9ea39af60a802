@testable import CommonMark
import Testing

/// The block shapes the renderer writes (`HTMLRenderer.render`): a paragraph of a tight list
/// item without `<p>` and followed by a line end, a newline after `<li>` unless the item is
/// tight and starts with a paragraph, `start` only on an ordered list not starting at 1, a code
/// block's language class from the first word of its info string when that is letters, digits
/// and `-` (lower-cased), an HTML block ending in a line end. Expected HTML written from those rules.
@Suite("Renderer blocks")
struct RendererBlockTests {
    static let cases: [RenderCase] = [
        RenderCase(name: "block quote of one paragraph", markdown: "> a\n> b",
                   expected: "<blockquote>\n<p>a\nb</p>\n</blockquote>\n"),
        RenderCase(name: "tight list: no <p>, a line end after the text", markdown: "- a\n- b",
                   expected: "<ul>\n<li>a\n</li>\n<li>b\n</li>\n</ul>\n"),
        RenderCase(name: "loose list: paragraphs, and a line end after <li>", markdown: "- a\n\n- b",
                   expected: "<ul>\n<li>\n<p>a</p>\n</li>\n<li>\n<p>b</p>\n</li>\n</ul>\n"),
        RenderCase(name: "ordered list from 3", markdown: "3. a\n4. b",
                   expected: "<ol start=\"3\">\n<li>a\n</li>\n<li>b\n</li>\n</ol>\n"),
        RenderCase(name: "ordered list from 1 has no start", markdown: "1. a",
                   expected: "<ol>\n<li>a\n</li>\n</ol>\n"),
        RenderCase(name: "tight item starting with a code block gets the line end after <li>", markdown: "-     code\n- b",
                   expected: "<ul>\n<li>\n<pre><code>code\n</code></pre>\n</li>\n<li>b\n</li>\n</ul>\n"),
        RenderCase(name: "nested list in a tight item", markdown: "- a\n  - b",
                   expected: "<ul>\n<li>a\n<ul>\n<li>b\n</li>\n</ul>\n</li>\n</ul>\n"),
        RenderCase(name: "code block language lower-cased from the first word", markdown: "``` C-Sharp x\nint a;\n```",
                   expected: "<pre><code class=\"language-c-sharp\">int a;\n</code></pre>\n"),
        RenderCase(name: "code block info that is not a language: no class", markdown: "```c++\na < b\n```",
                   expected: "<pre><code>a &lt; b\n</code></pre>\n"),
        RenderCase(name: "HTML block as it is", markdown: "<div>\n<b>x</b>\n</div>",
                   expected: "<div>\n<b>x</b>\n</div>\n"),
        RenderCase(name: "heading, rule, and a hard break", markdown: "## Zwei\n\n***\n\na\\\nb",
                   expected: "<h2 id=\"zwei\">Zwei</h2>\n<hr />\n<p>a<br />\nb</p>\n"),
        RenderCase(name: "table inside a block quote", markdown: "> | h |\n> | - |\n> | c |",
                   expected: "<blockquote>\n<table>\n<thead>\n<tr>\n<th>h</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>c</td>\n</tr>\n</tbody>\n</table>\n</blockquote>\n"),
    ]

    @Test("rendering", arguments: cases)
    func rendering(_ testCase: RenderCase) {
        #expect(html(testCase.markdown) == testCase.expected)
    }

    @Test("an inline node among blocks is rendered as if it stood alone: a soft break between ideographs shows")
    func inlineAmongBlocks() {
        let document = MarkdownNode(kind: .document, children: [
            MarkdownNode(kind: .text("中")), MarkdownNode(kind: .softBreak), MarkdownNode(kind: .text("文")),
        ])
        #expect(HTMLRenderer().render(document) == "中\n文")
    }

    @Test("an alert: its kind as class, its title escaped, its blocks inside")
    func alert() {
        let document = MarkdownNode(kind: .document, children: [
            MarkdownNode(kind: .alert("note"), children: [
                MarkdownNode(kind: .paragraph, children: [MarkdownNode(kind: .text("x"))]),
            ]),
        ])
        let renderer = HTMLRenderer(alertTitle: { _ in "A & B" })
        #expect(renderer.render(document) == "<div class=\"alert alert-note\">\n<p class=\"alert-title\">A &amp; B</p>\n<p>x</p>\n</div>\n")
    }

    /// Source lines: 1 `p`, 3–4 the list items, 6 the table's header row, 8 its body row.
    @Test("line map: each HTML line to the file line of the block, item, row or cell it starts in")
    func lineMap() {
        let document = MarkdownParser().parse("p\n\n- a\n- b\n\n| h |\n| - |\n| c |\n").document
        let (html, lines) = HTMLRenderer().renderTracingLines(document, headingAnchors: [:])
        #expect(html == "<p>p</p>\n<ul>\n<li>a\n</li>\n<li>b\n</li>\n</ul>\n<table>\n<thead>\n<tr>\n<th>h</th>\n</tr>\n</thead>\n"
            + "<tbody>\n<tr>\n<td>c</td>\n</tr>\n</tbody>\n</table>\n")
        let expected: [(output: Int, file: Int)] = [(1, 1), (2, 3), (3, 3), (5, 4), (8, 6), (10, 6), (11, 6), (15, 8), (16, 8)]
        for (output, file) in expected {
            #expect(lines.fileLine(ofOutputLine: output) == file, "HTML line \(output)")
        }
        #expect(!lines.containsRawHTML)
    }

    /// `<p>段落</p>\n` is bytes 0–13, the HTML block `<div>x</div>\n` 14–26, `<p>文本 <b>粗</b></p>\n`
    /// (inline HTML) 27–51, `<p>尾</p>\n` 52–62: the two blocks with raw HTML are one range,
    /// counted from where the rendered HTML begins, whatever the buffer held before.
    @Test("raw HTML ranges and the appended HTML, after bytes already in the buffer", arguments: ["", "<html><body>"])
    func rawHTMLRangesAfterPrefix(_ prefix: String) {
        let document = MarkdownParser().parse("段落\n\n<div>x</div>\n\n文本 <b>粗</b>\n\n尾\n").document
        let html = "<p>段落</p>\n<div>x</div>\n<p>文本 <b>粗</b></p>\n<p>尾</p>\n"
        var traced = Array(prefix.utf8)
        let lines = HTMLRenderer().renderTracingLines(document, headingAnchors: [:], appendingTo: &traced)
        #expect(String(decoding: traced, as: UTF8.self) == prefix + html)
        #expect(lines.rawHTMLRanges == [14..<52])
        #expect(lines.fileLine(ofOutputLine: 2) == 3)
        #expect(lines.fileLine(ofOutputLine: 4) == 7)
        var plain = Array(prefix.utf8)
        HTMLRenderer().render(document, headingAnchors: [:], appendingTo: &plain)
        #expect(String(decoding: plain, as: UTF8.self) == prefix + html)
    }
}

/// An HTML block gets a line end after it unless its last character is one: CR LF is one
/// character (Unicode's grapheme rules keep CR LF together and break after either alone).
@Suite("HTML block line end")
struct HTMLBlockLineEndTests {
    @Test("ends with a line feed character", arguments: [
        ("<p>\n", true), ("\n", true), ("<p>\n\n", true), ("<p>\r\n", false), ("\r\n", false), ("<p>\r", false),
        ("<p>", false), ("", false), ("<p>\n\u{301}", false), ("中\n", true), ("\r\n\n", true),
    ])
    func endsWithLineFeed(_ text: String, _ expected: Bool) {
        #expect(HTMLRenderer.endsWithLineFeed(text) == expected)
    }
}
