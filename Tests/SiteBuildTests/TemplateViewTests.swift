import Foundation
@testable import SiteBuild
import Testing

/// The views answer Mustache's lookups by the names their JSON form has, and no others.
@Suite("Template views")
struct TemplateViewTests {
    static let record = RecordView(
        title: "Microsoft 安全通报 954474", id: "954474", subtitle: "阻止部署安全更新", titleAnchor: "microsoft-安全通报-954474", subtitleAnchor: "阻止部署安全更新", published: "2008年6月13日", publishedISO: "2008-06-13",
        updated: "2008年6月17日", updatedISO: "2008-06-17", version: "1.1", severity: "重要", severityRating: "important",
        hasKB: true, kb: [RecordView.Link(number: "954474", id: nil, url: "https://support.microsoft.com/kb/954474")],
        hasCVE: true, cves: [RecordView.Link(number: nil, id: "CVE-2008-0001", url: "https://www.cve.org/CVERecord?id=CVE-2008-0001")],
        hasRevisions: true, revisions: [RecordView.RevisionView(text: "已发布通报。", version: "1.0", date: "2008年6月13日", dateISO: "2008-06-13")],
        recordJSON: "/zh-cn/securityadvisories/2008/954474/index.json")
    static let page = PageView(
        lang: "zh-CN", title: "954474 – 测试", siteTitle: "测试", canonical: "https://example.org/zh-cn/", strings: ["search": "搜索"],
        home: "/zh-cn/", assets: "/assets/", searchPage: "/zh-cn/search/", feeds: PageView.FeedLinks(json: "j", rss: "r", atom: "a"),
        previewScript: "/_herald/reload.js", alternates: [PageView.Alternate(hreflang: "de-DE", href: "h")],
        languages: [PageView.Language(tag: "de-DE", name: "Deutsch", href: "h", current: false)], navigation: "<ul></ul>",
        kindLabel: "通报", record: record, body: "<p>正文</p>",
        diagnostics: DiagnosticsPanel(show: true, count: "1", items: [DiagnosticsPanel.Item(severity: "warning", code: "DATE001", location: "a.md:3:1", message: "m")]),
        heading: "通报", groups: [ListGroup(name: "2008", items: [ListItem(href: "h", title: "t", subtitle: "s", date: "d", dateISO: "2008-06-13")], more: "m")],
        searchIndex: "/zh-cn/search.json")

    /// The JSON keys of `value` (every property is set in the samples above).
    static func keys(of value: some Encodable) throws -> Set<String> {
        let object = try JSONSerialization.jsonObject(with: JSONEncoder().encode(value)) as? [String: Any]
        return Set(object?.keys.map { $0 } ?? [])
    }

    @Test("Each view answers every name of its JSON form, and nothing else", arguments: [
        "PageView", "FeedLinks", "Alternate", "Language", "RecordView", "Link (KB)", "Link (CVE)", "RevisionView", "DiagnosticsPanel", "Item",
        "ListGroup", "ListItem",
    ])
    func lookups(view: String) throws {
        let cases: [String: (keys: Set<String>, child: (String) -> Any?)] = [
            "PageView": (try Self.keys(of: Self.page), Self.page.child(named:)),
            "FeedLinks": (try Self.keys(of: Self.page.feeds), Self.page.feeds.child(named:)),
            "Alternate": (try Self.keys(of: Self.page.alternates[0]), Self.page.alternates[0].child(named:)),
            "Language": (try Self.keys(of: Self.page.languages[0]), Self.page.languages[0].child(named:)),
            "RecordView": (try Self.keys(of: Self.record), Self.record.child(named:)),
            "Link (KB)": (try Self.keys(of: Self.record.kb[0]), Self.record.kb[0].child(named:)),
            "Link (CVE)": (try Self.keys(of: Self.record.cves[0]), Self.record.cves[0].child(named:)),
            "RevisionView": (try Self.keys(of: Self.record.revisions[0]), Self.record.revisions[0].child(named:)),
            "DiagnosticsPanel": (try Self.keys(of: Self.page.diagnostics!), Self.page.diagnostics!.child(named:)),
            "Item": (try Self.keys(of: Self.page.diagnostics!.items[0]), Self.page.diagnostics!.items[0].child(named:)),
            "ListGroup": (try Self.keys(of: Self.page.groups![0]), Self.page.groups![0].child(named:)),
            "ListItem": (try Self.keys(of: Self.page.groups![0].items[0]), Self.page.groups![0].items[0].child(named:)),
        ]
        let (keys, child) = try #require(cases[view])
        #expect(!keys.isEmpty)
        for key in keys { #expect(child(key) != nil, "\(view) does not answer '\(key)'") }
        #expect(child("noSuchName") == nil)
    }
}
