import AdvisoryModel
import Foundation
import Yams

/// One top-level key of `site.yml`: what it holds and how it is read. `ConfigurationKey.all`
/// is the whole schema: the reader accepts exactly these keys, `herald config --explain` and the
/// README's configuration reference list them.
public struct ConfigurationKey: Sendable {
    public let name: String
    public let type: String
    public let defaultValue: String
    public let example: String
    public let meaning: String
    let read: @Sendable (inout ConfigurationReader, Node, inout SiteConfiguration) -> Void

    init(_ name: String, type: String, default defaultValue: String, example: String, meaning: String,
         read: @escaping @Sendable (inout ConfigurationReader, Node, inout SiteConfiguration) -> Void) {
        self.name = name
        self.type = type
        self.defaultValue = defaultValue
        self.example = example
        self.meaning = meaning
        self.read = read
    }

    /// Every key `site.yml` may hold, in the order the reference lists them.
    public static let all: [ConfigurationKey] = [
        ConfigurationKey("baseURL", type: "absolute http(s) URL", default: "https://security-updates.example.org/", example: "baseURL: https://advisories.example.com/",
                         meaning: "where the site is published; every absolute URL (feeds, sitemap, CSAF) starts with it") { reader, node, configuration in
            guard let value = reader.string(node, key: "baseURL") else { return }
            if let problem = SiteConfiguration.baseURLProblem(value) { return reader.problem(problem, at: node) }
            configuration.baseURL = value
        },
        .text("title", \.title, type: "text", default: "Security Updates", example: "Example Security Updates", meaning: "the site's name in page titles and feeds"),
        .text("defaultLocale", \.defaultLocale, type: "BCP 47 tag", default: "zh-CN", example: "de-DE", meaning: "the locale the site root redirects to"),
        ConfigurationKey("locales", type: "list of {tag, content, title?}", default: "none (then --content is needed)",
                         example: "locales: [{tag: de-DE, content: content/de-de, title: Sicherheitsupdates}]",
                         meaning: "each locale to build: its BCP 47 tag, its content folder (relative to site.yml) and an optional site title") { reader, node, configuration in
            guard let items = reader.sequence(node, key: "locales", expected: "a list of `- tag: …` / `content: …` entries") else { return }
            configuration.locales = items.compactMap { item in
                guard let fields = reader.record(item, key: "locales", required: ["tag", "content"], optional: ["title"]),
                      let tag = fields["tag"], let content = fields["content"] else { return nil }
                var locale = LocaleSource(tag: tag.text, content: content.text, title: fields["title"]?.text)
                locale.location = tag.location
                return locale
            }
        },
        .wholeNumber("feedLength", \.feedLength, default: "50", example: "100", meaning: "items per JSON Feed, RSS and Atom feed"),
        ConfigurationKey("publisher", type: "{name, namespace, category?}", default: "none: no CSAF provider is written (CFG002)",
                         example: "publisher: {name: Example PSIRT, namespace: https://example.com, category: vendor}",
                         meaning: "who publishes the advisories: names the CSAF documents, provider-metadata.json and the feeds' author") { reader, node, configuration in
            guard let fields = reader.record(node, key: "publisher", required: ["name", "namespace"], optional: ["category"]),
                  let name = fields["name"], let namespace = fields["namespace"] else { return }
            if let problem = SiteConfiguration.baseURLProblem(namespace.text) {
                return reader.problem("publisher.namespace: " + problem.replacingOccurrences(of: "baseURL ", with: ""), at: namespace.location)
            }
            configuration.publisher = Publisher(name: name.text, namespace: namespace.text, category: fields["category"]?.text ?? "vendor")
        },
        .text("output", \.output, type: "folder", default: "site", example: "public", meaning: "the output folder, replaced as a whole by each successful build"),
        .text("templates", \.templates, type: "folder", default: "templates", example: "../herald/templates",
              meaning: "Mustache templates, UI strings (strings/<locale>.yml) and assets"),
        ConfigurationKey("cache", type: "folder", default: ".herald/cache", example: "cache: /var/cache/herald",
                         meaning: "the build cache and the build lock; never inside a content folder") { reader, node, configuration in
            if let value = reader.string(node, key: "cache") { configuration.cache = value }
        },
        ConfigurationKey("rules", type: "{CODE: error|warning|note|off}", default: "every code at its default severity", example: "rules: {ANCH001: note, LINK002: off}",
                         meaning: "changes the severity of diagnostic codes; off drops them") { reader, node, configuration in
            guard let fields = reader.fields(of: node, in: "`rules`", known: nil) else { return }
            for (code, value) in fields {
                guard let known = DiagnosticCode(rawValue: code.text) else {
                    let hint = ConfigurationReader.nearest(to: code.text, among: DiagnosticCode.allCases.map(\.rawValue)).map { "; did you mean `\($0)`?" } ?? "; `herald check --list-codes` lists them"
                    reader.problem("unknown diagnostic code `\(code.text)` in `rules`\(hint)", at: code.location)
                    continue
                }
                guard let text = reader.string(value, key: "rules.\(code.text)", expected: "error, warning, note or off") else { continue }
                if text == "off" {
                    configuration.rules[known] = .some(nil)
                } else if let severity = DiagnosticSeverity(rawValue: text) {
                    configuration.rules[known] = severity
                } else {
                    reader.problem("`rules.\(code.text)` must be error, warning, note or off, not '\(text)'", at: value)
                }
            }
        },
        .wholeNumber("maximumFileBytes", \.limits.maximumFileBytes, default: "8388608 (8 MiB)", example: "16777216", meaning: "larger content files are not read (LIMIT001)"),
        .wholeNumber("maximumNesting", \.limits.maximumNesting, default: "64", example: "32", meaning: "deeper Markdown nesting is flattened to text (LIMIT002)"),
        ConfigurationKey("labels", type: "{locale tag: {field: [words]}}", default: "none: the built-in locale packs", example: "labels: {fi-FI: {revisions: [Versiohistoria]}}",
                         meaning: "labels and severity words added to a locale's pack (README, \"Decisions worth knowing\"); a new locale gets a pack of its own") { reader, node, configuration in
            do throws(Diagnostic) {
                configuration.labels = try LabelOverrides.read(node, path: reader.path)
            } catch {
                reader.problem(error.message, at: error.location)
            }
        },
    ]

