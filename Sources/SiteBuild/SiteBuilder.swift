import AdvisoryExtraction
import AdvisoryModel
import CommonMark
import Foundation
import SiteRendering
import XMLValidation
import Yams

/// A document of the build: where it came from, its record and its parsed tree.
public struct BuiltDocument: Sendable {
    public var locale: String
    public var relativePath: String
    public var sourcePath: String
    public var slug: String
    public var advisory: Advisory
    public var tree: MarkdownNode
    public var diagnostics: [Diagnostic]
}

/// What a build did.
public struct BuildReport: Sendable {
    public var documents: [BuiltDocument] = []
    public var diagnostics: [Diagnostic] = []
    public var pages = 0
    public var feeds = 0
    public var files = 0
    public var unchangedFiles = 0
    public var seconds = 0.0
    /// True when the output folder was replaced.
    public var published = false

    public var errors: Int { diagnostics.filter { $0.severity == .error }.count }
    public var warnings: Int { diagnostics.filter { $0.severity == .warning }.count }
}

/// Options of one build run.
public struct BuildOptions: Sendable {
    /// Write the site (false: only read, extract and check, as `herald check` does).
    public var write = true
    /// Parse every page back with libxml2 and fail on errors.
    public var verifyOutput = true
    /// Inject the live-reload script and the diagnostics panel (preview only).
    public var preview = false
    /// Progress lines on standard error.
    public var progress: (@Sendable (String) -> Void)?

    public init(write: Bool = true, verifyOutput: Bool = true, preview: Bool = false, progress: (@Sendable (String) -> Void)? = nil) {
        self.write = write
        self.verifyOutput = verifyOutput
        self.preview = preview
        self.progress = progress
    }
}

/// Builds the site: discover → extract → link → validate → render → verify → write.
public struct SiteBuilder: Sendable {
    public var configuration: SiteConfiguration

    public init(configuration: SiteConfiguration) {
        self.configuration = configuration
    }

