import SiteRendering

/// What the templates see (`templates/*.mustache`): one value type per shape, so the names a
/// template may use are written down here. Encodable, so a view can be printed as JSON; each
/// answers Mustache's lookups by name (`TemplateObject`) without reflection.
/// Optional parts are nil on the pages that do not have them.
struct PageView: Encodable, TemplateObject {
    // Every page (head, header, footer).
    var lang: String
    var title: String
    var siteTitle: String
    var canonical: String
    /// The UI strings of the page's locale (`templates/strings/<locale>.yml`).
    var strings: [String: String]
    var home: String
    var assets: String
    var searchPage: String
    var feeds: FeedLinks
    /// The live-reload script (preview only).
    var previewScript: String?
    var alternates: [Alternate]
    var languages: [Language]
    /// The TOC branch as HTML (document and list pages).
    var navigation: String?

    // Document pages (`page.mustache`).
    var kindLabel: String?
    var record: RecordView?
    var body: String?
    var diagnostics: DiagnosticsPanel?

    // Home, kind and year indexes (`list.mustache`).
    var heading: String?
    var groups: [ListGroup]?

    // The search page (`search.mustache`).
    var searchIndex: String?

    struct FeedLinks: Encodable, TemplateObject {
        var json: String
        var rss: String
        var atom: String
    }

    /// An `hreflang` alternate of the page.
    struct Alternate: Encodable, TemplateObject {
        var hreflang: String
        var href: String
    }

    /// An entry of the language switcher.
    struct Language: Encodable, TemplateObject {
        var tag: String
        var name: String
        var href: String
        var current: Bool
    }
}

/// The record as the document page shows it: display dates, links for KB and CVE ids.
struct RecordView: Encodable, TemplateObject {
    var title: String
    var id: String
    var subtitle: String?
    /// The page ids of the title's `h1` and the subtitle (the record's heading anchors).
    var titleAnchor: String?
    var subtitleAnchor: String?
    var published: String?
    var publishedISO: String?
    var updated: String?
    var updatedISO: String?
    var version: String?
    var severity: String?
    var severityRating: String?
    var hasKB: Bool
    var kb: [Link]
    var hasCVE: Bool
    var cves: [Link]
    var hasRevisions: Bool
    var revisions: [RevisionView]
    var recordJSON: String

    /// A KB article (`number`) or a CVE (`id`) and where it is described.
    struct Link: Encodable, TemplateObject {
        var number: String?
        var id: String?
        var url: String
    }

    struct RevisionView: Encodable, TemplateObject {
        var text: String
        var version: String?
        var date: String?
        var dateISO: String?
    }
}

/// The preview's list of the page's problems.
struct DiagnosticsPanel: Encodable, TemplateObject {
    var show: Bool
    var count: String
    var items: [Item]

    struct Item: Encodable, TemplateObject {
        var severity: String
        var code: String
        var location: String
        var message: String
    }
}

/// A group of an index page: a kind on the home page, a year on a kind's page.
struct ListGroup: Encodable, TemplateObject {
    var name: String
    var items: [ListItem]
    /// The kind's own index (home page only).
    var more: String?
}

/// A document in an index.
struct ListItem: Encodable, TemplateObject {
    var href: String
    var title: String
    var subtitle: String?
    var date: String?
    var dateISO: String?
}

// MARK: - Lookups by name

extension PageView {
    func value(named name: String) -> TemplateValue? {
        switch name {
        case "lang": .text(lang)
        case "title": .text(title)
        case "siteTitle": .text(siteTitle)
        case "canonical": .text(canonical)
        case "strings": .table(strings)
        case "home": .text(home)
        case "assets": .text(assets)
        case "searchPage": .text(searchPage)
        case "feeds": .object(feeds)
        case "previewScript": .text(ifPresent: previewScript)
        case "alternates": .list(alternates)
        case "languages": .list(languages)
        case "navigation": .text(ifPresent: navigation)
        case "kindLabel": .text(ifPresent: kindLabel)
        case "record": .object(ifPresent: record)
        case "body": .text(ifPresent: body)
        case "diagnostics": .object(ifPresent: diagnostics)
        case "heading": .text(ifPresent: heading)
        case "groups": groups.map { TemplateValue.list($0) }
        case "searchIndex": .text(ifPresent: searchIndex)
        default: nil
        }
    }
}

extension PageView.FeedLinks {
    func value(named name: String) -> TemplateValue? {
        switch name {
        case "json": .text(json)
        case "rss": .text(rss)
        case "atom": .text(atom)
        default: nil
        }
    }
}

extension PageView.Alternate {
    func value(named name: String) -> TemplateValue? {
        switch name {
        case "hreflang": .text(hreflang)
        case "href": .text(href)
        default: nil
        }
    }
}

extension PageView.Language {
    func value(named name: String) -> TemplateValue? {
        switch name {
        case "tag": .text(tag)
        case "name": .text(self.name)
        case "href": .text(href)
        case "current": .flag(current)
        default: nil
        }
    }
}

extension RecordView {
    func value(named name: String) -> TemplateValue? {
        switch name {
        case "title": .text(title)
        case "id": .text(id)
        case "subtitle": .text(ifPresent: subtitle)
        case "titleAnchor": .text(ifPresent: titleAnchor)
        case "subtitleAnchor": .text(ifPresent: subtitleAnchor)
        case "published": .text(ifPresent: published)
        case "publishedISO": .text(ifPresent: publishedISO)
        case "updated": .text(ifPresent: updated)
        case "updatedISO": .text(ifPresent: updatedISO)
        case "version": .text(ifPresent: version)
        case "severity": .text(ifPresent: severity)
        case "severityRating": .text(ifPresent: severityRating)
        case "hasKB": .flag(hasKB)
        case "kb": .list(kb)
        case "hasCVE": .flag(hasCVE)
        case "cves": .list(cves)
        case "hasRevisions": .flag(hasRevisions)
        case "revisions": .list(revisions)
        case "recordJSON": .text(recordJSON)
        default: nil
        }
    }
}

extension RecordView.Link {
    func value(named name: String) -> TemplateValue? {
        switch name {
        case "number": .text(ifPresent: number)
        case "id": .text(ifPresent: id)
        case "url": .text(url)
        default: nil
        }
    }
}

extension RecordView.RevisionView {
    func value(named name: String) -> TemplateValue? {
        switch name {
        case "text": .text(text)
        case "version": .text(ifPresent: version)
        case "date": .text(ifPresent: date)
        case "dateISO": .text(ifPresent: dateISO)
        default: nil
        }
    }
}

extension DiagnosticsPanel {
    func value(named name: String) -> TemplateValue? {
        switch name {
        case "show": .flag(show)
        case "count": .text(count)
        case "items": .list(items)
        default: nil
        }
    }
}

extension DiagnosticsPanel.Item {
    func value(named name: String) -> TemplateValue? {
        switch name {
        case "severity": .text(severity)
        case "code": .text(code)
        case "location": .text(location)
        case "message": .text(message)
        default: nil
        }
    }
}

extension ListGroup {
    func value(named name: String) -> TemplateValue? {
        switch name {
        case "name": .text(self.name)
        case "items": .list(items)
        case "more": .text(ifPresent: more)
        default: nil
        }
    }
}

extension ListItem {
    func value(named name: String) -> TemplateValue? {
        switch name {
        case "href": .text(href)
        case "title": .text(title)
        case "subtitle": .text(ifPresent: subtitle)
        case "date": .text(ifPresent: date)
        case "dateISO": .text(ifPresent: dateISO)
        default: nil
        }
    }
}
