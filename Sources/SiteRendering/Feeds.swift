import AdvisoryModel
import CommonMark
import Foundation
import XMLValidation

/// One advisory as a feed item.
public struct FeedItem: Sendable {
    public var advisory: Advisory
    /// Absolute URL of the page: the item's id in every feed, stable across revisions.
    public var url: String
    /// Absolute URL of the per-advisory JSON record.
    public var recordURL: String
    /// Absolute URL of the CSAF document, when one is published.
    public var csafURL: String?

    public init(advisory: Advisory, url: String, recordURL: String, csafURL: String? = nil) {
        self.advisory = advisory
        self.url = url
        self.recordURL = recordURL
        self.csafURL = csafURL
    }

    /// The date items are sorted and dated by: updated, else published.
    var date: DayDate { advisory.lastChanged ?? DayDate(year: 1970, month: 1, day: 1)! }

    /// `Microsoft 安全通报 954474: System Center …`.
    var title: String {
        guard let subtitle = advisory.subtitle, !subtitle.isEmpty else { return advisory.title }
        return advisory.title + ": " + subtitle
    }

    /// A short HTML summary built from the record (never the raw body).
    func summaryHTML(labels: FeedLabels) -> String {
        var html = ""
        if let subtitle = advisory.subtitle { html += "<p>" + Escaping.text(subtitle) + "</p>" }
        var facts: [String] = []
        if let published = advisory.published { facts.append(labels.published + ": " + LocalizedDates.display(published, locale: advisory.locale)) }
        if let updated = advisory.updated { facts.append(labels.updated + ": " + LocalizedDates.display(updated, locale: advisory.locale)) }
        if let version = advisory.version { facts.append(labels.version + ": " + version) }
        if let severity = advisory.severity { facts.append(labels.severity + ": " + severity.raw) }
        if !advisory.kb.isEmpty { facts.append("KB: " + advisory.kb.prefix(20).joined(separator: ", ")) }
        if !advisory.cves.isEmpty { facts.append("CVE: " + advisory.cves.prefix(20).joined(separator: ", ")) }
        if !facts.isEmpty { html += "<p>" + facts.map(Escaping.text).joined(separator: "<br />") + "</p>" }
        if let latest = advisory.revisions.last(where: { !$0.text.isEmpty }) {
            html += "<p>" + Escaping.text(latest.text) + "</p>"
        }
        return html
    }

    /// Feed categories: `KB954474`, `CVE-2016-0002`, the severity.
    var tags: [String] {
        advisory.kb.prefix(50).map { "KB" + $0 } + advisory.cves.prefix(100)
    }
}

/// The labels feed summaries use, in the feed's language.
public struct FeedLabels: Sendable {
    public var published: String
    public var updated: String
    public var version: String
    public var severity: String

    public init(published: String, updated: String, version: String, severity: String) {
        self.published = published
        self.updated = updated
        self.version = version
        self.severity = severity
    }
}

/// A per-locale feed: its title and where it lives.
public struct FeedChannel: Sendable {
    public var title: String
    public var description: String
    public var locale: String
    public var homeURL: String
    public var jsonFeedURL: String
    public var rssURL: String
    public var atomURL: String
    public var publisher: String
    public var extensionAbout: String
    public var labels: FeedLabels

    public init(title: String, description: String, locale: String, homeURL: String, jsonFeedURL: String, rssURL: String,
                atomURL: String, publisher: String, extensionAbout: String, labels: FeedLabels) {
        self.title = title
        self.description = description
        self.locale = locale
        self.homeURL = homeURL
        self.jsonFeedURL = jsonFeedURL
        self.rssURL = rssURL
        self.atomURL = atomURL
        self.publisher = publisher
        self.extensionAbout = extensionAbout
        self.labels = labels
    }
}

/// Orders feed items newest first (updated, else published), then by URL for stability.
public func feedOrder(_ items: [FeedItem]) -> [FeedItem] {
    items.sorted { a, b in a.date != b.date ? a.date > b.date : a.url < b.url }
}

/// Writes JSON Feed 1.1 with an `_advisory` extension carrying the typed fields.
public enum JSONFeedWriter {
    struct Feed: Encodable {
        var version = "https://jsonfeed.org/version/1.1"
        var title: String
        var home_page_url: String
        var feed_url: String
        var description: String
        var language: String
        var authors: [Author]
        var items: [Item]
    }

