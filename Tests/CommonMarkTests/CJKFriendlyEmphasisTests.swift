import CommonMark
import Testing

/// Expected HTML worked out by hand from the CJK-friendly amendment's flanking rules
/// (tats-u/markdown-cjk-friendly, specification.md §6.2) and CommonMark's "process emphasis".
@Suite("CJK-friendly emphasis")
struct CJKFriendlyEmphasisTests {
    static let cjkCases: [RenderCase] = [
        RenderCase(name: "zh: closing ** after 。 and before a letter (corpus 15480185 line 22)",
                   markdown: "**本指南的目标读者。**此部分介绍",
                   expected: "<p><strong>本指南的目标读者。</strong>此部分介绍</p>\n"),
        RenderCase(name: "zh: full-width colon before a letter",
                   markdown: "**注意：**请安装更新。",
                   expected: "<p><strong>注意：</strong>请安装更新。</p>\n"),
        RenderCase(name: "zh: full-width parentheses inside a sentence",
                   markdown: "这是**（重要）**信息",
                   expected: "<p>这是<strong>（重要）</strong>信息</p>\n"),
        RenderCase(name: "zh: book title marks 《》 then 。",
                   markdown: "请参阅**《安全公告》**。",
                   expected: "<p>请参阅<strong>《安全公告》</strong>。</p>\n"),
        RenderCase(name: "zh: single * emphasis after 。",
                   markdown: "*强调。*后文",
                   expected: "<p><em>强调。</em>后文</p>\n"),
        RenderCase(name: "ja: corner brackets 「」 then the particle は",
                   markdown: "**「重要」**は必ず読んでください",
                   expected: "<p><strong>「重要」</strong>は必ず読んでください</p>\n"),
        RenderCase(name: "ja: 『』 between letters and the particle を",
                   markdown: "詳細は**『セキュリティ情報』**を参照",
                   expected: "<p>詳細は<strong>『セキュリティ情報』</strong>を参照</p>\n"),
        RenderCase(name: "ja: emphasis between letters (plain CommonMark already)",
                   markdown: "これは**重要な**お知らせです。",
                   expected: "<p>これは<strong>重要な</strong>お知らせです。</p>\n"),
        RenderCase(name: "ko: ASCII colon then Hangul (rule 2bγ of right-flanking)",
                   markdown: "**참고:**이 문서는",
                   expected: "<p><strong>참고:</strong>이 문서는</p>\n"),
        RenderCase(name: "nesting: emphasis inside strong, both closing after CJK punctuation",
                   markdown: "**中文*强调。*后**。",
                   expected: "<p><strong>中文<em>强调。</em>后</strong>。</p>\n"),
        RenderCase(name: "mixed Latin and CJK nesting",
                   markdown: "**Windows 更新*（KB123）*。**安装",
                   expected: "<p><strong>Windows 更新<em>（KB123）</em>。</strong>安装</p>\n"),
        RenderCase(name: "code spans are left alone",
                   markdown: "`**代码。**此` 与 **说明。**此",
                   expected: "<p><code>**代码。**此</code> 与 <strong>说明。</strong>此</p>\n"),
        RenderCase(name: "escaped markers stay literal",
                   markdown: "\\*\\*注意。\\*\\*此",
                   expected: "<p>**注意。**此</p>\n"),
        RenderCase(name: "entity markers stay literal",
                   markdown: "&#42;&#42;注意。&#42;&#42;此",
                   expected: "<p>**注意。**此</p>\n"),
        RenderCase(name: "__ cannot close before a letter (rule 7 unchanged)",
                   markdown: "__注意。__请",
                   expected: "<p>__注意。__请</p>\n"),
        RenderCase(name: "an unclosed ** stays text",
                   markdown: "**未闭合的强调。",
                   expected: "<p>**未闭合的强调。</p>\n"),
        RenderCase(name: "inside link text",
                   markdown: "[**说明。**此](https://example.com/)",
                   expected: "<p><a href=\"https://example.com/\"><strong>说明。</strong>此</a></p>\n"),
        RenderCase(name: "in a table cell",
                   markdown: "| 项目 | 说明 |\n|---|---|\n| **注意：**此 | 正文 |",
                   expected: "<table>\n<thead>\n<tr>\n<th>项目</th>\n<th>说明</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td><strong>注意：</strong>此</td>\n<td>正文</td>\n</tr>\n</tbody>\n</table>\n"),
        RenderCase(name: "raw HTML blocks are not Markdown",
                   markdown: "<div>\n**注意：**此\n</div>",
                   expected: "<div>\n**注意：**此\n</div>\n"),
        RenderCase(name: "on a lazy continuation line of a block quote",
                   markdown: "> 第一行\n**注意：**此",
                   expected: "<blockquote>\n<p>第一行<strong>注意：</strong>此</p>\n</blockquote>\n"),
    ]

