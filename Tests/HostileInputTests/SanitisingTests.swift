import AdvisoryModel
import CLibXML2
import Foundation
import SiteBuild
import Testing
import XMLValidation

/// XSS payloads: script in many spellings, handlers, hostile URL schemes, SVG/MathML, base/meta,
/// CSS tricks and mutation-XSS shapes.
let xssPayloads: [String] = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<ScRiPt>alert(1)</sCrIpT>",
    "<script\n>alert(1)</script\n>",
    "<script/src=data:,alert(1)></script>",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    "<<script>script>alert(1)<</script>/script>",
    "<script>alert(1)",
    "<img src=x onerror=alert(1)>",
    "<img src=x oNeRrOr=alert(1)//",
    "<img/src=\"x\"/onerror=\"alert(1)\">",
    "<img src=x onerror\n=alert(1)>",
    "<body onload=alert(1)>",
    "<div onmouseover=\"alert(1)\">hover</div>",
    "<details open ontoggle=alert(1)>",
    "<a href=\"javascript:alert(1)\">j1</a>",
    "<a href=\"JaVaScRiPt:alert(1)\">j2</a>",
    "<a href=\" javascript:alert(1)\">j3</a>",
    "<a href=\"jav&#x09;ascript:alert(1)\">j4</a>",
    "<a href=\"jav&#9;ascript:alert(1)\">j5</a>",
    "<a href=\"&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)\">j6</a>",
    "<a href=\"&#x6A;avascript&colon;alert(1)\">j7</a>",
    "<a href=\"java\nscript:alert(1)\">j8</a>",
    "<a href=\"\u{1}javascript:alert(1)\">j9</a>",
    "<a href=\"vbscript:msgbox(1)\">v1</a>",
    "<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">d1</a>",
    "<a href=\"DATA:text/html,<script>alert(1)</script>\">d2</a>",
    "<img src=\"javascript:alert(1)\">",
    "<img src=\"data:image/svg+xml,<svg onload=alert(1)>\">",
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    "<svg><a xlink:href=\"javascript:alert(1)\"><text>x</text></a></svg>",
    "<svg><animate onbegin=alert(1) attributeName=x dur=1s>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table></mtext></math>",
    "<math href=\"javascript:alert(1)\">m</math>",
    "<base href=\"javascript:alert(1)//\">",
    "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">",
    "<iframe src=\"javascript:alert(1)\"></iframe>",
    "<iframe srcdoc=\"<script>alert(1)</script>\"></iframe>",
    "<object data=\"javascript:alert(1)\"></object>",
    "<embed src=\"javascript:alert(1)\">",
    "<form action=\"javascript:alert(1)\"><button formaction=\"javascript:alert(1)\">b</button></form>",
    "<input autofocus onfocus=alert(1)>",
    "<div style=\"width: expression(alert(1))\">css1</div>",
    "<div style=\"background:url(javascript:alert(1))\">css2</div>",
    "<style>body{background:url(\"javascript:alert(1)\")}</style>",
    "<link rel=stylesheet href=\"javascript:alert(1)\">",
    "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\"></noscript>",
    "<!--<img src=\"--><img src=x onerror=alert(1)//\">",
    "<![CDATA[<script>alert(1)</script>]]>",
    "<title><script>alert(1)</script></title>",
    "<textarea><script>alert(1)</script></textarea>",
    "<xmp><script>alert(1)</script></xmp>",
    "<template><script>alert(1)</script></template>",
    "<a href=\"x\" id=\"\" onclick=\"alert(1)\" title='\" onmouseover=alert(1) x=\"'>t</a>",
    "<table><tr><td background=\"javascript:alert(1)\">c</td></tr></table>",
    "<video><source onerror=alert(1)></video>",
    "<marquee onstart=alert(1)>m</marquee>",
    "<isindex type=image src=1 onerror=alert(1)>",
    "<a href=\"https://ok.example/\" target=\"_blank\" rel=\"opener\">ok</a>",
]

/// The same payloads as Markdown link, image and autolink destinations.
let markdownPayloads: [String] = [
    "[m1](javascript:alert(1))",
    "[m2](JAVASCRIPT:alert(1))",
    "[m3](<javascript:alert(1)>)",
    "[m4](&#106;avascript:alert(1))",
    "[m5](javascript&#58;alert(1))",
    "[m6](vbscript:msgbox(1))",
    "[m7](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "![m8](javascript:alert(1))",
    "![m9\"onerror=\"alert(1)](x.png)",
    "[m10](x.html \"title\\\" onmouseover=\\\"alert(1)\")",
    "<javascript:alert(1)>",
    "[m11][ref]\n\n[ref]: javascript:alert(1)",
    "[m12](\"><script>alert(1)</script>)",
    "`<script>alert(1)</script>`",
    "```html\n<script>alert(1)</script>\n```",
]

