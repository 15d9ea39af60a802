import AdvisoryModel
import Foundation
import SiteBuild

/// What the server answers for a path below the site root.
enum PreviewAnswer: Sendable {
    /// Bytes with a content type and a status (200 unless an error page).
    case content(Data, type: String, status: Int = 200)
    /// A resource file from a content folder, checked to still be inside it.
    case file(String, type: String)
    /// A permanent redirect to a site path (`zh-cn/a/`).
    case redirect(String)
    /// Nothing there; carries an HTML page that reloads itself once something is.
    case notFound(Data)
}

/// Source files that changed, as the watcher reports them.
public struct ChangeBatch: Sendable, Hashable {
    /// Absolute paths of files or folders that were written, created, deleted or moved.
    public var paths: Set<String>
    /// The watcher lost events (queue overflow): everything must be read again.
    public var overflow: Bool

    public init(paths: Set<String>, overflow: Bool = false) {
        self.paths = paths
        self.overflow = overflow
    }
}

/// The site as the preview serves it: the current snapshot, the problem that stops it (if
/// any) and what was rendered from it so far. Changes replace the snapshot; request handlers
/// render from the snapshot they read, outside the lock.
public final class PreviewSite: Sendable {
    enum FailureKind: Sendable { case configuration, templates }

    struct Generation: Sendable {
        var number: Int
        var snapshot: SiteSnapshot
        /// Every output of the snapshot, as `herald build` would write it.
        var plan: SitePlan
        /// Path → each document's record and CSAF outputs.
        var payloadOutputs: [String: PlannedOutput]
        var failure: (kind: FailureKind, diagnostics: [Diagnostic])?
        /// Page path → index in `snapshot.documents` (a document without a slug is left to the home page).
        var pages: [String: Int]
        /// Page path → a document that could not be read.
        var failing: [String: BuiltDocument]
        var resources: [String: String]
        var realRoots: [String]

        init(number: Int, snapshot: SiteSnapshot, failure: (kind: FailureKind, diagnostics: [Diagnostic])? = nil) {
            self.number = number
            self.snapshot = snapshot
            self.failure = failure
            plan = snapshot.plan()
            payloadOutputs = Dictionary(plan.documents.flatMap { [$0.record] + $0.csaf }.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
            let layout = snapshot.layout
            var pages: [String: Int] = [:]
            for (index, document) in snapshot.documents.enumerated() where !document.slug.isEmpty {
                let path = layout.pagePath(locale: document.locale, slug: document.slug)
                if pages[path] == nil { pages[path] = index }
            }
            var failing: [String: BuiltDocument] = [:]
            for document in snapshot.extractedDocuments where !document.showstoppers.isEmpty {
                let path = layout.pagePath(locale: document.locale, slug: document.slug)
                if failing[path] == nil { failing[path] = document }
            }
            self.pages = pages
            self.failing = failing
            resources = snapshot.resourceSources()
            realRoots = snapshot.contentTrees.values.map { URL(fileURLWithPath: $0.root).resolvingSymlinksInPath().path }
        }
    }

    private struct Caches {
        var generation: Generation
        var outputs: [String: Data]?
        var assets: [String: Data]?
        var rendered: [String: Data] = [:]
    }

    private let state: Locked<Caches>
    private let loadConfiguration: @Sendable () throws -> SiteConfiguration
    /// `site.yml`: a change to it reloads everything.
    public let configurationFile: String?

    /// Reads the whole site in preview mode (drafts, diagnostics panel, reload script).
    /// - Parameters:
    ///   - configurationFile: the `site.yml` to watch (nil: none).
    ///   - loadConfiguration: reads the configuration with its command-line overrides; called again when `site.yml` changes.
    public init(configurationFile: String?, loadConfiguration: @escaping @Sendable () throws -> SiteConfiguration) throws {
        let configuration = try loadConfiguration()
        switch SiteSnapshot.load(configuration: configuration, preview: true) {
        case .success(let snapshot):
            state = Locked(Caches(generation: Generation(number: 1, snapshot: snapshot)))
        case .failure(let failure):
            throw failure
        }
        self.loadConfiguration = loadConfiguration
        self.configurationFile = configurationFile.map { URL(fileURLWithPath: $0).standardizedFileURL.path }
    }