    /// The one repair beyond the amendment (`Matcher.closeAfterWhiteSpace`), in CJK text only.
    static let repairCases: [RenderCase] = [
        RenderCase(name: "white space before the closing ** (corpus 2962393)",
                   markdown: "**注意? **Windows RT 8.1 的更新",
                   expected: "<p><strong>注意?</strong> Windows RT 8.1 的更新</p>\n"),
        RenderCase(name: "closing ** after a hard break (corpus 3009008 line 187)",
                   markdown: "**造成此漏洞的原因是什么？\u{00A0}  \n**造成此漏洞的原因是 SSL 3.0",
                   expected: "<p><strong>造成此漏洞的原因是什么？</strong>\u{00A0}<br />\n造成此漏洞的原因是 SSL 3.0</p>\n"),
        RenderCase(name: "closing ** after a soft break (corpus 2728973 line 149)",
                   markdown: "**如何验证证书？\n**对于使用自动更新程序的系统",
                   expected: "<p><strong>如何验证证书？</strong>对于使用自动更新程序的系统</p>\n"),
        RenderCase(name: "a ** after white space with no opener stays text",
                   markdown: "请注意 **此处",
                   expected: "<p>请注意 **此处</p>\n"),
        RenderCase(name: "Latin text is not repaired",
                   markdown: "**Hinweis **Text",
                   expected: "<p>**Hinweis **Text</p>\n"),
    ]

    @Test("the white-space repair", arguments: repairCases)
    func repair(_ testCase: RenderCase) {
        #expect(html(testCase.markdown) == testCase.expected)
    }

    @Test("CJK text", arguments: cjkCases)
    func cjk(_ testCase: RenderCase) {
        #expect(html(testCase.markdown) == testCase.expected)
    }

    /// Text without CJK characters follows CommonMark as cmark-gfm does (spec 0.29 examples).
    static let latinCases: [RenderCase] = [
        RenderCase(name: "punctuation before letters does not close", markdown: "**foo.**bar", expected: "<p>**foo.**bar</p>\n"),
        RenderCase(name: "intraword underscore", markdown: "_foo_bar_", expected: "<p><em>foo_bar</em></p>\n"),
        RenderCase(name: "rule of three", markdown: "*foo**bar**baz*", expected: "<p><em>foo<strong>bar</strong>baz</em></p>\n"),
        RenderCase(name: "German slip **.**", markdown: "Siehe **Hinweis**.**", expected: "<p>Siehe <strong>Hinweis</strong>.**</p>\n"),
        RenderCase(name: "Latin next to CJK text elsewhere", markdown: "中文 **foo.**bar", expected: "<p>中文 **foo.**bar</p>\n"),
    ]

    @Test("text without CJK", arguments: latinCases)
    func latin(_ testCase: RenderCase) {
        #expect(html(testCase.markdown) == testCase.expected)
    }

    struct MarkerCase: CustomTestStringConvertible, Sendable {
        var name: String
        var markdown: String
        var expected: [MarkdownParser.VisibleMarker]
        var testDescription: String { name }
    }

