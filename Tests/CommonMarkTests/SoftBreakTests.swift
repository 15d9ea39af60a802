import CommonMark
import Testing

/// CSS Text 3 segment-break rule: a soft break between two East Asian wide characters (F, W, H)
/// that are not Hangul renders as nothing; otherwise as a line break (shown as a space).
@Suite("East Asian soft line breaks")
struct SoftBreakTests {
    static let cases: [RenderCase] = [
        RenderCase(name: "zh: the 954474 FAQ question and answer", markdown: "有多大？\n此通报", expected: "<p>有多大？此通报</p>\n"),
        RenderCase(name: "ja: kana on both sides", markdown: "お知らせ\nです", expected: "<p>お知らせです</p>\n"),
        RenderCase(name: "ko: Hangul keeps the space", markdown: "중요합니다\n이 문서", expected: "<p>중요합니다\n이 문서</p>\n"),
        RenderCase(name: "Hangul on one side only", markdown: "中文\n한국어", expected: "<p>中文\n한국어</p>\n"),
        RenderCase(name: "Latin before CJK", markdown: "Windows\n更新", expected: "<p>Windows\n更新</p>\n"),
        RenderCase(name: "CJK before Latin", markdown: "更新\nWindows", expected: "<p>更新\nWindows</p>\n"),
        RenderCase(name: "strong before the break", markdown: "**强调**\n中文", expected: "<p><strong>强调</strong>中文</p>\n"),
        RenderCase(name: "link after the break", markdown: "参见\n[公告](https://example.com/)", expected: "<p>参见<a href=\"https://example.com/\">公告</a></p>\n"),
        RenderCase(name: "full-width punctuation counts as wide", markdown: "说明。\n（注）", expected: "<p>说明。（注）</p>\n"),
        RenderCase(name: "a hard break is kept", markdown: "有多大？  \n此通报", expected: "<p>有多大？<br />\n此通报</p>\n"),
    ]

    @Test("rendering", arguments: cases)
    func rendering(_ testCase: RenderCase) {
        #expect(html(testCase.markdown) == testCase.expected)
    }

    @Test("plain text agrees with the page", arguments: [
        ("有多大？\n此通报", "有多大？此通报"), ("중요합니다\n이 문서", "중요합니다 이 문서"), ("Windows\n更新", "Windows 更新"),
    ])
    func plainText(_ markdown: String, _ expected: String) {
        #expect(MarkdownParser().parse(markdown).document.plainText == expected)
    }

    struct EdgeCase: CustomTestStringConvertible, Sendable {
        var name: String
        var previous: MarkdownNode
        var next: MarkdownNode
        var joins: Bool
        var testDescription: String { name }
    }

    static let edgeCases: [EdgeCase] = [
        EdgeCase(name: "text, then strong holding ideographs", previous: MarkdownNode(kind: .text("中文")),
                 next: MarkdownNode(kind: .strong, children: [MarkdownNode(kind: .text("强调")), MarkdownNode(kind: .text("abc"))]), joins: true),
        EdgeCase(name: "the last child of a link inside emphasis counts", previous: MarkdownNode(kind: .emphasis, children: [
            MarkdownNode(kind: .link(url: "u", title: ""), children: [MarkdownNode(kind: .text("abc")), MarkdownNode(kind: .code("代码"))]),
        ]), next: MarkdownNode(kind: .text("说明")), joins: true),
        EdgeCase(name: "empty emphasis has no edge", previous: MarkdownNode(kind: .emphasis),
                 next: MarkdownNode(kind: .text("中")), joins: false),
        EdgeCase(name: "Latin at the inner edge", previous: MarkdownNode(kind: .link(url: "u", title: ""), children: [
            MarkdownNode(kind: .text("中文")), MarkdownNode(kind: .emphasis, children: [MarkdownNode(kind: .text("abc"))]),
        ]), next: MarkdownNode(kind: .text("中")), joins: false),
        EdgeCase(name: "Hangul after code", previous: MarkdownNode(kind: .code("代码")), next: MarkdownNode(kind: .text("한국어")), joins: false),
        EdgeCase(name: "an image has no edge", previous: MarkdownNode(kind: .image(url: "u", title: ""), children: [MarkdownNode(kind: .text("图"))]),
                 next: MarkdownNode(kind: .text("中")), joins: false),
    ]

    @Test("the characters on both sides, read from nested inlines", arguments: edgeCases)
    func edges(_ c: EdgeCase) {
        #expect(SoftBreak.joinsWithoutSpace(c.previous, c.next) == c.joins)
        let paragraph = MarkdownNode(kind: .paragraph, children: [c.previous, MarkdownNode(kind: .softBreak), c.next])
        #expect(paragraph.plainText.contains(" ") == !c.joins)
        // "<p>…</p>\n": a newline before the last one is the soft break shown.
        #expect(HTMLRenderer().render(MarkdownNode(kind: .document, children: [paragraph])).dropLast().contains("\n") == !c.joins)
    }
}