/// Payloads for front-matter values and headings, which reach templates, feeds and JSON.
let attributeBreakouts: [String] = [
    "\"><script>alert(1)</script>",
    "'><img src=x onerror=alert(1)>",
    "</title><script>alert(1)</script>",
    "]]><script>alert(1)</script>",
    "{{! mustache }}{{{body}}}",
    "javascript:alert(1)",
]

@Suite("Sanitising: no executable content in any page, feed or JSON file")
struct SanitisingTests {
    /// Builds a site whose documents carry every payload and scans every output file.
    @Test("XSS payloads in Markdown bodies, front matter, headings and file names")
    func payloads() throws {
        let site = try ScratchSite("xss")
        defer { try? FileManager.default.removeItem(at: site.root) }
        var count = 0
        func add(_ body: String, title: String = "XSS 测试", subtitle: String = "副标题", frontMatter: String? = nil) throws {
            count += 1
            let id = String(910_000 + count)
            try site.write("SecurityAdvisories/2008/\(id).md", Array(cleanAdvisory(id: id, title: title, subtitle: subtitle, frontMatter: frontMatter, body: body).utf8))
        }
        for payload in xssPayloads {
            try add("前文\n\n\(payload)\n\n行内 \(payload) 文本。")
            try add("> 引用 \(payload)\n\n| a | b |\n|---|---|\n| \(payload) | x |\n\n-   列表 \(payload)")
        }
        for payload in markdownPayloads { try add(payload) }
        for (index, payload) in attributeBreakouts.enumerated() {
            let quoted = "'" + payload.replacingOccurrences(of: "'", with: "''") + "'"
            let id = String(920_000 + index)
            try add("正文。", title: "标题 \(payload)", subtitle: "<img src=x onerror=alert(1)> \(payload)",
                    frontMatter: "---\nTOCTitle: \(quoted)\nTitle: \(quoted)\nms:assetid: \(id)\nms:mtpsurl: \(quoted)\ndescription: \(quoted)\n---\n")
        }
        // The subtitle and revision text carry raw HTML; a file name carries a breakout.
        try site.write("SecurityAdvisories/2008/x\"><img src=x onerror=alert(1)>.md", Array(cleanAdvisory(id: "930001").utf8))
        try site.write("SecurityBulletins/2008/ms08-001.md", Array("""
        ---
        TOCTitle: '"><script>alert(1)</script>'
        Title: 'Microsoft 安全公告 MS08-001 - 严重 "><svg onload=alert(1)>'
        ms:assetid: 'ms08-001'
        ---

        Microsoft 安全公告 MS08-001 - 严重 <script>alert(1)</script>
        ==================================

        Windows 中的漏洞 <img src=x onerror=alert(1)> (941644)
        -------------------------

        发布时间: 2008年1月8日

        **版本：** 1.0

        **最高严重等级：** 重要 <img src=x onerror=alert(2)>

        此安全更新解决 CVE-2007-0069 中的漏洞。

        **修订版本：**

        -   V1.0（2008 年 1 月 8 日）： 已发布公告。<script>alert(1)</script><img src=x onerror=alert(1)>

        """.utf8))
        try site.write("TOC.yml", Array("- name: '\"><script>alert(1)</script>'\n  href: SecurityBulletins/2008/ms08-001.md\n- name: <img src=x onerror=alert(1)>\n  href: 'javascript:alert(1)'\n".utf8))

        let report = site.build()
        #expect(report.published, "\(report.diagnostics.filter { $0.severity == .error }.map(\.summary))")
        #expect(report.diagnostics.contains { $0.code == .html001 })
        let files = snapshot(of: site.output)
        #expect(files.count > count)
        var findings: [String] = []
        var scanned = (html: 0, xml: 0, json: 0)
        for (path, data) in files.sorted(by: { $0.key < $1.key }) {
            if path.hasSuffix(".html") {
                scanned.html += 1
                findings += ExecutableContent.inHTML(data, path: path, allowedScripts: ["search.js"])
            } else if path.hasSuffix(".xml") {
                scanned.xml += 1
                findings += ExecutableContent.inXMLFeed(data, path: path)
            } else if path.hasSuffix(".json") {
                scanned.json += 1
                findings += ExecutableContent.inJSON(data, path: path)
            }
        }
        #expect(findings.isEmpty, "\(findings.prefix(40).joined(separator: "\n"))")
        print("[xss] \(count) documents, scanned \(scanned.html) pages, \(scanned.xml) XML files, \(scanned.json) JSON files; \(findings.count) findings")
    }

