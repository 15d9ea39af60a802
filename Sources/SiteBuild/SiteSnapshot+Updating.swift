import AdvisoryModel
import Foundation
import SiteRendering

extension SiteSnapshot {
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
}
