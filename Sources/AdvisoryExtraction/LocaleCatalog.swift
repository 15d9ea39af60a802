import Foundation

/// What Herald knows about one language (its *locale pack*): the labels documents use, the
/// MSRC severity words with their inflected forms, and how numeric dates are ordered.
///
/// One file per locale in `Resources/locales/<tag>.json`: a new language is a new file, not new
/// code. Month names and date patterns are not listed; they come from CLDR (`CLDRDateForms`).
public struct LocaleProfile: Sendable, Codable, Hashable {
    public var tag: String
    public var script: String
    /// Order of numeric dates with slashes: `ymd`, `dmy` or `mdy`.
    public var numericDate: String
    public var published: [String]
    public var updated: [String]
    public var version: [String]
    public var revisions: [String]
    public var affected: [String]
    public var notAffected: [String]
    public var faq: [String]
    /// Labels of the maximum (aggregate) severity, as a bold paragraph or a table column.
    public var maximumSeverity: [String]
    public var workarounds: [String]
    public var acknowledgments: [String]
    /// `critical`, `important`, `moderate`, `low` → the words (every inflected form) for it.
    public var severity: [String: [String]]

    /// A profile with no labels: what Herald knows of a language without a pack.
    public init(tag: String, script: String = "latn", numericDate: String = "dmy") {
        self.tag = tag
        self.script = script
        self.numericDate = numericDate
        (published, updated, version, revisions, affected, notAffected) = ([], [], [], [], [], [])
        (faq, maximumSeverity, workarounds, acknowledgments) = ([], [], [], [])
        severity = [:]
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(tag: try container.decode(String.self, forKey: .tag),
                  script: try container.decodeIfPresent(String.self, forKey: .script) ?? "latn",
                  numericDate: try container.decodeIfPresent(String.self, forKey: .numericDate) ?? "dmy")
        for (key, field) in Self.labelFields {
            self[keyPath: field] = try container.decodeIfPresent([String].self, forKey: key) ?? []
        }
        severity = try container.decodeIfPresent([String: [String]].self, forKey: .severity) ?? [:]
    }

    enum CodingKeys: String, CodingKey {
        case tag, script, numericDate, published, updated, version, revisions, affected, notAffected, faq
        case maximumSeverity, workarounds, acknowledgments, severity
    }

    /// The four MSRC ratings, in order of severity.
    public static let ratings = ["critical", "important", "moderate", "low"]

    /// Every label field with its coding key.
    nonisolated(unsafe) static let labelFields: [(CodingKeys, WritableKeyPath<LocaleProfile, [String]>)] = [
        (.published, \.published), (.updated, \.updated), (.version, \.version), (.revisions, \.revisions),
        (.affected, \.affected), (.notAffected, \.notAffected), (.faq, \.faq), (.maximumSeverity, \.maximumSeverity),
        (.workarounds, \.workarounds), (.acknowledgments, \.acknowledgments),
    ]
}

/// All locale profiles, and the label sets that span every language.
public struct LocaleCatalog: Sendable {
    public let profiles: [LocaleProfile]
    private let byLanguage: [String: LocaleProfile]
    private let labelCache: [String: [String]]
    private let needleCache: [String: [LowercasedNeedle]]
    private let classedCache: [String: LabelComparison.ClassedLabels]
    private nonisolated(unsafe) static let labelFields: [(String, KeyPath<LocaleProfile, [String]>)] =
        LocaleProfile.labelFields.map { ($0.0.stringValue, $0.1) }

    /// The catalogue shipped with Herald: every pack in `Resources/locales/`, in order of tag.
    public static let shared = LocaleCatalog(profiles: shippedProfiles())