    struct Author: Encodable {
        var name: String
    }

    struct Item: Encodable {
        var id: String
        var url: String
        var title: String
        var content_html: String
        var summary: String
        var date_published: String?
        var date_modified: String?
        var language: String
        var tags: [String]
        var _advisory: Extension
    }

    struct Extension: Encodable {
        var about: String
        var advisory_id: String
        var kind: String
        var kb: [String]
        var cve: [String]
        var severity: String?
        var severity_raw: String?
        var version: String?
        var revision: String?
        var published: String?
        var updated: String?
        var record_url: String
        var csaf_url: String?
    }

    public static func data(channel: FeedChannel, items: [FeedItem]) -> Data {
        let feed = Feed(
            title: channel.title, home_page_url: channel.homeURL, feed_url: channel.jsonFeedURL,
            description: channel.description, language: channel.locale, authors: [Author(name: channel.publisher)],
            items: items.map { item in
                let advisory = item.advisory
                return Item(
                    id: item.url, url: item.url, title: item.title,
                    content_html: item.summaryHTML(labels: channel.labels),
                    summary: advisory.subtitle ?? advisory.title,
                    date_published: (advisory.published ?? advisory.updated)?.rfc3339,
                    date_modified: advisory.updated?.rfc3339,
                    language: advisory.locale, tags: item.tags,
                    _advisory: Extension(
                        about: channel.extensionAbout, advisory_id: advisory.id, kind: advisory.kind.rawValue,
                        kb: advisory.kb, cve: advisory.cves, severity: advisory.severity?.rating.rawValue,
                        severity_raw: advisory.severity?.raw, version: advisory.version,
                        revision: advisory.revisions.isEmpty ? nil : String(advisory.revisions.count),
                        published: advisory.published?.description, updated: advisory.updated?.description,
                        record_url: item.recordURL, csaf_url: item.csafURL
                    )
                )
            }
        )
        return (try? SortedJSONEncoder(pretty: true).encode(feed)) ?? Data("{}".utf8)
    }
}

/// A tiny XML writer: elements, attributes and escaped text, nothing else.
struct XMLText {
    var out = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"

    mutating func open(_ name: String, _ attributes: [(String, String)] = [], indent: Int) {
        out += String(repeating: "  ", count: indent) + "<" + name + Self.attributes(attributes) + ">\n"
    }

    mutating func close(_ name: String, indent: Int) {
        out += String(repeating: "  ", count: indent) + "</" + name + ">\n"
    }

    mutating func element(_ name: String, _ text: String, _ attributes: [(String, String)] = [], indent: Int) {
        out += String(repeating: "  ", count: indent) + "<" + name + Self.attributes(attributes) + ">" + Escaping.text(text) + "</" + name + ">\n"
    }

    mutating func empty(_ name: String, _ attributes: [(String, String)], indent: Int) {
        out += String(repeating: "  ", count: indent) + "<" + name + Self.attributes(attributes) + "/>\n"
    }

    static func attributes(_ list: [(String, String)]) -> String {
        list.map { " \($0.0)=\"\(Escaping.attribute($0.1))\"" }.joined()
    }
}

/// Writes RSS 2.0 with an `atom:link rel="self"`, permalink GUIDs and RFC 822 dates in English.
public enum RSSWriter {
    public static func data(channel: FeedChannel, items: [FeedItem]) -> Data {
        var xml = XMLText()
        xml.open("rss", [("version", "2.0"), ("xmlns:atom", "http://www.w3.org/2005/Atom")], indent: 0)
        xml.open("channel", indent: 1)
        xml.element("title", channel.title, indent: 2)
        xml.element("link", channel.homeURL, indent: 2)
        xml.element("description", channel.description, indent: 2)
        xml.element("language", channel.locale.lowercased(), indent: 2)
        if let newest = items.first { xml.element("lastBuildDate", newest.date.rfc822, indent: 2) }
        xml.empty("atom:link", [("href", channel.rssURL), ("rel", "self"), ("type", "application/rss+xml")], indent: 2)
        for item in items {
            xml.open("item", indent: 2)
            xml.element("title", item.title, indent: 3)
            xml.element("link", item.url, indent: 3)
            xml.element("guid", item.url, [("isPermaLink", "true")], indent: 3)
            xml.element("pubDate", item.date.rfc822, indent: 3)
            for tag in item.tags { xml.element("category", tag, indent: 3) }
            xml.element("description", item.summaryHTML(labels: channel.labels), indent: 3)
            xml.close("item", indent: 2)
        }
        xml.close("channel", indent: 1)
        xml.close("rss", indent: 0)
        return Data(xml.out.utf8)
    }
}

