import AdvisoryModel
import Foundation
import SiteRendering
import XMLValidation

/// What `load` found: the content trees, the digest of every input and the last build's record.
struct BuildInputs {
    var trees: [(tag: String, tree: ContentTree)] = []
    var inputsDigest = ContentKey(stored: "")
    var outputStamps: OutputStamps?
    /// Output files deleted or changed since the last published build: looked at once, on
    /// another core while the content folders are read, and before anything is written.
    var changedOnDisk: Background<Set<String>>?
    var manifest: BuildManifest?
    /// The manifest's documents by source path, when prepared as this build prepares them.
    var knownDocuments: [String: BuildManifest.Document] = [:]
    /// True when nothing changed since the last published build: the report is complete.
    var unchanged = false
}

/// What `compare` decided: the writer of the output folder and what the last build left in it.
struct BuildTarget {
    let writer: OutputWriter?
    /// The last published build of this output folder, if the folder is still the one it wrote.
    let previousOutput: BuildManifest.Output?
    /// The last build's documents by source path (empty when its output is not there).
    let previousDocuments: [String: BuildManifest.Document]
    let changedFiles: Set<String>
    /// Files that could not be written.
    let failures = Locked<[Diagnostic]>([])

    /// Writes `data` to `path` of the output (nothing when the build does not write).
    func write(_ data: some ContiguousBytes, to path: String) {
        guard let writer else { return }
        do { try writer.write(data, to: path) } catch { failures.withLock { $0.append(error) } }
    }

    /// True when the last build's file at `output.path` was made from the same key and is kept.
    func keeps(_ output: PlannedOutput, previousKey: ContentKey?) -> Bool {
        writer(keeping: output, previousKey: previousKey)?.keep(output.path) ?? false
    }

    /// True when `keeps` would keep the output; keeps nothing (`keep` does, for several at once).
    func mayKeep(_ output: PlannedOutput, previousKey: ContentKey?) -> Bool {
        writer(keeping: output, previousKey: previousKey)?.mayKeep(output.path) ?? false
    }

    /// The writer, when the last build made `output` from the same key as this one.
    private func writer(keeping output: PlannedOutput, previousKey: ContentKey?) -> OutputWriter? {
        guard let writer, let previousKey, previousKey == output.key else { return nil }
        return writer
    }

    /// Keeps the last build's files at `paths`, each one that `mayKeep` allows.
    func keep(_ paths: [String]) { writer?.markKept(paths) }
}

/// What `render` made: per document, its page key and the page's diagnostics; the site-wide files.
struct RenderedSite {
    var pages: [(pageKey: ContentKey?, diagnostics: [Diagnostic])]
    var siteFiles: [String]
    var siteDiagnostics: [Diagnostic]
    var resourceStamps: [String: String]
    var writeFailures: [Diagnostic]
    var renderedPages: Int
}

extension BuildRun {
    /// Walks the content folders and stops the build when no input changed since the last
    /// published build and its output is as it left it. Starts `catalogues` unless it stops:
    /// at once when there is no published build to compare with, else as soon as an input
    /// is found changed.
    func load(warmingUp catalogues: CatalogueWarmUp) -> BuildInputs {
        options.logger?.info("reading documents")
        var inputs = BuildInputs()
        let published = options.write ? cacheFolder.flatMap { BuildManifest.Published.load(cacheFolder: $0, output: outputPath) } : nil
        if published == nil { catalogues.start() }
        defer { if !inputs.unchanged { catalogues.start() } }
        inputs.outputStamps = cacheFolder.flatMap { OutputStamps.load(cacheFolder: $0, output: outputPath) }
        if published != nil, let stamps = inputs.outputStamps {
            let output = outputPath
            inputs.changedOnDisk = Background { stamps.changed(in: output) }
        }
        inputs.trees = SiteSnapshot.contentTrees(configuration: configuration)
        inputs.inputsDigest = SiteBuilder.inputsDigest(trees: inputs.trees, fingerprints: fingerprints)
        if published?.inputsDigest != inputs.inputsDigest.description { catalogues.start() }
        if let published, published.inputsDigest == inputs.inputsDigest.description, published.identity == BuildManifest.identity(of: outputPath),
           inputs.outputStamps?.stamps.count == published.files, inputs.changedOnDisk?.value.isEmpty == true {
            report.diagnostics = published.diagnostics
            report.pages = published.pages
            report.feeds = published.feeds
            report.files = published.files
            report.unchangedFiles = published.files
            report.published = true
            inputs.unchanged = true
            return inputs
        }
        inputs.manifest = cacheFolder.flatMap { BuildManifest.load(cacheFolder: $0, output: outputPath) }
        if let manifest = inputs.manifest, manifest.prepareFingerprint == fingerprints.prepare {
            inputs.knownDocuments.reserveCapacity(manifest.documents.count)
            for document in manifest.documents { inputs.knownDocuments[document.sourcePath] = document }
        }
        return inputs
    }

