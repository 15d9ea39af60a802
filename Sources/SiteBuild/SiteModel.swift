import AdvisoryModel
import Foundation
import SiteRendering
import Yams

/// Everything rendering needs to know about the whole site, computed once per build.
struct SiteModel: Sendable {
    let configuration: SiteConfiguration
    let layout: SiteLayout
    let documents: [BuiltDocument]
    /// Locale → the resolver of its links (made on another core meanwhile, set once after `init`).
    var resolvers: [String: LinkResolver] = [:]
    let trees: [String: ContentTree]
    let locales: [String]
    /// Pairing key → (locale → index into `documents`).
    let translations: [String: [String: Int]]
    let tocs: [String: [TOCEntry]]
    let tocDiagnostics: [Diagnostic]
    /// Locale → TOC index path of every document the TOC lists.
    let tocPaths: [String: [String: [Int]]]
    /// "locale|folder" → indices of the documents in that folder, sorted by title.
    let folders: [String: [Int]]
    /// Locale → the kinds of document it has, in order.
    let kinds: [String: [DocumentKind]]

    init(configuration: SiteConfiguration, layout: SiteLayout, documents: [BuiltDocument],
         trees: [String: ContentTree], tocs readTOCs: [String: (entries: [TOCEntry], diagnostics: [Diagnostic])]) {
        self.configuration = configuration
        self.layout = layout
        self.documents = documents
        self.trees = trees
        locales = configuration.locales.map(\.tag)
        var translations: [String: [String: Int]] = [:]
        for (index, document) in documents.enumerated() {
            let key = ContentRules.pairingKey(document.advisory)
            if translations[key]?[document.locale] == nil { translations[key, default: [:]][document.locale] = index }
        }
        self.translations = translations
        var tocs: [String: [TOCEntry]] = [:]
        var tocDiagnostics: [Diagnostic] = []
        for (locale, read) in readTOCs.sorted(by: { $0.key < $1.key }) {
            tocs[locale] = read.entries
            tocDiagnostics += read.diagnostics
        }
        self.tocs = tocs
        self.tocDiagnostics = tocDiagnostics
        var tocPaths: [String: [String: [Int]]] = [:]
        for (locale, entries) in tocs {
            var paths: [String: [Int]] = [:]
            func walk(_ entries: [TOCEntry], prefix: [Int]) {
                for (index, entry) in entries.enumerated() {
                    if let target = entry.target, paths[target] == nil { paths[target] = prefix + [index] }
                    walk(entry.children, prefix: prefix + [index])
                }
            }
            walk(entries, prefix: [])
            tocPaths[locale] = paths
        }
        self.tocPaths = tocPaths
        var folders: [String: [Int]] = [:]
        var kinds: [String: Set<DocumentKind>] = [:]
        for (index, document) in documents.enumerated() {
            folders[Self.folderKey(document), default: []].append(index)
            kinds[document.locale, default: []].insert(document.advisory.kind)
        }
        self.folders = folders.mapValues { indices in
            indices.sorted { (documents[$0].advisory.title, documents[$0].relativePath) < (documents[$1].advisory.title, documents[$1].relativePath) }
        }
        self.kinds = kinds.mapValues { $0.sorted() }
    }

    static func folderKey(_ document: BuiltDocument) -> String {
        document.locale + "|" + document.relativePath.split(separator: "/").dropLast().joined(separator: "/")
    }

    /// The translations of `document`, including itself, ordered by locale.
    func siblings(of document: BuiltDocument) -> [BuiltDocument] {
        let key = ContentRules.pairingKey(document.advisory)
        guard let byLocale = translations[key] else { return [document] }
        return locales.compactMap { byLocale[$0].map { documents[$0] } }
    }

    func pageURL(_ document: BuiltDocument) -> String {
        layout.absolute(layout.pagePath(locale: document.locale, slug: document.slug))
    }

    func pageLink(_ document: BuiltDocument) -> String {
        layout.link(layout.pagePath(locale: document.locale, slug: document.slug))
    }
}

/// UI strings per locale from `templates/strings/<locale>.yml`, falling back to en-US.
struct StringsCatalog: Sendable {
    let byLocale: [String: [String: String]]

    static func load(folder: String, locales: [String]) -> StringsCatalog {
        var byLocale: [String: [String: String]] = [:]
        let fallback = read(folder + "/en-US.yml")
        for locale in locales {
            var strings = fallback
            let language = String(locale.prefix { $0 != "-" })
            let candidates = [locale, locale.lowercased()] + ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [])
                .filter { $0.lowercased().hasPrefix(language.lowercased() + "-") }.map { String($0.dropLast(4)) }.sorted()
            for candidate in candidates {
                let found = read(folder + "/\(candidate).yml")
                if !found.isEmpty {
                    strings.merge(found) { _, new in new }
                    break
                }
            }
            byLocale[locale] = strings
        }
        return StringsCatalog(byLocale: byLocale)
    }

    private static func read(_ path: String) -> [String: String] {
        guard let data = FileManager.default.contents(atPath: path),
              let node = try? PlainYAML.compose(String(decoding: data, as: UTF8.self)), case .mapping(let mapping) = node else { return [:] }
        var strings: [String: String] = [:]
        for (key, value) in mapping {
            if let key = key.scalar?.string, let value = value.scalar?.string { strings[key] = value }
        }
        return strings
    }

    func strings(_ locale: String) -> [String: String] { byLocale[locale] ?? [:] }
}
