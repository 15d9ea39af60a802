import Testing
import XMLValidation

@Suite("Sanitising raw HTML")
struct SanitizerTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var html: String
        var mustNotContain: [String]
        var testDescription: String { name }
    }

    static let payloads: [Case] = [
        Case(name: "script tag", html: "<p>a<script>alert(1)</script>b</p>", mustNotContain: ["<script", "alert(1)"]),
        Case(name: "upper-case script", html: "<SCRIPT SRC=//x.example/x.js></SCRIPT>", mustNotContain: ["<script", "x.js"]),
        Case(name: "event handler", html: "<img src=\"a.gif\" onerror=\"alert(1)\">", mustNotContain: ["onerror", "alert"]),
        Case(name: "javascript URL", html: "<a href=\"javascript:alert(1)\">x</a>", mustNotContain: ["javascript:"]),
        Case(name: "javascript URL with entities", html: "<a href=\"jav&#x09;ascript:alert(1)\">x</a>", mustNotContain: ["ascript:", "alert"]),
        Case(name: "javascript URL with leading space", html: "<a href=\" javascript:alert(1)\">x</a>", mustNotContain: ["javascript"]),
        Case(name: "vbscript URL", html: "<a href=\"vbscript:msgbox(1)\">x</a>", mustNotContain: ["vbscript"]),
        Case(name: "data URL", html: "<a href=\"data:text/html;base64,PHNjcmlwdD4=\">x</a>", mustNotContain: ["data:"]),
        Case(name: "svg onload", html: "<svg onload=\"alert(1)\"><script>alert(2)</script></svg>", mustNotContain: ["<svg", "alert"]),
        Case(name: "iframe", html: "<iframe src=\"https://evil.example\"></iframe>", mustNotContain: ["iframe", "evil"]),
        Case(name: "base tag", html: "<base href=\"https://evil.example/\">", mustNotContain: ["<base", "evil"]),
        Case(name: "meta refresh", html: "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">", mustNotContain: ["<meta", "refresh"]),
        Case(name: "style expression", html: "<p style=\"width: expression(alert(1))\">x</p>", mustNotContain: ["expression", "style="]),
        Case(name: "style element", html: "<style>body{background:url(javascript:alert(1))}</style>", mustNotContain: ["<style", "javascript"]),
        Case(name: "object", html: "<object data=\"x.swf\"></object>", mustNotContain: ["<object", "x.swf"]),
        Case(name: "attribute breakout", html: "<a title='\"><script>alert(1)</script>'>x</a>", mustNotContain: ["<script"]),
    ]

    @Test("Executable content is removed", arguments: payloads)
    func removesExecutableContent(_ payload: Case) {
        let result = HTMLSanitizer().sanitize(payload.html).html.lowercased()
        for fragment in payload.mustNotContain {
            #expect(!result.contains(fragment.lowercased()), "\(payload.name): output still has \(fragment): \(result)")
        }
        #expect(XMLChecker.wellFormednessProblems(of: Array(("<div>" + result + "</div>").utf8)).isEmpty)
    }

    @Test("URL slots filled later give what rewriting in place gives", arguments: payloads + [
        Case(name: "links, images and a URL the resolver rewrites", html: "<p><a href=\"../2009/971111.md#faq\">a</a> <img src=\"i.png\"> <a href=\"https://x.example/a b\">c</a></p>", mustNotContain: []),
        Case(name: "a text that looks like a slot", html: "<p>\u{0}0\u{0} <a href=\"a.md\">x</a></p>", mustNotContain: ["\u{0}"]),
    ])
    func deferredURLs(_ payload: Case) {
        let resolve: (String) -> String = { $0.hasSuffix(".md") || $0.contains(".md#") ? "/zh-cn/" + $0.replacingOccurrences(of: ".md", with: "/") : $0 }
        let inPlace = HTMLSanitizer().sanitize(payload.html) { url, _ in resolve(url) }
        let deferred = HTMLSanitizer().sanitize(deferringURLs: payload.html)
        #expect(HTMLSanitizer.fillingURLSlots(deferred.html, urls: deferred.report.urls, resolve: resolve) == inPlace.html)
        #expect(deferred.report.removed == inPlace.report.removed)
        let written = HTMLSanitizer().sanitize(deferringURLsOfBodyWrittenBy: { $0.append(contentsOf: payload.html.utf8) })
        #expect(String(decoding: written.html, as: UTF8.self) == deferred.html)
        #expect(written.report == deferred.report)
    }

    struct Written: CustomTestStringConvertible, Sendable {
        var name: String
        var html: String
        var output: String
        var testDescription: String { name }
    }

    @Test("Names in any case are matched, and written lower-case", arguments: [
        Written(name: "upper-case elements and attributes",
                html: "<DIV ID=\"x\" CLASS=\"c\"><A HREF=\"https://example.org/\">l</A><IMG SRC=\"i.png\" ALT=\"p\"></DIV>",
                output: "<div id=\"x\" class=\"c\"><a href=\"https://example.org/\">l</a><img src=\"i.png\" alt=\"p\" /></div>"),
        Written(name: "upper-case event handler and script", html: "<P OnClick=\"x()\">a<SCRIPT>b</SCRIPT></P>", output: "<p>a</p>"),
        Written(name: "an image without a source is left out", html: "<IMG ALT=\"a\">b", output: "b"),
        Written(name: "an image without alt gets an empty one", html: "<Img Src=\"i.png\">", output: "<img src=\"i.png\" alt=\"\" />"),
        Written(name: "a paragraph holding a section is a div", html: "<P>a<SECTION>b</SECTION></P>", output: "<div>a<section>b</section></div>"),
    ])
    func namesInAnyCase(_ c: Written) {
        #expect(HTMLSanitizer().sanitize(c.html).html == c.output)
    }

    @Test("Tables are fixed whatever the case of their tags; text in rows and lists goes into cells and items", arguments: [
        Written(name: "upper-case table", html: "<TABLE><TR><TD COLSPAN=\"3\">x</TD></TR><TR><TD>a</TD><TD>b</TD></TR></TABLE>",
                output: "<table><tr><td colspan=\"2\">x</td></tr><tr><td>a</td><td>b</td></tr></table>"),
        Written(name: "no table, only the word", html: "<p>a <b>table</b> &lt;table colspan=\"3\"&gt;</p>",
                output: "<p>a <b>table</b> &lt;table colspan=\"3\"&gt;</p>"),
        Written(name: "text in a row and in a list", html: "<table><tr>a<td>b</td></tr></table><ul>c<li>d</li></ul>",
                output: "<table><tr><td>a</td><td>b</td></tr></table><ul><li>c</li><li>d</li></ul>"),
        Written(name: "ideographic and ASCII spaces in a row are white space", html: "<table><tr>\u{3000} <td>b</td></tr></table>",
                output: "<table><tr>\n<td>b</td></tr></table>"),
    ])
    func tables(_ c: Written) {
        #expect(HTMLSanitizer().sanitize(c.html).html == c.output)
    }

    @Test("Tags that are not HTML are shown as text")
    func escapesPseudoTags() {
        let result = HTMLSanitizer().sanitize("<PUBLICKEY>abc</PUBLICKEY>")
        #expect(result.html.contains("&lt;publickey&gt;abc&lt;/publickey&gt;"))
        #expect(result.report.escapedTags == ["publickey"])
    }

    @Test("Tables, links and unbalanced tags come out balanced")
    func balances() {
        let result = HTMLSanitizer().sanitize("<table><tr><td colspan=\"2\"><strong>x</td></tr><tr><td>a</td><td>b</td></tr></table><p><a href=\"https://example.org/\">ok")
        #expect(result.html.contains("<td colspan=\"2\"><strong>x</strong></td>"))
        #expect(result.html.contains("<a href=\"https://example.org/\">ok</a>"))
        #expect(XMLChecker.wellFormednessProblems(of: Array(("<div>" + result.html + "</div>").utf8)).isEmpty)
    }

    @Test("Tables keep only the column spans their rows can fill, and parts come in HTML order")
    func tableShape() {
        let result = HTMLSanitizer().sanitize("<table><tr><td colspan=\"5\">group</td></tr><tr><td>a</td><td>b</td></tr><thead><tr><th>h</th><th>i</th></tr></thead><caption>c</caption></table>")
        // Two cells per row at most, so the group row spans two columns; caption and head move first.
        #expect(result.html.contains("<td colspan=\"2\">group</td>"))
        let caption = result.html.range(of: "<caption>")?.lowerBound, head = result.html.range(of: "<thead>")?.lowerBound, row = result.html.range(of: "<td")?.lowerBound
        #expect(caption != nil && head != nil && row != nil)
        if let caption, let head, let row { #expect(caption < head && head < row) }
    }

    @Test("A paragraph with block content becomes a div")
    func paragraphWithBlocks() {
        let result = HTMLSanitizer().sanitize("<p>text<table><tr><td>x</td></tr></table></p>")
        #expect(!result.html.contains("<p><table"))
    }

    @Test("Attributes an element may not carry go without a trace; an event handler is reported, a link's name gives its id", arguments: [
        ("<a style=\"x\" name=\"n\" align=\"c\" href=\"h.html\" onclick=\"y()\">t</a><p name=\"m\" border=\"1\" class=\"k\">u</p>",
         "<a href=\"h.html\" id=\"n\">t</a><p class=\"k\">u</p>", ["onclick attribute"]),
        ("<table><tr><td width=\"5\" onmouseover=\"z\" colspan=\"2\" bgcolor=\"red\">c</td></tr><tr><td>a</td><td valign=\"top\">b</td></tr></table>",
         "<table><tr><td colspan=\"2\">c</td></tr><tr><td>a</td><td>b</td></tr></table>", ["onmouseover attribute"]),
        ("<img border=\"0\" src=\"i.png\" hspace=\"3\" name=\"q\">", "<img src=\"i.png\" alt=\"\" />", []),
    ])
    func silentlyDroppedAttributes(html: String, expected: String, removed: [String]) {
        let result = HTMLSanitizer().sanitize(html)
        #expect(result.html == expected)
        #expect(result.report.removed == removed)
    }

    @Test("Duplicate ids are dropped")
    func uniqueIds() {
        let result = HTMLSanitizer().sanitize("<span id=\"a\"></span><span id=\"a\"></span>")
        #expect(result.html.components(separatedBy: "id=\"a\"").count == 2)
    }
}
