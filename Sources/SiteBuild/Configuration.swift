import AdvisoryExtraction
import AdvisoryModel
import Foundation

/// A locale to build and where its Markdown lives.
public struct LocaleSource: Sendable, Hashable, Codable {
    public var tag: String
    public var content: String
    public var title: String?
    /// Where the tag is written in the configuration file (nil: from the command line or code).
    public var location: SourceLocation?

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
    /// Who publishes the site; without one no CSAF provider is written (Herald never names a publisher itself).
    public var publisher: Publisher?
    public var output: String
    public var templates: String
    public var cache: String?
    /// Per-code severity overrides (`ANCH001: note`, `IMG001: error`); a nil severity (`LINK002: off`) drops the code.
    public var rules: [DiagnosticCode: DiagnosticSeverity?]
    public var limits: InputLimits
    /// Include `draft: true` documents (preview only).
    public var includeDrafts: Bool
    /// The folder relative paths are resolved against (the folder of `site.yml`).
    public var root: String
    /// The configuration file the values came from, as diagnostics name it.
    public var file: String
    /// Labels and severity words added to the locale packs (`labels:`, see `LabelOverrides`).
    public var labels: [LocaleProfile] = []

    public init(baseURL: String = "https://security-updates.example.org/", title: String = "Security Updates",
                defaultLocale: String = "zh-CN", locales: [LocaleSource] = [], feedLength: Int = 50, publisher: Publisher? = nil,
                output: String = "site", templates: String = "templates", cache: String? = nil, rules: [DiagnosticCode: DiagnosticSeverity?] = [:],
                limits: InputLimits = InputLimits(), includeDrafts: Bool = false, root: String = ".", file: String = "site.yml") {
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
        self.file = file
    }

    /// Reads a configuration file strictly: a missing file, YAML syntax errors, unknown keys and
    /// values of the wrong type are `CFG001` errors at their line and column, all of them at once.
    public static func load(path: String) throws(LoadFailure) -> SiteConfiguration {
        let root = URL(fileURLWithPath: path).deletingLastPathComponent().path
        let configuration = SiteConfiguration(root: root, file: path)
        guard let data = FileManager.default.contents(atPath: path) else {
            let reason = FileManager.default.fileExists(atPath: path) ? "cannot be read" : "does not exist"
            throw LoadFailure(failing: [Diagnostic(.cfg001, "the configuration file \(path) \(reason); create it (README, \"Configuration reference\") or pass --config PATH",
                                                   at: SourceLocation(path: path, line: 1))])
        }
        var reader = ConfigurationReader(path: path)
        let read = reader.read(String(decoding: data, as: UTF8.self), into: configuration)
        guard reader.diagnostics.isEmpty else { throw LoadFailure(failing: reader.diagnostics) }
        return read
    }

    /// Checks values that command-line options can set; throws `CFG001` on the first bad one.
    public func validate() throws(Diagnostic) {
        if let problem = Self.baseURLProblem(baseURL) {
            throw Diagnostic(.cfg001, problem, at: SourceLocation(path: file, line: 1))
        }
        var seen = Set<String>()
        for locale in locales where !seen.insert(locale.tag.lowercased()).inserted {
            throw Diagnostic(.cfg001, "locale \(locale.tag) is listed twice", at: SourceLocation(path: file, line: 1))
        }
    }

    /// Why `value` cannot be the base URL, or nil when it can.
    static func baseURLProblem(_ value: String) -> String? {
        guard let url = URL(string: value), let scheme = url.scheme, ["http", "https"].contains(scheme), url.host != nil else {
            return "baseURL '\(value)' is not an absolute http(s) URL; write it in full, e.g. https://advisories.example.com/"
        }
        return nil
    }

    /// `path` resolved against the configuration's root folder.
    public func resolve(_ path: String) -> String {
        path.hasPrefix("/") ? path : URL(fileURLWithPath: root).appendingPathComponent(path).standardizedFileURL.path
    }

    /// Applies the `rules` overrides; `off` drops the diagnostic.
    public func applyRules(to diagnostics: [Diagnostic]) -> [Diagnostic] {
        guard !rules.isEmpty else { return diagnostics }
        return diagnostics.compactMap { diagnostic in
            guard let rule = rules[diagnostic.code] else { return diagnostic }
            guard let severity = rule else { return nil }
            var changed = diagnostic
            changed.severity = severity
            return changed
        }
    }

    /// The severity `code` has in this configuration: nil when it is switched off.
    public func severity(of code: DiagnosticCode) -> DiagnosticSeverity? {
        rules[code] ?? code.defaultSeverity
    }
}