    var generation: Generation { state.withLock { $0.generation } }

    /// A counter that grows with every change applied (the reload script compares it).
    public var version: Int { generation.number }

    /// The current snapshot.
    public var snapshot: SiteSnapshot { generation.snapshot }

    /// The folders to watch recursively and the files to watch on their own.
    public func watchTargets() -> (folders: [String], files: [String]) {
        let snapshot = generation.snapshot
        let roots = snapshot.configuration.locales.map { snapshot.configuration.resolve($0.content) }
        return ((roots + [snapshot.templatesFolder]).sorted(), configurationFile.map { [$0] } ?? [])
    }

    // MARK: - Changes

    /// What `apply` did, for the log.
    public struct Update: Sendable {
        public var version: Int
        public var sources: Int
        public var full: Bool
        public var templates: Bool
        /// Diagnostics of the changed documents, or the failure that stops the site.
        public var diagnostics: [Diagnostic]
        public var failed: Bool
    }

    /// Reads again what `batch` touches; nil when nothing that the site uses changed.
    public func apply(_ batch: ChangeBatch) -> Update? {
        let current = generation
        let snapshot = current.snapshot
        let templatesFolder = snapshot.templatesFolder
        let roots = snapshot.configuration.locales.map { snapshot.configuration.resolve($0.content) }
        let full = batch.overflow || configurationFile.map { batch.paths.contains($0) } == true || current.failure?.kind == .configuration
        let templates = current.failure?.kind == .templates
            || batch.paths.contains { $0 == templatesFolder || $0.hasPrefix(templatesFolder + "/") }
        var sources = Set<String>()
        for path in batch.paths where roots.contains(where: { path.hasPrefix($0 + "/") }) {
            sources.insert(path)
            let prefix = path + "/"
            for document in snapshot.extractedDocuments where document.sourcePath.hasPrefix(prefix) {
                sources.insert(document.sourcePath)
            }
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue,
               let below = FileManager.default.enumerator(atPath: path) {
                while let relative = below.nextObject() as? String { sources.insert(prefix + relative) }
            }
        }
        if !full && !templates && sources.isEmpty { return nil }

        let result: Result<SiteSnapshot, LoadFailure>
        var failureKind = FailureKind.templates
        if full {
            failureKind = .configuration
            do {
                result = SiteSnapshot.load(configuration: try loadConfiguration(), preview: true)
            } catch {
                result = .failure((error as? LoadFailure) ?? LoadFailure(failing: [Diagnostic(.cfg001, (error as? Diagnostic)?.message ?? "\(error)",
                                                                                             at: SourceLocation(path: configurationFile ?? "site.yml", line: 1))]))
            }
        } else {
            result = snapshot.updating(sourcePaths: sources, reloadTemplates: templates)
        }
        return state.withLock { caches -> Update in
            let number = caches.generation.number + 1
            var update = Update(version: number, sources: sources.count, full: full, templates: templates, diagnostics: [], failed: false)
            switch result {
            case .success(let next):
                caches = Caches(generation: Generation(number: number, snapshot: next))
                update.diagnostics = next.extractedDocuments.filter { sources.contains($0.sourcePath) }.flatMap {
                    $0.diagnostics + (next.documentDiagnostics[$0.sourcePath] ?? [])
                }
            case .failure(let failure):
                var generation = caches.generation
                generation.number = number
                generation.failure = (failureKind, failure.diagnostics)
                caches = Caches(generation: generation)
                update.diagnostics = failure.diagnostics
                update.failed = true
            }
            return update
        }
    }

    // MARK: - Answers

