import AdvisoryExtraction
import AdvisoryModel
import CommonMark
import Foundation
import SiteRendering
import XMLValidation

/// A file of the site: its path below the site root and its bytes.
struct OutputFile: Sendable {
    var path: String
    var data: Data
}

/// Turns records and trees into pages, indexes, feeds, the sitemap and assets.
struct PageComposer: Sendable {
    let site: SiteModel
    let templates: TemplateSet
    let strings: StringsCatalog
    let preview: Bool
    /// Every page's navigation, made once.
    let navigation: PageNavigation
    /// What every page of a locale shows alike, made once per locale.
    private let localeParts: [String: LocaleParts]

    init(site: SiteModel, templates: TemplateSet, strings: StringsCatalog, preview: Bool) {
        self.site = site
        self.templates = templates
        self.strings = strings
        self.preview = preview
        navigation = PageNavigation(site: site, strings: strings)
        localeParts = Dictionary(site.locales.map { ($0, LocaleParts(locale: $0, site: site, strings: strings)) }) { first, _ in first }
    }

    /// The parts of `PageView` that depend on the locale alone.
    private struct LocaleParts {
        var siteTitle: String
        var strings: [String: String]
        var home: String
        var searchPage: String
        var feeds: PageView.FeedLinks

        init(locale: String, site: SiteModel, strings: StringsCatalog) {
            let layout = site.layout
            siteTitle = site.configuration.locales.first { $0.tag == locale }?.title ?? site.configuration.title
            self.strings = strings.strings(locale)
            home = layout.link(SiteLayout.folder(for: locale) + "/")
            searchPage = layout.link(SiteLayout.folder(for: locale) + "/search/")
            feeds = PageView.FeedLinks(json: layout.link(layout.feedPath(locale: locale, name: "feed.json")),
                                       rss: layout.link(layout.feedPath(locale: locale, name: "rss.xml")),
                                       atom: layout.link(layout.feedPath(locale: locale, name: "atom.xml")))
        }
    }

    private var layout: SiteLayout { site.layout }

    // MARK: - Document pages

    /// The bytes of a document page from its prepared body; links and images whose target does
    /// not exist are added to `diagnostics`.
    func page(for document: BuiltDocument, payload: DocumentPayload, diagnostics: inout [Diagnostic]) -> [UInt8] {
        page(for: document, payload: payload, diagnostics: &diagnostics, fastest: .program).bytes
    }

    /// How a document page is made; each gives the bytes of the next.
    enum PageMaking: Equatable {
        /// By `TemplateProgram`, the navigation and body written where the template shows them.
        case program
        /// From a shell Mustache renders with markers for the navigation and body (`PageShell`).
        case markers
        /// By Mustache, whole.
        case mustache
    }

    /// A document page, made the `fastest` way that can make it (`PageMaking`): the program
    /// declines a template it does not compile, the markers one that escapes or transforms the
    /// navigation or the body.
    func page(for document: BuiltDocument, payload: DocumentPayload, diagnostics: inout [Diagnostic], fastest: PageMaking) -> (bytes: [UInt8], madeBy: PageMaking) {
        let resolver = site.resolvers[document.locale]
        // Where each checked link points, so that its URL slot is not resolved again.
        var resolved: [String: String] = [:]
        resolved.reserveCapacity(document.references.count)
        if let resolver {
            for reference in document.references {
                let resolution = resolver.resolve(reference.url, from: document.relativePath)
                resolved[reference.url] = resolution.target(of: reference.url)
                guard resolution == .missing else { continue }
                let location = SourceLocation(path: document.sourcePath, line: reference.line, column: reference.column)
                diagnostics.append(reference.isImage
                    ? Diagnostic(.img001, "image '\(reference.url)' does not exist", at: location)
                    : Diagnostic(.link001, "link target '\(reference.url)' does not exist", at: location))
            }
        }
        let resolve: (String) -> String = resolver.map { resolver in
            { url in resolver.target(of: url, from: document.relativePath, checked: resolved) }
        } ?? { $0 }
        var view = pageView(for: document, diagnostics: diagnostics)
        var navigation: [UInt8] = []
        self.navigation.append(for: document, to: &navigation)
        return payload.body.withUnsafeBufferPointer { body -> (bytes: [UInt8], madeBy: PageMaking) in
            navigation.withUnsafeBufferPointer { navigation -> (bytes: [UInt8], madeBy: PageMaking) in
                let writeBody = { (out: inout [UInt8]) in HTMLSanitizer.appendFillingURLSlots(body, urls: payload.urls, to: &out, resolve: resolve) }
                if fastest == .program {
                    var page: [UInt8] = []
                    page.reserveCapacity(navigation.count + body.count + payload.urls.count * 16 + 8192)
                    let parts = PageShell.PageParts(view: view, navigation: TemplateBytes { $0.append(contentsOf: navigation) }, body: TemplateBytes(write: writeBody))
                    if templates.renderCompiled("page", parts, into: &page) { return (page, .program) }
                }
                let parts = [
                    PageShell.Part(name: "navigation", endingLike: navigation) { $0.append(contentsOf: navigation) },
                    PageShell.Part(name: "body", endingLike: body, write: writeBody),
                ]
                if fastest != .mustache, !body.isEmpty, body.last != 0, !navigation.isEmpty {
                    view.navigation = parts[0].markerText
                    view.body = parts[1].markerText
                    if let page = PageShell.assemble(templates.render("page", view), parts: parts, extraCapacity: navigation.count + body.count + payload.urls.count * 16) {
                        return (page, .markers)
                    }
                }
                var filled: [UInt8] = []
                parts[1].write(&filled)
                view.navigation = String(decoding: navigation, as: UTF8.self)
                view.body = String(decoding: filled, as: UTF8.self)
                return (Array(templates.render("page", view).utf8), .mustache)
            }
        }
    }

