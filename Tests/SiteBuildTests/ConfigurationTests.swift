import AdvisoryModel
import Foundation
@testable import SiteBuild
import Testing

/// `site.yml` is read strictly: each mistake is a CFG001 error at its line and column.
@Suite("Configuration: strict reading with line and column")
struct ConfigurationTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var yaml: String
        /// Every diagnostic expected, formatted, with `PATH` for the file.
        var expected: [String]
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "misspelt key, with a suggestion", yaml: "title: T\nfeedLenght: 20\n",
             expected: ["PATH:2:1: error[CFG001]: unknown key `feedLenght` in the configuration; did you mean `feedLength`?"]),
        Case(name: "key in the wrong case", yaml: "baseUrl: https://example.org/\n",
             expected: ["PATH:1:1: error[CFG001]: unknown key `baseUrl` in the configuration; did you mean `baseURL`?"]),
        Case(name: "two unknown keys, both reported; one without a near key",
             yaml: "feedLenght: 20\ntitle: T\ncolour: blue\n",
             expected: ["PATH:1:1: error[CFG001]: unknown key `feedLenght` in the configuration; did you mean `feedLength`?",
                        "PATH:3:1: error[CFG001]: unknown key `colour` in the configuration; known keys: baseURL, title, defaultLocale, locales, feedLength, publisher, output, templates, cache, rules, maximumFileBytes, maximumNesting, labels"]),
        Case(name: "text where a number belongs", yaml: "feedLength: fifty\n",
             expected: ["PATH:1:13: error[CFG001]: `feedLength` must be a whole number ≥ 1, not 'fifty'"]),
        Case(name: "zero where a positive number belongs", yaml: "\nmaximumNesting: 0\n",
             expected: ["PATH:2:17: error[CFG001]: `maximumNesting` must be a whole number ≥ 1, not '0'"]),
        Case(name: "a number where a list belongs", yaml: "locales: 12\n",
             expected: ["PATH:1:10: error[CFG001]: `locales` must be a list of `- tag: …` / `content: …` entries, not '12'"]),
        Case(name: "a list where text belongs", yaml: "title:\n  - a\n  - b\n",
             expected: ["PATH:2:3: error[CFG001]: `title` must be a text value, not a list"]),
        Case(name: "a locale entry without content and with a misspelt key", yaml: "locales:\n  - tag: zh-CN\n    contnet: content/zh-cn\n",
             expected: ["PATH:3:5: error[CFG001]: unknown key `contnet` in `locales`; did you mean `content`?",
                        "PATH:2:5: error[CFG001]: `locales` needs `content`"]),
        Case(name: "publisher without namespace", yaml: "publisher:\n  name: Example PSIRT\n",
             expected: ["PATH:2:3: error[CFG001]: `publisher` needs `namespace`"]),
        Case(name: "publisher namespace not a URL", yaml: "publisher: {name: Example, namespace: example.com}\n",
             expected: ["PATH:1:39: error[CFG001]: publisher.namespace: 'example.com' is not an absolute http(s) URL; write it in full, e.g. https://advisories.example.com/"]),
        Case(name: "baseURL not absolute", yaml: "baseURL: /security/\n",
             expected: ["PATH:1:10: error[CFG001]: baseURL '/security/' is not an absolute http(s) URL; write it in full, e.g. https://advisories.example.com/"]),
        Case(name: "unknown rule code with a suggestion", yaml: "rules:\n  ANCH01: note\n",
             expected: ["PATH:2:3: error[CFG001]: unknown diagnostic code `ANCH01` in `rules`; did you mean `ANCH001`?"]),
        Case(name: "unknown severity", yaml: "rules:\n  ANCH001: loud\n",
             expected: ["PATH:2:12: error[CFG001]: `rules.ANCH001` must be error, warning, note or off, not 'loud'"]),
        Case(name: "a key given twice", yaml: "title: A\ntitle: B\n",
             expected: ["PATH:2:1: error[CFG001]: `title` appears twice in the same mapping; keep one"]),
        Case(name: "a nested key given twice", yaml: "title: T\npublisher:\n  name: A\n  namespace: https://example.com\n  name: B\n",
             expected: ["PATH:5:3: error[CFG001]: `name` appears twice in the same mapping; keep one"]),
        Case(name: "YAML syntax error at the parser's line and column", yaml: "title: T\nlocales: [zh-CN\n",
             expected: ["PATH:3:1: error[CFG001]: not valid YAML: did not find expected ',' or ']' while parsing a flow sequence"]),
        Case(name: "a top level that is not a mapping", yaml: "- title\n",
             expected: ["PATH:1:1: error[CFG001]: the configuration must be a mapping of `key: value` lines, not a list"]),
    ]

    @Test("each mistake gives its errors at its line and column", arguments: cases)
    func mistake(_ item: Case) throws {
        let path = try write(item.yaml)
        do {
            _ = try SiteConfiguration.load(path: path)
            Issue.record("\(item.name): no error")
        } catch {
            #expect(error.diagnostics.map(\.formatted) == item.expected.map { $0.replacingOccurrences(of: "PATH", with: path) })
        }
    }

    @Test("a missing configuration file is an error naming it")
    func missingFile() throws {
        let path = temporaryFolder("config").appendingPathComponent("nope.yml").path
        #expect(throws: LoadFailure.self) { try SiteConfiguration.load(path: path) }
        do { _ = try SiteConfiguration.load(path: path) } catch {
            #expect(error.diagnostics.map(\.formatted) == ["\(path):1:1: error[CFG001]: the configuration file \(path) does not exist; create it (README, \"Configuration reference\") or pass --config PATH"])
        }
    }

    @Test("every key is read into its typed value")
    func everyKey() throws {
        let path = try write("""
        baseURL: https://advisories.example.com/
        title: Example
        defaultLocale: de-DE
        locales:
          - tag: de-DE
            content: content/de-de
            title: Beispiel
        feedLength: 7
        publisher: {name: Example PSIRT, namespace: https://example.com}
        output: public
        templates: tpl
        cache: .cache
        rules: {ANCH001: note, LINK002: off}
        maximumFileBytes: 4096
        maximumNesting: 9

        """)
        let configuration = try SiteConfiguration.load(path: path)
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        #expect(configuration.baseURL == "https://advisories.example.com/")
        #expect(configuration.title == "Example" && configuration.defaultLocale == "de-DE")
        #expect(configuration.locales.map { [$0.tag, $0.content, $0.title ?? ""] } == [["de-DE", "content/de-de", "Beispiel"]])
        #expect(configuration.locales.first?.location == SourceLocation(path: path, line: 5, column: 10))
        #expect(configuration.feedLength == 7)
        #expect(configuration.publisher == Publisher(name: "Example PSIRT", namespace: "https://example.com", category: "vendor"))
        #expect(configuration.output == "public" && configuration.templates == "tpl")
        #expect(configuration.cacheFolder == folder + "/.cache")
        let rules: [DiagnosticCode: DiagnosticSeverity?] = [.anch001: .note, .link002: nil]
        #expect(configuration.rules == rules)
        #expect(configuration.severity(of: .anch001) == .note && configuration.severity(of: .link002) == nil && configuration.severity(of: .img001) == .warning)
        #expect(configuration.limits.maximumFileBytes == 4096 && configuration.limits.maximumNesting == 9)
    }

    @Test("an empty file gives the defaults, with no publisher and the cache in .herald/cache")
    func emptyFile() throws {
        let path = try write("")
        let configuration = try SiteConfiguration.load(path: path)
        #expect(configuration.publisher == nil)
        #expect(configuration.cacheFolder == URL(fileURLWithPath: path).deletingLastPathComponent().path + "/.herald/cache")
    }

    @Test("the nearest key: case, one edit, a swap; nothing for a far word", arguments: [
        ("feedlength", "feedLength"), ("feedLenght", "feedLength"), ("titel", "title"), ("locale", "locales"), ("colour", nil),
    ] as [(String, String?)])
    func nearest(_ typed: String, _ expected: String?) {
        #expect(ConfigurationReader.nearest(to: typed, among: ConfigurationKey.all.map(\.name)) == expected)
    }

    @Test("README's configuration reference lists exactly the keys the reader accepts")
    func readmeReference() throws {
        let readme = try String(contentsOf: projectRoot.appendingPathComponent("README.md"), encoding: .utf8)
        #expect(readme.contains(ConfigurationKey.referenceTable))
    }

    private func write(_ yaml: String) throws -> String {
        let path = temporaryFolder("config").appendingPathComponent("site.yml").path
        try Data(yaml.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }
}
