import AdvisoryExtraction
import AdvisoryModel
import CommonMark
import Foundation
@testable import SiteBuild
import Testing
@testable import XMLValidation

/// A body without raw HTML is the renderer's own HTML: the sanitiser rewrites it without
/// libxml2 (`Writer.writeOwnHTML`), and must give what libxml2's pass over the whole body gives;
/// with raw HTML, libxml2 parses only its runs (`sanitizingFragments`), with the same result.
@Suite("The renderer's own HTML without libxml2, raw HTML in fragments")
struct OwnHTMLTests {
    struct Body: CustomTestStringConvertible, Sendable {
        var name: String
        var markdown: String
        /// False when the fast writer must decline the body (libxml2 writes it).
        var fast = true
        var testDescription: String { name }
    }

    typealias Sanitised = (html: [UInt8], report: HTMLSanitizer.Report)

    /// What the sanitiser makes of `markdown` rendered by `HTMLRenderer`: libxml2 over the whole
    /// body, and the fast path (own HTML written, raw HTML runs parsed; nil when it declines).
    static func both(_ markdown: String) -> (full: Sanitised, fast: Sanitised?, rawHTML: Bool) {
        both(MarkdownParser(maximumDepth: 1000).parse(markdown).document)
    }

    static func both(_ document: MarkdownNode, anchors: [Int: String]? = nil) -> (full: Sanitised, fast: Sanitised?, rawHTML: Bool) {
        var buffer = HTMLSanitizer.documentStart
        let lines = HTMLRenderer().renderTracingLines(document, headingAnchors: anchors, appendingTo: &buffer)
        let full = HTMLSanitizer().sanitize(deferringURLsOfBodyWrittenBy: { _ = HTMLRenderer().renderTracingLines(document, headingAnchors: anchors, appendingTo: &$0) })
        return ((full.html, full.report), HTMLSanitizer.sanitizingFragments(buffer, raw: lines.rawHTMLRanges), lines.containsRawHTML)
    }

    static let bodies: [Body] = [
        Body(name: "paragraphs with characters to escape", markdown: "a & b < c > d \"q\" 's &amp; &lt;\n\nsecond line  \nhard break"),
        Body(name: "links and images with URL slots and titles",
             markdown: "[a](https://x.example/a%20b \"t 'x' \\\"y\\\"\") ![i](img.png \"T\") [rel](../x.md#faq) <https://auto.example/?a=1&b=2>\n\n![](empty-alt.png)"),
        Body(name: "a URL the sanitiser must encode", markdown: "[space](<https://x.example/a b>) [brace](https://x.example/{x}|y)"),
        Body(name: "unsafe and unformed URLs", markdown: "[x](javascript:alert(1)) ![y](data:image/png;base64,AA) [z](http://a..b/) ![w](http://.x/)\n\n[ok](mailto:a@b.example)"),
        Body(name: "headings with anchors, repeated and CJK", markdown: "# Title\n\n## Part\n\n## Part\n\n### 受影响的软件 `code`\n\n#### *em* and **strong**"),
        Body(name: "tables, aligned and with an empty header", markdown: "| a | b |\n|:--|--:|\n| 1 | [l](x.md) |\n| 2 |\n\n|  |  |\n|--|--|\n| x | y |\n| z | w |"),
        Body(name: "a table with a header only", markdown: "| h |\n|---|"),
        Body(name: "lists: tight, loose, nested, ordered from 0 and 12345",
             markdown: "- a\n- b\n  - c\n\n1. x\n\n2. y\n\n0. zero\n\n12345. big\n\n- > quote\n- ```\n  code\n  ```"),
        Body(name: "code blocks with a language and a leading blank line", markdown: "```swift\n\nlet a = 1 < 2 && true\n```\n\n```c++ odd\nx\n```\n\n    indented\n"),
        Body(name: "quote, alert, rule, strikethrough, inline code", markdown: "> q\n>\n> > inner\n\n> [!NOTE]\n> note text\n\n---\n\n~~gone~~ `a<b>`"),
        Body(name: "characters XML and libxml2 treat apart",
             markdown: "a\u{85}b\u{2028}c\u{FFFD}d\u{7F}e😀f\u{A0}g\u{3000}h\u{FFFE}i\u{1}j\tk"),
        Body(name: "links inside emphasis and images inside links", markdown: "*[a](a.md)* [![i](i.png)](b.md) **[c](c.md \"t\")**"),
        Body(name: "an empty body", markdown: ""),
        Body(name: "attribute values that start and end with entities, entities side by side",
             markdown: "[a](x.md \"&amp;s&lt;&gt;\\\"'e&amp;\") [b](y.md \"&quot;\") [c](z.md \"plain title\")"),
        Body(name: "quotes nested past the sanitiser's depth", markdown: String(repeating: "> ", count: 110) + "deep", fast: false),
    ]