    /// What `page.mustache` sees of a document, but for its navigation and body.
    private func pageView(for document: BuiltDocument, diagnostics: [Diagnostic]) -> PageView {
        let text = strings.strings(document.locale)
        var view = common(locale: document.locale, title: document.advisory.title, canonicalPath: layout.pagePath(locale: document.locale, slug: document.slug), alternatesOf: document)
        let advisory = document.advisory
        view.kindLabel = text["kind.\(advisory.kind.rawValue)"] ?? advisory.kind.rawValue
        view.record = record(advisory, document: document)
        if preview {
            let sorted = diagnostics.sorted()
            view.diagnostics = DiagnosticsPanel(show: !sorted.isEmpty, count: String(sorted.count), items: sorted.map {
                DiagnosticsPanel.Item(severity: $0.severity.rawValue, code: $0.code.rawValue, location: "\($0.location.path):\($0.location.line):\($0.location.column)", message: $0.message)
            })
        }
        return view
    }

    private func record(_ advisory: Advisory, document: BuiltDocument) -> RecordView {
        let title = advisory.headings.first { $0.level == 1 && !$0.anchor.isEmpty }
        let subtitle = advisory.source.lines[.subtitle].flatMap { line in advisory.headings.first { $0.line == line && $0.level > 1 && !$0.anchor.isEmpty } }
        let kbNumbers = advisory.kbPrimary.map { [$0] } ?? Array(advisory.kb.prefix(advisory.kind == .advisory ? 3 : 10))
        return RecordView(
            title: advisory.title, id: advisory.id, subtitle: advisory.subtitle, titleAnchor: title?.anchor, subtitleAnchor: subtitle?.anchor,
            published: advisory.published.map { LocalizedDates.display($0, locale: advisory.locale) }, publishedISO: advisory.published?.description,
            updated: advisory.updated.map { LocalizedDates.display($0, locale: advisory.locale) }, updatedISO: advisory.updated?.description,
            version: advisory.version, severity: advisory.severity?.raw, severityRating: advisory.severity?.rating.rawValue,
            hasKB: !kbNumbers.isEmpty, kb: kbNumbers.map { RecordView.Link(number: $0, id: nil, url: CSAFWriter.knowledgeBaseURL($0)) },
            hasCVE: !advisory.cves.isEmpty, cves: advisory.cves.map { RecordView.Link(number: nil, id: $0, url: "https://www.cve.org/CVERecord?id=\($0)") },
            hasRevisions: !advisory.revisions.isEmpty,
            revisions: advisory.revisions.map { revision in
                RecordView.RevisionView(text: revision.text, version: revision.version, date: revision.date.map { LocalizedDates.display($0, locale: advisory.locale) },
                                        dateISO: revision.date?.description)
            },
            recordJSON: layout.link(layout.recordPath(locale: document.locale, slug: document.slug))
        )
    }

    // MARK: - Shared context

