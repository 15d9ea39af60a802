import AdvisoryModel
import Foundation

/// Where everything lives in the published site, and its URLs.
///
/// Pages are `/<locale>/<slug>/index.html` (lower-case ASCII, from the source path), served as
/// `/<locale>/<slug>/`. Links inside pages are root-relative; canonical URLs, feeds and the
/// sitemap use absolute URLs under `baseURL`.
public struct SiteLayout: Sendable, Hashable {
    /// `https://example.org/security/` (always ends with `/`).
    public let baseURL: String
    /// The path part of `baseURL`: `/security/`.
    public let basePath: String

    public init(baseURL: String) {
        var url = baseURL
        if !url.hasSuffix("/") { url += "/" }
        self.baseURL = url
        if let schemeEnd = url.range(of: "://"), let slash = url[schemeEnd.upperBound...].firstIndex(of: "/") {
            basePath = String(url[slash...])
        } else {
            basePath = "/"
        }
    }

    /// `zh-CN` → `zh-cn`.
    public static func folder(for locale: String) -> String { locale.lowercased() }

    /// The output file of a document page.
    public func pageFile(locale: String, slug: String) -> String {
        slug.isEmpty ? "\(Self.folder(for: locale))/index.html" : "\(Self.folder(for: locale))/\(slug)/index.html"
    }

    /// Site-relative path of a page: `zh-cn/securityadvisories/2008/954474/`.
    public func pagePath(locale: String, slug: String) -> String {
        slug.isEmpty ? "\(Self.folder(for: locale))/" : "\(Self.folder(for: locale))/\(slug)/"
    }

    /// Root-relative link: `/security/zh-cn/…/`.
    public func link(_ sitePath: String) -> String { basePath + sitePath }

    /// Absolute URL: `https://example.org/security/zh-cn/…/`.
    public func absolute(_ sitePath: String) -> String { baseURL + sitePath }

    public func feedPath(locale: String, name: String) -> String { "\(Self.folder(for: locale))/\(name)" }
    public func recordPath(locale: String, slug: String) -> String { pagePath(locale: locale, slug: slug) + "index.json" }
    public func kindIndexPath(locale: String, kind: DocumentKind) -> String { "\(Self.folder(for: locale))/\(kind.rawValue)/" }
    public func yearIndexPath(locale: String, kind: DocumentKind, year: Int) -> String { "\(Self.folder(for: locale))/\(kind.rawValue)/\(year)/" }
}
