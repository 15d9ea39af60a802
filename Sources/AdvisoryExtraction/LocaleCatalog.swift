import Foundation

/// What Herald knows about one language: the labels documents use and how they write dates.
///
/// Loaded from `Resources/locales.json`: a new language is a new entry there, not new code.
/// Month and weekday names are not listed; they come from CLDR through Foundation.
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
    public var maximumSeverity: [String]
    public var severity: [String: [String]]
}

/// All locale profiles, and the label sets that span every language.
public struct LocaleCatalog: Sendable {
    public let profiles: [LocaleProfile]
    private let byLanguage: [String: LocaleProfile]
    private let labelCache: [String: [String]]
    private let needleCache: [String: [LowercasedNeedle]]
    private nonisolated(unsafe) static let labelFields: [(String, KeyPath<LocaleProfile, [String]>)] = [
        ("published", \.published), ("updated", \.updated), ("version", \.version), ("revisions", \.revisions),
        ("affected", \.affected), ("notAffected", \.notAffected), ("faq", \.faq), ("maximumSeverity", \.maximumSeverity),
    ]

    /// The catalogue shipped with Herald.
    public static let shared: LocaleCatalog = {
        guard let url = Bundle.module.url(forResource: "locales", withExtension: "json"),
              let data = try? Data(contentsOf: url),
              let file = try? JSONDecoder().decode(File.self, from: data) else {
            return LocaleCatalog(profiles: [])
        }
        return LocaleCatalog(profiles: file.locales)
    }()

    private struct File: Codable {
        var locales: [LocaleProfile]
    }

    public init(profiles: [LocaleProfile]) {
        self.profiles = profiles
        var byLanguage: [String: LocaleProfile] = [:]
        for profile in profiles {
            byLanguage[profile.tag.lowercased()] = profile
            let language = String(profile.tag.lowercased().prefix { $0 != "-" })
            if byLanguage[language] == nil { byLanguage[language] = profile }
        }
        self.byLanguage = byLanguage
        var labels: [String: [String]] = [:]
        for (name, field) in Self.labelFields { labels[name] = Self.collectLabels(field, profiles) }
        labelCache = labels
        needleCache = labels.mapValues { $0.map(LowercasedNeedle.init) }
        var severities: [String: String] = [:]
        for profile in profiles {
            for rating in ["critical", "important", "moderate", "low"] {
                for word in profile.severity[rating] ?? [] where severities[word.lowercased()] == nil {
                    severities[word.lowercased()] = rating
                }
            }
        }
        severityByWord = severities
    }

    /// Lower-cased severity word of any profile → its rating (the first profile's, in order).
    private let severityByWord: [String: String]
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

    /// The canonical spelling of a known tag (`zh-cn` → `zh-CN`), or nil.
    public func canonicalTag(_ tag: String) -> String? {
        let lower = tag.lowercased()
        guard lower.count >= 2, lower.count <= 10 else { return nil }
        if let profile = byLanguage[lower], profile.tag.lowercased() == lower { return profile.tag }
        let parts = lower.split(separator: "-")
        guard parts.count == 2, parts[0].count == 2 || parts[0].count == 3, parts[1].count == 2,
              parts.allSatisfy({ $0.allSatisfy(\.isLetter) }), byLanguage[String(parts[0])] != nil else { return nil }
        return "\(parts[0])-\(parts[1].uppercased())"
    }

    /// Every label of `field` in every language, longest first (so `更新时间` wins over `更新`).
    public func allLabels(_ field: KeyPath<LocaleProfile, [String]>) -> [String] {
        Self.fieldName(field).flatMap { labelCache[$0] } ?? Self.collectLabels(field, profiles)
    }

    /// `allLabels(field)` lower-cased for byte-wise search.
    func labelNeedles(_ field: KeyPath<LocaleProfile, [String]>) -> [LowercasedNeedle] {
        Self.fieldName(field).flatMap { needleCache[$0] } ?? allLabels(field).map(LowercasedNeedle.init)
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
        return labels.sorted { $0.count != $1.count ? $0.count > $1.count : $0 < $1 }
    }

    /// Maps a severity word in any language to its rating.
    public func severityRating(for word: String) -> (rating: String, raw: String)? {
        // Severity words are short: a long cell is never one (and is not worth trimming).
        guard word.utf8.count <= 120 else { return nil }
        let scalars = word.unicodeScalars
        let trim: (Unicode.Scalar) -> Bool = { $0.properties.isWhitespace || Self.severityTrimmed.contains($0) }
        guard let first = scalars.firstIndex(where: { !trim($0) }), let last = scalars.lastIndex(where: { !trim($0) }) else { return nil }
        let key = String(scalars[first...last])
        guard let rating = severityByWord[key.lowercased()] else { return nil }
        return (rating, key)
    }

    /// Lower-cased month names and abbreviations of every profile's language, from CLDR.
    public var monthNames: [String: Int] { Self.months }

    private static let months: [String: Int] = {
        var names: [String: Int] = [:]
        for profile in LocaleCatalog.shared.profiles {
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: profile.tag.replacingOccurrences(of: "-", with: "_"))
            let lists = [formatter.monthSymbols, formatter.standaloneMonthSymbols, formatter.shortMonthSymbols,
                         formatter.shortStandaloneMonthSymbols].compactMap { $0 }
            for list in lists {
                for (index, name) in list.enumerated() {
                    var key = name.lowercased()
                    while key.hasSuffix(".") { key.removeLast() }
                    guard key.count >= 3, key.allSatisfy(\.isLetter), names[key] == nil else { continue }
                    names[key] = index + 1
                }
            }
        }
        return names
    }()

    /// Lower-cased weekday names of every profile's language, from CLDR.
    public static let weekdayNames: Set<String> = {
        var names = Set<String>()
        for profile in LocaleCatalog.shared.profiles {
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: profile.tag.replacingOccurrences(of: "-", with: "_"))
            for list in [formatter.weekdaySymbols, formatter.shortWeekdaySymbols].compactMap({ $0 }) {
                for name in list { names.insert(name.lowercased()) }
            }
        }
        return names
    }()
}