    private func common(locale: String, title: String, canonicalPath: String, alternatesOf document: BuiltDocument?) -> PageView {
        let parts = localeParts[locale] ?? LocaleParts(locale: locale, site: site, strings: strings)
        let siteTitle = parts.siteTitle
        var alternates: [PageView.Alternate] = []
        var languages: [PageView.Language] = []
        if let document {
            let siblings = site.siblings(of: document)
            if siblings.count > 1 {
                alternates = siblings.map { PageView.Alternate(hreflang: $0.locale, href: site.pageURL($0)) }
                let fallback = siblings.first { $0.locale == site.configuration.defaultLocale } ?? siblings[0]
                alternates.append(PageView.Alternate(hreflang: "x-default", href: site.pageURL(fallback)))
            }
            for sibling in siblings {
                languages.append(PageView.Language(tag: sibling.locale, name: strings.strings(sibling.locale)["languageName"] ?? sibling.locale,
                                                   href: site.pageLink(sibling), current: sibling.locale == locale))
            }
        } else {
            for other in site.locales {
                let path = canonicalPath.replacingOccurrences(of: SiteLayout.folder(for: locale) + "/", with: SiteLayout.folder(for: other) + "/", options: .anchored)
                languages.append(PageView.Language(tag: other, name: strings.strings(other)["languageName"] ?? other, href: layout.link(path), current: other == locale))
                if site.locales.count > 1 { alternates.append(PageView.Alternate(hreflang: other, href: layout.absolute(path))) }
            }
            if site.locales.count > 1 {
                let path = canonicalPath.replacingOccurrences(of: SiteLayout.folder(for: locale) + "/", with: SiteLayout.folder(for: site.configuration.defaultLocale) + "/", options: .anchored)
                alternates.append(PageView.Alternate(hreflang: "x-default", href: layout.absolute(path)))
            }
        }
        return PageView(
            lang: locale, title: title == siteTitle ? title : "\(title) – \(siteTitle)", siteTitle: siteTitle,
            canonical: layout.absolute(canonicalPath), strings: parts.strings, home: parts.home, assets: layout.link("assets/"),
            searchPage: parts.searchPage, feeds: parts.feeds,
            previewScript: preview ? "/_herald/reload.js" : nil, alternates: alternates, languages: languages
        )
    }

    // MARK: - Index pages

    /// Home, kind, year and search pages, search indexes and per-locale `index.json`.
    func sitePages() -> [OutputFile] {
        var files: [OutputFile] = []
        for locale in site.locales {
            let text = strings.strings(locale)
            let documents = site.documents.filter { $0.locale == locale }
            let byKind = Dictionary(grouping: documents, by: \.advisory.kind)
            var homeGroups: [ListGroup] = []
            for kind in byKind.keys.sorted() {
                let list = Self.newestFirst(byKind[kind] ?? [])
                let kindPath = layout.kindIndexPath(locale: locale, kind: kind)
                homeGroups.append(ListGroup(name: text["kind.\(kind.rawValue)"] ?? kind.rawValue, items: list.prefix(10).map(item), more: layout.link(kindPath)))
                let byYear = Dictionary(grouping: list) { $0.advisory.published?.year ?? DocumentPath(relative: $0.relativePath).year ?? 0 }
                var yearGroups: [ListGroup] = []
                for year in byYear.keys.sorted(by: >) {
                    let items = Self.newestFirst(byYear[year] ?? [])
                    let label = year == 0 ? "—" : String(year)
                    yearGroups.append(ListGroup(name: label, items: items.map(item)))
                    if year != 0 {
                        let yearPath = layout.yearIndexPath(locale: locale, kind: kind, year: year)
                        files.append(listPage(locale: locale, heading: "\(text["kind.\(kind.rawValue)"] ?? kind.rawValue) \(year)", path: yearPath, groups: [ListGroup(name: label, items: items.map(item))]))
                    }
                }
                files.append(listPage(locale: locale, heading: text["kind.\(kind.rawValue)"] ?? kind.rawValue, path: kindPath, groups: yearGroups))
            }
            let siteTitle = site.configuration.locales.first { $0.tag == locale }?.title ?? site.configuration.title
            files.append(listPage(locale: locale, heading: siteTitle, path: SiteLayout.folder(for: locale) + "/", groups: homeGroups))
            var search = common(locale: locale, title: text["search"] ?? "Search", canonicalPath: SiteLayout.folder(for: locale) + "/search/", alternatesOf: nil)
            search.searchIndex = layout.link(SiteLayout.folder(for: locale) + "/search.json")
            files.append(OutputFile(path: SiteLayout.folder(for: locale) + "/search/index.html", data: Data(templates.bytes("search", search))))
            files.append(OutputFile(path: SiteLayout.folder(for: locale) + "/search.json", data: searchIndex(documents)))
            files.append(OutputFile(path: SiteLayout.folder(for: locale) + "/index.json", data: recordIndex(documents)))
        }
        files.append(OutputFile(path: "index.html", data: Data(redirectPage().utf8)))
        files.append(OutputFile(path: FeedExtensionPage.path, data: Data(FeedExtensionPage.html(siteTitle: site.configuration.title).utf8)))
        return files
    }

