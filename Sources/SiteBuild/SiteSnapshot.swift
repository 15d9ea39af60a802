import AdvisoryExtraction
import AdvisoryModel
import Foundation
import SiteRendering

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
        let templatesFolder = configuration.resolve(configuration.templates)
        // Parsed on another core while the strings load and the extractor waits for its catalogues.
        let parsing = Background { Result { try TemplateSet(directory: URL(fileURLWithPath: templatesFolder)) } }
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
        let csafConfiguration = configuration.publisher.map {
            CSAFConfiguration(publisherName: $0.name, publisherCategory: $0.category ?? "vendor", namespace: $0.namespace, siteBaseURL: layout.baseURL)
        }
        let preparer = DocumentPreparer(extractor: AdvisoryExtractor(catalog: LocaleCatalog.shared.applying(configuration.labels), limits: configuration.limits), layout: layout, csafConfiguration: csafConfiguration, strings: strings)
        let templates: TemplateSet
        switch parsing.value {
        case .success(let parsed):
            templates = parsed
        case .failure(let error):
            return .failure(LoadFailure(diagnostics: [Diagnostic(.cfg001, "templates: \(error)", at: SourceLocation(path: templatesFolder, line: 1))]))
        }
        if configuration.locales.isEmpty {
            return .failure(LoadFailure(diagnostics: [Diagnostic(.cfg001, "no locale to build: add locales to site.yml or pass --content", at: SourceLocation(path: "site.yml", line: 1))]))
        }
        let readTrees = trees
        let (documents, readTOCsByLocale) = parallelMap(jobs, alongside: {
            Dictionary(uniqueKeysWithValues: readTrees.map { tag, tree in (tag, TOCReader.read(tree: tree, known: knownTOCs[tag])) })
        }) { job in
            prepareDocument(locale: job.locale, root: job.root, relative: job.relative, stamps: stampsByLocale[job.locale] ?? [:], preparer: preparer, store: store, known: known, fingerprints: fingerprints)
        }
        let tocs = readTOCsByLocale.mapValues(\.toc)
        let readTOCs = readTOCsByLocale.compactMapValues(\.known)
        let snapshot = SiteSnapshot(configuration: configuration, templates: templates, strings: strings, trees: trees, tocs: tocs, extracted: documents,
                                     extraDiagnostics: diagnostics, preparer: preparer, store: store, fingerprints: fingerprints, preview: preview,
                                     readTOCs: readTOCs)
        return .success(snapshot)
    }

    /// The document at `root/relative`: as known from the last build when its file is
    /// unchanged, else read, prepared and its payload stored.
    static func prepareDocument(locale: String, root: String, relative: String, stamps: [String: String] = [:], preparer: DocumentPreparer, store: PayloadStore,
                                known: [String: BuildManifest.Document], fingerprints: BuildFingerprints) -> BuiltDocument {
        let path = root.hasSuffix("/") ? root + relative : root + "/" + relative
        let stamp = stamps[relative] ?? FileStamp.of(path, following: true)
        let previous = known[path]
        if let previous, let stamp, previous.stamp == stamp {
            return BuiltDocument(locale: locale, relativePath: relative, sourcePath: path, key: previous.key, stamp: stamp, facts: previous.facts,
                                 preparedRecord: previous.preparedRecord)
        }
        var status = stat()
        let size = stat(path, &status) == 0 ? Int(status.st_size) : 0
        let data = size > preparer.extractor.limits.maximumFileBytes ? nil : FileManager.default.contents(atPath: path)
        let contentDigest = data.map { ContentHash(of: $0).description } ?? "unread-\(size)"
        let key = ContentKey(parts: [fingerprints.prepare, locale, path, contentDigest])
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
        // One pass tells what is left out; usually nothing is, and the list is the one read, not a copy.
        var leftOut = Set<Int>()
        for (index, document) in extracted.enumerated() {
            if !includeDrafts && document.advisory.draft {
                leftOut.insert(index)
            } else if document.isUnreadable {
                diagnostics += document.diagnostics
                leftOut.insert(index)
            }
        }
        let documents = leftOut.isEmpty ? extracted : extracted.indices.filter { !leftOut.contains($0) }.map { extracted[$0] }
        self.documents = documents
        let locales = configuration.locales.map(\.tag)
        let layout = layout
        // The cross-document model (the longest) at once with the whole-set rules and the link resolvers.
        let (model, rules, resolvers) = inParallel({ SiteModel(configuration: configuration, layout: layout, documents: documents, trees: trees, tocs: tocs) },
                                                   { ContentRules(documents: documents).check() }, { () -> [String: LinkResolver] in
            var resolvers: [String: LinkResolver] = [:]
            for locale in locales {
                guard let tree = trees[locale] else { continue }
                let own = locales.count == 1 ? documents : documents.filter { $0.locale == locale }
                resolvers[locale] = LinkResolver(locale: locale, tree: tree, layout: layout, documents: own)
            }
            return resolvers
        })
        var site = model
        site.resolvers = resolvers
        let composer = PageComposer(site: site, templates: templates, strings: strings, preview: preview)
        documentDiagnostics = rules
        self.site = site
        self.composer = composer
        loadDiagnostics = diagnostics + site.tocDiagnostics
        self.extracted = extracted
    }

    /// Every document as read, drafts and unpublishable ones included.
    let extracted: [BuiltDocument]
    /// The TOCs as read, with their keys, for the next build.
    let readTOCs: [String: TOCReader.Known]

    /// A digest of everything a page reads besides its own document: templates, configuration,
    /// every document's summary, the resources and the TOC of every locale.
    func siteKey(fingerprints: BuildFingerprints) -> ContentKey {
        var parts = [fingerprints.render, String(preview)]
        for document in documents {
            parts.append(document.locale + "|" + document.relativePath + "|" + document.summaryDigest.description + "|" + (document.csaf.map { $0.relativePath + "|" + $0.currentReleaseDate } ?? ""))
        }
        for locale in configuration.locales.map(\.tag) {
            guard let tree = trees[locale] else { continue }
            parts.append(locale + "|resources|" + tree.resources.joined(separator: "\n"))
            // The TOC's key covers its bytes and the file list it was resolved against.
            parts.append(locale + "|toc|" + (readTOCs[locale]?.key ?? "none"))
        }
        return ContentKey(parts: parts)
    }

    /// The payload of a document: from the store, or prepared again from its file (also when
    /// `needingFiles` and the store kept only its body: its files are in the last build's output).
    func payload(for document: BuiltDocument, needingFiles: Bool = false) -> DocumentPayload {
        let stored = store.load(document.key)
        if let stored, stored.files != nil || !needingFiles { return stored }
        let root = String(document.sourcePath.dropLast(document.relativePath.count + 1))
        let prepared = preparer.prepare(locale: document.locale, root: root, relative: document.relativePath)
        if stored == nil { store.save(prepared.payload, key: document.key) }
        return prepared.payload
    }
}

/// What a document page and the preview read from a snapshot.
extension SiteSnapshot {
    /// The document whose page is at `sitePath` (`zh-cn/securityadvisories/2008/954474/`).
    public func document(atPagePath sitePath: String) -> BuiltDocument? {
        documents.first { layout.pagePath(locale: $0.locale, slug: $0.slug) == sitePath }
    }

    /// The HTML of a document's page and every diagnostic that concerns it.
    public func page(for document: BuiltDocument) -> (html: String, diagnostics: [Diagnostic]) {
        let page = pageBytes(for: document)
        return (String(decoding: page.bytes, as: UTF8.self), page.diagnostics)
    }

    /// The bytes of a document's page and every diagnostic that concerns it.
    func pageBytes(for document: BuiltDocument) -> (bytes: [UInt8], diagnostics: [Diagnostic]) {
        var diagnostics = document.diagnostics + (documentDiagnostics[document.sourcePath] ?? [])
        let page = composer.page(for: document, payload: payload(for: document), diagnostics: &diagnostics)
        return (page, configuration.applyRules(to: diagnostics).sorted())
    }


    /// The CSAF provider settings that follow from `site.yml`.
    public var csafConfiguration: CSAFConfiguration? { preparer.csafConfiguration }
}
