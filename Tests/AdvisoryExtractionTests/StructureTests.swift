import AdvisoryExtraction
import AdvisoryModel
import Foundation
import Testing

/// Records from structure and CLDR when no locale pack knows the words: Greek has no pack.
@Suite("Structure first")
struct StructureTests {
    static let greek = """
        ---
        Title: 'Δελτίο ασφαλείας της Microsoft MS08-067 - Κρίσιμο'
        ---

        # Δελτίο ασφαλείας της Microsoft MS08-067 - Κρίσιμο

        ## Ευπάθεια στην υπηρεσία διακομιστή (958644)

        Δημοσιεύτηκε: Δευτέρα, 23 Ιουνίου 2008

        **Έκδοση:** 1.1

        Σχετικά με το CVE-2008-4250.

        #### Αναθεωρήσεις

        -   V1.0 (23 Ιουνίου 2008): Δημοσίευση.
        -   V1.1 (1 Ιουλίου 2008): Ενημέρωση.

        """
    static let greekPath = "content/el-gr/SecurityBulletins/2008/ms08-067.md"

    @Test("a language without a pack gets dates, revisions and version, and names what it does not know")
    func languageWithoutPack() {
        #expect(!LocaleCatalog.shared.knows("el-GR"))
        let result = AdvisoryExtractor().extract(bytes: Array(Self.greek.utf8), path: Self.greekPath)
        let advisory = result.advisory
        #expect(advisory.locale == "el-GR")
        #expect(advisory.published == day("2008-06-23"))
        #expect(advisory.version == "1.1")
        #expect(advisory.revisions.map(\.version) == ["1.0", "1.1"])
        #expect(advisory.revisions.map(\.date) == [day("2008-06-23"), day("2008-07-01")])
        #expect(advisory.severity == nil)
        let named = Dictionary(result.diagnostics.filter { $0.code.rawValue.hasPrefix("LOC") }.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        #expect(named[.loc001]?.message.contains("'Κρίσιμο'") == true)
        #expect(named[.loc001]?.location.line == 2)
        #expect(named[.loc002]?.message.contains("'Αναθεωρήσεις'") == true)
        #expect(named[.loc002]?.location.line == 15)
        #expect(named[.loc003]?.message.contains("'Δημοσιεύτηκε'") == true)
        #expect(named[.loc003]?.location.line == 9)
        #expect(!result.codes.contains(.rev001))
    }

    @Test("labels added to the catalogue are used: the Greek words become known")
    func addedLabels() {
        var greek = LocaleProfile(tag: "el-GR")
        greek.published = ["Δημοσιεύτηκε"]
        greek.revisions = ["Αναθεωρήσεις"]
        greek.severity = ["critical": ["Κρίσιμο"]]
        let extractor = AdvisoryExtractor(catalog: LocaleCatalog.shared.applying([greek]))
        let result = extractor.extract(bytes: Array(Self.greek.utf8), path: Self.greekPath)
        #expect(result.advisory.severity?.rating == .critical)
        #expect(result.advisory.published == day("2008-06-23"))
        #expect(result.advisory.revisions.count == 2)
        #expect(result.diagnostics.filter { $0.code.rawValue.hasPrefix("LOC") }.isEmpty)
    }

    struct RevisionCase: CustomTestStringConvertible, Sendable {
        var name: String
        var section: String
        var expected: [String]
        var testDescription: String { name }
    }

    static let revisionCases: [RevisionCase] = [
        RevisionCase(name: "list under an unknown heading", section: "### Historia\n\n-   V1.0 (10 de junio de 2008): A.\n-   V2.0 (16 de julio de 2008): B.",
                     expected: ["1.0 2008-06-10", "2.0 2008-07-16"]),
        RevisionCase(name: "bold paragraphs", section: "**V1.0 (10. Juni 2008):** A.\n\n**V1.1 (12. Juni 2008):** B.",
                     expected: ["1.0 2008-06-10", "1.1 2008-06-12"]),
        RevisionCase(name: "consecutive lines", section: "Zmiany\n\nV1.0 (10 czerwca 2008): A.  \nV1.1 (12 czerwca 2008): B.",
                     expected: ["1.0 2008-06-10", "1.1 2008-06-12"]),
    ]

    @Test("revision entries are found by their shape", arguments: revisionCases)
    func revisionsByShape(_ c: RevisionCase) {
        let text = "# Microsoft Security Bulletin MS08-001 - Critical\n\nSome text 2008.\n\n\(c.section)\n"
        let result = extract(text, path: "content/xx/SecurityBulletins/2008/ms08-001.md", locale: "en-US")
        let found = result.advisory.revisions.map { "\($0.version ?? "-") \($0.date?.description ?? "-")" }
        #expect(found == c.expected)
        #expect(result.advisory.version == c.expected.last?.components(separatedBy: " ").first)
    }

    @Test("severity from the affected-software table when the title states none")
    func severityFromTable() {
        let text = """
            # Microsoft Security Bulletin MS08-001

            ## Betroffene Software

            | Betriebssystem | Bewertung des Gesamtschweregrads |
            |---|---|
            | Windows XP | Hoch |
            | Windows Vista | Kritisch |
            | Windows 7 | Mittel |

            """
        let result = extract(text, path: "content/de-de/SecurityBulletins/2008/ms08-001.md", locale: "de-DE")
        #expect(result.advisory.severity?.rating == .critical)
        #expect(result.advisory.source.lines[.severity] == 8)
    }

    @Test("the title suffix after the bulletin id, several words long")
    func titleSuffix() {
        let text = "# Microsoft Güvenlik Bülteni MS08-067 - Kritik düzeyde\n"
        let result = extract(text, path: "content/tr-tr/SecurityBulletins/2008/ms08-067.md", locale: "tr-TR")
        #expect(result.advisory.severity?.rating == .critical)
        #expect(result.advisory.severity?.raw == "Kritik düzeyde")
    }

    @Test("a first paragraph of a few words and a date, without a colon, is the date line")
    func dateLineWithoutColon() {
        let text = "# Δελτίο ασφαλείας της Microsoft 900001\n\nΔημοσιεύτηκε Δευτέρα 23 Ιουνίου 2008\n\nΣτις 24 Ιουνίου 2008 κυκλοφόρησε.\n"
        let result = extract(text, path: "content/el-gr/SecurityAdvisories/2008/900001.md", locale: "el-GR")
        #expect(result.advisory.published == day("2008-06-23"))
        #expect(result.advisory.source.lines[.dateLine] == 3)
        #expect(result.diagnostics.first { $0.code == .loc003 }?.message.contains("'Δημοσιεύτηκε'") == true)
    }

    @Test("a date line whose date cannot be read is named")
    func unreadDateLine() {
        let text = "# Microsoft Security Advisory 900001\n\nJulkaistu: 23. kesä-heinä 2008\n"
        let result = extract(text, path: "content/fi-fi/SecurityAdvisories/2008/900001.md", locale: "fi-FI")
        let diagnostic = result.diagnostics.first { $0.code == .loc004 }
        #expect(diagnostic?.message.contains("'Julkaistu: 23. kesä-heinä 2008'") == true)
        #expect(diagnostic?.location.line == 3)
    }

    @Test("a later paragraph's date line with a numeral in its label is named when no date is read")
    func unreadLaterDateLineWithNumeralLabel() {
        // 一 is a letter and a number: `looksLikeDateLine` takes the label, `dateLineLabel` does not.
        let text = "# Microsoft 安全公告 900001\n\n本公告说明一个问题。\n\n第一版日期：2006 年 12 月\n"
        let result = extract(text, path: "content/zh-cn/SecurityAdvisories/2006/900001.md", locale: "zh-CN")
        let diagnostic = result.diagnostics.first { $0.code == .loc004 }
        #expect(diagnostic?.message.contains("'第一版日期：2006 年 12 月'") == true)
        #expect(diagnostic?.location.line == 5)
    }

    /// The Spanish samples extracted with a catalogue without `stripped`'s packs; nil (and a
    /// message) without the shared corpus.
    static func spanishSamples(stripping stripped: Set<String>) -> [ScannedDocument]? {
        guard let root = Corpus.root else {
            print("skipped: ../shared/corpus is absent")
            return nil
        }
        let catalog = LocaleCatalog(profiles: LocaleCatalog.shared.profiles.filter { !stripped.contains($0.tag) })
        #expect(!catalog.knows("es-ES"))
        let files = CorpusScan.markdownFiles(in: root.appendingPathComponent("samples/es-es").path)
        return CorpusScan.extract(files, locale: "es-ES", extractor: AdvisoryExtractor(catalog: catalog))
    }

    @Test("a pack stripped from the catalogue: the Spanish samples still get dates, revisions and versions")
    func strippedPack() throws {
        guard let scanned = Self.spanishSamples(stripping: ["es-ES"]) else { return }
        let bulletin = try #require(scanned.first { $0.path.hasSuffix("ms08-067.md") })
        #expect(bulletin.advisory.published == day("2008-10-23"))
        #expect(bulletin.advisory.version == "1.0")
        #expect(bulletin.advisory.revisions.map(\.date) == [day("2008-10-23")])
        let summary = try #require(scanned.first { $0.path.hasSuffix("ms08-jun.md") })
        #expect(summary.advisory.revisions.map(\.version) == ["1.0", "1.1", "2.0", "2.1"])
        #expect(summary.advisory.revisions.last?.date == day("2009-04-01"))
        let report = CoverageReport(scanned)
        #expect(report.unknown.keys.contains { $0.code == .loc002 && $0.text == "Revisiones" })
        print(report.formatted())
    }

    @Test("every Romance pack stripped: Spanish words are named, dates, revisions and versions still read")
    func strippedRomancePacks() throws {
        guard let scanned = Self.spanishSamples(stripping: ["es-ES", "pt-BR", "pt-PT", "it-IT", "fr-FR"]) else { return }
        let bulletin = try #require(scanned.first { $0.path.hasSuffix("ms08-067.md") })
        #expect(bulletin.advisory.published == day("2008-10-23"))
        #expect(bulletin.advisory.version == "1.0")
        #expect(bulletin.advisory.revisions.map(\.date) == [day("2008-10-23")])
        #expect(bulletin.advisory.severity == nil)
        let report = CoverageReport(scanned)
        #expect(report.unknown.keys.contains { $0.code == .loc001 && $0.text == "Crítica" })
        #expect(report.unknown.keys.contains { $0.code == .loc003 && $0.text == "Publicado" })
        print(report.formatted())
    }
}
