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
        /// Locale → the fields (`severity`, `cves`, `kb`, `revisions`) whose value differs from the
        /// default locale's document: a translation lag or an extraction miss.
        public var differences: [String: [String]]
        public var paths: [String: String]
    }

    public var entries: [Entry]
    /// The locale the others are compared with.
    public var defaultLocale: String?

    /// The fields compared with the default locale's document.
    public static let comparedFields = ["severity", "cves", "kb", "revisions"]

    /// Builds the report over the advisory kinds of `documents` for `locales`; each document is
    /// compared with the `defaultLocale` one (the first of `locales` when nil).
    public init(documents: [BuiltDocument], locales: [String], defaultLocale: String? = nil) {
        let reference = defaultLocale ?? locales.first
        self.defaultLocale = reference
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
            var differences: [String: [String]] = [:]
            if let base = group.first(where: { $0.locale.caseInsensitiveCompare(reference ?? "") == .orderedSame })?.advisory {
                for document in group where document.locale.caseInsensitiveCompare(base.locale) != .orderedSame {
                    let fields = Self.differingFields(document.advisory, from: base)
                    if !fields.isEmpty { differences[document.locale] = fields }
                }
            }
            return Entry(
                key: key, id: group[0].advisory.id, locales: present.sorted(),
                missing: locales.filter { !present.contains($0) }, lagging: lagging.sorted(),
                newest: newest?.advisory.lastChanged?.description, disagreeing: disagreeing.sorted(), differences: differences,
                paths: Dictionary(group.map { ($0.locale, $0.sourcePath) }, uniquingKeysWith: { first, _ in first })
            )
        }
    }

    /// The compared fields whose value in `advisory` differs from `base`'s.
    static func differingFields(_ advisory: Advisory, from base: Advisory) -> [String] {
        var fields: [String] = []
        if advisory.severity?.rating != base.severity?.rating { fields.append("severity") }
        if Set(advisory.cves) != Set(base.cves) { fields.append("cves") }
        if advisory.kbPrimary != base.kbPrimary { fields.append("kb") }
        if advisory.revisions.count != base.revisions.count { fields.append("revisions") }
        return fields
    }

    /// Locale → how many advisories differ from the default locale's, in all and per field.
    public var differenceCounts: [String: (total: Int, fields: [String: Int])] {
        var counts: [String: (total: Int, fields: [String: Int])] = [:]
        for entry in entries {
            for (locale, fields) in entry.differences {
                var count = counts[locale] ?? (0, [:])
                count.total += 1
                for field in fields { count.fields[field, default: 0] += 1 }
                counts[locale] = count
            }
        }
        return counts
    }

    /// One line per advisory that needs work, then a summary.
    public var text: String {
        var lines: [String] = []
        for entry in entries where !entry.missing.isEmpty || !entry.lagging.isEmpty || !entry.disagreeing.isEmpty || !entry.differences.isEmpty {
            var parts = ["\(entry.id) [\(entry.locales.joined(separator: " "))]"]
            if !entry.missing.isEmpty { parts.append("missing: " + entry.missing.joined(separator: " ")) }
            if !entry.lagging.isEmpty { parts.append("behind \(entry.newest ?? "?"): " + entry.lagging.joined(separator: " ")) }
            if !entry.disagreeing.isEmpty { parts.append("ids differ: " + entry.disagreeing.joined(separator: " ")) }
            if !entry.differences.isEmpty {
                let listed = entry.differences.sorted { $0.key < $1.key }.map { "\($0.key) (\($0.value.joined(separator: ", ")))" }
                parts.append("differs from \(defaultLocale ?? "?"): " + listed.joined(separator: " "))
            }
            lines.append(parts.joined(separator: "; "))
        }
        for (locale, count) in differenceCounts.sorted(by: { $0.key < $1.key }) {
            let fields = Self.comparedFields.compactMap { field in count.fields[field].map { "\(field) \($0)" } }
            lines.append("\(locale) differs from \(defaultLocale ?? "?") in \(count.total) advisories: \(fields.joined(separator: ", "))")
        }
        let missing = entries.filter { !$0.missing.isEmpty }.count
        let lagging = entries.filter { !$0.lagging.isEmpty }.count
        let disagreeing = entries.filter { !$0.disagreeing.isEmpty }.count
        lines.append("\(entries.count) advisories: \(missing) missing in a locale, \(lagging) with a lagging translation, \(disagreeing) with differing ids")
        return lines.joined(separator: "\n")
    }
}