    @Test("The own-HTML writer gives libxml2's bytes, URL slots and report", arguments: bodies)
    func sameAsLibXML2(_ body: Body) throws {
        try Self.expectSameAsWholeBody(body, rawHTML: false)
    }

    /// Checks that the fast path gives the whole body's bytes and report, or declines when
    /// `body` says it must, and that the public entry gives them either way.
    static func expectSameAsWholeBody(_ body: Body, rawHTML expected: Bool) throws {
        let (full, fast, rawHTML) = both(body.markdown)
        #expect(rawHTML == expected)
        let document = MarkdownParser(maximumDepth: 1000).parse(body.markdown).document
        let through = HTMLSanitizer().sanitize(deferringURLsOfBodyWrittenBy: { HTMLRenderer().renderTracingLines(document, appendingTo: &$0) },
                                               rawHTML: { $0.rawHTMLRanges })
        #expect(through.html == full.html)
        #expect(through.report == full.report)
        guard body.fast else {
            #expect(fast == nil, "the fast path should decline \(body.name)")
            return
        }
        let written = try #require(fast, "the fast path declined \(body.name)")
        #expect(String(decoding: written.html, as: UTF8.self) == String(decoding: full.html, as: UTF8.self))
        #expect(written.report == full.report)
    }

    static let rawBodies: [Body] = [
        Body(name: "a raw table between paragraphs", markdown: "a\n\n<table><tr><td>x</td></tr></table>\n\n[l](b.md)"),
        Body(name: "inline HTML in a paragraph and a list", markdown: "a <br> b <span id=\"x\">s</span>\n\n- item <span id=\"y\"></span>\n- [z](z.md)"),
        Body(name: "a TechNet table: raw rows with Markdown cells",
             markdown: "<table>\n<tr>\n<td>\n\n**bold** [k](https://x.example/)\n\n</td>\n<td colspan=\"3\">\n\n- a\n\n</td>\n</tr>\n</table>\n\n## After\n\ntext"),
        Body(name: "a span opened in one paragraph and closed two later", markdown: "a <span>b\n\nc\n\nd</span> e\n\n## H"),
        Body(name: "unsafe raw HTML and a pseudo tag, reported", markdown: "x\n\n<p onclick=\"y()\"><script>z()</script><a href=\"javascript:q\">l</a></p>\n\n<PUBLICKEY>k</PUBLICKEY>\n\n- [u](vbscript:v)"),
        Body(name: "an id in raw HTML taken before a heading wants it", markdown: "<a name=\"part\"></a>\n\n## Part\n\n<span id=\"part\">again</span>"),
        Body(name: "a div that never closes", markdown: "<div>\n\n*md*\n\n## H\n\nend", fast: false),
        Body(name: "a comment that never closes", markdown: "a\n\n<!-- b\n\nc", fast: false),
        Body(name: "the body closed in raw HTML", markdown: "a\n\n</body>\n\nb", fast: false),
        Body(name: "a table that never closes", markdown: "<table><tr><td>\n\nx\n\n<td>y</td></tr>\n\n<p>z</p>", fast: false),
    ]

    @Test("Bodies with raw HTML: libxml2 parses only their runs, to the same bytes, URL slots and report", arguments: rawBodies)
    func fragmentsSameAsWholeBody(_ body: Body) throws {
        try Self.expectSameAsWholeBody(body, rawHTML: true)
    }

    struct Expected: CustomTestStringConvertible, Sendable {
        var name: String
        var markdown: String
        var html: String
        var urls: [String] = []
        var removed: [String] = []
        var testDescription: String { name }
    }