    /// Runs the whole pipeline. Errors in content are diagnostics in the report; the output
    /// folder is replaced only when there is no error.
    public func build(options: BuildOptions = BuildOptions()) -> BuildReport {
        let clock = Stopwatch()
        var report = BuildReport()
        options.progress?("reading documents")
        let snapshot: SiteSnapshot
        switch SiteSnapshot.load(configuration: configuration, preview: options.preview) {
        case .success(let loaded):
            snapshot = loaded
        case .failure(let failure):
            report.diagnostics = failure.diagnostics
            report.seconds = clock.seconds
            return report
        }
        report.diagnostics += snapshot.loadDiagnostics
        let layout = snapshot.layout
        let composer = snapshot.composer
        let documents = snapshot.documents
        let trees = snapshot.trees
        let resolvers = snapshot.site.resolvers
        let documentDiagnostics = snapshot.documentDiagnostics
        let published = documents

        options.progress?("rendering \(documents.count) pages")
        let writer: OutputWriter?
        if options.write {
            // The output folder is replaced as a whole: never let it be (or contain) a source folder.
            let output = URL(fileURLWithPath: configuration.resolve(configuration.output)).standardizedFileURL.resolvingSymlinksInPath().path
            let sources = configuration.locales.map { configuration.resolve($0.content) } + [configuration.resolve(configuration.templates)]
            if let source = sources.first(where: { let real = URL(fileURLWithPath: $0).standardizedFileURL.resolvingSymlinksInPath().path; return real == output || real.hasPrefix(output == "/" ? "/" : output + "/") }) {
                report.diagnostics.append(Diagnostic(.io003, "the output folder \(output) is or contains the source folder \(source); refusing to replace it", at: SourceLocation(path: output, line: 1)))
                report.documents = documents
                report.seconds = clock.seconds
                return report
            }
            do {
                writer = try OutputWriter(destination: configuration.resolve(configuration.output))
            } catch {
                report.diagnostics.append(error)
                report.documents = documents
                report.seconds = clock.seconds
                return report
            }
        } else {
            writer = nil
        }
        let writeFailures = Locked<[Diagnostic]>([])
        @Sendable func emit(_ data: Data, _ path: String) {
            guard let writer else { return }
            do { try writer.write(data, to: path) } catch { writeFailures.withLock { $0.append(error) } }
        }

        let csafConfiguration = snapshot.csafConfiguration
        let pageResults = parallelMap(Array(published.indices)) { (index: Int) -> PageResult in
            let document = published[index]
            let rendered = snapshot.page(for: document)
            var page = rendered.html
            var diagnostics = rendered.diagnostics
            if options.verifyOutput {
                let problems = XMLChecker.wellFormednessProblems(of: Array(page.utf8))
                if let first = problems.first {
                    diagnostics.append(Diagnostic(.out001, "page for \(document.relativePath) is not well-formed: \(first)", at: SourceLocation(path: document.sourcePath, line: 1)))
                }
            }
            emit(Data(page.utf8), layout.pageFile(locale: document.locale, slug: document.slug))
            emit(composer.recordJSON(for: document), layout.recordPath(locale: document.locale, slug: document.slug))
            page = ""
            var csaf: (CSAFDocument, Data)?
            if CSAFWriter.isPublished(document.advisory) {
                do {
                    csaf = try CSAFWriter.publication(for: document.advisory, canonicalURL: snapshot.site.pageURL(document), configuration: csafConfiguration)
                } catch let error as Diagnostic {
                    var failure = error
                    failure.location = SourceLocation(path: document.sourcePath, line: failure.location.line)
                    diagnostics.append(failure)
                } catch {
                    diagnostics.append(Diagnostic(.csaf001, "\(error)", at: SourceLocation(path: document.sourcePath, line: 1)))
                }
            }
            return PageResult(diagnostics: diagnostics, csaf: csaf)
        }
        report.pages = documents.count
        report.diagnostics += pageResults.flatMap { $0.diagnostics }
        var csafURLs: [String: String] = [:]
        for (index, result) in pageResults.enumerated() {
            if let (document, _) = result.csaf {
                csafURLs[published[index].sourcePath] = layout.absolute(".well-known/csaf/" + csafConfiguration.tlpLabel.lowercased() + "/" + CSAFDistribution.relativePath(of: document))
            }
        }
        for file in CSAFDistribution.files(documents: pageResults.compactMap { $0.csaf }, configuration: csafConfiguration) {
            emit(file.data, file.path)
        }

        for output in composer.sitePages() {
            emit(output.data, output.path)
            report.pages += output.path.hasSuffix(".html") ? 1 : 0
        }
        let feeds = composer.feeds(csafURLs: csafURLs)
        for output in feeds {
            if options.verifyOutput, output.path.hasSuffix(".xml") {
                for problem in OutputSchemas.shared.problems(of: output) {
                    report.diagnostics.append(Diagnostic(.out001, "\(output.path): \(problem)", at: SourceLocation(path: output.path, line: problem.line)))
                }
            }
            emit(output.data, output.path)
        }
        report.feeds = feeds.filter { !$0.path.hasPrefix("sitemap") }.count
        for (locale, tree) in trees {
            guard let resolver = resolvers[locale] else { continue }
            for resource in tree.resources {
                guard let writer else { continue }
                do { try writer.copy(from: URL(fileURLWithPath: tree.root).appendingPathComponent(resource).path, to: resolver.resourceFile(resource)) } catch { writeFailures.withLock { $0.append(error) } }
            }
        }
        for asset in composer.assets() { emit(asset.data, asset.path) }
        report.diagnostics += writeFailures.withLock { $0 }

        report.diagnostics = configuration.applyRules(to: report.diagnostics).sorted()
        report.documents = documents
        if let writer {
            if report.errors == 0 {
                do {
                    try writer.commit()
                    report.published = true
                } catch {
                    report.diagnostics.append(error)
                    writer.abandon()
                }
            } else {
                writer.abandon()
            }
            report.files = writer.written + writer.linked
            report.unchangedFiles = writer.linked
        }
        report.seconds = clock.seconds
        return report
    }
}

/// What rendering one document gave.
struct PageResult: Sendable {
    var diagnostics: [Diagnostic]
    var csaf: (CSAFDocument, Data)?
}

/// A failed load: the diagnostics that stopped it.
public struct LoadFailure: Error, Sendable {
    public var diagnostics: [Diagnostic]
}

/// Everything read and extracted for one state of the content: documents, their trees and
/// records, the cross-document model and the composer that renders any output from it.
/// `herald build` renders all of it; the preview server renders outputs on demand.
public struct SiteSnapshot: Sendable {
    public let configuration: SiteConfiguration
    public let layout: SiteLayout
    public let documents: [BuiltDocument]
    /// Problems found while loading that belong to no published document.
    public let loadDiagnostics: [Diagnostic]
    /// Whole-set rule results (duplicates, language, translations), keyed by source path.
    public let documentDiagnostics: [String: [Diagnostic]]
    let trees: [String: ContentTree]
    let tocs: [String: (entries: [TOCEntry], diagnostics: [Diagnostic])]
    let site: SiteModel
    let composer: PageComposer
    let templates: TemplateSet
    let extractor: AdvisoryExtractor
    let preview: Bool