    @Test("the scanner itself finds executable content (no vacuous pass)", arguments: [
        "<p><script>alert(1)</script></p>", "<img src=x onerror=alert(1)>", "<a href=\" jav&#x09;ascript:alert(1)\">x</a>",
        "<iframe src=x></iframe>", "<base href=x>", "<meta http-equiv=refresh content=0>", "<div style=\"x:expression(alert(1))\">x</div>",
        "<object data=x></object>", "<embed src=x>", "<a href=\"data:text/html,x\">x</a>", "<svg><a xlink:href=\"javascript:alert(1)\">x</a></svg>",
    ])
    func scannerCatches(_ html: String) {
        let page = Data("<!DOCTYPE html><html><head><title>t</title></head><body>\(html)</body></html>".utf8)
        #expect(!ExecutableContent.inHTML(page, path: "probe.html", allowedScripts: []).isEmpty)
    }

    @Test("the sanitiser alone: every payload comes out without executable content", arguments: xssPayloads)
    func sanitiserAlone(_ payload: String) {
        let result = HTMLSanitizer().sanitize(payload)
        let page = Data("<!DOCTYPE html><html><head><title>t</title></head><body>\(result.html)</body></html>".utf8)
        #expect(ExecutableContent.inHTML(page, path: "fragment", allowedScripts: []).isEmpty, "\(result.html)")
        #expect(XMLChecker.wellFormednessProblems(of: Array("<div>\(result.html)</div>".utf8)).isEmpty, "\(result.html)")
    }
}

/// Finds executable content the way a browser would see it: pages through libxml2's HTML parser.
enum ExecutableContent {
    /// `form` is not here: the templates' own search forms are allowed (the sanitiser drops every
    /// form from documents); their `action` is checked like any URL.
    static let forbiddenElements: Set<String> = ["script", "iframe", "object", "embed", "base", "frame", "frameset", "applet", "svg", "math", "style"]
    static let urlAttributes: Set<String> = ["href", "src", "action", "formaction", "xlink:href", "background", "poster", "data", "srcdoc", "cite", "lowsrc", "dynsrc"]

    /// A URL that runs code (or could) when followed: javascript:, vbscript:, data:.
    static func isDangerousURL(_ value: String) -> Bool {
        let squeezed = String(value.unicodeScalars.filter { $0.value > 0x20 && !($0.value >= 0x7F && $0.value <= 0x9F) }).lowercased()
        return squeezed.hasPrefix("javascript:") || squeezed.hasPrefix("vbscript:") || squeezed.hasPrefix("data:")
    }