    private func item(_ document: BuiltDocument) -> ListItem {
        let date = document.advisory.lastChanged
        return ListItem(href: site.pageLink(document), title: document.advisory.title, subtitle: document.advisory.subtitle,
                        date: date.map { LocalizedDates.display($0, locale: document.locale) }, dateISO: date?.description)
    }

    private func listPage(locale: String, heading: String, path: String, groups: [ListGroup]) -> OutputFile {
        var view = common(locale: locale, title: heading, canonicalPath: path, alternatesOf: nil)
        view.heading = heading
        view.groups = groups
        view.navigation = navigation.listPageHTML
        return OutputFile(path: path + "index.html", data: Data(templates.bytes("list", view)))
    }

    private func redirectPage() -> String {
        let target = layout.link(SiteLayout.folder(for: site.configuration.defaultLocale) + "/")
        return """
        <!DOCTYPE html>
        <html lang="\(Escaping.attribute(site.configuration.defaultLocale))">
        <head><meta charset="utf-8" /><title>\(Escaping.text(site.configuration.title))</title><meta http-equiv="refresh" content="0; url=\(Escaping.attribute(target))" /><link rel="canonical" href="\(Escaping.attribute(layout.absolute(SiteLayout.folder(for: site.configuration.defaultLocale) + "/")))" /></head>
        <body><p><a href="\(Escaping.attribute(target))">\(Escaping.text(site.configuration.title))</a></p></body>
        </html>

        """
    }

    static func newestFirst(_ documents: [BuiltDocument]) -> [BuiltDocument] {
        documents.sorted { a, b in
            let x = a.advisory.lastChanged ?? DayDate(year: 1900, month: 1, day: 1)!
            let y = b.advisory.lastChanged ?? DayDate(year: 1900, month: 1, day: 1)!
            return x != y ? x > y : a.relativePath < b.relativePath
        }
    }

    /// Every document of a locale, newest first: its identity, dates and ids, with the URLs of
    /// its page and of its full JSON record.
    private func recordIndex(_ documents: [BuiltDocument]) -> Data {
        struct Entry: Encodable {
            var id: String
            var kind: DocumentKind
            var locale: String
            var assetId: String?
            var title: String
            var subtitle: String?
            var published: DayDate?
            var updated: DayDate?
            var version: String?
            var severity: Severity?
            var kb: [String]
            var cves: [String]
            var url: String
            var record: String

            func encode(to encoder: any Encoder) throws {
                enum Key: String, CodingKey { case id, kind, locale, assetId, title, subtitle, published, updated, version, severity, kb, cves, url, record }
                var container = encoder.container(keyedBy: Key.self)
                try container.encode(id, forKey: .id)
                try container.encode(kind, forKey: .kind)
                try container.encode(locale, forKey: .locale)
                try container.encode(assetId, forKey: .assetId)
                try container.encode(title, forKey: .title)
                try container.encode(subtitle, forKey: .subtitle)
                try container.encode(published, forKey: .published)
                try container.encode(updated, forKey: .updated)
                try container.encode(version, forKey: .version)
                try container.encode(severity, forKey: .severity)
                try container.encode(kb, forKey: .kb)
                try container.encode(cves, forKey: .cves)
                try container.encode(url, forKey: .url)
                try container.encode(record, forKey: .record)
            }
        }
        let entries = Self.newestFirst(documents).map { document in
            let advisory = document.advisory
            return Entry(id: advisory.id, kind: advisory.kind, locale: advisory.locale, assetId: advisory.assetId, title: advisory.title,
                         subtitle: advisory.subtitle, published: advisory.published, updated: advisory.updated, version: advisory.version,
                         severity: advisory.severity, kb: advisory.kb, cves: advisory.cves, url: site.pageURL(document),
                         record: layout.absolute(layout.recordPath(locale: document.locale, slug: document.slug)))
        }
        return (try? AdvisoryJSON.encoder().encode(entries)) ?? Data("[]".utf8)
    }

