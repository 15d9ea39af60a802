import AdvisoryModel
import Foundation
import SiteBuild
import Testing
import XMLValidation

@Suite("Heading anchors on pages, and problems at their place", .serialized)
struct AnchorAndPositionTests {
    /// Every heading anchor of every record is an id on its page.
    @Test("record anchors exist on the bundled pages")
    func recordAnchorsExist() throws {
        let output = temporaryFolder("anchors").appendingPathComponent("site")
        let report = SiteBuilder(configuration: try bundledConfiguration(output: output)).build()
        #expect(report.published)
        var checked = 0
        for document in report.documents {
            let folder = output.appendingPathComponent(document.locale.lowercased()).appendingPathComponent(document.slug)
            guard let record = FileManager.default.contents(atPath: folder.appendingPathComponent("index.json").path),
                  let page = try? String(contentsOf: folder.appendingPathComponent("index.html"), encoding: .utf8) else { continue }
            let advisory = try JSONDecoder().decode(HeadingsOnly.self, from: record)
            for heading in advisory.headings {
                checked += 1
                #expect(page.contains("id=\"\(heading.anchor)\""), "\(document.locale) \(document.slug): no id \(heading.anchor) for '\(heading.text)'")
            }
        }
        #expect(checked > 50)
    }

    @Test("954474: page and record agree on every anchor")
    func reference954474() throws {
        let output = temporaryFolder("anchors954474").appendingPathComponent("site")
        _ = SiteBuilder(configuration: try bundledConfiguration(output: output)).build()
        let folder = output.appendingPathComponent("zh-cn/securityadvisories/2008/954474")
        let record = try JSONDecoder().decode(HeadingsOnly.self, from: try Data(contentsOf: folder.appendingPathComponent("index.json")))
        let page = try String(contentsOf: folder.appendingPathComponent("index.html"), encoding: .utf8)
        // Headings of content/zh-cn/SecurityAdvisories/2008/954474.md, slugged by hand.
        let expected = ["microsoft-安全通报-954474", "system-center-configuration-manager-2007-阻止部署安全更新", "一般信息", "概述", "常见问题", "建议措施", "其他信息"]
        #expect(Array(record.headings.map(\.anchor).prefix(expected.count)) == expected)
        #expect(page.contains("<h1 id=\"microsoft-安全通报-954474\">Microsoft 安全通报 954474</h1>"))
        #expect(page.contains("<h3 id=\"一般信息\">一般信息</h3>"))
        for anchor in record.headings.map(\.anchor) { #expect(page.contains("id=\"\(anchor)\""), "no id \(anchor)") }
    }

    @Test("HTML001 and HTML002 point at each element and attribute")
    func sanitizerPositions() throws {
        let body = "正文。\n\n<div onclick=\"x()\">点击</div>\n\n<script>alert(1)</script>\n\n<PUBLICKEY>abc</PUBLICKEY>"
        let text = advisory(body: body)
        let report = try TinySite(["zh-CN": [cleanPath: text]]).check()
        let lines = text.components(separatedBy: "\n")
        func place(of needle: String) -> (Int, Int) {
            let index = lines.firstIndex { $0.contains(needle) }!
            return (index + 1, lines[index].distance(from: lines[index].startIndex, to: lines[index].range(of: needle)!.lowerBound) + 1)
        }
        let found = report.diagnostics.filter { $0.code == .html001 || $0.code == .html002 }.map { ($0.code, $0.location.line, $0.location.column) }
        let onclick = place(of: "onclick"), script = place(of: "<script"), key = place(of: "<PUBLICKEY")
        #expect(found.count == 3)
        #expect(found.contains { $0 == (.html001, onclick.0, onclick.1) })
        #expect(found.contains { $0 == (.html001, script.0, script.1) })
        #expect(found.contains { $0 == (.html002, key.0, key.1) })
    }

    @Test("many removals are capped per document with a count")
    func capped() throws {
        let body = (1...30).map { "<div onclick=\"f\($0)()\">\($0)</div>" }.joined(separator: "\n\n")
        let report = try TinySite(["zh-CN": [cleanPath: advisory(body: body)]]).check()
        let found = report.diagnostics.filter { $0.code == .html001 }
        #expect(found.count == Diagnostic.perDocumentLimit + 1)
        #expect(found.contains { $0.message.hasPrefix("10 more HTML001") })
    }

    @Test("EMPH001 at the marker's line and column")
    func visibleMarker() throws {
        let text = advisory(body: "此通报讨论**未闭合的强调。")
        let report = try TinySite(["zh-CN": [cleanPath: text]]).check()
        let lines = text.components(separatedBy: "\n")
        let line = lines.firstIndex { $0.hasPrefix("此通报讨论") }! + 1
        let found = report.diagnostics.filter { $0.code == .emph001 }
        #expect(found.map(\.location.line) == [line])
        #expect(found.map(\.location.column) == [6])
    }

    @Test("in-page links are checked against the anchors, percent-encoded or not", arguments: [
        ("参见 [一般信息](#一般信息)。", false), ("参见 [一般信息](#%E4%B8%80%E8%88%AC%E4%BF%A1%E6%81%AF)。", false), ("参见 [别处](#别处)。", true),
    ])
    func inPageLinks(_ body: String, _ reported: Bool) throws {
        let report = try TinySite(["zh-CN": [cleanPath: advisory(body: "### 一般信息\n\n" + body)]]).check()
        #expect(report.diagnostics.contains { $0.code == .anch001 } == reported, "\(report.diagnostics.map(\.formatted))")
    }
}

/// The part of a record these tests read.
private struct HeadingsOnly: Decodable {
    struct Heading: Decodable {
        var text: String
        var anchor: String
    }

    var headings: [Heading]
}

@Suite("Ids of elements the sanitiser unwraps")
struct UnwrappedIdTests {
    @Test("a heading left inside a table keeps its id", arguments: [
        ("<table><tr><td>a</td></tr>\n<h2 id=\"一般信息\">一般信息</h2>\n", "<p id=\"一般信息\">一般信息</p><table>"),
        ("<table>\n<tr><td>a</td></tr>\n<tr><h3 id=\"一般信息\">一般信息</h3></tr></table>", "<td id=\"一般信息\">一般信息</td>"),
    ])
    func keepsId(_ html: String, _ expected: String) {
        let output = HTMLSanitizer().sanitize(html).html
        #expect(output.contains(expected), "\(output)")
    }
}
