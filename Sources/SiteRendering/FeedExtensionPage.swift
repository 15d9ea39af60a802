import Foundation

/// The page the JSON Feed `_advisory.about` URL points at (`/feed-extension/`): JSON Feed 1.1
/// asks that an extension's `about` names a page describing it.
public enum FeedExtensionPage {
    /// Where the page is published, relative to the site root.
    public static let path = "feed-extension/index.html"

    /// Every field of `_advisory` and what it holds, in the order the page lists them.
    static let fields: [(name: String, meaning: String)] = [
        ("about", "the URL of this page"),
        ("advisory_id", "the document's id: the bulletin or advisory number (e.g. MS16-001, 954474)"),
        ("kind", "bulletin, advisory, summary, msvr or another kind of document"),
        ("kb", "Knowledge Base article numbers, as strings"),
        ("cve", "CVE ids (e.g. CVE-2016-0002)"),
        ("severity", "the maximum severity rating in English (critical, important, moderate, low), when stated"),
        ("severity_raw", "the severity as written in the document's language"),
        ("version", "the document version (e.g. 1.0), when stated"),
        ("revision", "the number of revision history entries"),
        ("published", "the published date, YYYY-MM-DD"),
        ("updated", "the last updated date, YYYY-MM-DD"),
        ("record_url", "the URL of the document's full record (index.json beside its page)"),
        ("csaf_url", "the URL of its CSAF 2.0 document, when one is published"),
    ]

    /// The page: a standalone, well-formed HTML5 document in English.
    public static func html(siteTitle: String) -> String {
        var rows = ""
        for field in fields {
            rows += "<tr><th scope=\"row\"><code>\(field.name)</code></th><td>\(escape(field.meaning))</td></tr>\n"
        }
        return """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>The _advisory JSON Feed extension · \(escape(siteTitle))</title>
        </head>
        <body>
        <main>
        <h1>The <code>_advisory</code> JSON Feed extension</h1>
        <p>Each item of this site's <code>feed.json</code> files (JSON Feed 1.1) carries an <code>_advisory</code> object with the typed fields of its security advisory. Readers that do not know the extension ignore it. Absent values are left out; lists may be empty.</p>
        <table>
        <thead><tr><th scope="col">field</th><th scope="col">value</th></tr></thead>
        <tbody>
        \(rows)</tbody>
        </table>
        </main>
        </body>
        </html>

        """
    }

    private static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }
}
