import AdvisoryExtraction
import AdvisoryModel
import CommonMark
import Testing

@Suite("Parsing TechNet Markdown")
struct ParsingTests {
    static let cellDocument = """
    ---
    Title: T
    ---
    <table>
    <tr>
    <td style="border:1px solid black;">
    **操作系统**
    </td>
    <td style="border:1px solid black;">
    [Internet Explorer 7](https://example.com/ie7)<sup>[1]</sup>
    </td>
    </tr>
    </table>
    <td style="border:1px solid black;">**Publication Date**</td>

    """

    @Test("Markdown inside raw <td> lines becomes strong and link nodes, on their file lines")
    func markdownInCells() {
        let nodes = extract(Self.cellDocument).document.allNodes
        let strong = nodes.filter { $0.kind == .strong }
        #expect(strong.map(\.plainText) == ["操作系统", "Publication Date"])
        #expect(strong.map(\.line) == [7, 14])
        let links = nodes.compactMap { node -> (String, Int)? in
            if case .link(let url, _) = node.kind { (url, node.line) } else { nil }
        }
        #expect(links.map(\.0) == ["https://example.com/ie7"])
        #expect(links.map(\.1) == [10])
    }

    @Test("the preprocessor's line map points every output line at its file line")
    func lineMap() {
        let body = "<td>\n**a**\n</td>\nx"
        let output = TechNetPreprocessor.process(Substring(body), firstLine: 10)
        #expect(output.text == "<td>\n\n**a**\n\n</td>\nx")
        // An inserted blank line takes the file line of the line that caused it.
        #expect(output.lineMap == [10, 10, 11, 12, 12, 13])
    }

    struct AlertCase: CustomTestStringConvertible, Sendable {
        var name: String
        var markdown: String
        var kind: String
        var text: String
        var testDescription: String { name }
    }

    static let alerts: [AlertCase] = [
        AlertCase(name: "NOTE at top level", markdown: "> [!NOTE]\n> Restart Internet Explorer.\n", kind: "note", text: "Restart Internet Explorer."),
        AlertCase(name: "IMPORTANT with a hard break", markdown: "> [!IMPORTANT]  \n> 您必须重新启动。\n", kind: "important", text: "您必须重新启动。"),
        AlertCase(name: "NOTE nested in a list item", markdown: "-   Schritt\n\n    > [!NOTE]  \n    > Hinweis.\n", kind: "note", text: "Hinweis."),
    ]

    @Test("DocFX alerts become .alert nodes", arguments: alerts)
    func docfxAlert(_ c: AlertCase) {
        let result = extract("---\nTitle: T\n---\n" + c.markdown)
        let alerts = result.document.allNodes.filter { if case .alert = $0.kind { true } else { false } }
        #expect(alerts.map(\.kind) == [.alert(c.kind)])
        #expect(alerts.first?.plainText == c.text)
        #expect(result.advisory.notes.map(\.kind) == [c.kind])
    }

    @Test("a plain block quote stays a block quote")
    func plainQuote() {
        let nodes = extract("---\nTitle: T\n---\n> [link](https://example.com) text\n").document.allNodes
        #expect(nodes.contains { $0.kind == .blockQuote })
        #expect(!nodes.contains { if case .alert = $0.kind { true } else { false } })
    }

    static let templated = """
    ---
    Title: 'Microsoft-Sicherheitsempfehlung 954474'
    ---

    Security Advisory

    Microsoft-Sicherheitsempfehlung 954474
    ======================================

    Text.

    *Built at 2014-04-18T13:49:36Z-07:00*
    """

    @Test("the template line before the H1 and the *Built at* trailer are removed")
    func templateAndTrailer() {
        let result = extract(Self.templated, path: "content/de-de/SecurityAdvisories/2008/954474.md", locale: "de-DE")
        let blocks = result.document.children
        #expect(blocks.first?.kind == .heading(level: 1))
        #expect(blocks.first?.line == 7)
        #expect(blocks.last?.plainText == "Text.")
        #expect(blocks.last?.line == 10)
        #expect(result.advisory.builtAt == "2014-04-18T13:49:36-07:00")
    }

    @Test("a localised trailer is removed too")
    func localisedTrailer() {
        let result = extract("---\nTitle: T\n---\n\nT\n=\n\nText.\n\n*页面生成时间：2014-12-03 17:49Z-08:00。*\n")
        #expect(result.document.children.last?.plainText == "Text.")
        #expect(result.advisory.builtAt == "2014-12-03T17:49:00-08:00")
    }

    @Test("line numbers count the front matter and the blank lines before the title")
    func linesAfterFrontMatter() {
        let text = "---\nTOCTitle: 954474\nTitle: T\n---\n\n\n\nMicrosoft 安全通报 954474\n=========\n\n发布时间: 2008年6月13日\n"
        let result = extract(text)
        #expect(result.document.children.first?.line == 8)
        #expect(result.advisory.source.lines[.dateLine] == 11)
        #expect(result.advisory.published == day("2008-06-13"))
    }

    @Test("strikethrough is off: tildes in package names stay text")
    func noStrikethrough() {
        let line = "Package\\_1\\_for\\_kb937143\\_bf~31bf3856ad364e35~x86~~6.0.1.4.mum and ~~not struck~~"
        let nodes = extract("---\nTitle: T\n---\n" + line + "\n").document.allNodes
        #expect(!nodes.contains { $0.kind == .strikethrough })
        #expect(nodes.first { $0.kind == .paragraph }?.plainText == "Package_1_for_kb937143_bf~31bf3856ad364e35~x86~~6.0.1.4.mum and ~~not struck~~")
    }

    @Test("nesting deeper than the limit is flattened with LIMIT002")
    func nestingLimit() {
        let deep = String(repeating: "> ", count: 12) + "deep text"
        let result = extract("---\nTitle: T\n---\n" + deep + "\n", limits: InputLimits(maximumNesting: 6))
        let limit = result.diagnostics.filter { $0.code == .limit002 }
        #expect(limit.count == 1)
        #expect(limit.first?.location.line == 4)
        #expect(result.document.plainText.contains("deep text"))
        #expect(!extract("---\nTitle: T\n---\n" + deep + "\n").codes.contains(.limit002))
    }
}
