import AdvisoryExtraction
import AdvisoryModel
import CommonMark
import Testing

/// The converter's empty and white-space-only bold, and fences the preprocessor must see, on
/// shapes copied from the corpus (`../shared/corpus/zh-cn/…`, cited by file:line).
@Suite("TechNet preprocessing: converter slips and fences")
struct ConverterSlipsTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var body: String
        var expected: String
        var testDescription: String { name }
    }

    static let slips: [Case] = [
        Case(name: "no-break space in bold after CJK punctuation (SecurityBulletinSummaries/2007/ms07-aug.md:1209)",
             body: "**<sup>[1]</sup>** 此操作系统有一个可用的安全更新。 有关详细信息，请参阅本表中的受影响的软件或组件和相应的安全公告。**\u{A0}**\n",
             expected: "**<sup>[1]</sup>** 此操作系统有一个可用的安全更新。 有关详细信息，请参阅本表中的受影响的软件或组件和相应的安全公告。\n"),
        Case(name: "a paragraph of bold no-break space keeps the space (SecurityBulletins/2014/ms14-027.md:704)",
             body: "中文\n\n**\u{A0}**\n\n更新\n",
             expected: "中文\n\n\u{A0}\n\n更新\n"),
        Case(name: "bold space across a line break (SecurityBulletins/2013/ms13-007.md:1258)",
             body: "**什么是 WCF？** **\n**Windows Communication Foundation (WCF) 是 Microsoft 的一种统一编程模型。\n",
             expected: "**什么是 WCF？**\nWindows Communication Foundation (WCF) 是 Microsoft 的一种统一编程模型。\n"),
        Case(name: "empty bold between words (SecurityBulletins/2011/ms11-073.md)",
             body: "此安全更新解决 Microsoft Office****中两个秘密报告的漏洞。\n",
             expected: "此安全更新解决 Microsoft Office中两个秘密报告的漏洞。\n"),
        Case(name: "empty bold after a quotation mark, other bold kept (SecurityAdvisories/2012/2757760.md:650)",
             body: "3.  如果您想要添加不需要加密频道的站点，请单击以清除“****对该区域中的所有站点要求服务器验**证 (https:)**”复选框。\n",
             expected: "3.  如果您想要添加不需要加密频道的站点，请单击以清除“对该区域中的所有站点要求服务器验**证 (https:)**”复选框。\n"),
        Case(name: "empty bold after a link (SecurityBulletinSummaries/2012/ms12-nov.md:1379)",
             body: "| 重要 | [**重要**](https://go.microsoft.com/fwlink/?linkid=21140)**** |\n",
             expected: "| 重要 | [**重要**](https://go.microsoft.com/fwlink/?linkid=21140) |\n"),
        Case(name: "only the pair no bold can use (SecurityBulletins/2004/ms04-008.md)",
             body: "**/quiet\u{A0}\u{A0}**\u{A0}\u{A0}\u{A0}**\u{A0}\u{A0}**使用安静模式（无用户交互或显示）\n",
             expected: "**/quiet\u{A0}\u{A0}**\u{A0}\u{A0}\u{A0}\u{A0}\u{A0}使用安静模式（无用户交互或显示）\n"),
        Case(name: "two bold words separated by a space stay",
             body: "**注意** **重要**\n", expected: "**注意** **重要**\n"),
        Case(name: "a space-only pair before bold that follows stays (its closer would be orphaned)",
             body: "注意 ** **重要**\n", expected: "注意 ** **重要**\n"),
        Case(name: "four stars alone on a line are a thematic break (SecurityBulletins/2012/ms12-053.md:63)",
             body: "中文\n\n****\n\n** **\n", expected: "中文\n\n****\n\n** **\n"),
        Case(name: "nested bold written with two runs of four stays",
             body: "****注意****\n", expected: "****注意****\n"),
        Case(name: "escaped asterisks stay literal",
             body: "脚注 \\*\\* \\*\\* 和 \\*\\*\\*\\*\n", expected: "脚注 \\*\\* \\*\\* 和 \\*\\*\\*\\*\n"),
        Case(name: "a line with a code span is left alone",
             body: "代码 `** **` 和 ** **\n", expected: "代码 `** **` 和 ** **\n"),
        Case(name: "fenced code is left alone",
             body: "中文\n\n```\n** **\n****\n```\n", expected: "中文\n\n```\n** **\n****\n```\n"),
        Case(name: "a document without CJK keeps its asterisks (de-de/…/ms07-nov.md shape)",
             body: "Hinweis\n\n**\u{A0}**\n\nWindows****Server\n", expected: "Hinweis\n\n**\u{A0}**\n\nWindows****Server\n"),
    ]

    @Test("the converter's empty and space-only bold is taken out in CJK documents", arguments: slips)
    func slip(_ c: Case) {
        // The cases end with a newline for legibility; the body given ends at its last line.
        let body = String(c.body.dropLast()), expected = String(c.expected.dropLast())
        let output = TechNetPreprocessor.process(Substring(body), firstLine: 1)
        #expect(output.text == expected)
        #expect(output.lineMap == Array(1...expected.split(separator: "\n", omittingEmptySubsequences: false).count))
    }

    /// `SecurityBulletins/2008/ms08-033.md:492-509` (list-item fences opened with four spaces and
    /// closed with a tab) followed by the switches table of line 826-845.
    static let listFences = """
    -   在 Windows XP 上：

        ```
    \tTakeown.exe /f %WINDIR%\\SYSTEM32\\QUARTZ.DLL
    \t```

        ```
    \tIcacls.exe %WINDIR%\\SYSTEM32\\QUARTZ.DLL /grant everyone:(F)
    \t```

    <table class="dataTable">
    <tr>
    <td style="border:1px solid black;">
    **/help**
    </td>
    </tr>
    </table>

    """

    @Test("a fence indented in a list item and closed with a tab ends where cmark-gfm ends it (SecurityBulletins/2008/ms08-033.md:492)")
    func listItemFences() {
        let output = TechNetPreprocessor.process(Substring(Self.listFences), firstLine: 1)
        #expect(output.text.contains("<td style=\"border:1px solid black;\">\n\n**/help**\n\n</td>"))
        let nodes = extract("---\nTitle: T\n---\n" + Self.listFences).document.allNodes
        #expect(nodes.filter { $0.kind == .strong }.map(\.plainText) == ["/help"])
        #expect(nodes.filter { $0.kind == .strong }.map(\.line) == [17])
    }

    @Test("HTML cell lines inside fenced code are not split")
    func cellsInFence() {
        let body = "```\n<td>\nx\n</td>\n```\n\n~~~~ html\n<p>\ny\n  ~~~~"
        let output = TechNetPreprocessor.process(Substring(body), firstLine: 1)
        #expect(output.text == body)
    }

    @Test("an empty bold taken out leaves no EMPH001 and no asterisks (SecurityBulletins/2011/ms11-073.md)")
    func noDiagnostic() {
        let result = extract("---\nTitle: T\n---\n此安全更新解决 Microsoft Office****中两个秘密报告的漏洞。\n\n**什么是 WCF？** **\n**答案。\n")
        #expect(!result.codes.contains(.emph001))
        #expect(!result.document.plainText.contains("*"))
        #expect(result.document.allNodes.filter { $0.kind == .strong }.map(\.plainText) == ["什么是 WCF？"])
    }

    @Test("the document's locale decides converter-slip pairing (WindowsUpdateServices/18125994.md:65)", arguments: [
        ("content/zh-cn/WindowsUpdateServices/18125994.md", "zh-CN", true), ("content/zh-cn/WindowsUpdateServices/18125994.md", nil, true),
        ("content/ja-jp/WindowsUpdateServices/18125994.md", "ja-JP", true), ("content/de-de/WindowsUpdateServices/18125994.md", "de-DE", false),
        ("content/es-es/WindowsUpdateServices/18125994.md", nil, false),
    ] as [(String, String?, Bool)])
    func pairingFollowsLocale(_ path: String, _ locale: String?, _ pairs: Bool) {
        let result = extract("---\nTitle: T\n---\nFor example, type **https://***servername* in both boxes.\n", path: path, locale: locale)
        #expect(result.document.allNodes.filter { $0.kind == .strong }.map(\.plainText) == (pairs ? ["https://"] : []))
        #expect(result.diagnostics.filter { $0.code == .emph001 }.map(\.location.column) == (pairs ? [] : [19, 29]))
    }

    @Test("EMPH001 after markers taken out on its line points at the file's column (the `Office****中` of ms11-073.md before unclosed bold)")
    func columnsAfterRemoval() {
        let result = extract("---\nTitle: T\n---\n** a** ****中 ** b**\n")
        #expect(!result.document.plainText.contains("****"))
        #expect(result.diagnostics.filter { $0.code == .emph001 }.map(\.location.line) == [4, 4, 4, 4])
        #expect(result.diagnostics.filter { $0.code == .emph001 }.map(\.location.column) == [1, 5, 14, 18])
    }
}
