import AdvisoryModel
import Foundation
import SiteRendering

/// Every file one state of the content publishes, before any of it is rendered: its path below
/// the site root, the key that says whether the last build's file is still right, how to render
/// it and how to check it. `herald build` renders what changed; the preview renders on request.
public struct SitePlan: Sendable {
    /// The outputs one document owns: its page, its record and, for the document that
    /// publishes its CSAF file, that file and its hashes.
    public struct DocumentOutputs: Sendable {
        /// Index in `SiteSnapshot.documents`.
        public let document: Int
        public let page: PlannedOutput
        public let record: PlannedOutput
        /// The CSAF document, `.sha256` and `.sha512`; empty when another translation publishes it.
        public let csaf: [PlannedOutput]

        /// The record and CSAF outputs: written from the document's payload, under its key.
        var payloadOutputs: [PlannedOutput] { [record] + csaf }
    }

    /// Per document, in the order of `SiteSnapshot.documents`.
    public let documents: [DocumentOutputs]
    /// The key of the site-wide outputs (index pages, search, feeds, sitemap, CSAF provider
    /// files), rendered together by `SiteSnapshot.siteFiles(of:)`: a digest of everything a page
    /// reads besides its own document.
    public let siteKey: ContentKey
    /// Copied resources (images and other files beside the documents), keyed by their source's stamp.
    public let resources: [PlannedOutput]
    /// Where each published CSAF document is, by source path of its document (feeds link it).
    let csafURLs: [String: String]
    /// The entries of the CSAF provider's `index.txt` and `changes.csv`.
    let csafEntries: [CSAFDistribution.Entry]

    /// Every output the plan names with its path (the site-wide ones are named when rendered).
    public var outputs: [PlannedOutput] {
        documents.flatMap { [$0.page] + $0.payloadOutputs } + resources
    }
}

/// One file of the site.
public struct PlannedOutput: Sendable {
    /// The path below the site root (`zh-cn/securityadvisories/2008/954474/index.html`).
    public let path: String
    /// Equal to the key of the last build's file at `path` when that file is still right
    /// (nil: always written).
    public let key: ContentKey?
    public let rendering: Rendering
    public let check: OutputCheck

    /// How the bytes of an output are made.
    public enum Rendering: Sendable, Hashable {
        /// The document's page: its prepared body in the page template, links resolved.
        case page(document: Int)
        /// The document's full record as JSON (`…/index.json`).
        case record(document: Int)
        /// The document's CSAF 2.0 file or one of its hashes.
        case csaf(document: Int, CSAFPart)
        /// A copy of a content file.
        case copy(source: String)
    }

    /// The three files of a published CSAF document.
    public enum CSAFPart: Sendable, Hashable, CaseIterable {
        case json, sha256, sha512

        /// The suffix of this part's path after the document's path.
        var suffix: String {
            switch self {
            case .json: ""
            case .sha256: ".sha256"
            case .sha512: ".sha512"
            }
        }
    }
}

/// What is checked of an output before the site is published.
public enum OutputCheck: Sendable, Hashable {
    case none
    /// Parsed back with libxml2's XML parser (pages are XHTML-compatible HTML5).
    case wellFormed
    /// Validated against its RELAX NG schema (RSS, Atom, sitemap).
    case schema

    /// The check for a site-wide output at `path`.
    static func forSiteFile(_ path: String) -> OutputCheck {
        path.hasSuffix(".xml") ? .schema : .none
    }
}

extension SiteSnapshot {
    /// Every output of this snapshot with its key: what `herald build` writes and the preview serves.
    public func plan() -> SitePlan {
        let (siteKey, csaf) = inParallel({ self.siteKey(fingerprints: fingerprints) }, { self.csafPublication() })
        let documentOutputs = documents.indices.map { index in
            let document = documents[index]
            let page = PlannedOutput(path: layout.pageFile(locale: document.locale, slug: document.slug),
                                     key: ContentKey(parts: [siteKey.description, document.key.description]), rendering: .page(document: index), check: .wellFormed)
            let record = PlannedOutput(path: layout.recordPath(locale: document.locale, slug: document.slug), key: document.key,
                                       rendering: .record(document: index), check: .none)
            let csafOutputs = csaf.paths[document.sourcePath].map { path in
                PlannedOutput.CSAFPart.allCases.map { PlannedOutput(path: path + $0.suffix, key: document.key, rendering: .csaf(document: index, $0), check: .none) }
            } ?? []
            return SitePlan.DocumentOutputs(document: index, page: page, record: record, csaf: csafOutputs)
        }
        return SitePlan(documents: documentOutputs, siteKey: siteKey, resources: resourceOutputs(), csafURLs: csaf.urls, csafEntries: csaf.entries)
    }