    /// The answer for `path`, a decoded path below the site's base path.
    func answer(for path: String) -> PreviewAnswer {
        let current = generation
        let snapshot = current.snapshot
        let wantsPage = path.isEmpty || path.hasSuffix("/") || path.hasSuffix(".html")
        if let failure = current.failure, wantsPage {
            let html = ErrorPage.site(problems: failure.diagnostics, assets: snapshot.layout.link("assets/"))
            return .content(Data(html.utf8), type: MediaType.html, status: 500)
        }
        var pagePath: String?
        if path.hasSuffix("/") {
            pagePath = path
        } else if path.hasSuffix("/index.html") {
            pagePath = String(path.dropLast("index.html".count))
        }
        if let pagePath {
            if let document = current.failing[pagePath] {
                let showstoppers = document.showstoppers
                let html = ErrorPage.document(document, problems: showstoppers + document.diagnostics.filter { !showstoppers.contains($0) },
                                              assets: snapshot.layout.link("assets/"))
                return .content(Data(html.utf8), type: MediaType.html, status: 500)
            }
            if let index = current.pages[pagePath] {
                return .content(renderedPage(pagePath, document: snapshot.documents[index], generation: current), type: MediaType.html)
            }
        }
        if let output = current.payloadOutputs[path], let data = snapshot.bytes(of: output) {
            return .content(data, type: MediaType.of(path))
        }
        if path.hasPrefix("assets/") {
            if let data = assets(generation: current)[path] { return .content(data, type: MediaType.of(path)) }
            return .notFound(Data(ErrorPage.notFound(path: path, assets: snapshot.layout.link("assets/")).utf8))
        }
        if let source = current.resources[path.lowercased()] {
            return .file(source, type: MediaType.of(path))
        }
        let first = path.split(separator: "/").first.map(String.init) ?? ""
        let locales = Set(snapshot.configuration.locales.map { $0.tag.lowercased() })
        guard path.isEmpty || locales.contains(first) || first == "index.html" || first.hasPrefix("sitemap") || first == ".well-known" else {
            return .notFound(Data(ErrorPage.notFound(path: path, assets: snapshot.layout.link("assets/")).utf8))
        }
        let outputs = outputs(generation: current)
        let key = path.isEmpty || path.hasSuffix("/") ? path + "index.html" : path
        if let data = outputs[key] { return .content(data, type: MediaType.of(key)) }
        if !path.isEmpty, !path.hasSuffix("/"), current.pages[path + "/"] != nil || current.failing[path + "/"] != nil || outputs[path + "/index.html"] != nil {
            return .redirect(path + "/")
        }
        return .notFound(Data(ErrorPage.notFound(path: path, assets: snapshot.layout.link("assets/")).utf8))
    }

    /// True when `file` (a resource) still resolves inside a content folder.
    func isInsideContent(_ file: String) -> Bool {
        let real = URL(fileURLWithPath: file).resolvingSymlinksInPath().path
        return generation.realRoots.contains { real.hasPrefix($0 + "/") }
    }

    /// The reload script: `templates/assets/reload.js`, or the built-in copy.
    func reloadScript() -> Data {
        assets(generation: generation)["assets/reload.js"] ?? Data(ReloadScript.fallback.utf8)
    }

    private func renderedPage(_ pagePath: String, document: BuiltDocument, generation: Generation) -> Data {
        if let cached = state.withLock({ $0.generation.number == generation.number ? $0.rendered[pagePath] : nil }) { return cached }
        let data = Data(generation.snapshot.page(for: document).html.utf8)
        state.withLock { caches in
            if caches.generation.number == generation.number { caches.rendered[pagePath] = data }
        }
        return data
    }

    private func assets(generation: Generation) -> [String: Data] {
        if let cached = state.withLock({ $0.generation.number == generation.number ? $0.assets : nil }) { return cached }
        var assets: [String: Data] = [:]
        for output in generation.snapshot.assetOutputs() { assets[output.path] = output.data }
        state.withLock { caches in
            if caches.generation.number == generation.number { caches.assets = assets }
        }
        return assets
    }

    private func outputs(generation: Generation) -> [String: Data] {
        if let cached = state.withLock({ $0.generation.number == generation.number ? $0.outputs : nil }) { return cached }
        var outputs: [String: Data] = [:]
        for output in generation.snapshot.siteOutputs(of: generation.plan) { outputs[output.path] = output.data }
        state.withLock { caches in
            if caches.generation.number == generation.number { caches.outputs = outputs }
        }
        return outputs
    }
}