    static let markerCases: [MarkerCase] = [
        MarkerCase(name: "unclosed ** at the start", markdown: "**未闭合的强调。", expected: [.init(marker: "**", line: 1, column: 1)]),
        MarkerCase(name: "columns count characters, not bytes", markdown: "第一行\n说明**。", expected: [.init(marker: "**", line: 2, column: 3)]),
        MarkerCase(name: "German slip after strong", markdown: "Siehe **Hinweis**.**", expected: [.init(marker: "**", line: 1, column: 19)]),
        MarkerCase(name: "escaped markers are not reported", markdown: "\\*\\*注意。\\*\\*此", expected: []),
        MarkerCase(name: "matched emphasis is not reported", markdown: "**本指南的目标读者。**此部分介绍", expected: []),
        MarkerCase(name: "a single * is not reported", markdown: "*Windows Server 2008", expected: []),
        MarkerCase(name: "in a table cell", markdown: "| a |\n|---|\n| x **y |", expected: [.init(marker: "**", line: 3, column: 5)]),
        MarkerCase(name: "in a raw HTML block (not Markdown there)", markdown: "<table>\n<tr><td>**注意：**此</td></tr>\n</table>",
                   expected: [.init(marker: "**", line: 2, column: 9), .init(marker: "**", line: 2, column: 14)]),
        MarkerCase(name: "a footnote mark in raw HTML, after a word or a tag and before a tag, is the author's",
                   markdown: "<table>\n<tr><td>Service Pack 2**</td><td><strong>**</strong></td></tr>\n</table>", expected: []),
        MarkerCase(name: "a run after white space and before a tag is reported", markdown: "<table>\n<tr><td>版本 **</td></tr>\n</table>",
                   expected: [.init(marker: "**", line: 2, column: 12)]),
        MarkerCase(name: "a run after an ideographic space and before a tag is reported", markdown: "<table>\n<tr><td>版本\u{3000}**</td></tr>\n</table>",
                   expected: [.init(marker: "**", line: 2, column: 12)]),
        MarkerCase(name: "inside strong cmark-gfm made (de-DE ms13-080.md:1025)",
                   markdown: "**Weshalb wurde dieses Bulletin am** **8.** **Oktober****2013** **überarbeitet?**",
                   expected: [.init(marker: "****", line: 1, column: 54)]),
        MarkerCase(name: "not in raw HTML code or tags", markdown: "<div title=\"**\">\n<code>a**b</code>\n</div>", expected: []),
    ]

    @Test("markers still shown are reported with line and column", arguments: markerCases)
    func visibleMarkers(_ testCase: MarkerCase) {
        #expect(MarkdownParser().parse(testCase.markdown).visibleMarkers == testCase.expected)
    }

    @Test("a 10,000-character ** run stays text")
    func longRun() {
        let run = String(repeating: "*", count: 10_000)
        let result = MarkdownParser().parse(run + "中文")
        #expect(HTMLRenderer().render(result.document) == "<p>" + run + "中文</p>\n")
        #expect(result.visibleMarkers == [.init(marker: run, line: 1, column: 1)])
        let between = MarkdownParser().parse("中" + run + "文")
        #expect(HTMLRenderer().render(between.document) == "<p>中" + run + "文</p>\n")
    }

    @Test("5,000 runs between CJK letters pair up in order")
    func manyRuns() {
        let output = html(String(repeating: "中**", count: 5_000))
        #expect(output.components(separatedBy: "<strong>").count - 1 == 2_500)
    }

    @Test("deep nesting stays within the parser's depth limit")
    func deepNesting() {
        let markdown = String(repeating: "**中 ", count: 3_000) + String(repeating: "文** ", count: 3_000)
        let parser = MarkdownParser(maximumDepth: 96)
        let result = parser.parse(markdown)
        #expect(result.flattenedAtLine == 1)
        var deepest = 0
        func depth(_ node: MarkdownNode, _ level: Int) {
            deepest = max(deepest, level)
            node.children.forEach { depth($0, level + 1) }
        }
        depth(result.document, 0)
        #expect(deepest <= 98)
        #expect(HTMLRenderer().render(result.document).contains("中"))
    }

    @Test("unbalanced and mixed markers never lose text", arguments: [
        "**中*文**字*", "*中**文*字**", "***中文。***此", "_中_文_字_", "**中\n文**", "**中[文**](x)", "<b>**中文。**此</b>", "中**`代码`**文",
    ])
    func keepsText(_ markdown: String) {
        let document = MarkdownParser().parse(markdown).document
        let letters = markdown.filter { CJK.isWide($0) }
        #expect(document.plainText.filter { CJK.isWide($0) } == letters)
    }
}
