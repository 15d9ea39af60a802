@testable import AdvisoryExtraction
import AdvisoryModel
import Testing

/// Round 6's readers: the body's one walk and the FAQ read nodes where they lie, the date line
/// is cut into lines on bytes, and a table outside an affected-software section is read for
/// products only when it can hold the caption form.
@Suite("Readers in place")
struct ReadInPlaceTests {
    @Test("the walk finds ids, links and notes in document order, nested in alerts, lists and tables")
    func nestedNodes() {
        let source = """
        ---
        Title: T
        ---

        # T

        > [!NOTE]
        > See CVE-2016-0002 in [KB3124605](https://support.microsoft.com/kb/3124605).

        - item with `CVE-2016-0003`
          - nested <span id="Inner">KB954474</span>

        | a | b |
        |---|---|
        | CVE-2016-0002 | x |
        """
        let result = extract(source)
        let advisory = result.advisory
        #expect(advisory.cves == ["CVE-2016-0002", "CVE-2016-0003"])
        #expect(advisory.source.lines[.cves] == 8)
        #expect(advisory.kb == ["3124605", "954474"])
        #expect(advisory.source.lines[.kb] == 8)
        #expect(advisory.notes == [Note(kind: "note", text: "See CVE-2016-0002 in KB3124605.", line: 7)])
        #expect(advisory.links == [DocumentLink(url: "https://support.microsoft.com/kb/3124605", text: "KB3124605", line: 8)])
        #expect(result.rawHTMLIds == ["inner"])
        #expect(advisory.headings.map(\.text) == ["T"])
    }

    @Test("a FAQ entry is a bold question alone or before a line break; other blocks until a heading answer it")
    func faq() {
        let source = """
        ---
        Title: T
        ---

        # T

        ## FAQ

        **What is WCF?**
        WCF is a framework.

        <div>ignored</div>

        More   information.

        **Is this a question?** Yes.

        **Why a link?**[here](https://example.com)

        **Second question?**\\
        Answer two.

        ## Other

        Not an answer.
        """
        let advisory = extract(source).advisory
        #expect(advisory.faq == [
            FAQEntry(question: "What is WCF?", answer: "WCF is a framework.\nMore information.\nIs this a question? Yes.\nWhy a link?here", line: 9),
            FAQEntry(question: "Second question?", answer: "Answer two.", line: 20),
        ])
        #expect(advisory.source.lines[.faq] == 9)
    }

    @Test("lines are cut at line feeds as Character-wise split cuts them", arguments: [
        ("one line", "a", ["a"]),
        ("empty lines dropped", "\n\na\n\nb\n", ["a", "b"]),
        ("empty text", "", []),
        ("CJK and a combining mark", "修订\n2008 年 6 月\ne\u{301}", ["修订", "2008 年 6 月", "e\u{301}"]),
        ("a carriage return before a line feed is one character with it", "a\r\nb\nc", ["a\r\nb", "c"]),
        ("a lone carriage return", "a\rb\nc", ["a\rb", "c"]),
    ])
    func lines(name: String, text: String, expected: [String]) {
        #expect(AdvisoryExtractor.nonEmptyLines(of: text).map(String.init) == expected)
        #expect(text.split(separator: "\n", omittingEmptySubsequences: true).map(String.init) == expected, "the table disagrees with split")
    }

    @Test("outside an affected-software section, only a one-column table with an empty header lists products")
    func captionTables() {
        let source = """
        ---
        Title: T
        ---

        # T

        |   |
        |---|
        | Caption |
        | Windows XP Service Pack 3 |
        | Windows Vista |

        | Products |
        |---|
        | Title row |
        | Windows 7 |

        | a | b |
        |---|---|
        | Windows 8 | x |
        | Windows 10 | y |
        """
        let products = extract(source).advisory.products
        #expect(products.map(\.name) == ["Windows XP Service Pack 3", "Windows Vista"])
        #expect(products.map(\.line) == [10, 11])
    }
}
