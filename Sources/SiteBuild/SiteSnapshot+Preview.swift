import AdvisoryModel
import Foundation
import SiteRendering

/// What the preview server needs from a snapshot beyond what `herald build` uses.
extension SiteSnapshot {
    /// Every document as read, drafts and documents that could not be published included.
    public var extractedDocuments: [BuiltDocument] { extracted }

    /// The content tree of each locale, keyed by locale tag.
    public var contentTrees: [String: ContentTree] { trees }

    /// The absolute templates folder (templates, `strings/`, `assets/`).
    public var templatesFolder: String { configuration.resolve(configuration.templates) }

    /// The bytes of a planned output as `herald build` writes them: a page (with the
    /// diagnostics panel in preview mode), a record, a CSAF file or hash; nil for a copied
    /// resource (served from its file) and for a CSAF file the document has none of.
    public func bytes(of output: PlannedOutput) -> Data? {
        switch output.rendering {
        case .page(let index): Data(pageBytes(for: documents[index]).bytes)
        case .record(let index), .csaf(let index, _): payloadBytes(of: output, payload: payload(for: documents[index], needingFiles: true)).map { Data($0) }
        case .copy: nil
        }
    }

    /// The site-wide outputs of `plan` (index pages, search, feeds, sitemap, CSAF provider files)
    /// and the static assets.
    public func siteOutputs(of plan: SitePlan) -> [(path: String, data: Data)] {
        (siteFiles(of: plan) + composer.assets()).map { ($0.path, $0.data) }
    }

    /// The static assets (`assets/site.css` …), read from the templates folder now.
    public func assetOutputs() -> [(path: String, data: Data)] {
        composer.assets().map { ($0.path, $0.data) }
    }

    /// Site path of every copied resource (`zh-cn/images/a.png`, lower case, not URL-encoded)
    /// → absolute path of its source file.
    public func resourceSources() -> [String: String] {
        var sources: [String: String] = [:]
        for (locale, tree) in trees {
            for resource in tree.resources {
                sources[SiteLayout.folder(for: locale) + "/" + resource.lowercased()] = URL(fileURLWithPath: tree.root).appendingPathComponent(resource).path
            }
        }
        return sources
    }
}

extension LoadFailure {
    /// A failure with these diagnostics (the preview reports a `site.yml` it cannot read this way).
    public init(failing diagnostics: [Diagnostic]) {
        self.init(diagnostics: diagnostics)
    }
}