    @Test("What the sanitiser writes for the renderer's HTML, by hand", arguments: [
        // The renderer writes "<ul>\n<li>a\n</li>\n<li>b\n</li>\n</ul>\n" (a tight item's text ends its line).
        Expected(name: "a list loses the line breaks between its items", markdown: "- a\n- b", html: "<ul><li>a\n</li><li>b\n</li></ul>\n"),
        Expected(name: "a table's line breaks move before its head", markdown: "| h |\n|---|\n| c |",
                 html: "<table>\n\n\n<thead>\n<tr>\n<th>h</th>\n</tr>\n</thead><tbody>\n<tr>\n<td>c</td>\n</tr>\n</tbody></table>\n"),
        Expected(name: "links and images become numbered URL slots", markdown: "[a](x.md#faq) ![i](i.png)",
                 html: "<p><a href=\"\u{0}0\u{0}\">a</a> <img src=\"\u{0}1\u{0}\" alt=\"i\" /></p>\n", urls: ["x.md#faq", "i.png"]),
        Expected(name: "an unsafe link keeps its text, an unsafe image goes", markdown: "[a](javascript:x()) ![i](vbscript:y)",
                 html: "<p><a>a</a> </p>\n", removed: ["unsafe URL in href", "unsafe URL in src"]),
        Expected(name: "a list's start past 9999 is dropped", markdown: "12345. a", html: "<ol><li>a\n</li></ol>\n"),
    ])
    func byHand(_ expected: Expected) throws {
        let (full, fast, _) = Self.both(expected.markdown)
        let written = try #require(fast)
        for result in [full, written] {
            #expect(String(decoding: result.html, as: UTF8.self) == expected.html)
            #expect(result.report.urls == expected.urls)
            #expect(result.report.removed == expected.removed)
        }
    }

    @Test("An unsafe link is reported on its line of the body")
    func findingLines() throws {
        let (full, fast, _) = Self.both("para\n\n- a\n- [x](javascript:y)\n\n![i](data:x)")
        let written = try #require(fast)
        // Body lines: 1 <p>para</p>, 2 <ul>, 3 <li>a, 4 </li>, 5 <li><a …>x</a>, 6 </li>, 7 </ul>, 8 <p><img …>.
        #expect(written.report.findings.map(\.line) == [5, 8])
        #expect(written.report.findings == full.report.findings)
    }

    @Test("Findings in raw HTML are reported on their lines of the body, past fragments and blocks without findings")
    func fragmentFindingLines() throws {
        let (full, fast, rawHTML) = Self.both("a\n\n<span>x</span>\n\nb\n\n- c\n- d\n\n<p onclick=\"y\">z</p>\n\n<div>\n<script>s</script>\n</div>")
        #expect(rawHTML)
        let written = try #require(fast)
        // Body lines: 1 <p>a</p>, 2 <p><span>x</span></p>, 3 <p>b</p>, 4 <ul>, 5 <li>c, 6 </li>, 7 <li>d, 8 </li>, 9 </ul>,
        // 10 <p onclick="y">z</p>, 11 <div>, 12 <script>s</script>, 13 </div>.
        #expect(written.report.findings.map(\.line) == [10, 12])
        #expect(written.report.findings.map(\.description) == ["onclick attribute", "script element"])
        #expect(written.report.findings == full.report.findings)
    }

    /// Pieces of Markdown and raw HTML, balanced or not, that generated bodies are made of.
    static let pieces: [String] = [
        "para text", "# H", "## Part", "- item", "1. x", "> quote", "| a | b |\n|---|---|\n| c | d |", "```\ncode\n```", "[l](x.md)",
        "![i](i.png)", "**b**", "*e*", "`c`", "[j](javascript:z)", "<table>", "</table>", "<tr>", "</tr>", "<td>", "</td>", "<td colspan=9>",
        "<tbody>", "<div>", "</div>", "<span id=\"s\">", "</span>", "<p>", "</p>", "<br>", "<strong>", "</strong>", "<b>", "</b>", "<a name=\"part\">",
        "<a href=\"javascript:y\">", "</a>", "<!-- c -->", "<!--", "-->", "<script>x</script>", "<style>", "</style>", "<PUBLICKEY>", "</PUBLICKEY>",
        "<ul><li>", "</li></ul>", "<h2 id=\"part\">T</h2>", "<img src=x onerror=y>", "<pre>", "</pre>", "<textarea>", "<title>", "</body>", "<html>",
        "<![CDATA[x]]>", "<?php x ?>", "<!DOCTYPE html>", "&amp;", "&nbsp;", "& <", "\r\n", "<td\n", "<a href=\"x", "一般信息", "\u{3000}",
    ]