    /// Reads templates, strings and every document of every locale.
    public static func load(configuration: SiteConfiguration, preview: Bool = false) -> Result<SiteSnapshot, LoadFailure> {
        let templatesFolder = configuration.resolve(configuration.templates)
        let templates: TemplateSet
        do {
            templates = try TemplateSet(directory: URL(fileURLWithPath: templatesFolder))
        } catch {
            return .failure(LoadFailure(diagnostics: [Diagnostic(.cfg001, "templates: \(error)", at: SourceLocation(path: templatesFolder, line: 1))]))
        }
        if configuration.locales.isEmpty {
            return .failure(LoadFailure(diagnostics: [Diagnostic(.cfg001, "no locale to build: add locales to site.yml or pass --content", at: SourceLocation(path: "site.yml", line: 1))]))
        }
        var trees: [String: ContentTree] = [:]
        var jobs: [(locale: String, root: String, relative: String)] = []
        var diagnostics: [Diagnostic] = []
        for source in configuration.locales {
            let root = configuration.resolve(source.content)
            let tree = ContentTree(root: root)
            diagnostics += tree.diagnostics
            trees[source.tag] = tree
            jobs += tree.documents.map { (source.tag, root, $0) }
        }
        let extractor = AdvisoryExtractor(limits: configuration.limits)
        let documents = parallelMap(jobs) { job in
            extractDocument(locale: job.locale, root: job.root, relative: job.relative, extractor: extractor)
        }
        let tocs = trees.mapValues { tree in TOCReader.read(tree: tree) }
        return .success(SiteSnapshot(configuration: configuration, templates: templates, trees: trees, tocs: tocs, extracted: documents,
                                     extraDiagnostics: diagnostics, extractor: extractor, preview: preview))
    }

    /// Reads, parses and extracts one file of a locale.
    static func extractDocument(locale: String, root: String, relative: String, extractor: AdvisoryExtractor) -> BuiltDocument {
        let path = URL(fileURLWithPath: root).appendingPathComponent(relative).path
        // Refuse an oversized file before reading it, so a huge file costs no memory.
        if let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue, size > extractor.limits.maximumFileBytes {
            let advisory = Advisory(id: relative, kind: .landing, locale: locale, title: relative, source: SourceInfo(path: path))
            return BuiltDocument(locale: locale, relativePath: relative, sourcePath: path, slug: DocumentPath.slug(for: relative),
                                 advisory: advisory, tree: MarkdownNode(kind: .document),
                                 diagnostics: [Diagnostic(.limit001, "file is \(size) bytes, over the limit of \(extractor.limits.maximumFileBytes)", at: SourceLocation(path: path, line: 1))])
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            let advisory = Advisory(id: relative, kind: .landing, locale: locale, title: relative, source: SourceInfo(path: path))
            return BuiltDocument(locale: locale, relativePath: relative, sourcePath: path, slug: DocumentPath.slug(for: relative),
                                 advisory: advisory, tree: MarkdownNode(kind: .document),
                                 diagnostics: [Diagnostic(.io001, "cannot read file", at: SourceLocation(path: path, line: 1))])
        }
        let extracted = extractor.extract(bytes: [UInt8](data), path: path, relativePath: relative, locale: locale)
        var document = BuiltDocument(locale: locale, relativePath: relative, sourcePath: path, slug: DocumentPath.slug(for: relative),
                                     advisory: extracted.advisory, tree: extracted.document, diagnostics: extracted.diagnostics)
        if let language = ContentRules.languageDiagnostic(for: document) { document.diagnostics.append(language) }
        return document
    }

    init(configuration: SiteConfiguration, templates: TemplateSet, trees: [String: ContentTree],
         tocs: [String: (entries: [TOCEntry], diagnostics: [Diagnostic])], extracted: [BuiltDocument],
         extraDiagnostics: [Diagnostic], extractor: AdvisoryExtractor, preview: Bool) {
        self.configuration = configuration
        self.templates = templates
        self.trees = trees
        self.tocs = tocs
        self.extractor = extractor
        self.preview = preview
        layout = SiteLayout(baseURL: configuration.baseURL)
        var diagnostics = extraDiagnostics
        let includeDrafts = configuration.includeDrafts || preview
        var documents = extracted.filter { includeDrafts || !$0.advisory.draft }
        let unpublishable: Set<DiagnosticCode> = [.io001, .io002, .limit001]
        for document in documents where document.diagnostics.contains(where: { unpublishable.contains($0.code) }) {
            diagnostics += document.diagnostics
        }
        documents = documents.filter { document in !document.diagnostics.contains { unpublishable.contains($0.code) } }
        self.documents = documents
        documentDiagnostics = ContentRules(documents: documents).check()
        var resolvers: [String: LinkResolver] = [:]
        for source in configuration.locales {
            guard let tree = trees[source.tag] else { continue }
            resolvers[source.tag] = LinkResolver(locale: source.tag, tree: tree, layout: layout, documents: documents.filter { $0.locale == source.tag })
        }
        site = SiteModel(configuration: configuration, layout: layout, documents: documents, resolvers: resolvers, trees: trees, tocs: tocs)
        loadDiagnostics = diagnostics + site.tocDiagnostics
        let templatesFolder = configuration.resolve(configuration.templates)
        composer = PageComposer(site: site, templates: templates,
                                strings: StringsCatalog.load(folder: templatesFolder + "/strings", locales: configuration.locales.map(\.tag)),
                                preview: preview)
        self.extracted = extracted
    }