    /// A compact search index: title, subtitle, ids and URL per document. CJK text is matched
    /// by substring in the browser, so no word segmentation is needed.
    private func searchIndex(_ documents: [BuiltDocument]) -> Data {
        struct Entry: Encodable {
            var t: String
            var s: String
            var i: [String]
            var u: String
            var d: String
        }
        let entries = Self.newestFirst(documents).map { document in
            Entry(t: document.advisory.title, s: document.advisory.subtitle ?? "",
                  i: [document.advisory.id] + document.advisory.kb.prefix(5) + document.advisory.cves.prefix(20),
                  u: site.pageLink(document), d: document.advisory.lastChanged?.description ?? "")
        }
        return (try? SortedJSONEncoder().encode(entries)) ?? Data("[]".utf8)
    }

    // MARK: - Feeds and sitemap

    func feeds(csafURLs: [String: String]) -> [OutputFile] {
        var files: [OutputFile] = []
        var sitemap: [SitemapEntry] = []
        for locale in site.locales {
            let text = strings.strings(locale)
            let documents = site.documents.filter { $0.locale == locale && $0.advisory.kind.isAdvisoryKind && $0.advisory.lastChanged != nil }
            let items = feedOrder(documents.map { document in
                FeedItem(advisory: document.advisory, url: site.pageURL(document),
                         recordURL: layout.absolute(layout.recordPath(locale: locale, slug: document.slug)),
                         csafURL: csafURLs[document.sourcePath])
            })
            let siteTitle = site.configuration.locales.first { $0.tag == locale }?.title ?? site.configuration.title
            let channel = FeedChannel(
                title: siteTitle, description: siteTitle, locale: locale,
                homeURL: layout.absolute(SiteLayout.folder(for: locale) + "/"),
                jsonFeedURL: layout.absolute(layout.feedPath(locale: locale, name: "feed.json")),
                rssURL: layout.absolute(layout.feedPath(locale: locale, name: "rss.xml")),
                atomURL: layout.absolute(layout.feedPath(locale: locale, name: "atom.xml")),
                publisher: site.configuration.publisher?.name ?? site.configuration.title,
                extensionAbout: layout.absolute(FeedExtensionPage.path.replacingOccurrences(of: "index.html", with: "")),
                labels: FeedLabels(published: text["published"] ?? "Published", updated: text["updated"] ?? "Updated",
                                   version: text["version"] ?? "Version", severity: text["severity"] ?? "Severity")
            )
            let latest = Array(items.prefix(site.configuration.feedLength))
            files.append(OutputFile(path: layout.feedPath(locale: locale, name: "feed.json"), data: JSONFeedWriter.data(channel: channel, items: latest)))
            files.append(OutputFile(path: layout.feedPath(locale: locale, name: "rss.xml"), data: RSSWriter.data(channel: channel, items: latest)))
            files.append(OutputFile(path: layout.feedPath(locale: locale, name: "atom.xml"), data: AtomWriter.data(channel: channel, items: latest)))
        }
        for document in site.documents {
            let siblings = site.siblings(of: document)
            var alternates: [(String, String)] = []
            if siblings.count > 1 {
                alternates = siblings.map { ($0.locale, site.pageURL($0)) }
                let fallback = siblings.first { $0.locale == site.configuration.defaultLocale } ?? siblings[0]
                alternates.append(("x-default", site.pageURL(fallback)))
            }
            sitemap.append(SitemapEntry(url: site.pageURL(document), lastModified: document.advisory.lastChanged, alternates: alternates))
        }
        for (path, data) in SitemapWriter.files(entries: sitemap, baseURL: layout.baseURL) {
            files.append(OutputFile(path: path, data: data))
        }
        return files
    }

    /// Static assets from `templates/assets/`.
    func assets() -> [OutputFile] {
        let folder = site.configuration.resolve(site.configuration.templates) + "/assets"
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted()
        var files = names.compactMap { name in
            FileManager.default.contents(atPath: folder + "/" + name).map { OutputFile(path: "assets/" + name, data: $0) }
        }
        if !preview { files.removeAll { $0.path == "assets/reload.js" } }
        return files
    }
}