    /// Which document publishes each CSAF file: the first of the documents that share its file
    /// name. Every document with a CSAF document gets its URL (its feed items link it).
    private func csafPublication() -> (paths: [String: String], urls: [String: String], entries: [CSAFDistribution.Entry]) {
        let folder = CSAFDistribution.root + "/" + (csafConfiguration?.tlpLabel.lowercased() ?? "") + "/"
        var names: Set<String> = []
        var paths: [String: String] = [:]
        var urls: [String: String] = [:]
        var entries: [CSAFDistribution.Entry] = []
        names.reserveCapacity(documents.count)
        paths.reserveCapacity(documents.count)
        urls.reserveCapacity(documents.count)
        for document in documents {
            guard let csaf = document.csaf else { continue }
            urls[document.sourcePath] = layout.absolute(folder + csaf.relativePath)
            if names.insert(String(lastSegment(of: csaf.relativePath))).inserted {
                paths[document.sourcePath] = folder + csaf.relativePath
                entries.append(CSAFDistribution.Entry(relativePath: csaf.relativePath, currentReleaseDate: csaf.currentReleaseDate))
            }
        }
        return (paths, urls, entries)
    }

    private func resourceOutputs() -> [PlannedOutput] {
        var outputs: [PlannedOutput] = []
        for (locale, tree) in trees {
            guard let resolver = site.resolvers[locale] else { continue }
            for resource in tree.resources {
                outputs.append(PlannedOutput(path: resolver.resourceFile(resource), key: tree.stamps[resource].map(ContentKey.init(stored:)),
                                             rendering: .copy(source: tree.root + "/" + resource), check: .none))
            }
        }
        return outputs
    }

    /// The bytes of a document's record or CSAF output (pages: `page(for:diagnostics:)`; copies are not read).
    func payloadBytes(of output: PlannedOutput, payload: DocumentPayload) -> ArraySlice<UInt8>? {
        switch output.rendering {
        case .record: payload.files?.recordJSON
        case .csaf(_, .json): payload.files?.csaf?.json
        case .csaf(_, .sha256): payload.files?.csaf.map { ArraySlice($0.sha256) }
        case .csaf(_, .sha512): payload.files?.csaf.map { ArraySlice($0.sha512) }
        case .page, .copy: nil
        }
    }

    /// The site-wide outputs of `plan`, rendered together: index pages, search, feeds, the
    /// sitemap and the CSAF provider files (`provider-metadata.json`, `index.txt`, `changes.csv`).
    func siteFiles(of plan: SitePlan) -> [OutputFile] {
        composer.sitePages() + composer.feeds(csafURLs: plan.csafURLs)
            + (csafConfiguration.map { CSAFDistribution.indexFiles(entries: plan.csafEntries, configuration: $0) } ?? []).map { OutputFile(path: $0.path, data: $0.data) }
    }
}

extension SitePlan {
    /// `OUT002` for each file whose output path another output has taken already: a page Herald
    /// generates (home page, list pages, search, feeds), or a document or copied resource earlier
    /// in path order. One diagnostic per pair of claimants, at the later one's file.
    func pathCollisions(siteFiles: [String], documents built: [BuiltDocument]) -> [Diagnostic] {
        var firstClaimant: [String: String] = [:]
        var contested: [String: [String]] = [:]
        firstClaimant.reserveCapacity(documents.reduce(0) { $0 + 1 + $1.payloadOutputs.count } + resources.count + siteFiles.count)
        // One lookup for a path not claimed yet; a contested path keeps its first claimant.
        func claim(_ path: String, for source: String) {
            if let first = firstClaimant.updateValue(source, forKey: path) {
                firstClaimant[path] = first
                contested[path, default: [first]].append(source)
            }
        }
        for path in siteFiles { claim(path, for: "") }
        for outputs in documents {
            let source = built[outputs.document].sourcePath
            claim(outputs.page.path, for: source)
            for output in outputs.payloadOutputs { claim(output.path, for: source) }
        }
        for resource in resources {
            if case .copy(let source) = resource.rendering { claim(resource.path, for: source) }
        }
        struct Pair: Hashable {
            var source: String
            var owner: String
        }
        var firstPath: [Pair: String] = [:]
        for (path, sources) in contested {
            let ordered = sources.sorted()
            for source in ordered.dropFirst() where source != ordered[0] {
                let pair = Pair(source: source, owner: ordered[0])
                if let known = firstPath[pair], known < path { continue }
                firstPath[pair] = path
            }
        }
        return firstPath.sorted { ($0.key.source, $0.value) < ($1.key.source, $1.value) }.map { pair, path in
            let other = pair.owner.isEmpty ? "a page Herald generates (the home page, a list page, search or a feed)" : pair.owner
            return Diagnostic(.out002, "\(path) would be written both for this file and for \(other); one would silently replace the other",
                              at: SourceLocation(path: pair.source, line: 1))
        }
    }
}
