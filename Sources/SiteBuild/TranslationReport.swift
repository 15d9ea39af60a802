import AdvisoryExtraction
import AdvisoryModel
import Foundation

/// For each advisory, which locales have it, which lag behind and which disagree on ids:
/// the list a translation team works from (`herald check --translations`).
public struct TranslationReport: Sendable, Encodable {
    /// One advisory across locales.
    public struct Entry: Sendable, Encodable {
        public var key: String
        public var id: String
        public var locales: [String]
        public var missing: [String]
        /// Locales whose last change or version is behind the newest sibling.
        public var lagging: [String]
        public var newest: String?
        /// Locales whose CVE or KB ids differ from the majority.
        public var disagreeing: [String]
        public var paths: [String: String]
    }

    public var entries: [Entry]

    /// Builds the report over the advisory kinds of `documents` for `locales`.
    public init(documents: [BuiltDocument], locales: [String]) {
        var groups: [String: [BuiltDocument]] = [:]
        for document in documents where document.advisory.kind.isAdvisoryKind {
            groups[ContentRules.pairingKey(document.advisory), default: []].append(document)
        }
        entries = groups.keys.sorted().compactMap { key in
            guard let group = groups[key] else { return nil }
            let present = Set(group.map(\.locale))
            let newest = group.max { a, b in
                let x = a.advisory.lastChanged ?? DayDate(year: 1900, month: 1, day: 1)!
                let y = b.advisory.lastChanged ?? DayDate(year: 1900, month: 1, day: 1)!
                return x != y ? x < y : a.locale > b.locale
            }
            var lagging: [String] = []
            var disagreeing: [String] = []
            let signatures = group.map { Set($0.advisory.cves).sorted().joined(separator: ",") + "|" + ($0.advisory.kbPrimary ?? "") }
            let counts = Dictionary(signatures.map { ($0, 1) }, uniquingKeysWith: +)
            let majority = counts.max { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key }?.key
            for (document, signature) in zip(group, signatures) {
                if let newest, let date = document.advisory.lastChanged, let top = newest.advisory.lastChanged, date < top {
                    lagging.append(document.locale)
                } else if let version = document.advisory.version, let top = group.compactMap(\.advisory.version).max(by: AdvisoryExtractor.versionLess),
                          AdvisoryExtractor.versionLess(version, top) {
                    lagging.append(document.locale)
                }
                if group.count > 1, signature != majority { disagreeing.append(document.locale) }
            }
            return Entry(
                key: key, id: group[0].advisory.id, locales: present.sorted(),
                missing: locales.filter { !present.contains($0) }, lagging: lagging.sorted(),
                newest: newest?.advisory.lastChanged?.description, disagreeing: disagreeing.sorted(),
                paths: Dictionary(group.map { ($0.locale, $0.sourcePath) }, uniquingKeysWith: { first, _ in first })
            )
        }
    }

    /// One line per advisory that needs work, then a summary.
    public var text: String {
        var lines: [String] = []
        for entry in entries where !entry.missing.isEmpty || !entry.lagging.isEmpty || !entry.disagreeing.isEmpty {
            var parts = ["\(entry.id) [\(entry.locales.joined(separator: " "))]"]
            if !entry.missing.isEmpty { parts.append("missing: " + entry.missing.joined(separator: " ")) }
            if !entry.lagging.isEmpty { parts.append("behind \(entry.newest ?? "?"): " + entry.lagging.joined(separator: " ")) }
            if !entry.disagreeing.isEmpty { parts.append("ids differ: " + entry.disagreeing.joined(separator: " ")) }
            lines.append(parts.joined(separator: "; "))
        }
        let missing = entries.filter { !$0.missing.isEmpty }.count
        let lagging = entries.filter { !$0.lagging.isEmpty }.count
        let disagreeing = entries.filter { !$0.disagreeing.isEmpty }.count
        lines.append("\(entries.count) advisories: \(missing) missing in a locale, \(lagging) with a lagging translation, \(disagreeing) with differing ids")
        return lines.joined(separator: "\n")
    }
}
