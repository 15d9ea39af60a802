import AdvisoryModel
import Foundation
@testable import SiteBuild
import SiteRendering
import Testing

/// A cold build leaves the payload of every document in the cache; a page is assembled from a
/// Mustache shell and its navigation and body bytes.
@Suite("The per-document flow", .serialized)
struct PageFlowTests {
    @Test("After a cold build, the cache holds the page body of every published document and the output its record")
    func coldBuildStoresPayloads() throws {
        let workspace = try Workspace("cold-payloads")
        defer { try? FileManager.default.removeItem(at: workspace.root) }
        let configuration = try workspace.configuration()
        let report = SiteBuilder(configuration: configuration).build()
        #expect(report.published)
        // content/ holds 954474, 2269637 and MS16-001 in zh-CN and de-DE and 954474 in ja-JP.
        #expect(report.documents.count == 7)
        let store = PayloadStore(folder: configuration.cacheFolder + "/payloads")
        let layout = SiteLayout(baseURL: configuration.baseURL)
        for document in report.documents {
            let payload = try #require(store.load(document.key), "no payload stored for \(document.relativePath)")
            #expect(payload.files == nil && !payload.body.isEmpty, "\(document.relativePath): the body, without the files")
            let recordFile = workspace.output.appendingPathComponent(layout.recordPath(locale: document.locale, slug: document.slug))
            let record = try JSONSerialization.jsonObject(with: try Data(contentsOf: recordFile)) as? [String: Any]
            #expect(record?["id"] as? String == document.advisory.id)
        }
    }

    /// A variant of `page.mustache` and what a page made with it shows.
    struct TemplateVariant: Sendable, CustomTestStringConvertible {
        var name: String
        /// `page.mustache`'s text before and after; partials to add.
        var replacing: String
        var with: String
        var partials: [String: String] = [:]
        /// Text the page of content/de-de/SecurityAdvisories/2008/954474.md holds (from its source and the template).
        var shows: [String]
        var hides: [String] = []
        /// True when the page can be made from the markers; false when Mustache must render it whole.
        var assembled = true
        /// How the page is made when every way is allowed.
        var madeBy = PageComposer.PageMaking.program
        var testDescription: String { name }
    }

    static let bodyText = "Microsoft hat diese Meldungen bestätigt"

    static let variants: [TemplateVariant] = [
        TemplateVariant(name: "as shipped", replacing: "", with: "", shows: ["<div class=\"body\">\n", bodyText, "<ul class=\"nav-kinds\">"]),
        TemplateVariant(name: "the body escaped ({{body}})", replacing: "{{{body}}}", with: "{{body}}", shows: ["&lt;p&gt;Microsoft hat die Untersuchungen"], hides: ["<p>Microsoft hat die Untersuchungen"], assembled: false),
        TemplateVariant(name: "the record's fields by anchored and dotted names, inverted sections",
                        replacing: "<p class=\"kind\">{{kindLabel}}</p>",
                        with: "<p class=\"kind\">{{kindLabel}}</p>{{#record}}<i>{{.id}}|{{title}}|{{lang}}|{{.lang}}|{{feeds.rss}}</i>{{/record}}{{^record.cves}}<b>no CVE</b>{{/record.cves}}{{^record.kb}}<b>no KB</b>{{/record.kb}}{{^nothing}}<u>none</u>{{/nothing}}{{#record.hasCVE}}{{^record.hasKB}}x{{/record.hasKB}}{{/record.hasCVE}}",
                        shows: ["<i>954474|Microsoft-Sicherheitsempfehlung 954474|de-DE||", "de-de/rss.xml</i>", "<b>no CVE</b><u>none</u>"], hides: ["no KB"]),
        TemplateVariant(name: "a string section shown by {{.}}, a flag shown as text, characters to escape",
                        replacing: "<p class=\"kind\">", with: "{{#record.id}}<s>{{.}}</s>{{/record.id}}<q>{{record.hasKB}}</q><a title=\"{{strings.published}}&'{{record.id}}\"></a><p class=\"kind\">",
                        shows: ["<s>954474</s>", "<q>true</q>", "<a title=\"Veröffentlicht&'954474\"></a>"]),
        TemplateVariant(name: "the body twice", replacing: "{{{body}}}", with: "{{{body}}}<hr />{{{body}}}", shows: [bodyText]),
        TemplateVariant(name: "the body lower-cased", replacing: "{{{body}}}", with: "{{{lowercased(body)}}}", shows: ["microsoft hat diese meldungen bestätigt"], hides: [bodyText], assembled: false, madeBy: .mustache),
        TemplateVariant(name: "the navigation in a section", replacing: "{{{navigation}}}", with: "{{#navigation}}<div>{{{.}}}</div>{{/navigation}}",
                        shows: ["<div><ul class=\"nav-kinds\">\n"]),
        TemplateVariant(name: "the navigation in an indented partial", replacing: "{{{navigation}}}\n", with: "  {{> nav}}\n",
                        partials: ["nav": "<div>\n{{{navigation}}}</div>\n"], shows: ["</ul>\n  </div>\n"]),
    ]

