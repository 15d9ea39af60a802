import Mustache

/// What the templates see (`templates/*.mustache`): one value type per shape, so the names a
/// template may use are written down here. Encodable, so a view can be printed as JSON; each
/// answers Mustache's lookups by name (`MustacheParent`) without reflection.
/// Optional parts are nil on the pages that do not have them.
struct PageView: Encodable, MustacheParent {
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

    struct FeedLinks: Encodable, MustacheParent {
        var json: String
        var rss: String
        var atom: String
    }

    /// An `hreflang` alternate of the page.
    struct Alternate: Encodable, MustacheParent {
        var hreflang: String
        var href: String
    }

    /// An entry of the language switcher.
    struct Language: Encodable, MustacheParent {
        var tag: String
        var name: String
        var href: String
        var current: Bool
    }
}

/// The record as the document page shows it: display dates, links for KB and CVE ids.
struct RecordView: Encodable, MustacheParent {
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
    struct Link: Encodable, MustacheParent {
        var number: String?
        var id: String?
        var url: String
    }

    struct RevisionView: Encodable, MustacheParent {
        var text: String
        var version: String?
        var date: String?
        var dateISO: String?
    }
}

/// The preview's list of the page's problems.
struct DiagnosticsPanel: Encodable, MustacheParent {
    var show: Bool
    var count: String
    var items: [Item]

    struct Item: Encodable, MustacheParent {
        var severity: String
        var code: String
        var location: String
        var message: String
    }
}

/// A group of an index page: a kind on the home page, a year on a kind's page.
struct ListGroup: Encodable, MustacheParent {
    var name: String
    var items: [ListItem]
    /// The kind's own index (home page only).
    var more: String?
}

/// A document in an index.
struct ListItem: Encodable, MustacheParent {
    var href: String
    var title: String
    var subtitle: String?
    var date: String?
    var dateISO: String?
}

// MARK: - Lookups by name

extension PageView {
    func child(named name: String) -> Any? {
        switch name {
        case "lang": lang
        case "title": title
        case "siteTitle": siteTitle
        case "canonical": canonical
        case "strings": strings
        case "home": home
        case "assets": assets
        case "searchPage": searchPage
        case "feeds": feeds
        case "previewScript": previewScript
        case "alternates": alternates
        case "languages": languages
        case "navigation": navigation
        case "kindLabel": kindLabel
        case "record": record
        case "body": body
        case "diagnostics": diagnostics
        case "heading": heading
        case "groups": groups
        case "searchIndex": searchIndex
        default: nil
        }
    }
}

extension PageView.FeedLinks {
    func child(named name: String) -> Any? {
        switch name {
        case "json": json
        case "rss": rss
        case "atom": atom
        default: nil
        }
    }
}

extension PageView.Alternate {
    func child(named name: String) -> Any? {
        switch name {
        case "hreflang": hreflang
        case "href": href
        default: nil
        }
    }
}

extension PageView.Language {
    func child(named name: String) -> Any? {
        switch name {
        case "tag": tag
        case "name": self.name
        case "href": href
        case "current": current
        default: nil
        }
    }
}

extension RecordView {
    func child(named name: String) -> Any? {
        switch name {
        case "title": title
        case "id": id
        case "subtitle": subtitle
        case "titleAnchor": titleAnchor
        case "subtitleAnchor": subtitleAnchor
        case "published": published
        case "publishedISO": publishedISO
        case "updated": updated
        case "updatedISO": updatedISO
        case "version": version
        case "severity": severity
        case "severityRating": severityRating
        case "hasKB": hasKB
        case "kb": kb
        case "hasCVE": hasCVE
        case "cves": cves
        case "hasRevisions": hasRevisions
        case "revisions": revisions
        case "recordJSON": recordJSON
        default: nil
        }
    }
}

extension RecordView.Link {
    func child(named name: String) -> Any? {
        switch name {
        case "number": number
        case "id": id
        case "url": url
        default: nil
        }
    }
}

extension RecordView.RevisionView {
    func child(named name: String) -> Any? {
        switch name {
        case "text": text
        case "version": version
        case "date": date
        case "dateISO": dateISO
        default: nil
        }
    }
}

extension DiagnosticsPanel {
    func child(named name: String) -> Any? {
        switch name {
        case "show": show
        case "count": count
        case "items": items
        default: nil
        }
    }
}

extension DiagnosticsPanel.Item {
    func child(named name: String) -> Any? {
        switch name {
        case "severity": severity
        case "code": code
        case "location": location
        case "message": message
        default: nil
        }
    }
}

extension ListGroup {
    func child(named name: String) -> Any? {
        switch name {
        case "name": self.name
        case "items": items
        case "more": more
        default: nil
        }
    }
}

extension ListItem {
    func child(named name: String) -> Any? {
        switch name {
        case "href": href
        case "title": title
        case "subtitle": subtitle
        case "date": date
        case "dateISO": dateISO
        default: nil
        }
    }
}