    /// Reads templates and strings and prepares every document whose file changed since the
    /// last build (the others keep the facts the manifest holds); nil when the site cannot load.
    func prepareDocuments(_ inputs: BuildInputs) -> SiteSnapshot? {
        let store = PayloadStore(folder: cacheFolder.map { $0 + "/payloads" })
        switch SiteSnapshot.load(configuration: configuration, preview: options.preview, trees: inputs.trees, store: store, known: inputs.knownDocuments,
                                 knownTOCs: inputs.manifest?.tocs ?? [:], fingerprints: fingerprints) {
        case .success(let snapshot):
            report.diagnostics += snapshot.loadDiagnostics
            return snapshot
        case .failure(let failure):
            report.diagnostics += failure.diagnostics
            return nil
        }
    }

    /// Opens the output folder for writing and tells which files of the last build are still
    /// there as it left them; nil when the folder must not or cannot be written.
    func compare(plan: SitePlan, snapshot: SiteSnapshot, inputs: BuildInputs) -> BuildTarget? {
        let manifest = inputs.manifest
        let previousOutput = manifest?.output.flatMap { $0.identity == BuildManifest.identity(of: outputPath) ? $0 : nil }
        let changedOnDisk = inputs.changedOnDisk?.value
        // Without recorded stamps (a cache from before they were kept) every file counts as changed.
        let changedFiles = previousOutput == nil ? [] : (changedOnDisk ?? inputs.outputStamps?.changed(in: outputPath) ?? previousOutput.map { Set($0.files) } ?? [])
        let previousDocuments = previousOutput == nil ? [:] : inputs.knownDocuments
        guard options.write else {
            return BuildTarget(writer: nil, previousOutput: previousOutput, previousDocuments: previousDocuments, changedFiles: changedFiles)
        }
        do {
            let writer = try OutputWriter(destination: outputPath, previousFiles: previousOutput?.files, changedFiles: changedFiles)
            return BuildTarget(writer: writer, previousOutput: previousOutput, previousDocuments: previousDocuments, changedFiles: changedFiles)
        } catch {
            report.diagnostics.append(error)
            return nil
        }
    }

    /// Renders and checks every output whose key differs from the last build's (or whose file
    /// is gone) and writes it; keeps the others.
    func render(plan: SitePlan, snapshot: SiteSnapshot, target: BuildTarget) -> RenderedSite {
        options.logger?.info("rendering \(snapshot.documents.count) pages")
        let rendered = Locked(0)
        let (pages, (siteFiles, resourceStamps)) = parallelMap(plan.documents, alongside: { [verify = options.verifyOutput] in
            (target.previousOutput?.siteKey == plan.siteKey ? nil : Self.renderSiteFiles(plan: plan, snapshot: snapshot, verify: verify),
             Self.copyResources(plan: plan, target: target))
        }) { [verify = options.verifyOutput] outputs in
            Self.renderDocument(outputs, snapshot: snapshot, target: target, verify: verify) { rendered.withLock { $0 += 1 } }
        }
        var site = RenderedSite(pages: pages, siteFiles: [], siteDiagnostics: [], resourceStamps: resourceStamps, writeFailures: [],
                                renderedPages: rendered.withLock { $0 })
        (site.siteFiles, site.siteDiagnostics) = writeSiteFiles(siteFiles, plan: plan, snapshot: snapshot, target: target)
        for asset in snapshot.composer.assets() { target.write(asset.data, to: asset.path) }
        site.writeFailures = target.failures.withLock { $0 }
        return site
    }