    @Test("A page made by the program or from markers is the page Mustache renders whole", arguments: variants)
    func markersGiveMustacheOutput(variant: TemplateVariant) throws {
        let workspace = try Workspace("shell")
        defer { try? FileManager.default.removeItem(at: workspace.root) }
        if !variant.replacing.isEmpty { try workspace.replace("templates/page.mustache", variant.replacing, with: variant.with) }
        for (name, text) in variant.partials { try workspace.write("templates/\(name).mustache", text) }
        let snapshot = try SiteSnapshot.load(configuration: try workspace.configuration()).get()
        for document in snapshot.documents {
            var diagnostics: [Diagnostic] = []
            let payload = snapshot.payload(for: document)
            let made = snapshot.composer.page(for: document, payload: payload, diagnostics: &diagnostics, fastest: .program)
            let markers = snapshot.composer.page(for: document, payload: payload, diagnostics: &diagnostics, fastest: .markers)
            let whole = snapshot.composer.page(for: document, payload: payload, diagnostics: &diagnostics, fastest: .mustache)
            let same = made.bytes == whole.bytes && markers.bytes == whole.bytes
            #expect(same, "\(variant.name): \(document.locale) \(document.relativePath) differs from Mustache's page")
            #expect(made.madeBy == variant.madeBy && whole.madeBy == .mustache)
            #expect(markers.madeBy == (variant.assembled ? .markers : .mustache))
            let assembled = made.bytes
            guard document.locale == "de-DE", document.relativePath == "SecurityAdvisories/2008/954474.md" else { continue }
            let page = String(decoding: assembled, as: UTF8.self)
            for text in variant.shows { #expect(page.contains(text), "\(variant.name): the page lacks \(text)") }
            for text in variant.hides { #expect(!page.contains(text), "\(variant.name): the page shows \(text)") }
            if variant.name == "the body twice" { #expect(page.components(separatedBy: Self.bodyText).count == 3) }
        }
    }
}

@Suite("Navigation made once per build")
struct PageNavigationTests {
    /// zh-CN gets a TOC (954474 and 2269637 under a group; MS16-001 at entry 40 of a level of 70);
    /// de-DE a second advisory in 954474's folder, so that the folder lists two documents.
    static func workspace() throws -> Workspace {
        let workspace = try Workspace("navigation")
        var toc = """
        - name: 通报
          items:
          - name: 通报 954474
            href: SecurityAdvisories/2008/954474.md
          - name: 通报 2269637
            href: SecurityAdvisories/2010/2269637.md
        - name: 公告
          items:

        """
        for index in 0..<70 {
            toc += index == 40 ? "  - name: g40\n    href: SecurityBulletins/2016/ms16-001.md\n" : "  - name: g\(index)\n"
        }
        try workspace.write("content/zh-cn/TOC.yml", toc)
        let original = try workspace.read("content/de-de/SecurityAdvisories/2008/954474.md")
        try workspace.write("content/de-de/SecurityAdvisories/2008/954475.md", original.replacingOccurrences(of: "954474", with: "954475"))
        return workspace
    }

    static func occurrences(of needle: String, in text: String) -> Int { text.components(separatedBy: needle).count - 1 }

    @Test("Each page marks its own entry, and only it, in the TOC or in its folder's list")
    func ownEntryIsCurrent() throws {
        let workspace = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: workspace.root) }
        let snapshot = try SiteSnapshot.load(configuration: try workspace.configuration()).get()
        var marked: [String] = []
        for document in snapshot.documents {
            let page = snapshot.page(for: document).html
            let count = Self.occurrences(of: " aria-current=\"page\"", in: page)
            if count == 0 { continue }
            #expect(count == 1, "\(document.relativePath): \(count) entries marked")
            #expect(page.contains("<a href=\"\(snapshot.site.pageLink(document))\" aria-current=\"page\">"), "\(document.locale) \(document.relativePath) marks another entry")
            marked.append(document.locale + " " + document.relativePath)
        }
        // Every zh-CN document is in the TOC; de-DE's two 2008 advisories share a folder; the rest stand alone.
        #expect(marked.sorted() == [
            "de-DE SecurityAdvisories/2008/954474.md", "de-DE SecurityAdvisories/2008/954475.md",
            "zh-CN SecurityAdvisories/2008/954474.md", "zh-CN SecurityAdvisories/2010/2269637.md", "zh-CN SecurityBulletins/2016/ms16-001.md",
        ])
    }

    @Test("A TOC level of over 60 entries shows 25 either side of the open one")
    func longLevelWindow() throws {
        let workspace = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: workspace.root) }
        let snapshot = try SiteSnapshot.load(configuration: try workspace.configuration()).get()
        let bulletin = try #require(snapshot.documents.first { $0.locale == "zh-CN" && $0.relativePath == "SecurityBulletins/2016/ms16-001.md" })
        let page = snapshot.page(for: bulletin).html
        #expect(page.contains("<li><span class=\"group\">通报</span></li>\n<li><span class=\"group\">公告</span></li>\n"))
        for shown in [15, 39, 41, 65] { #expect(page.contains("<span class=\"group\">g\(shown)</span>"), "g\(shown) is within 25 of g40") }
        for hidden in [0, 14, 66, 69] { #expect(!page.contains("<span class=\"group\">g\(hidden)</span>"), "g\(hidden) is over 25 from g40") }
        #expect(page.contains(">g40</a>"))
        // 954474's page opens the first group: its level of two is shown whole, the long one not at all.
        let advisory = try #require(snapshot.documents.first { $0.locale == "zh-CN" && $0.relativePath == "SecurityAdvisories/2008/954474.md" })
        let other = snapshot.page(for: advisory).html
        #expect(other.contains(">通报 2269637</a>") && !other.contains("g40"))
    }

    /// de-DE's 2008 folder made to hold 70 advisories, 954474 to 954543: listed by their TOC titles
    /// (the ids), so the entry at place `n` is 954474 + n.
    @Test("A folder list of over 60 documents shows 25 either side of the page's own, and every page its own entry",
          arguments: [(place: 0, shown: 0...25), (place: 40, shown: 15...65), (place: 69, shown: 44...69)])
    func longFolderWindow(place: Int, shown: ClosedRange<Int>) throws {
        let workspace = try Workspace("navigation-folder")
        defer { try? FileManager.default.removeItem(at: workspace.root) }
        let original = try workspace.read("content/de-de/SecurityAdvisories/2008/954474.md")
        for place in 1..<70 {
            try workspace.write("content/de-de/SecurityAdvisories/2008/\(954474 + place).md", original.replacingOccurrences(of: "954474", with: "\(954474 + place)"))
        }
        let snapshot = try SiteSnapshot.load(configuration: try workspace.configuration()).get()
        let document = try #require(snapshot.documents.first { $0.locale == "de-DE" && $0.relativePath == "SecurityAdvisories/2008/\(954474 + place).md" })
        let page = snapshot.page(for: document).html
        let listed = (0..<70).filter { page.contains(">\(954474 + $0)</a></li>") }
        #expect(listed == Array(shown))
        #expect(page.contains("<a href=\"\(snapshot.site.pageLink(document))\" aria-current=\"page\">\(954474 + place)</a>"))
        #expect(Self.occurrences(of: " aria-current=\"page\"", in: page) == 1)
    }
}