    /// A key whose value is text stored at `path`.
    static func text(_ name: String, _ path: WritableKeyPath<SiteConfiguration, String> & Sendable, type: String, default defaultValue: String,
                     example: String, meaning: String) -> ConfigurationKey {
        ConfigurationKey(name, type: type, default: defaultValue, example: "\(name): \(example)", meaning: meaning) { reader, node, configuration in
            if let value = reader.string(node, key: name) { configuration[keyPath: path] = value }
        }
    }

    /// A key whose value is a whole number ≥ 1 stored at `path`.
    static func wholeNumber(_ name: String, _ path: WritableKeyPath<SiteConfiguration, Int> & Sendable, default defaultValue: String,
                            example: String, meaning: String) -> ConfigurationKey {
        ConfigurationKey(name, type: "whole number ≥ 1", default: defaultValue, example: "\(name): \(example)", meaning: meaning) { reader, node, configuration in
            if let value = reader.integer(node, key: name) { configuration[keyPath: path] = value }
        }
    }

    /// The reference as a Markdown table (`herald config --explain`; README's "Configuration reference").
    public static var referenceTable: String {
        var lines = ["| key | type | default | example | meaning |", "|---|---|---|---|---|"]
        for key in all {
            lines.append("| `\(key.name)` | \(key.type.replacingOccurrences(of: "|", with: "\\|")) | \(key.defaultValue) | `\(key.example)` | \(key.meaning) |")
        }
        return lines.joined(separator: "\n")
    }
}