    /// The packs in `Resources/locales/*.json`, sorted by tag (the first pack wins a word two share).
    static func shippedProfiles() -> [LocaleProfile] {
        guard let folder = Bundle.module.url(forResource: "locales", withExtension: nil),
              let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return [] }
        return names.filter { $0.hasSuffix(".json") }.sorted().compactMap { name in
            guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent(name).path) else { return nil }
            return try? JSONDecoder().decode(LocaleProfile.self, from: data)
        }
    }

    public init(profiles: [LocaleProfile]) {
        self.profiles = profiles
        var byLanguage: [String: LocaleProfile] = [:]
        for profile in profiles {
            byLanguage[profile.tag.lowercased()] = profile
            let language = String(profile.tag.lowercased().prefix { $0 != "-" })
            if byLanguage[language] == nil { byLanguage[language] = profile }
        }
        for (alias, language) in Self.languageAliases where byLanguage[alias] == nil {
            if let profile = byLanguage[language] { byLanguage[alias] = profile }
        }
        self.byLanguage = byLanguage
        var labels: [String: [String]] = [:]
        for (name, field) in Self.labelFields { labels[name] = Self.collectLabels(field, profiles) }
        labelCache = labels
        needleCache = labels.mapValues { $0.map(LowercasedNeedle.init) }
        classedCache = labels.mapValues(LabelComparison.ClassedLabels.init)
        var severities: [String: String] = [:]
        for profile in profiles {
            for rating in LocaleProfile.ratings {
                for word in profile.severity[rating] ?? [] where severities[word.lowercased()] == nil {
                    severities[word.lowercased()] = rating
                }
            }
        }
        severityByWord = severities
        longestSeverityWord = severities.keys.map { max($0.utf8.count, $0.precomposedStringWithCanonicalMapping.utf8.count) }.max() ?? 0
    }

    /// Languages whose documents use another language's pack: Norwegian `no` and Nynorsk read as Bokmål.
    private static let languageAliases = ["no": "nb", "nn": "nb"]

    /// Lower-cased severity word of any profile → its rating (the first profile's, in order).
    private let severityByWord: [String: String]
    /// The most UTF-8 bytes a key of `severityByWord` has, composed (NFC) or as written. A text
    /// of plain scalars (ASCII and caseless CJK, see `LabelComparison.PlainClass`) is composed and
    /// lower-cases to as many bytes, so a longer one equals no key.
    private let longestSeverityWord: Int
    private static let severityTrimmed: Set<Unicode.Scalar> = ["*", ":", "：", "。", "."]

    /// The profile of `tag` (`zh-cn`, `de`, `ja-JP`), falling back to its language, then en-US.
    public func profile(for tag: String) -> LocaleProfile? {
        let lower = tag.lowercased()
        if let profile = byLanguage[lower] { return profile }
        if lower.hasPrefix("zh-hant") || lower == "zh-hk" || lower == "zh-mo" { return byLanguage["zh-tw"] }
        return byLanguage[String(lower.prefix { $0 != "-" })] ?? byLanguage["en-us"]
    }

    /// True when `tag` names a language Herald has a profile for.
    public func knows(_ tag: String) -> Bool {
        let lower = tag.lowercased()
        return byLanguage[lower] != nil || byLanguage[String(lower.prefix { $0 != "-" })] != nil
    }

    /// The canonical spelling of a tag (`zh-cn` → `zh-CN`) whose language has a pack or is known
    /// to CLDR (`fi-fi` → `fi-FI`), or nil.
    public func canonicalTag(_ tag: String) -> String? {
        let lower = tag.lowercased()
        guard lower.count >= 2, lower.count <= 10 else { return nil }
        if let profile = byLanguage[lower], profile.tag.lowercased() == lower { return profile.tag }
        let parts = lower.split(separator: "-")
        guard parts.count == 2, parts[0].count == 2 || parts[0].count == 3, parts[1].count == 2,
              parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isLetter } }),
              byLanguage[String(parts[0])] != nil || Self.cldrLanguages.contains(String(parts[0])) else { return nil }
        return "\(parts[0])-\(parts[1].uppercased())"
    }

    /// The two-letter languages Foundation's CLDR data knows: a tag of one of them is a locale
    /// even without a pack (its dates are read from CLDR).
    private static let cldrLanguages: Set<String> = Set(Locale.LanguageCode.isoLanguageCodes.map(\.identifier).filter { $0.count == 2 })

    /// Every label of `field` in every language, longest first (so `更新时间` wins over `更新`).
    public func allLabels(_ field: KeyPath<LocaleProfile, [String]>) -> [String] {
        Self.fieldName(field).flatMap { labelCache[$0] } ?? Self.collectLabels(field, profiles)
    }

    /// `allLabels(field)` lower-cased for byte-wise search.
    func labelNeedles(_ field: KeyPath<LocaleProfile, [String]>) -> [LowercasedNeedle] {
        Self.fieldName(field).flatMap { needleCache[$0] } ?? allLabels(field).map(LowercasedNeedle.init)
    }

    /// `allLabels(field)` with their scalars classed for `LabelComparison`.
    func classedLabels(_ field: KeyPath<LocaleProfile, [String]>) -> LabelComparison.ClassedLabels {
        Self.fieldName(field).flatMap { classedCache[$0] } ?? LabelComparison.ClassedLabels(allLabels(field))
    }

    private static func fieldName(_ field: KeyPath<LocaleProfile, [String]>) -> String? {
        labelFields.first { $0.1 == field }?.0
    }

    private static func collectLabels(_ field: KeyPath<LocaleProfile, [String]>, _ profiles: [LocaleProfile]) -> [String] {
        var seen = Set<String>()
        var labels: [String] = []
        for profile in profiles {
            for label in profile[keyPath: field] where seen.insert(label.lowercased()).inserted {
                labels.append(label)
            }
        }
        return labels.longestFirst()
    }

    /// Maps a severity word in any language to its rating.
    public func severityRating(for word: String) -> (rating: String, raw: String)? {
        // Severity words are short: a long cell is never one (and is not worth trimming).
        guard word.utf8.count <= 120 else { return nil }
        let scalars = word.unicodeScalars
        let trim: (Unicode.Scalar) -> Bool = { scalar in
            switch scalar {
            case "\t", "\n", "\u{0B}", "\u{0C}", "\r", " ", "*", ":", ".": true
            case _ where scalar.isASCII: false
            default: scalar.properties.isWhitespace || Self.severityTrimmed.contains(scalar)
            }
        }
        guard let first = scalars.firstIndex(where: { !trim($0) }), let last = scalars.lastIndex(where: { !trim($0) }) else { return nil }
        let end = scalars.index(after: last)
        if word.utf8.distance(from: first, to: end) > longestSeverityWord,
           LabelComparison.isPlain(word.utf8[first..<end]) { return nil }
        let key = String(scalars[first..<end])
        guard let rating = severityByWord[LabelComparison.lowercased(key)] else { return nil }
        return (rating, key)
    }
}

extension Collection<String> {
    /// The strings by length in characters, longest first, then in code-point order; each length
    /// counted once (counting characters walks the string).
    func longestFirst() -> [String] {
        let counted: [(count: Int, text: String)] = map { ($0.count, $0) }
        return counted.sorted { first, second in
            first.count != second.count ? first.count > second.count : first.text < second.text
        }.map(\.text)
    }
}