    /// A document's page (rendered and checked, or kept with the diagnostics it had), its
    /// record and CSAF files (written from its payload, or kept).
    private static func renderDocument(_ outputs: SitePlan.DocumentOutputs, snapshot: SiteSnapshot, target: BuildTarget, verify: Bool,
                                counting: () -> Void) -> (pageKey: ContentKey?, diagnostics: [Diagnostic]) {
        let document = snapshot.documents[outputs.document]
        let previous = target.previousDocuments[document.sourcePath]
        var payload: DocumentPayload?
        func loaded(needingFiles: Bool) -> DocumentPayload {
            if let payload, payload.files != nil || !needingFiles { return payload }
            let fresh = snapshot.payload(for: document, needingFiles: needingFiles)
            payload = fresh
            return fresh
        }
        var diagnostics: [Diagnostic]
        var kept: [String] = []
        if let previous, target.mayKeep(outputs.page, previousKey: previous.pageKey) {
            kept.append(outputs.page.path)
            diagnostics = previous.pageDiagnostics
        } else {
            diagnostics = []
            counting()
            let page = snapshot.composer.page(for: document, payload: loaded(needingFiles: false), diagnostics: &diagnostics)
            if verify { diagnostics += OutputCheck.wellFormedProblems(ofPage: page, document: document) }
            target.write(page, to: outputs.page.path)
        }
        if outputs.payloadOutputs.allSatisfy({ target.mayKeep($0, previousKey: previous?.key) }) {
            kept += outputs.payloadOutputs.map(\.path)
        } else {
            for output in outputs.payloadOutputs {
                if let data = snapshot.payloadBytes(of: output, payload: loaded(needingFiles: true)) { target.write(data, to: output.path) }
            }
        }
        target.keep(kept)
        return (outputs.page.key, diagnostics)
    }

