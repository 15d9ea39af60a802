import AdvisoryExtraction
import AdvisoryModel
import Foundation
import Yams

/// A locale to build and where its Markdown lives.
public struct LocaleSource: Sendable, Hashable, Codable {
    public var tag: String
    public var content: String
    public var title: String?

    public init(tag: String, content: String, title: String? = nil) {
        self.tag = tag
        self.content = content
        self.title = title
    }
}

/// Who publishes the site (feeds, CSAF).
public struct Publisher: Sendable, Hashable, Codable {
    public var name: String
    public var namespace: String
    public var category: String?

    public init(name: String, namespace: String, category: String? = "vendor") {
        self.name = name
        self.namespace = namespace
        self.category = category
    }
}

/// `site.yml`, with command-line overrides applied.
public struct SiteConfiguration: Sendable, Hashable {
    public var baseURL: String
    public var title: String
    public var defaultLocale: String
    public var locales: [LocaleSource]
    public var feedLength: Int
    public var publisher: Publisher
    public var output: String
    public var templates: String
    public var cache: String?
    /// Per-code severity overrides (`ANCH001: note`, `IMG001: error`, `LINK002: off`).
    public var rules: [String: String]
    public var limits: InputLimits
    /// Include `draft: true` documents (preview only).
    public var includeDrafts: Bool
    /// The folder relative paths are resolved against (the folder of `site.yml`).
    public var root: String
    /// Labels and severity words added to the locale packs (`labels:`, see `LabelOverrides`).
    public var labels: [LocaleProfile] = []

    public init(baseURL: String = "https://security-updates.example.org/", title: String = "Security Updates",
                defaultLocale: String = "zh-CN", locales: [LocaleSource] = [], feedLength: Int = 50,
                publisher: Publisher = Publisher(name: "Microsoft Security Response Center", namespace: "https://msrc.microsoft.com"),
                output: String = "site", templates: String = "templates", cache: String? = nil, rules: [String: String] = [:],
                limits: InputLimits = InputLimits(), includeDrafts: Bool = false, root: String = ".") {
        self.baseURL = baseURL
        self.title = title
        self.defaultLocale = defaultLocale
        self.locales = locales
        self.feedLength = feedLength
        self.publisher = publisher
        self.output = output
        self.templates = templates
        self.cache = cache
        self.rules = rules
        self.limits = limits
        self.includeDrafts = includeDrafts
        self.root = root
    }

    private struct File: Codable {
        var baseURL: String?
        var title: String?
        var defaultLocale: String?
        var locales: [LocaleSource]?
        var feedLength: Int?
        var publisher: Publisher?
        var output: String?
        var templates: String?
        var cache: String?
        var rules: [String: String]?
        var maximumFileBytes: Int?
        var maximumNesting: Int?
    }

    /// Reads `site.yml`; a missing file gives the defaults, an invalid one a `CFG001` diagnostic.
    public static func load(path: String) throws(Diagnostic) -> SiteConfiguration {
        let root = URL(fileURLWithPath: path).deletingLastPathComponent().path
        var configuration = SiteConfiguration(root: root)
        guard let data = FileManager.default.contents(atPath: path) else { return configuration }
        let file: File
        do {
            file = try YAMLDecoder().decode(File.self, from: String(decoding: data, as: UTF8.self))
        } catch {
            throw Diagnostic(.cfg001, "site.yml is invalid: \(error)", at: SourceLocation(path: path, line: 1))
        }
        if let value = file.baseURL { configuration.baseURL = value }
        if let value = file.title { configuration.title = value }
        if let value = file.defaultLocale { configuration.defaultLocale = value }
        if let value = file.locales { configuration.locales = value }
        if let value = file.feedLength { configuration.feedLength = max(1, value) }
        if let value = file.publisher { configuration.publisher = value }
        if let value = file.output { configuration.output = value }
        if let value = file.templates { configuration.templates = value }
        configuration.cache = file.cache
        if let value = file.rules { configuration.rules = value }
        if let value = file.maximumFileBytes { configuration.limits.maximumFileBytes = value }
        if let value = file.maximumNesting { configuration.limits.maximumNesting = value }
        configuration.labels = try LabelOverrides.read(yaml: String(decoding: data, as: UTF8.self), path: path)
        try configuration.validate(path: path)
        return configuration
    }

    /// Checks the values; throws `CFG001` on the first bad one.
    public func validate(path: String = "site.yml") throws(Diagnostic) {
        let at = SourceLocation(path: path, line: 1)
        guard let url = URL(string: baseURL), let scheme = url.scheme, ["http", "https"].contains(scheme), url.host != nil else {
            throw Diagnostic(.cfg001, "baseURL '\(baseURL)' is not an absolute http(s) URL", at: at)
        }
        for rule in rules where DiagnosticCode(rawValue: rule.key) == nil || !["error", "warning", "note", "off"].contains(rule.value) {
            throw Diagnostic(.cfg001, "rule '\(rule.key): \(rule.value)' names an unknown code or severity", at: at)
        }
        var seen = Set<String>()
        for locale in locales where !seen.insert(locale.tag.lowercased()).inserted {
            throw Diagnostic(.cfg001, "locale \(locale.tag) is listed twice", at: at)
        }
    }

    /// `path` resolved against the configuration's root folder.
    public func resolve(_ path: String) -> String {
        path.hasPrefix("/") ? path : URL(fileURLWithPath: root).appendingPathComponent(path).standardizedFileURL.path
    }

    /// Applies the `rules` overrides; `off` drops the diagnostic.
    public func applyRules(to diagnostics: [Diagnostic]) -> [Diagnostic] {
        guard !rules.isEmpty else { return diagnostics }
        return diagnostics.compactMap { diagnostic in
            guard let rule = rules[diagnostic.code.rawValue] else { return diagnostic }
            if rule == "off" { return nil }
            var changed = diagnostic
            changed.severity = DiagnosticSeverity(rawValue: rule) ?? diagnostic.severity
            return changed
        }
    }
}