    /// Every document as extracted, drafts and unpublishable ones included.
    let extracted: [BuiltDocument]

    /// A new snapshot with the given source files read again (added, changed or deleted).
    /// Templates and strings are reloaded too when `reloadTemplates` is set.
    public func updating(sourcePaths: Set<String>, reloadTemplates: Bool = false) -> Result<SiteSnapshot, LoadFailure> {
        var templates = self.templates
        if reloadTemplates {
            do {
                templates = try TemplateSet(directory: URL(fileURLWithPath: configuration.resolve(configuration.templates)))
            } catch {
                return .failure(LoadFailure(diagnostics: [Diagnostic(.cfg001, "templates: \(error)", at: SourceLocation(path: configuration.templates, line: 1))]))
            }
        }
        var trees = self.trees
        var tocs = self.tocs
        var documents = extracted.filter { !sourcePaths.contains($0.sourcePath) }
        var diagnostics: [Diagnostic] = []
        for source in configuration.locales {
            let root = configuration.resolve(source.content)
            let touched = sourcePaths.filter { $0.hasPrefix(root + "/") }
            guard !touched.isEmpty, var tree = trees[source.tag] else { continue }
            let relatives = touched.map { String($0.dropFirst(root.count + 1)) }
            let known = Set(tree.documents).union(tree.resources)
            let changedOnly = relatives.allSatisfy { known.contains($0) && FileManager.default.fileExists(atPath: root + "/" + $0) }
            if !changedOnly {
                tree = ContentTree(root: root)
                trees[source.tag] = tree
            }
            if !changedOnly || relatives.contains(where: { $0.lowercased() == "toc.yml" }) {
                tocs[source.tag] = TOCReader.read(tree: tree)
            }
            let documentsNow = Set(tree.documents)
            for relative in relatives where documentsNow.contains(relative) {
                documents.append(Self.extractDocument(locale: source.tag, root: root, relative: relative, extractor: extractor))
            }
        }
        diagnostics = configuration.locales.compactMap { trees[$0.tag] }.flatMap(\.diagnostics)
        documents.sort { ($0.locale, $0.relativePath) < ($1.locale, $1.relativePath) }
        return .success(SiteSnapshot(configuration: configuration, templates: templates, trees: trees, tocs: tocs, extracted: documents,
                                     extraDiagnostics: diagnostics, extractor: extractor, preview: preview))
    }

    /// The document whose page is at `sitePath` (`zh-cn/securityadvisories/2008/954474/`).
    public func document(atPagePath sitePath: String) -> BuiltDocument? {
        documents.first { layout.pagePath(locale: $0.locale, slug: $0.slug) == sitePath }
    }

    /// The HTML of a document's page and every diagnostic that concerns it.
    public func page(for document: BuiltDocument) -> (html: String, diagnostics: [Diagnostic]) {
        var diagnostics = document.diagnostics + (documentDiagnostics[document.sourcePath] ?? [])
        let html = composer.page(for: document, diagnostics: &diagnostics)
        return (html, configuration.applyRules(to: diagnostics).sorted())
    }

    /// Every output that is not a document page: index pages, search, feeds, sitemap, assets.
    public func siteOutputs() -> [(path: String, data: Data)] {
        (composer.sitePages() + composer.feeds(csafURLs: [:]) + composer.assets()).map { ($0.path, $0.data) }
    }

    /// The CSAF provider settings that follow from `site.yml`.
    public var csafConfiguration: CSAFConfiguration {
        CSAFConfiguration(publisherName: configuration.publisher.name, publisherCategory: configuration.publisher.category ?? "vendor",
                          namespace: configuration.publisher.namespace, siteBaseURL: layout.baseURL)
    }
}
