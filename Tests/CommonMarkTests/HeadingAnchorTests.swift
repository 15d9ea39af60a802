import CommonMark
import Testing

@Suite("Heading anchors")
struct HeadingAnchorTests {
    @Test("slugs keep every script's letters", arguments: [
        ("一般信息", "一般信息"),
        ("Häufig gestellte Fragen (FAQ)", "häufig-gestellte-fragen-faq"),
        ("Affected Software", "affected-software"),
        ("常见问题 (FAQ)", "常见问题-faq"),
        ("Обзор", "обзор"),
        ("개요", "개요"),
        ("よく寄せられる質問", "よく寄せられる質問"),
        ("1.2 Mitigating_Factors", "12-mitigating_factors"),
        ("Microsoft 安全通报 954474", "microsoft-安全通报-954474"),
        ("???", ""),
        ("ΟΔΟΣ ΣΑΣ", "οδοσ-σασ"),                  // each capital sigma lowers to σ (no final form)
        ("İSTANBUL", "i\u{0307}stanbul"),           // İ lowers to i and a combining dot (Mn, kept)
        ("ÀB Ĳ", "àb-ĳ"),
        ("보안 권고", "보안-권고"),                   // Hangul syllables
        ("一般信息：概述", "一般信息概述"),           // full-width colon: punctuation, dropped
        (String(repeating: "A", count: 85), String(repeating: "a", count: 80)),
        (String(repeating: "İ", count: 50), String(repeating: "i\u{0307}", count: 40)),
    ])
    func slug(_ text: String, _ expected: String) {
        #expect(HeadingAnchors.slug(text) == expected)
    }

    @Test("unique within a document, section-N without letters")
    func unique() {
        var anchors = HeadingAnchors()
        #expect(["FAQ", "FAQ", "faq", "???"].map { anchors.next(for: $0) } == ["faq", "faq-2", "faq-3", "section-4"])
    }

    @Test("ids in raw HTML are never given to a heading")
    func reservesRawIds() {
        let document = MarkdownParser().parse("<span id=\"faq\"></span>\n\n## FAQ\n\n## 概述\n").document
        #expect(HeadingAnchors.assign(in: document) == [3: "faq-2", 5: "概述"])
        // Also an id that comes after the heading.
        let later = MarkdownParser().parse("## FAQ\n\n<span id=\"faq\"></span>\n\n## FAQ\n").document
        #expect(HeadingAnchors.assign(in: later) == [1: "faq-2", 5: "faq-3"])
    }

    @Test("the renderer gives headings the anchors it is handed, by line")
    func rendererUsesGivenAnchors() {
        let document = MarkdownParser().parse("# 标题\n\n### 一般信息\n").document
        #expect(HTMLRenderer().render(document, headingAnchors: [1: "microsoft-安全通报", 3: "一般信息"])
            == "<h1 id=\"microsoft-安全通报\">标题</h1>\n<h3 id=\"一般信息\">一般信息</h3>\n")
        #expect(HTMLRenderer().render(document) == "<h1 id=\"标题\">标题</h1>\n<h3 id=\"一般信息\">一般信息</h3>\n")
    }

    @Test("rendered HTML lines map back to file lines")
    func lineMap() throws {
        let markdown = "# 标题\n\n段落\n第二行\n\n<div>\n<script>x</script>\n</div>\n"
        let rendered = HTMLRenderer().renderTracingLines(MarkdownParser().parse(markdown).document)
        let lines = rendered.html.split(separator: "\n", omittingEmptySubsequences: false)
        let scriptLine = try #require(lines.firstIndex { $0.contains("<script>") }) + 1
        #expect(rendered.lines.fileLine(ofOutputLine: scriptLine) == 7)
        #expect(rendered.lines.fileLine(ofOutputLine: 1) == 1)
        // Appended after bytes already in a buffer (without a line break), with the same lines.
        var buffer = Array("<html><body>".utf8)
        let appended = HTMLRenderer().renderTracingLines(MarkdownParser().parse(markdown).document, appendingTo: &buffer)
        #expect(String(decoding: buffer, as: UTF8.self) == "<html><body>" + rendered.html)
        #expect(appended.fileLine(ofOutputLine: scriptLine) == 7)
        #expect(appended.fileLine(ofOutputLine: 1) == 1)
    }
}