    /// Raw HTML that closes what it opens, with Markdown inside some of it, as the corpus writes it.
    static let balancedPieces: [String] = [
        "<table><tr><td>x</td></tr></table>", "<div>\n\n**md** [k](k.md)\n\n</div>", "<span id=\"s\">t</span>", "<p>a<br>b</p>",
        "<table>\n<tr>\n<td>\n\n[k](x.md)\n\n- i\n\n</td>\n<td colspan=\"3\">y</td>\n</tr>\n</table>", "<strong>s</strong>", "<!-- c -->",
        "<a href=\"javascript:y\">j</a>", "<PUBLICKEY>k</PUBLICKEY>", "<img src=x onerror=y>", "<h2 id=\"part\">T</h2>", "<ul><li>i</li></ul>",
        "<script>x</script>", "<a name=\"part\"></a>", "<table><tr><h3 id=\"x\">h</h3></tr></table>",
    ]

    /// A body of `count` pieces chosen by a fixed generator from `seed`: odd seeds from all pieces,
    /// even seeds mostly Markdown and balanced raw HTML, with now and then any piece.
    static func generatedBody(seed: UInt64, count: Int) -> String {
        var state = seed
        func next() -> Int {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Int(truncatingIfNeeded: (z ^ (z >> 31)) >> 1)
        }
        let separators = ["\n", "\n\n", " ", ""]
        let markdown = pieces.prefix(14)
        return (0..<count).map { _ in
            let piece: String
            if seed % 2 == 1 || next() % 12 == 0 {
                piece = pieces[next() % pieces.count]
            } else {
                piece = next() % 2 == 0 ? markdown[next() % markdown.count] : balancedPieces[next() % balancedPieces.count]
            }
            return piece + separators[next() % separators.count]
        }.joined()
    }

    @Test("Generated bodies of Markdown and tag soup: the fast path gives the whole body's bytes or declines")
    func generatedBodies() throws {
        var fastCount = 0
        for seed in 1...2000 {
            let markdown = Self.generatedBody(seed: UInt64(seed), count: 8 + seed % 40)
            let (full, fast, _) = Self.both(markdown)
            guard let fast else { continue }
            fastCount += 1
            #expect(fast.html == full.html, "seed \(seed): bytes differ for \(markdown.debugDescription)")
            #expect(fast.report == full.report, "seed \(seed): report differs for \(markdown.debugDescription)")
        }
        print("generated bodies on the fast path: \(fastCount) of 2000")
        #expect(fastCount > 600)
    }

    /// The corpus locales the build compares (read from `../shared/corpus`).
    static let corpusLocales = ["zh-cn", "de-de", "samples/ja-jp", "samples/ko-kr", "samples/es-es"]

    @Test("On the corpus, every body comes out as libxml2 writes the whole of it")
    func corpusBodies() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../../shared/corpus").standardizedFileURL
        guard FileManager.default.fileExists(atPath: root.appendingPathComponent("README.md").path) else {
            print("skipped: ../shared/corpus is absent")
            return
        }
        let extractor = AdvisoryExtractor()
        var compared = 0, withRawHTML = 0
        var declined: [String] = []
        for folder in Self.corpusLocales {
            let base = root.appendingPathComponent(folder)
            guard let files = FileManager.default.enumerator(atPath: base.path) else { continue }
            // Every fourth document, so the suite stays short; the build comparison covers all.
            for case let relative as String in files where relative.hasSuffix(".md") && relative.hashValueStable % 4 == 0 {
                let bytes = [UInt8](try Data(contentsOf: base.appendingPathComponent(relative)))
                let extracted = extractor.extract(bytes: bytes, path: base.appendingPathComponent(relative).path, relativePath: relative)
                let body = DocumentPreparer.body(of: extracted.document, advisory: extracted.advisory)
                let anchors = Dictionary(extracted.advisory.headings.map { ($0.line, $0.anchor) }, uniquingKeysWith: { first, _ in first })
                let (full, fast, rawHTML) = Self.both(body, anchors: anchors)
                guard let fast else {
                    declined.append("\(folder)/\(relative)")
                    continue
                }
                compared += 1
                if rawHTML { withRawHTML += 1 }
                #expect(fast.html == full.html, "\(folder)/\(relative): bytes differ")
                #expect(fast.report == full.report, "\(folder)/\(relative): report differs")
            }
        }
        print("compared \(compared) bodies (\(withRawHTML) with raw HTML); \(declined.count) whole: \(declined.joined(separator: " "))")
        #expect(compared > 800)
        #expect(withRawHTML > 500)
        #expect(declined.count < compared / 100)
    }
}

extension String {
    /// A hash that is the same in every run (FNV-1a of the UTF-8), to pick a sample.
    var hashValueStable: UInt64 {
        utf8.reduce(0xcbf2_9ce4_8422_2325) { ($0 ^ UInt64($1)) &* 0x100_0000_01b3 }
    }
}
