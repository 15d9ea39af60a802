import AdvisoryExtraction
import AdvisoryModel
import CommonMark
import Foundation
import SiteRendering
import XMLValidation
import Yams

/// A document of the build: where it came from, its record summary and its diagnostics.
/// Its page body, record JSON and CSAF files are prepared once and kept in a `PayloadStore`.
public struct BuiltDocument: Sendable {
    public var locale: String
    public var relativePath: String
    public var sourcePath: String
    public var slug: String
    /// The record without its body-derived lists (the per-document JSON has the full record).
    public var advisory: Advisory
    public var diagnostics: [Diagnostic]
    var references: [LinkReference]
    var csaf: CSAFFacts?
    /// The key of the prepared document: its content, the configuration, the strings and Herald.
    var key: String
    var summaryDigest: String
    /// The stamp of the source file when it was read.
    var stamp: String
    /// True when this build read and prepared the file (false: taken from the cache).
    var freshlyPrepared = false

    init(locale: String, relativePath: String, sourcePath: String, key: String, stamp: String, facts: DocumentFacts) {
        self.locale = locale
        self.relativePath = relativePath
        self.sourcePath = sourcePath
        slug = DocumentPath.slug(for: relativePath)
        advisory = facts.summary
        diagnostics = facts.diagnostics
        references = facts.references
        csaf = facts.csaf
        summaryDigest = facts.summaryDigest
        self.key = key
        self.stamp = stamp
    }

    var facts: DocumentFacts {
        DocumentFacts(summary: advisory, diagnostics: diagnostics, references: references, csaf: csaf, summaryDigest: summaryDigest)
    }
}

/// What a build did.
public struct BuildReport: Sendable {
    public var documents: [BuiltDocument] = []
    public var diagnostics: [Diagnostic] = []
    public var pages = 0
    public var feeds = 0
    public var files = 0
    public var unchangedFiles = 0
    /// Documents read and prepared in this build (the others came from the cache).
    public var preparedDocuments = 0
    /// Document pages rendered in this build (the others were kept as they were).
    public var renderedPages = 0
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
    /// Reuse and update the cache folder (`SiteConfiguration.cacheFolder`).
    public var useCache = true
    /// Progress lines on standard error.
    public var progress: (@Sendable (String) -> Void)?

    public init(write: Bool = true, verifyOutput: Bool = true, preview: Bool = false, useCache: Bool = true, progress: (@Sendable (String) -> Void)? = nil) {
        self.write = write
        self.useCache = useCache
        self.verifyOutput = verifyOutput
        self.preview = preview
        self.progress = progress
    }
}

/// Builds the site: discover → prepare → link → validate → render → verify → write.
///
/// With a cache folder, a build reuses what the last build of the same output folder made:
/// documents whose file did not change are not read again, pages whose inputs did not change
/// are not rendered again, and unchanged files are not rewritten. The output is byte for byte
/// what a build without a cache gives.
public struct SiteBuilder: Sendable {
    public var configuration: SiteConfiguration

    public init(configuration: SiteConfiguration) {
        self.configuration = configuration
    }