    static func inHTML(_ data: Data, path: String, allowedScripts: Set<String>) -> [String] {
        var findings: [String] = []
        var bytes = [UInt8](data)
        let options = Int32(HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue | HTML_PARSE_NONET.rawValue)
        let document = bytes.withUnsafeMutableBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { htmlReadMemory($0.baseAddress, Int32($0.count), nil, "UTF-8", options) }
        }
        guard let document else { return ["\(path): not parseable as HTML"] }
        defer { xmlFreeDoc(document) }
        var stack: [xmlNodePtr] = []
        if let root = xmlDocGetRootElement(document) { stack.append(root) }
        while let node = stack.popLast() {
            if node.pointee.type == XML_ELEMENT_NODE {
                let name = node.pointee.name.map { String(cString: $0) }?.lowercased() ?? ""
                var attributes: [(String, String)] = []
                var attribute = node.pointee.properties
                while let current = attribute {
                    var attributeName = current.pointee.name.map { String(cString: $0) }?.lowercased() ?? ""
                    if let prefix = current.pointee.ns?.pointee.prefix { attributeName = String(cString: prefix).lowercased() + ":" + attributeName }
                    let value = xmlGetProp(node, current.pointee.name).map { pointer -> String in
                        defer { free(pointer) }
                        return String(cString: pointer)
                    } ?? ""
                    attributes.append((attributeName, value))
                    attribute = current.pointee.next
                }
                let description = "\(path): <\(name) \(attributes.map { "\($0.0)=\"\($0.1.prefix(60))\"" }.joined(separator: " "))>"
                if name == "script" {
                    let source = attributes.first { $0.0 == "src" }?.1 ?? ""
                    let hasContent = node.pointee.children != nil
                    if hasContent || !allowedScripts.contains(where: { source.hasSuffix("/" + $0) || source == $0 }) { findings.append(description) }
                } else if forbiddenElements.contains(name) {
                    findings.append(description)
                }
                if name == "meta", attributes.contains(where: { $0.0 == "http-equiv" }) {
                    // The one allowed: the site root's redirect to the default locale (a root-relative path).
                    let content = attributes.first { $0.0 == "content" }?.1 ?? ""
                    let isRootRedirect = path == "index.html" && content.range(of: #"^\d+; ?url=/[a-z-]+/$"#, options: .regularExpression) != nil
                    if !isRootRedirect { findings.append(description) }
                }
                for (attributeName, value) in attributes {
                    let local = attributeName.split(separator: ":").last.map(String.init) ?? attributeName
                    if local.hasPrefix("on") { findings.append(description) }
                    if urlAttributes.contains(attributeName) || urlAttributes.contains(local), isDangerousURL(value) { findings.append(description) }
                    if attributeName == "style" {
                        let style = value.lowercased().filter { !$0.isWhitespace }
                        if style.contains("expression(") || style.contains("javascript:") || style.contains("url(") { findings.append(description) }
                    }
                    if attributeName == "srcdoc" { findings.append(description) }
                }
            }
            var child = node.pointee.children
            while let current = child {
                stack.append(current)
                child = current.pointee.next
            }
        }
        return findings
    }

    /// RSS/Atom/sitemap: well-formed XML, and HTML-bearing elements (description, content,
    /// summary) scanned as HTML, since feed readers render them.
    static func inXMLFeed(_ data: Data, path: String) -> [String] {
        var findings: [String] = []
        var bytes = [UInt8](data)
        let document = bytes.withUnsafeMutableBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { xmlReadMemory($0.baseAddress, Int32($0.count), nil, "UTF-8", Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue)) }
        }
        guard let document else { return ["\(path): not well-formed XML"] }
        defer { xmlFreeDoc(document) }
        var stack: [xmlNodePtr] = []
        if let root = xmlDocGetRootElement(document) { stack.append(root) }
        while let node = stack.popLast() {
            if node.pointee.type == XML_ELEMENT_NODE {
                let name = node.pointee.name.map { String(cString: $0) }?.lowercased() ?? ""
                if ["script", "iframe", "object", "embed"].contains(name) { findings.append("\(path): <\(name)> element in XML") }
                if ["description", "content", "summary", "encoded", "subtitle", "rights"].contains(name), let text = xmlNodeGetContent(node) {
                    let html = String(cString: text)
                    free(text)
                    findings += inHTML(Data("<html><body>\(html)</body></html>".utf8), path: "\(path) <\(name)>", allowedScripts: [])
                }
                for attribute in ["href", "src", "url"] {
                    if let value = xmlGetProp(node, attribute), case let string = String(cString: value) {
                        free(value)
                        if isDangerousURL(string) { findings.append("\(path): <\(name) \(attribute)=\"\(string)\">") }
                    }
                }
                if ["link", "loc", "guid", "id", "uri", "url"].contains(name), let text = xmlNodeGetContent(node) {
                    let string = String(cString: text)
                    free(text)
                    if isDangerousURL(string) { findings.append("\(path): <\(name)>\(string)") }
                }
            }
            var child = node.pointee.children
            while let current = child {
                stack.append(current)
                child = current.pointee.next
            }
        }
        return findings
    }

    /// JSON (feed, records, CSAF, search index): valid JSON, `*_html`/`html` values scanned as
    /// HTML, and URL-valued keys free of javascript:/vbscript:/data: URLs.
    static func inJSON(_ data: Data, path: String) -> [String] {
        guard let value = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) else { return ["\(path): not valid JSON"] }
        var findings: [String] = []
        func visit(_ value: Any, key: String, parent: String = "") {
            switch value {
            case let object as [String: Any]:
                for (name, child) in object { visit(child, key: name, parent: key) }
            case let array as [Any]:
                for child in array { visit(child, key: key, parent: parent) }
            case let string as String:
                // Records list the document's links as written (data for link checking, never
                // rendered by the site); the pages drop unsafe ones. Everything else is checked.
                if key == "url", parent == "links" { return }
                let lower = key.lowercased()
                if lower.hasSuffix("html") {
                    findings += inHTML(Data("<html><body>\(string)</body></html>".utf8), path: "\(path) \(key)", allowedScripts: [])
                }
                if lower == "u" || lower == "url" || lower.hasSuffix("_url") || lower == "href" || lower == "src" || lower == "image" || lower == "icon" || lower == "favicon" {
                    if isDangerousURL(string) { findings.append("\(path): \(key) = \(string.prefix(80))") }
                }
            default:
                break
            }
        }
        visit(value, key: "")
        return findings
    }
}
