import AdvisoryExtraction
import AdvisoryModel
import Foundation
import SiteBuild
import Testing

@Suite("labels: in site.yml")
struct LabelOverridesTests {
    func load(_ yaml: String) throws(LoadFailure) -> SiteConfiguration {
        let folder = temporaryFolder("labels")
        let path = folder.appendingPathComponent("site.yml").path
        _ = FileManager.default.createFile(atPath: path, contents: Data(yaml.utf8))
        return try SiteConfiguration.load(path: path)
    }

    @Test("labels and severity words per locale are read")
    func reads() throws {
        let configuration = try load("""
            title: Test
            labels:
              fi-fi:
                revisions: [Versiohistoria, Muutoshistoria]
                severity:
                  critical: [Kriittinen]
              el-GR:
                published: [Δημοσιεύτηκε]
            """)
        #expect(configuration.labels.map(\.tag) == ["fi-FI", "el-GR"])
        #expect(configuration.labels[0].revisions == ["Versiohistoria", "Muutoshistoria"])
        #expect(configuration.labels[0].severity == ["critical": ["Kriittinen"]])
        #expect(configuration.labels[1].published == ["Δημοσιεύτηκε"])
        let catalog = LocaleCatalog.shared.applying(configuration.labels)
        #expect(catalog.knows("el-GR"))
        #expect(catalog.profile(for: "fi-FI")?.revisions.first == "Versiohistoria")
        #expect(catalog.severityRating(for: "Kriittinen")?.rating == "critical")
    }

    struct BadCase: CustomTestStringConvertible, Sendable {
        var name: String
        var yaml: String
        var line: Int
        var says: String
        var testDescription: String { name }
    }

    static let bad: [BadCase] = [
        BadCase(name: "a string where a list belongs", yaml: "title: T\nlabels:\n  de-DE:\n    revisions: Revisionen\n", line: 4, says: "de-DE.revisions must be a list of strings"),
        BadCase(name: "a list where a mapping belongs", yaml: "labels:\n  - de-DE\n", line: 2, says: "must map locale tags"),
        BadCase(name: "an unknown locale", yaml: "labels:\n  de-DE:\n    faq: [FAQ]\n  klingon:\n    faq: [x]\n", line: 4, says: "'klingon' is not a locale"),
        BadCase(name: "an unknown field", yaml: "labels:\n  de-DE:\n    revision: [Revisionen]\n", line: 3, says: "unknown field 'revision'"),
        BadCase(name: "an unknown rating", yaml: "labels:\n  de-DE:\n    severity:\n      severe: [Schwer]\n", line: 4, says: "unknown rating 'severe'"),
        BadCase(name: "a nested list", yaml: "labels:\n  de-DE:\n    faq:\n      - [a, b]\n", line: 4, says: "only non-empty strings"),
    ]

    @Test("a wrong type is a configuration error with file and line", arguments: bad)
    func rejects(_ c: BadCase) {
        do {
            _ = try load(c.yaml)
            Issue.record("accepted \(c.yaml)")
        } catch {
            #expect(error.diagnostics.count == 1, "\(error.diagnostics.map(\.formatted))")
            guard let problem = error.diagnostics.first else { return }
            #expect(problem.code == .cfg001)
            #expect(problem.location.path.hasSuffix("site.yml"))
            #expect(problem.location.line == c.line)
            #expect(problem.message.contains(c.says), "\(problem.message)")
        }
    }

    @Test("a site.yml without labels has none")
    func absent() throws {
        #expect(try load("title: T\n").labels.isEmpty)
        #expect(try load("labels:\n").labels.isEmpty)
    }

    @Test("a label added in site.yml is used by the build at once")
    func usedByTheBuild() throws {
        let folder = temporaryFolder("labels-build")
        let content = folder.appendingPathComponent("el-gr/SecurityBulletins/2008")
        try FileManager.default.createDirectory(at: content, withIntermediateDirectories: true)
        let bulletin = "# Δελτίο ασφαλείας της Microsoft MS08-067 - Κρίσιμο\n\nΔημοσιεύτηκε: 23 Ιουνίου 2008\n"
        try Data(bulletin.utf8).write(to: content.appendingPathComponent("ms08-067.md"))
        func build(_ labels: String) throws -> BuildReport {
            let configuration = try oneLocaleConfiguration(in: folder, tag: "el-GR", content: "el-gr", extra: labels)
            return SiteBuilder(configuration: configuration).build(options: BuildOptions(write: false))
        }
        let before = try build("")
        #expect(before.documents.first?.advisory.severity == nil)
        #expect(before.diagnostics.contains { $0.code == .loc001 })
        let after = try build("labels: { el-GR: { severity: { critical: [Κρίσιμο] } } }")
        #expect(after.documents.first?.advisory.severity?.rating == .critical)
        #expect(!after.diagnostics.contains { $0.code == .loc001 })
    }
}