    /// The site-wide files, rendered, and (when `verify`) RSS, Atom and sitemap checked against their schemas.
    private static func renderSiteFiles(plan: SitePlan, snapshot: SiteSnapshot, verify: Bool) -> (files: [OutputFile], diagnostics: [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        let files = snapshot.siteFiles(of: plan)
        for file in files where verify && OutputCheck.forSiteFile(file.path) == .schema {
            diagnostics += OutputCheck.schemaProblems(of: file)
        }
        return (files, diagnostics)
    }

    /// After the pages (a site file replaces a page where a path is both): keeps the last build's
    /// site-wide files as a whole when the site key is the same and each file is still there,
    /// else writes them (`rendered` alongside the pages, or rendered now); their paths and diagnostics.
    private func writeSiteFiles(_ rendered: (files: [OutputFile], diagnostics: [Diagnostic])?, plan: SitePlan, snapshot: SiteSnapshot,
                                target: BuildTarget) -> (files: [String], diagnostics: [Diagnostic]) {
        if let previous = target.previousOutput, let writer = target.writer, previous.siteKey == plan.siteKey, previous.siteFiles.allSatisfy({ writer.keep($0) }) {
            return (previous.siteFiles, previous.siteDiagnostics)
        }
        let site = rendered ?? Self.renderSiteFiles(plan: plan, snapshot: snapshot, verify: options.verifyOutput)
        for file in site.files { target.write(file.data, to: file.path) }
        return (site.files.map(\.path), site.diagnostics)
    }

    /// Copies each resource whose source's stamp changed; returns the stamp of every one.
    private static func copyResources(plan: SitePlan, target: BuildTarget) -> [String: String] {
        guard let writer = target.writer else { return [:] }
        var stamps: [String: String] = [:]
        for resource in plan.resources {
            guard case .copy(let source) = resource.rendering else { continue }
            stamps[resource.path] = resource.key?.description
            if target.keeps(resource, previousKey: target.previousOutput?.resourceStamps[resource.path].map(ContentKey.init(stored:))) { continue }
            do { try writer.copy(from: source, to: resource.path) } catch { target.failures.withLock { $0.append(error) } }
        }
        return stamps
    }

    /// Gathers every diagnostic of the build (documents, whole-set rules, pages, site files,
    /// outputs on one path, writes), applies the rules of `site.yml` and counts what the site holds.
    func verify(plan: SitePlan, snapshot: SiteSnapshot, rendered: RenderedSite) {
        report.renderedPages = rendered.renderedPages
        report.preparedDocuments = snapshot.extracted.filter(\.freshlyPrepared).count
        for (index, document) in snapshot.documents.enumerated() {
            report.diagnostics += document.diagnostics + (snapshot.documentDiagnostics[document.sourcePath] ?? []) + rendered.pages[index].diagnostics
        }
        report.pages = snapshot.documents.count + rendered.siteFiles.filter { $0.hasSuffix(".html") }.count
        report.feeds = rendered.siteFiles.filter { $0.hasSuffix("/feed.json") || $0.hasSuffix("/rss.xml") || $0.hasSuffix("/atom.xml") }.count
        report.diagnostics += rendered.siteDiagnostics
        report.diagnostics += plan.pathCollisions(siteFiles: rendered.siteFiles, documents: snapshot.documents)
        report.diagnostics += rendered.writeFailures
        report.diagnostics = configuration.applyRules(to: report.diagnostics).sorted()
        report.documents = snapshot.documents
    }

    /// Publishes the output folder when there is no error (else leaves the last site as it
    /// was) and records the manifest the next build compares with.
    func commit(plan: SitePlan, snapshot: SiteSnapshot, inputs: BuildInputs, target: BuildTarget, rendered: RenderedSite) {
        var manifest = BuildManifest(prepareFingerprint: fingerprints.prepare, renderFingerprint: fingerprints.render, documents: snapshot.extracted.map { document in
            BuildManifest.Document(sourcePath: document.sourcePath, stamp: document.stamp, key: document.key, facts: document.facts, pageKey: nil, pageDiagnostics: [],
                                   preparedRecord: document.preparedRecord)
        }, tocs: snapshot.readTOCs, output: nil)
        guard let writer = target.writer else { return }
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
        var filesArePrevious = false
        if report.published, let identity = BuildManifest.identity(of: outputPath) {
            let files = writer.fileList
            filesArePrevious = files.arePrevious
            // Usually no document is left out and the published list is the list read, in its order.
            let pageIndex: [String: Int]? = snapshot.documents.count == snapshot.extracted.count ? nil
                : Dictionary(uniqueKeysWithValues: snapshot.documents.indices.map { (snapshot.documents[$0].sourcePath, $0) })
            for index in manifest.documents.indices {
                guard let published = pageIndex == nil ? index : pageIndex?[manifest.documents[index].sourcePath] else { continue }
                manifest.documents[index].pageKey = rendered.pages[published].pageKey
                manifest.documents[index].pageDiagnostics = rendered.pages[published].diagnostics
            }
            manifest.output = BuildManifest.Output(identity: identity, inputsDigest: inputs.inputsDigest, siteKey: plan.siteKey, siteDiagnostics: rendered.siteDiagnostics,
                                                   siteFiles: rendered.siteFiles, resourceStamps: rendered.resourceStamps, files: files.paths,
                                                   pages: report.pages, feeds: report.feeds, diagnostics: report.diagnostics)
        }
        guard let cacheFolder else { return }
        let (saved, output, written, previousStamps, changed) = (manifest, outputPath, writer.writtenFiles,
                                                                 target.previousOutput == nil ? nil : inputs.outputStamps, target.changedFiles)
        let store = snapshot.store
        let keys = Set(snapshot.extracted.map(\.key))
        // The output stamps (a stat of each file written or changed by hand, of every file when the list changed),
        // the manifest's encoding and the payloads' index at once.
        let pathsArePrevious = filesArePrevious
        let (encoded, stamps, _) = inParallel({ ManifestCoding.encode(saved) }, {
            saved.output.map {
                Data(OutputStamps.current(of: $0.files, in: output, written: written, previous: previousStamps, changed: changed, pathsArePrevious: pathsArePrevious).encoded())
            }
        }, { store.finish(keeping: keys) })
        saved.save(cacheFolder: cacheFolder, output: output, stamps: stamps, encoded: encoded)
    }
}

extension OutputCheck {
    /// OUT001 when a page does not parse back as XML.
    static func wellFormedProblems(ofPage page: [UInt8], document: BuiltDocument) -> [Diagnostic] {
        guard let first = XMLChecker.wellFormednessProblems(of: page).first else { return [] }
        return [Diagnostic(.out001, "page for \(document.relativePath) is not well-formed: \(first)", at: SourceLocation(path: document.sourcePath, line: 1))]
    }

    /// OUT001 for each way an RSS, Atom or sitemap file breaks its schema.
    static func schemaProblems(of file: OutputFile) -> [Diagnostic] {
        OutputSchemas.shared.problems(of: file).map { Diagnostic(.out001, "\(file.path): \($0)", at: SourceLocation(path: file.path, line: $0.line)) }
    }
}
