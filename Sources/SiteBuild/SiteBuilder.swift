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
        let layout = SiteLayout(baseURL: configuration.baseURL)
        let extractor = AdvisoryExtractor(limits: configuration.limits)

        let templatesFolder = configuration.resolve(configuration.templates)
        let templates: TemplateSet
        do {
            templates = try TemplateSet(directory: URL(fileURLWithPath: templatesFolder))
        } catch {
            report.diagnostics.append(Diagnostic(.cfg001, "templates: \(error)", at: SourceLocation(path: templatesFolder, line: 1)))
            report.seconds = clock.seconds
            return report
        }
        if configuration.locales.isEmpty {
            report.diagnostics.append(Diagnostic(.cfg001, "no locale to build: add locales to site.yml or pass --content", at: SourceLocation(path: "site.yml", line: 1)))
            return report
        }

        var trees: [String: ContentTree] = [:]
        var jobs: [(locale: String, root: String, relative: String)] = []
        for source in configuration.locales {
            let root = configuration.resolve(source.content)
            let tree = ContentTree(root: root)
            report.diagnostics += tree.diagnostics
            trees[source.tag] = tree
            jobs += tree.documents.map { (source.tag, root, $0) }
        }
        options.progress?("reading \(jobs.count) documents")
        let includeDrafts = configuration.includeDrafts || options.preview
        var documents = parallelMap(jobs) { job -> BuiltDocument in
            let path = URL(fileURLWithPath: job.root).appendingPathComponent(job.relative).path
            let bytes: [UInt8]
            if let data = FileManager.default.contents(atPath: path) {
                bytes = [UInt8](data)
            } else {
                let advisory = Advisory(id: job.relative, kind: .landing, locale: job.locale, title: job.relative, source: SourceInfo(path: path))
                return BuiltDocument(locale: job.locale, relativePath: job.relative, sourcePath: path, slug: DocumentPath.slug(for: job.relative),
                                     advisory: advisory, tree: MarkdownNode(kind: .document),
                                     diagnostics: [Diagnostic(.io001, "cannot read file", at: SourceLocation(path: path, line: 1))])
            }
            let extracted = extractor.extract(bytes: bytes, path: path, relativePath: job.relative, locale: job.locale)
            return BuiltDocument(locale: job.locale, relativePath: job.relative, sourcePath: path, slug: DocumentPath.slug(for: job.relative),
                                 advisory: extracted.advisory, tree: extracted.document, diagnostics: extracted.diagnostics)
        }
        documents = documents.filter { includeDrafts || !$0.advisory.draft }
        let unpublishable: Set<DiagnosticCode> = [.io001, .io002, .limit001]
        for document in documents where document.diagnostics.contains(where: { unpublishable.contains($0.code) }) {
            report.diagnostics += document.diagnostics
        }
        documents = documents.filter { document in !document.diagnostics.contains { unpublishable.contains($0.code) } }

        let rules = ContentRules(documents: documents)
        let documentDiagnostics = rules.check()
        let published = documents

        var resolvers: [String: LinkResolver] = [:]
        for source in configuration.locales {
            guard let tree = trees[source.tag] else { continue }
            resolvers[source.tag] = LinkResolver(locale: source.tag, tree: tree, layout: layout, documents: documents.filter { $0.locale == source.tag })
        }
        let site = SiteModel(configuration: configuration, layout: layout, documents: documents, resolvers: resolvers, trees: trees)
        let composer = PageComposer(site: site, templates: templates, strings: StringsCatalog.load(folder: templatesFolder + "/strings", locales: configuration.locales.map(\.tag)), preview: options.preview)

        options.progress?("rendering \(documents.count) pages")
        let writer: OutputWriter?
        if options.write {
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

        let pageResults = parallelMap(Array(published.indices)) { index -> [Diagnostic] in
            let document = published[index]
            var diagnostics = document.diagnostics + (documentDiagnostics[document.sourcePath] ?? [])
            let page = composer.page(for: document, diagnostics: &diagnostics)
            if options.verifyOutput {
                let bytes = Array(page.utf8)
                let problems = XMLChecker.wellFormednessProblems(of: bytes)
                if let first = problems.first {
                    diagnostics.append(Diagnostic(.out001, "page for \(document.relativePath) is not well-formed: \(first)", at: SourceLocation(path: document.sourcePath, line: 1)))
                }
            }
            emit(Data(page.utf8), layout.pageFile(locale: document.locale, slug: document.slug))
            emit(composer.recordJSON(for: document), layout.recordPath(locale: document.locale, slug: document.slug))
            return diagnostics
        }
        report.pages = documents.count
        report.diagnostics += pageResults.flatMap { $0 }

        for output in composer.sitePages() {
            emit(output.data, output.path)
            report.pages += output.path.hasSuffix(".html") ? 1 : 0
        }
        let feeds = composer.feeds()
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