/// Writes an Atom feed (RFC 4287).
public enum AtomWriter {
    public static func data(channel: FeedChannel, items: [FeedItem]) -> Data {
        var xml = XMLText()
        xml.open("feed", [("xmlns", "http://www.w3.org/2005/Atom"), ("xml:lang", channel.locale)], indent: 0)
        xml.element("id", channel.atomURL, indent: 1)
        xml.element("title", channel.title, indent: 1)
        xml.element("subtitle", channel.description, indent: 1)
        xml.element("updated", (items.first?.date ?? DayDate(year: 1970, month: 1, day: 1)!).rfc3339, indent: 1)
        xml.empty("link", [("rel", "self"), ("type", "application/atom+xml"), ("href", channel.atomURL)], indent: 1)
        xml.empty("link", [("rel", "alternate"), ("type", "text/html"), ("href", channel.homeURL)], indent: 1)
        xml.open("author", indent: 1)
        xml.element("name", channel.publisher, indent: 2)
        xml.close("author", indent: 1)
        for item in items {
            xml.open("entry", indent: 1)
            xml.element("id", item.url, indent: 2)
            xml.element("title", item.title, indent: 2)
            xml.element("updated", item.date.rfc3339, indent: 2)
            if let published = item.advisory.published { xml.element("published", published.rfc3339, indent: 2) }
            xml.empty("link", [("rel", "alternate"), ("type", "text/html"), ("href", item.url)], indent: 2)
            for tag in item.tags { xml.empty("category", [("term", tag)], indent: 2) }
            xml.element("summary", item.summaryHTML(labels: channel.labels), [("type", "html")], indent: 2)
            xml.close("entry", indent: 1)
        }
        xml.close("feed", indent: 0)
        return Data(xml.out.utf8)
    }
}

/// One page in the sitemap, with its translations.
public struct SitemapEntry: Sendable {
    public var url: String
    public var lastModified: DayDate?
    /// `(hreflang, url)` for every translation including the page itself, plus `x-default`.
    public var alternates: [(String, String)]

    public init(url: String, lastModified: DayDate?, alternates: [(String, String)]) {
        self.url = url
        self.lastModified = lastModified
        self.alternates = alternates
    }
}

/// Writes `sitemap.xml` with `xhtml:link` alternates; past `limit` URLs, numbered sitemaps and an index.
public enum SitemapWriter {
    public static func files(entries: [SitemapEntry], baseURL: String, limit: Int = 50_000) -> [(path: String, data: Data)] {
        let sorted = entries.sorted { $0.url < $1.url }
        if sorted.count <= limit { return [("sitemap.xml", urlset(sorted))] }
        var files: [(path: String, data: Data)] = []
        var index = XMLText()
        index.open("sitemapindex", [("xmlns", "http://www.sitemaps.org/schemas/sitemap/0.9")], indent: 0)
        for (number, start) in stride(from: 0, to: sorted.count, by: limit).enumerated() {
            let name = "sitemap-\(number + 1).xml"
            files.append((name, urlset(Array(sorted[start..<min(start + limit, sorted.count)]))))
            index.open("sitemap", indent: 1)
            index.element("loc", baseURL + name, indent: 2)
            index.close("sitemap", indent: 1)
        }
        index.close("sitemapindex", indent: 0)
        files.append(("sitemap.xml", Data(index.out.utf8)))
        return files
    }

    static func urlset(_ entries: [SitemapEntry]) -> Data {
        var xml = XMLText()
        xml.open("urlset", [("xmlns", "http://www.sitemaps.org/schemas/sitemap/0.9"), ("xmlns:xhtml", "http://www.w3.org/1999/xhtml")], indent: 0)
        for entry in entries {
            xml.open("url", indent: 1)
            xml.element("loc", entry.url, indent: 2)
            if let date = entry.lastModified { xml.element("lastmod", date.description, indent: 2) }
            for (language, url) in entry.alternates {
                xml.empty("xhtml:link", [("rel", "alternate"), ("hreflang", language), ("href", url)], indent: 2)
            }
            xml.close("url", indent: 1)
        }
        xml.close("urlset", indent: 0)
        return Data(xml.out.utf8)
    }
}