    /// Runs the whole pipeline. Errors in content are diagnostics in the report; the output
    /// folder is replaced only when there is no error.
    public func build(options: BuildOptions = BuildOptions()) -> BuildReport {
        let clock = Stopwatch()
        var timing = PhaseTiming(enabled: ProcessInfo.processInfo.environment["HERALD_TIMING"] != nil, label: "build")
        defer { timing.report() }
        var report = BuildReport()
        let fingerprints = BuildFingerprints(configuration: configuration)
        let outputPath = URL(fileURLWithPath: configuration.resolve(configuration.output)).standardizedFileURL.path
        let cacheFolder = options.useCache ? configuration.cacheFolder : nil
        // Two builds of the same output folder at once would interleave their commits: the
        // second waits for the first.
        let lock = options.write ? BuildLock(for: outputPath) : nil
        defer { lock?.release() }

        options.progress?("reading documents")
        timing.mark("trees")
        let trees = SiteSnapshot.contentTrees(configuration: configuration)
        timing.mark("inputs")
        let inputsDigest = Self.inputsDigest(trees: trees, fingerprints: fingerprints)
        let outputStamps = cacheFolder.flatMap { OutputStamps.load(cacheFolder: $0, output: outputPath) }
        // Output files deleted or changed since the last build; looked at once, before anything is written.
        lazy var changedOnDisk = outputStamps?.changed(in: outputPath)
        if options.write, let cacheFolder, let outcome = BuildManifest.Outcome.load(cacheFolder: cacheFolder, output: outputPath),
           outcome.inputsDigest == inputsDigest, outcome.identity == BuildManifest.identity(of: outputPath),
           let outputStamps, outputStamps.stamps.count == outcome.files, changedOnDisk?.isEmpty == true {
            report.diagnostics = outcome.diagnostics
            report.pages = outcome.pages
            report.feeds = outcome.feeds
            report.files = outcome.files
            report.unchangedFiles = outcome.files
            report.published = true
            report.seconds = clock.seconds
            return report
        }
        timing.mark("manifest")
        let manifest = cacheFolder.flatMap { BuildManifest.load(cacheFolder: $0, output: outputPath) }

        var known: [String: BuildManifest.Document] = [:]
        if let manifest, manifest.prepareFingerprint == fingerprints.prepare {
            for document in manifest.documents { known[document.sourcePath] = document }
        }
        let knownTOCs = manifest?.tocs ?? [:]
        let store = PayloadStore(folder: cacheFolder.map { $0 + "/payloads" })
        let snapshot: SiteSnapshot
        switch SiteSnapshot.load(configuration: configuration, preview: options.preview, trees: trees, store: store, known: known, knownTOCs: knownTOCs, fingerprints: fingerprints) {
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

        let previousOutput = manifest?.output.flatMap { $0.identity == BuildManifest.identity(of: outputPath) ? $0 : nil }
        let previousFiles = previousOutput.map { Set($0.files) }
        // Without recorded stamps (a cache from before they were kept) every file counts as changed.
        let changedFiles = previousOutput == nil ? [] : (changedOnDisk ?? previousFiles ?? [])
        timing.mark("snapshot")
        options.progress?("rendering \(documents.count) pages")
        let writer: OutputWriter?
        if options.write {
            // The output folder is replaced as a whole: never let it be (or contain) a source folder.
            let output = URL(fileURLWithPath: outputPath).resolvingSymlinksInPath().path
            let sources = configuration.locales.map { configuration.resolve($0.content) } + [configuration.resolve(configuration.templates)]
            if let source = sources.first(where: { let real = URL(fileURLWithPath: $0).standardizedFileURL.resolvingSymlinksInPath().path; return real == output || real.hasPrefix(output == "/" ? "/" : output + "/") }) {
                report.diagnostics.append(Diagnostic(.io003, "the output folder \(output) is or contains the source folder \(source); refusing to replace it", at: SourceLocation(path: output, line: 1)))
                report.documents = documents
                report.seconds = clock.seconds
                return report
            }
            do {
                writer = try OutputWriter(destination: outputPath, previousFiles: previousFiles, changedFiles: changedFiles)
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
        /// Keeps every path of the previous site, or tells the caller to write them.
        @Sendable func keep(_ paths: [String]) -> Bool {
            guard let writer else { return false }
            return paths.allSatisfy { writer.keep($0) }
        }

        // The site key covers everything a page reads besides its own document.
        timing.mark("writer")
        let siteKey = snapshot.siteKey(fingerprints: fingerprints)
        let previousDocuments = previousOutput == nil ? [:] : known
        let csafConfiguration = snapshot.csafConfiguration
        let csafFolder = CSAFDistribution.root + "/" + csafConfiguration.tlpLabel.lowercased() + "/"
        var csafNames: Set<String> = []
        var csafPublished: Set<String> = []
        var csafEntries: [CSAFDistribution.Entry] = []
        var csafURLs: [String: String] = [:]
        for document in documents {
            guard let csaf = document.csaf else { continue }
            csafURLs[document.sourcePath] = layout.absolute(csafFolder + csaf.relativePath)
            if csafNames.insert(String(csaf.relativePath.split(separator: "/").last ?? "")).inserted {
                csafPublished.insert(document.sourcePath)
                csafEntries.append(CSAFDistribution.Entry(relativePath: csaf.relativePath, currentReleaseDate: csaf.currentReleaseDate))
            }
        }

        let csafOwners = csafPublished
        timing.mark("sitekey")
        let rendered = Locked(0)
        let pageResults = parallelMap(Array(documents.indices)) { (index: Int) -> (pageKey: String, diagnostics: [Diagnostic]) in
            let document = documents[index]
            let pageKey = ContentHash(parts: [siteKey, document.key]).description
            let previous = previousDocuments[document.sourcePath]
            let pagePath = layout.pageFile(locale: document.locale, slug: document.slug)
            let recordPath = layout.recordPath(locale: document.locale, slug: document.slug)
            var csafPaths: [String] = []
            if let csaf = document.csaf, csafOwners.contains(document.sourcePath) {
                csafPaths = [csafFolder + csaf.relativePath, csafFolder + csaf.relativePath + ".sha256", csafFolder + csaf.relativePath + ".sha512"]
            }
            var payload: DocumentPayload?
            func loaded() -> DocumentPayload {
                if let payload { return payload }
                let fresh = snapshot.payload(for: document)
                payload = fresh
                return fresh
            }
            var pageDiagnostics: [Diagnostic]
            if let previous, previous.pageKey == pageKey, keep([pagePath]) {
                pageDiagnostics = previous.pageDiagnostics
            } else {
                pageDiagnostics = []
                rendered.withLock { $0 += 1 }
                let html = snapshot.composer.page(for: document, payload: loaded(), diagnostics: &pageDiagnostics)
                if options.verifyOutput, let first = XMLChecker.wellFormednessProblems(of: Array(html.utf8)).first {
                    pageDiagnostics.append(Diagnostic(.out001, "page for \(document.relativePath) is not well-formed: \(first)", at: SourceLocation(path: document.sourcePath, line: 1)))
                }
                emit(Data(html.utf8), pagePath)
            }
            if previous?.key != document.key || !keep([recordPath] + csafPaths) {
                let payload = loaded()
                emit(payload.recordJSON, recordPath)
                if let csaf = payload.csaf, csafPaths.count == 3 {
                    emit(csaf.json, csafPaths[0])
                    emit(csaf.sha256, csafPaths[1])
                    emit(csaf.sha512, csafPaths[2])
                }
            }
            return (pageKey, pageDiagnostics)
        }
        timing.mark("pages")
        report.renderedPages = rendered.withLock { $0 }
        report.preparedDocuments = snapshot.extracted.filter(\.freshlyPrepared).count
        for (index, document) in documents.enumerated() {
            report.diagnostics += document.diagnostics + (snapshot.documentDiagnostics[document.sourcePath] ?? []) + pageResults[index].diagnostics
        }

        var siteDiagnostics: [Diagnostic] = []
        var siteFiles: [String] = []
        if let previousOutput, previousOutput.siteKey == siteKey, keep(previousOutput.siteFiles) {
            siteDiagnostics = previousOutput.siteDiagnostics
            siteFiles = previousOutput.siteFiles
        } else {
            for output in composer.sitePages() {
                emit(output.data, output.path)
                siteFiles.append(output.path)
            }
            for output in composer.feeds(csafURLs: csafURLs) {
                if options.verifyOutput, output.path.hasSuffix(".xml") {
                    for problem in OutputSchemas.shared.problems(of: output) {
                        siteDiagnostics.append(Diagnostic(.out001, "\(output.path): \(problem)", at: SourceLocation(path: output.path, line: problem.line)))
                    }
                }
                emit(output.data, output.path)
                siteFiles.append(output.path)
            }
            for file in CSAFDistribution.indexFiles(entries: csafEntries, configuration: csafConfiguration) {
                emit(file.data, file.path)
                siteFiles.append(file.path)
            }
        }
        timing.mark("siteoutputs")
        report.pages = documents.count + siteFiles.filter { $0.hasSuffix(".html") }.count
        report.feeds = siteFiles.filter { $0.hasSuffix("/feed.json") || $0.hasSuffix("/rss.xml") || $0.hasSuffix("/atom.xml") }.count
        report.diagnostics += siteDiagnostics
        var resourceStamps: [String: String] = [:]
        for (locale, tree) in snapshot.trees {
            guard let resolver = snapshot.site.resolvers[locale], let writer else { continue }
            for resource in tree.resources {
                let target = resolver.resourceFile(resource)
                let stamp = tree.stamps[resource] ?? "-"
                resourceStamps[target] = stamp
                if previousOutput?.resourceStamps[target] == stamp, writer.keep(target) { continue }
                do { try writer.copy(from: tree.root + "/" + resource, to: target) } catch { writeFailures.withLock { $0.append(error) } }
            }
        }
        timing.mark("resources")
        for asset in composer.assets() { emit(asset.data, asset.path) }
        report.diagnostics += writeFailures.withLock { $0 }

        report.diagnostics = configuration.applyRules(to: report.diagnostics).sorted()
        report.documents = documents
        timing.mark("commit+rules")
        var newManifest = BuildManifest(prepareFingerprint: fingerprints.prepare, renderFingerprint: fingerprints.render, documents: snapshot.extracted.map { document in
            BuildManifest.Document(sourcePath: document.sourcePath, stamp: document.stamp, key: document.key, facts: document.facts, pageKey: nil, pageDiagnostics: [])
        }, tocs: snapshot.readTOCs, output: nil)
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
            if report.published, let identity = BuildManifest.identity(of: outputPath) {
                let pageKeys = Dictionary(uniqueKeysWithValues: documents.indices.map { (documents[$0].sourcePath, pageResults[$0]) })
                for index in newManifest.documents.indices {
                    if let result = pageKeys[newManifest.documents[index].sourcePath] {
                        newManifest.documents[index].pageKey = result.pageKey
                        newManifest.documents[index].pageDiagnostics = result.diagnostics
                    }
                }
                newManifest.output = BuildManifest.Output(identity: identity, inputsDigest: inputsDigest, siteKey: siteKey, siteDiagnostics: siteDiagnostics,
                                                          siteFiles: siteFiles, resourceStamps: resourceStamps, files: writer.allPaths, pages: report.pages, feeds: report.feeds, diagnostics: report.diagnostics)
            }
        }
        if let cacheFolder, options.write {
            let stamps = newManifest.output.map { output in
                OutputStamps.current(of: output.files, in: outputPath, written: writer?.writtenFiles ?? [], previous: previousOutput == nil ? nil : outputStamps, changed: changedFiles)
            }
            timing.mark("manifest-built")
            newManifest.save(cacheFolder: cacheFolder, output: outputPath, stamps: stamps)
            timing.mark("manifest-saved")
            let keys = Set(snapshot.extracted.map(\.key))
            if report.published, store.isOnDisk, keys != Set(manifest?.documents.map(\.key) ?? []) { store.removeAll(except: keys) }
        }
        report.seconds = clock.seconds
        return report
    }

    /// A digest of every input's stamp: content files, resources, the TOC, configuration and templates.
    static func inputsDigest(trees: [(tag: String, tree: ContentTree)], fingerprints: BuildFingerprints) -> String {
        var parts = [fingerprints.render]
        for (tag, tree) in trees {
            let problems: [String] = tree.diagnostics.map { $0.formatted }
            parts.append(tag + "|" + tree.root + "|" + problems.joined(separator: ";"))
            for (file, stamp) in tree.stamps.sorted(by: { $0.key < $1.key }) {
                parts.append(file + "=" + stamp)
            }
        }
        return ContentHash(parts: parts).description
    }
}

/// A failed load: the diagnostics that stopped it.
public struct LoadFailure: Error, Sendable {
    public var diagnostics: [Diagnostic]
}

/// Everything read and prepared for one state of the content: documents and their record
/// summaries, the cross-document model and the composer that renders any output from it.
/// `herald build` renders all of it; the preview server renders outputs on demand.
public struct SiteSnapshot: Sendable {
    public let configuration: SiteConfiguration
    public let layout: SiteLayout
    public let documents: [BuiltDocument]
    /// Problems found while loading that belong to no published document.
    public let loadDiagnostics: [Diagnostic]
    /// Whole-set rule results (duplicates, translations), keyed by source path.
    public let documentDiagnostics: [String: [Diagnostic]]
    let trees: [String: ContentTree]
    let tocs: [String: (entries: [TOCEntry], diagnostics: [Diagnostic])]
    let site: SiteModel
    let composer: PageComposer
    let templates: TemplateSet
    let preparer: DocumentPreparer
    let store: PayloadStore
    let fingerprints: BuildFingerprints
    let preview: Bool

    /// The content tree of every locale, in the order of the configuration.
    static func contentTrees(configuration: SiteConfiguration) -> [(tag: String, tree: ContentTree)] {
        configuration.locales.map { ($0.tag, ContentTree(root: configuration.resolve($0.content))) }
    }

    /// Reads templates, strings and every document of every locale. A document whose stamp
    /// or content matches a `known` one (from the last build) is not prepared again.
    public static func load(configuration: SiteConfiguration, preview: Bool = false) -> Result<SiteSnapshot, LoadFailure> {
        load(configuration: configuration, preview: preview, trees: contentTrees(configuration: configuration), store: PayloadStore(folder: nil),
             known: [:], fingerprints: BuildFingerprints(configuration: configuration))
    }

    static func load(configuration: SiteConfiguration, preview: Bool, trees orderedTrees: [(tag: String, tree: ContentTree)], store: PayloadStore,
                     known: [String: BuildManifest.Document], knownTOCs: [String: TOCReader.Known] = [:], fingerprints: BuildFingerprints) -> Result<SiteSnapshot, LoadFailure> {
        var timing = PhaseTiming(enabled: ProcessInfo.processInfo.environment["HERALD_TIMING"] != nil, label: "load")
        defer { timing.report() }
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
        timing.mark("templates")
        var trees: [String: ContentTree] = [:]
        var jobs: [(locale: String, root: String, relative: String)] = []
        var diagnostics: [Diagnostic] = []
        for (tag, tree) in orderedTrees {
            diagnostics += tree.diagnostics
            trees[tag] = tree
            jobs += tree.documents.map { (tag, tree.root, $0) }
        }
        let stampsByLocale = trees.mapValues(\.stamps)
        let strings = StringsCatalog.load(folder: templatesFolder + "/strings", locales: configuration.locales.map(\.tag))
        let layout = SiteLayout(baseURL: configuration.baseURL)
        let csafConfiguration = CSAFConfiguration(publisherName: configuration.publisher.name, publisherCategory: configuration.publisher.category ?? "vendor",
                                                  namespace: configuration.publisher.namespace, siteBaseURL: layout.baseURL)
        timing.mark("strings")
        let preparer = DocumentPreparer(extractor: AdvisoryExtractor(catalog: LocaleCatalog.shared.applying(configuration.labels), limits: configuration.limits), layout: layout, csafConfiguration: csafConfiguration, strings: strings)
        let documents = parallelMap(jobs) { job in
            prepareDocument(locale: job.locale, root: job.root, relative: job.relative, stamps: stampsByLocale[job.locale] ?? [:], preparer: preparer, store: store, known: known, fingerprints: fingerprints)
        }
        timing.mark("documents")
        var tocs: [String: (entries: [TOCEntry], diagnostics: [Diagnostic])] = [:]
        var readTOCs: [String: TOCReader.Known] = [:]
        for (tag, tree) in trees {
            let read = TOCReader.read(tree: tree, known: knownTOCs[tag])
            tocs[tag] = read.toc
            readTOCs[tag] = read.known
        }
        timing.mark("tocs")
        let snapshot = SiteSnapshot(configuration: configuration, templates: templates, strings: strings, trees: trees, tocs: tocs, extracted: documents,
                                     extraDiagnostics: diagnostics, preparer: preparer, store: store, fingerprints: fingerprints, preview: preview,
                                     readTOCs: readTOCs)
        timing.mark("model")
        return .success(snapshot)
    }

    /// The document at `root/relative`: as known from the last build when its file is
    /// unchanged, else read, prepared and its payload stored.
    static func prepareDocument(locale: String, root: String, relative: String, stamps: [String: String] = [:], preparer: DocumentPreparer, store: PayloadStore,
                                known: [String: BuildManifest.Document], fingerprints: BuildFingerprints) -> BuiltDocument {
        let path = root.hasSuffix("/") ? root + relative : root + "/" + relative
        let stamp = stamps[relative] ?? FileStamp.of(path, following: true) ?? "-"
        let previous = known[path]
        if let previous, previous.stamp == stamp, stamp != "-" {
            return BuiltDocument(locale: locale, relativePath: relative, sourcePath: path, key: previous.key, stamp: stamp, facts: previous.facts)
        }
        var status = stat()
        let size = stat(path, &status) == 0 ? Int(status.st_size) : 0
        let data = size > preparer.extractor.limits.maximumFileBytes ? nil : FileManager.default.contents(atPath: path)
        let contentDigest = data.map { ContentHash(of: $0).description } ?? "unread-\(size)"
        let key = ContentHash(parts: [fingerprints.prepare, locale, path, contentDigest]).description
        if let previous, previous.key == key {
            return BuiltDocument(locale: locale, relativePath: relative, sourcePath: path, key: key, stamp: stamp, facts: previous.facts)
        }
        let prepared = data.map { preparer.prepare(bytes: [UInt8]($0), locale: locale, path: path, relative: relative) }
            ?? preparer.prepare(locale: locale, root: root, relative: relative)
        store.save(prepared.payload, key: key)
        var document = BuiltDocument(locale: locale, relativePath: relative, sourcePath: path, key: key, stamp: stamp, facts: prepared.facts)
        document.freshlyPrepared = true
        return document
    }

    init(configuration: SiteConfiguration, templates: TemplateSet, strings: StringsCatalog, trees: [String: ContentTree],
         tocs: [String: (entries: [TOCEntry], diagnostics: [Diagnostic])], extracted: [BuiltDocument],
         extraDiagnostics: [Diagnostic], preparer: DocumentPreparer, store: PayloadStore, fingerprints: BuildFingerprints, preview: Bool,
         readTOCs: [String: TOCReader.Known] = [:]) {
        self.configuration = configuration
        self.readTOCs = readTOCs
        self.templates = templates
        self.trees = trees
        self.tocs = tocs
        self.preparer = preparer
        self.store = store
        self.fingerprints = fingerprints
        self.preview = preview
        layout = preparer.layout
        var diagnostics = extraDiagnostics
        let includeDrafts = configuration.includeDrafts || preview
        var documents = extracted.filter { includeDrafts || !$0.advisory.draft }
        for document in documents where document.diagnostics.contains(where: { DocumentPreparer.unpublishable.contains($0.code) }) {
            diagnostics += document.diagnostics
        }
        documents = documents.filter { document in !document.diagnostics.contains { DocumentPreparer.unpublishable.contains($0.code) } }
        self.documents = documents
        documentDiagnostics = ContentRules(documents: documents).check()
        var resolvers: [String: LinkResolver] = [:]
        for source in configuration.locales {
            guard let tree = trees[source.tag] else { continue }
            resolvers[source.tag] = LinkResolver(locale: source.tag, tree: tree, layout: layout, documents: documents.filter { $0.locale == source.tag })
        }
        site = SiteModel(configuration: configuration, layout: layout, documents: documents, resolvers: resolvers, trees: trees, tocs: tocs)
        loadDiagnostics = diagnostics + site.tocDiagnostics
        composer = PageComposer(site: site, templates: templates, strings: strings, preview: preview)
        self.extracted = extracted
    }

    /// Every document as read, drafts and unpublishable ones included.
    let extracted: [BuiltDocument]
    /// The TOCs as read, with their keys, for the next build.
    let readTOCs: [String: TOCReader.Known]

    /// A digest of everything a page reads besides its own document: templates, configuration,
    /// every document's summary, the resources and the TOC of every locale.
    func siteKey(fingerprints: BuildFingerprints) -> String {
        var parts = [fingerprints.render, String(preview)]
        for document in documents {
            parts.append(document.locale + "|" + document.relativePath + "|" + document.summaryDigest + "|" + (document.csaf.map { $0.relativePath + "|" + $0.currentReleaseDate } ?? ""))
        }
        for locale in configuration.locales.map(\.tag) {
            guard let tree = trees[locale] else { continue }
            parts.append(locale + "|resources|" + tree.resources.joined(separator: "\n"))
            // The TOC's key covers its bytes and the file list it was resolved against.
            parts.append(locale + "|toc|" + (readTOCs[locale]?.key ?? "none"))
        }
        return ContentHash(parts: parts).description
    }

    /// The payload of a document: from the store, or prepared again from its file.
    func payload(for document: BuiltDocument) -> DocumentPayload {
        if let payload = store.load(document.key) { return payload }
        let root = String(document.sourcePath.dropLast(document.relativePath.count + 1))
        let prepared = preparer.prepare(locale: document.locale, root: root, relative: document.relativePath)
        store.save(prepared.payload, key: document.key)
        return prepared.payload
    }

    /// A new snapshot with the given source files read again (added, changed or deleted).
    /// Templates and strings are reloaded too when `reloadTemplates` is set.
    public func updating(sourcePaths: Set<String>, reloadTemplates: Bool = false) -> Result<SiteSnapshot, LoadFailure> {
        var templates = self.templates
        var preparer = self.preparer
        var fingerprints = self.fingerprints
        var documents = extracted.filter { !sourcePaths.contains($0.sourcePath) }
        if reloadTemplates {
            do {
                templates = try TemplateSet(directory: URL(fileURLWithPath: configuration.resolve(configuration.templates)))
            } catch {
                return .failure(LoadFailure(diagnostics: [Diagnostic(.cfg001, "templates: \(error)", at: SourceLocation(path: configuration.templates, line: 1))]))
            }
            let strings = StringsCatalog.load(folder: configuration.resolve(configuration.templates) + "/strings", locales: configuration.locales.map(\.tag))
            preparer = DocumentPreparer(extractor: preparer.extractor, layout: preparer.layout, csafConfiguration: preparer.csafConfiguration, strings: strings)
            let newFingerprints = BuildFingerprints(configuration: configuration)
            if newFingerprints.prepare != fingerprints.prepare {
                // The strings changed (alert titles): every document is prepared again.
                documents = []
            }
            fingerprints = newFingerprints
        }
        var trees = self.trees
        var tocs = self.tocs
        var readTOCs = self.readTOCs
        var diagnostics: [Diagnostic] = []
        let kept = Set(documents.map(\.sourcePath))
        for source in configuration.locales {
            let root = configuration.resolve(source.content)
            let touched = sourcePaths.filter { $0.hasPrefix(root + "/") }
            guard var tree = trees[source.tag] else { continue }
            if !touched.isEmpty {
                let relatives = touched.map { String($0.dropFirst(root.count + 1)) }
                let known = Set(tree.documents).union(tree.resources)
                let changedOnly = relatives.allSatisfy { known.contains($0) && FileManager.default.fileExists(atPath: root + "/" + $0) }
                if !changedOnly {
                    tree = ContentTree(root: root)
                    trees[source.tag] = tree
                }
                if !changedOnly || relatives.contains(where: { $0.lowercased() == "toc.yml" }) {
                    let read = TOCReader.read(tree: tree, known: readTOCs[source.tag])
                    tocs[source.tag] = read.toc
                    readTOCs[source.tag] = read.known
                }
            }
            let missing = tree.documents.filter { !kept.contains(URL(fileURLWithPath: root).appendingPathComponent($0).path) }
            let (preparer, fingerprints) = (preparer, fingerprints)
            let prepared = parallelMap(missing) { relative in
                Self.prepareDocument(locale: source.tag, root: root, relative: relative, preparer: preparer, store: store, known: [:], fingerprints: fingerprints)
            }
            documents += prepared
        }
        diagnostics = configuration.locales.compactMap { trees[$0.tag] }.flatMap(\.diagnostics)
        let present = Set(configuration.locales.compactMap { source in trees[source.tag].map { tree in tree.documents.map { URL(fileURLWithPath: tree.root).appendingPathComponent($0).path } } }.joined())
        documents.removeAll { !present.contains($0.sourcePath) }
        documents.sort { ($0.locale, $0.relativePath) < ($1.locale, $1.relativePath) }
        return .success(SiteSnapshot(configuration: configuration, templates: templates, strings: preparer.strings, trees: trees, tocs: tocs, extracted: documents,
                                     extraDiagnostics: diagnostics, preparer: preparer, store: store, fingerprints: fingerprints, preview: preview,
                                     readTOCs: readTOCs))
    }

    /// The document whose page is at `sitePath` (`zh-cn/securityadvisories/2008/954474/`).
    public func document(atPagePath sitePath: String) -> BuiltDocument? {
        documents.first { layout.pagePath(locale: $0.locale, slug: $0.slug) == sitePath }
    }

    /// The HTML of a document's page and every diagnostic that concerns it.
    public func page(for document: BuiltDocument) -> (html: String, diagnostics: [Diagnostic]) {
        var diagnostics = document.diagnostics + (documentDiagnostics[document.sourcePath] ?? [])
        let html = composer.page(for: document, payload: payload(for: document), diagnostics: &diagnostics)
        return (html, configuration.applyRules(to: diagnostics).sorted())
    }

    /// Every output that is not a document page: index pages, search, feeds, sitemap, assets.
    public func siteOutputs() -> [(path: String, data: Data)] {
        (composer.sitePages() + composer.feeds(csafURLs: [:]) + composer.assets()).map { ($0.path, $0.data) }
    }

    /// The CSAF provider settings that follow from `site.yml`.
    public var csafConfiguration: CSAFConfiguration { preparer.csafConfiguration }
}
