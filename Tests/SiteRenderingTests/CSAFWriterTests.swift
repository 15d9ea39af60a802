import AdvisoryModel
import Foundation
import SiteRendering
import Testing

@Suite("CSAF writer")
struct CSAFWriterTests {
    let configuration = CSAFFixtures.configuration

    // MARK: 954474 against the example of ANCHORS §3.2

    @Test("zh-CN 954474 agrees with the example document")
    func advisory954474AgreesWithTheExample() throws {
        guard let advisory = CSAFFixtures.corpusAdvisory("zh-cn/SecurityAdvisories/2008/954474.md"),
              let example = try CSAFFixtures.exampleDocument() else {
            print("skipped: ../shared/corpus or ../shared/examples is absent")
            return
        }
        let selfURL = "https://learn.microsoft.com/en-us/security-updates/securityadvisories/2008/954474"
        let document = try CSAFWriter.document(for: advisory, canonicalURL: selfURL, configuration: configuration)

        #expect(document.document.category == example.document.category)
        #expect(document.document.category == "csaf_informational_advisory")
        #expect(document.vulnerabilities == nil)
        #expect(document.document.tracking.initialReleaseDate == example.document.tracking.initialReleaseDate)
        #expect(document.document.tracking.currentReleaseDate == example.document.tracking.currentReleaseDate)
        #expect(document.document.tracking.initialReleaseDate == "2008-06-13T00:00:00.000Z")
        #expect(document.document.tracking.currentReleaseDate == "2008-06-17T00:00:00.000Z")
        #expect(document.document.tracking.revisionHistory.map(\.number) == example.document.tracking.revisionHistory.map(\.number))
        #expect(document.document.tracking.revisionHistory.map(\.date) == example.document.tracking.revisionHistory.map(\.date))
        #expect(document.document.tracking.revisionHistory.map(\.summary) == ["已发布通报。", "已更新通报，以反映修补程序的可用性。"])
        #expect(document.document.tracking.version == example.document.tracking.version)
        #expect(document.document.tracking.version == "2")
        #expect(document.document.tracking.status == "final")

        let references = document.document.references ?? []
        let exampleReferences = example.document.references ?? []
        for wanted in exampleReferences where wanted.category == "self" || wanted.url.contains("/kb/") {
            #expect(references.contains { $0.category == wanted.category && $0.url == wanted.url }, "missing reference \(wanted.url)")
        }
        #expect(references.first?.category == "self")

        let products = document.productTree?.allProducts ?? []
        let exampleProducts = example.productTree?.allProducts ?? []
        #expect(products.map(\.name) == exampleProducts.map(\.name))
        #expect(products.map(\.productID) == ["CSAFPID-0001", "CSAFPID-0002"])

        // What differs from the en-US example on purpose: the locale.
        #expect(document.document.lang == "zh-CN")
        #expect(document.document.sourceLang == "en-US")
        #expect(document.document.tracking.id == "MSA-954474-ZH-CN")
        #expect(document.document.title == "Microsoft 安全通报 954474: System Center Configuration Manager 2007 阻止部署安全更新")
        #expect(CSAFValidator.mandatoryTestFailures(document) == [])
    }

    @Test("the example document itself passes the mandatory tests")
    func exampleDocumentPassesTheMandatoryTests() throws {
        guard let example = try CSAFFixtures.exampleDocument() else {
            print("skipped: ../shared/examples is absent")
            return
        }
        #expect(CSAFValidator.mandatoryTestFailures(example) == [])
    }

    struct CorpusCase: CustomTestStringConvertible, Sendable {
        var path: String
        var trackingID: String
        var initial: String
        var current: String
        var testDescription: String { path }
    }

    /// Dates as the files state them (ja-JP and ko-KR give local days: 16/18 and 14/18 June).
    @Test("every corpus translation of 954474 is an informational advisory", arguments: [
        CorpusCase(path: "zh-cn/SecurityAdvisories/2008/954474.md", trackingID: "MSA-954474-ZH-CN", initial: "2008-06-13", current: "2008-06-17"),
        CorpusCase(path: "de-de/SecurityAdvisories/2008/954474.md", trackingID: "MSA-954474-DE-DE", initial: "2008-06-13", current: "2008-06-17"),
        CorpusCase(path: "samples/ja-jp/SecurityAdvisories/2008/954474.md", trackingID: "MSA-954474-JA-JP", initial: "2008-06-16", current: "2008-06-18"),
        CorpusCase(path: "samples/ko-kr/SecurityAdvisories/2008/954474.md", trackingID: "MSA-954474-KO-KR", initial: "2008-06-14", current: "2008-06-18"),
        CorpusCase(path: "samples/es-es/securityinformationdocuments/2008/954474.md", trackingID: "MSA-954474-ES-ES", initial: "2008-06-13", current: "2008-06-17"),
    ])
    func corpusTranslationOf954474(_ example: CorpusCase) throws {
        guard let advisory = CSAFFixtures.corpusAdvisory(example.path) else {
            print("skipped: ../shared/corpus/\(example.path) is absent")
            return
        }
        let (document, _) = try CSAFWriter.publication(for: advisory, canonicalURL: "https://example.org/954474", configuration: configuration)
        #expect(document.document.category == "csaf_informational_advisory")
        #expect(document.document.tracking.id == example.trackingID)
        #expect(document.document.tracking.initialReleaseDate == example.initial + "T00:00:00.000Z")
        #expect(document.document.tracking.currentReleaseDate == example.current + "T00:00:00.000Z")
        #expect(document.document.tracking.revisionHistory.map(\.number) == ["1", "2"])
        #expect(document.productTree?.allProducts.count == 2)
        #expect(document.document.references?.contains { $0.url == "https://support.microsoft.com/kb/954474" } == true)
    }

    // MARK: Security advisory

    @Test("a bulletin with CVEs becomes a security advisory with one vulnerability per CVE")
    func bulletinBecomesSecurityAdvisory() throws {
        let document = try CSAFWriter.document(for: CSAFFixtures.bulletin(), canonicalURL: "https://example.org/de-de/ms16-001", configuration: configuration)
        #expect(document.document.category == "csaf_security_advisory")
        #expect(document.document.title == "Microsoft Security Bulletin MS16-001 – Kritisch: Kumulatives Sicherheitsupdate für Internet Explorer (3124903)")
        #expect(document.document.tracking.id == "MS16-001-DE-DE")
        #expect(document.document.tracking.version == "1")
        #expect(document.document.tracking.revisionHistory == [
            .init(date: "2016-01-12T00:00:00.000Z", number: "1", summary: "Bulletin veröffentlicht.", legacyVersion: "1.0"),
        ])
        #expect(document.document.aggregateSeverity?.text == "Kritisch")
        #expect(document.document.distribution?.tlp.label == "WHITE")
        #expect(document.document.tracking.generator?.engine == .init(name: "Herald", version: "0.1.0"))

        let tree = try #require(document.productTree)
        #expect(tree == CSAFDocument.ProductTree(branches: [
            .init(category: "vendor", name: "Microsoft", branches: [
                .init(category: "product_name", name: "Internet Explorer 7", branches: [
                    .init(category: "product_version", name: "Windows Vista Service Pack 2",
                          product: .init(name: "Microsoft Internet Explorer 7 (Windows Vista Service Pack 2)", productID: "CSAFPID-0001")),
                ]),
                .init(category: "product_name", name: "Internet Explorer 9", branches: [
                    .init(category: "product_version", name: "Windows Vista Service Pack 2",
                          product: .init(name: "Microsoft Internet Explorer 9 (Windows Vista Service Pack 2)", productID: "CSAFPID-0002")),
                ]),
                .init(category: "product_name", name: "Windows 10 für 32-Bit-Systeme",
                      product: .init(name: "Microsoft Windows 10 für 32-Bit-Systeme", productID: "CSAFPID-0003")),
            ]),
        ]))

        let vulnerabilities = try #require(document.vulnerabilities)
        #expect(vulnerabilities.map(\.cve) == ["CVE-2016-0002", "CVE-2016-0005"])
        let all = ["CSAFPID-0001", "CSAFPID-0002", "CSAFPID-0003"]
        for vulnerability in vulnerabilities {
            #expect(vulnerability.productStatus?.knownAffected == all)
            #expect(vulnerability.remediations == [
                .init(category: "vendor_fix", details: "Microsoft Knowledge Base Article 3124266", url: "https://support.microsoft.com/kb/3124266", productIDs: ["CSAFPID-0003"]),
                .init(category: "vendor_fix", details: "Microsoft Knowledge Base Article 3124275", url: "https://support.microsoft.com/kb/3124275", productIDs: ["CSAFPID-0001", "CSAFPID-0002"]),
                .init(category: "vendor_fix", details: "Microsoft Knowledge Base Article 3124903", url: "https://support.microsoft.com/kb/3124903", productIDs: all),
            ])
        }
        #expect(vulnerabilities[0].notes?.map(\.category) == ["summary", "faq"])
        #expect(vulnerabilities[1].notes?.map(\.category) == ["summary"])

        #expect(document.document.references?.map(\.url) == [
            "https://example.org/de-de/ms16-001",
            "https://support.microsoft.com/kb/3124266",
            "https://support.microsoft.com/kb/3124275",
            "https://support.microsoft.com/kb/3124903",
            "https://support.microsoft.com/lifecycle",
            "https://technet.microsoft.com/de-de/library/security/ms15-124",
        ])
        #expect(document.document.references?.first { $0.url.hasSuffix("/lifecycle") }?.summary == "Microsoft Support Lifecycle")
        #expect(CSAFValidator.mandatoryTestFailures(document) == [])
    }

    @Test("a security advisory without an affected-software table gets one product named after it")
    func securityAdvisoryWithoutProductsGetsFallbackProduct() throws {
        var bulletin = CSAFFixtures.bulletin()
        bulletin.products = []
        let document = try CSAFWriter.document(for: bulletin, canonicalURL: "https://example.org/x", configuration: configuration)
        #expect(document.productTree?.allProducts == [
            .init(name: "Microsoft Kumulatives Sicherheitsupdate für Internet Explorer (3124903)", productID: "CSAFPID-0001"),
        ])
        #expect(document.vulnerabilities?.first?.productStatus?.knownAffected == ["CSAFPID-0001"])
        #expect(CSAFValidator.mandatoryTestFailures(document) == [])
    }

    @Test("an informational advisory without products has no product tree")
    func informationalAdvisoryWithoutProductsOmitsTheTree() throws {
        let document = try CSAFWriter.document(for: CSAFFixtures.advisory(), canonicalURL: "https://example.org/x", configuration: configuration)
        #expect(document.productTree == nil)
        #expect(document.vulnerabilities == nil)
        #expect(document.document.notes?.map(\.category) == ["summary", "legal_disclaimer"])
        #expect(document.document.notes?.last?.text.contains("Microsoft Security Response Center") == true)
        #expect(CSAFValidator.mandatoryTestFailures(document) == [])
    }

    @Test("external references are capped, knowledge base articles first")
    func externalReferencesAreCapped() throws {
        var advisory = CSAFFixtures.advisory()
        advisory.links = (1...60).map { DocumentLink(url: "https://example.org/\($0)", text: "link \($0)", line: $0) }
        let document = try CSAFWriter.document(for: advisory, canonicalURL: "https://example.org/self", configuration: configuration)
        let references = document.document.references ?? []
        #expect(references.count == 51)
        #expect(references[1].url == "https://support.microsoft.com/kb/954474")
        #expect(references[2].url == "https://example.org/1")
        #expect(references[3].url == "https://example.org/10") // sorted as text
    }

    struct ReferenceCase: CustomTestStringConvertible, Sendable {
        var name: String
        var kb: [String]
        var links: [(url: String, text: String)]
        var maximum: Int
        /// The external references expected, written out by hand: URL and summary.
        var expected: [(url: String, summary: String)]
        var testDescription: String { name }
    }

    static let referenceCases: [ReferenceCase] = [
        ReferenceCase(name: "a repeated URL keeps the text of its first link", kb: [],
                      links: [("https://b.example.org/x", "first"), ("https://a.example.org/", ""), ("https://b.example.org/x", "second")],
                      maximum: 50,
                      expected: [("https://a.example.org/", "https://a.example.org/"), ("https://b.example.org/x", "first")]),
        ReferenceCase(name: "links to the page itself or to a listed KB article are left out", kb: ["954474"],
                      links: [("https://support.microsoft.com/kb/954474", "KB"), ("https://example.org/self", "self"), ("https://c.example.org/", "c")],
                      maximum: 50,
                      expected: [("https://support.microsoft.com/kb/954474", "Microsoft Knowledge Base Article 954474"), ("https://c.example.org/", "c")]),
        ReferenceCase(name: "unusable URLs are skipped and do not hide a later usable link", kb: [],
                      links: [("mailto:a@example.org", "mail"), ("https://host/x", "no dot"), ("https://d.example.org/ä", "not ASCII"), ("https://d.example.org/", " d  text ")],
                      maximum: 50,
                      expected: [("https://d.example.org/", "d text")]),
        ReferenceCase(name: "repeated unusable URLs sorted between usable ones take no place under the cap", kb: [],
                      links: [("https://f.example.org/b", "b"), ("http://host/", "no dot"), ("https://f.example.org/ä", "not ASCII"), ("http://host/", "again"),
                              ("https://f.example.org/a", "a"), ("https://f.example.org/b", "b again"), ("https://f.example.org/c", "c"), ("", "empty")],
                      maximum: 2,
                      expected: [("https://f.example.org/a", "a"), ("https://f.example.org/b", "b")]),
        ReferenceCase(name: "the cap counts KB articles first and then the links in URL order", kb: ["2", "10", "1"],
                      links: [("https://z.example.org/", "z"), ("https://y.example.org/", "y")],
                      maximum: 4,
                      expected: [("https://support.microsoft.com/kb/1", "Microsoft Knowledge Base Article 1"),
                                 ("https://support.microsoft.com/kb/2", "Microsoft Knowledge Base Article 2"),
                                 ("https://support.microsoft.com/kb/10", "Microsoft Knowledge Base Article 10"),
                                 ("https://y.example.org/", "y")]),
        ReferenceCase(name: "more KB articles than the cap leave no room for links", kb: ["3", "4"],
                      links: [("https://a.example.org/", "a")],
                      maximum: 1,
                      expected: [("https://support.microsoft.com/kb/3", "Microsoft Knowledge Base Article 3")]),
        ReferenceCase(name: "URLs in byte order: a prefix before its extensions, capitals before small letters", kb: [],
                      links: [("https://e.example.org/a", "small"), ("https://e.example.org/x/y", "longer"), ("https://e.example.org/x", "prefix"),
                              ("https://e.example.org/B", "capital")],
                      maximum: 50,
                      expected: [("https://e.example.org/B", "capital"), ("https://e.example.org/a", "small"),
                                 ("https://e.example.org/x", "prefix"), ("https://e.example.org/x/y", "longer")]),
        ReferenceCase(name: "a cap of zero keeps only the self reference", kb: ["3"],
                      links: [("https://a.example.org/", "a")],
                      maximum: 0, expected: []),
    ]

    @Test("external references: KB articles, then distinct usable links by URL, capped", arguments: referenceCases)
    func externalReferences(_ example: ReferenceCase) throws {
        var advisory = CSAFFixtures.advisory()
        advisory.kb = example.kb
        advisory.links = example.links.enumerated().map { DocumentLink(url: $1.url, text: $1.text, line: $0 + 1) }
        var configuration = configuration
        configuration.maximumExternalReferences = example.maximum
        let document = try CSAFWriter.document(for: advisory, canonicalURL: "https://example.org/self", configuration: configuration)
        let references = try #require(document.document.references)
        #expect(references.first?.category == "self")
        #expect(references.first?.url == "https://example.org/self")
        let external = references.dropFirst()
        #expect(external.allSatisfy { $0.category == "external" })
        #expect(external.map(\.url) == example.expected.map(\.url))
        #expect(external.map(\.summary) == example.expected.map(\.summary))
    }

    @Test("a link whose URL equals the page's as a string is left out, whatever the page URL's bytes", arguments: [
        "https://example.org/K", "https://example.org/\u{212A}",
    ])
    func linkToThePageItself(canonicalURL: String) throws {
        var advisory = CSAFFixtures.advisory()
        advisory.kb = []
        advisory.links = [DocumentLink(url: "https://example.org/k", text: "small", line: 1), DocumentLink(url: "https://example.org/K", text: "capital", line: 2)]
        let document = try CSAFWriter.document(for: advisory, canonicalURL: canonicalURL, configuration: configuration)
        #expect(document.document.references?.map(\.url) == [canonicalURL, "https://example.org/k"])
    }

    // MARK: Tracking

    struct RevisionCase: CustomTestStringConvertible, Sendable {
        var name: String
        var published: String?
        var updated: String?
        var revisions: [Revision]
        var expected: [CSAFDocument.RevisionItem]
        var initial: String
        var current: String
        var testDescription: String { name }
    }

    static func item(_ date: String, _ number: String, _ summary: String, _ legacy: String? = nil) -> CSAFDocument.RevisionItem {
        .init(date: date + "T00:00:00.000Z", number: number, summary: summary, legacyVersion: legacy)
    }

    @Test("revision history", arguments: [
        RevisionCase(
            name: "dated revisions keep their order and get numbers 1…n",
            published: "2008-06-13", updated: "2008-06-17",
            revisions: [CSAFFixtures.revision("1.0", "2008-06-13", "Published."), CSAFFixtures.revision("1.1", "2008-06-17", "Updated.")],
            expected: [item("2008-06-13", "1", "Published.", "1.0"), item("2008-06-17", "2", "Updated.", "1.1")],
            initial: "2008-06-13", current: "2008-06-17"),
        RevisionCase(
            name: "revisions out of order are sorted by date",
            published: "2008-06-13", updated: "2008-06-17",
            revisions: [CSAFFixtures.revision("1.1", "2008-06-17", "Updated."), CSAFFixtures.revision("1.0", "2008-06-13", "Published.")],
            expected: [item("2008-06-13", "1", "Published.", "1.0"), item("2008-06-17", "2", "Updated.", "1.1")],
            initial: "2008-06-13", current: "2008-06-17"),
        RevisionCase(
            name: "a versioned revision without a date takes the date before it",
            published: "2012-04-10", updated: nil,
            revisions: [CSAFFixtures.revision("1.0", "2012-04-10", "Published."), CSAFFixtures.revision("1.1", nil, "Corrected.")],
            expected: [item("2012-04-10", "1", "Published.", "1.0"), item("2012-04-10", "2", "Corrected.", "1.1")],
            initial: "2012-04-10", current: "2012-04-10"),
        RevisionCase(
            name: "a line without version and date continues the summary before it",
            published: "2016-11-08", updated: "2016-12-13",
            revisions: [CSAFFixtures.revision("1.0", "2016-11-08", "Published."), CSAFFixtures.revision("2.0", "2016-12-13", "Revised."),
                        CSAFFixtures.revision(nil, nil, "Detection changes only.")],
            expected: [item("2016-11-08", "1", "Published.", "1.0"), item("2016-12-13", "2", "Revised. Detection changes only.", "2.0")],
            initial: "2016-11-08", current: "2016-12-13"),
        RevisionCase(
            name: "a record without revisions gets one at its publication",
            published: "2008-06-13", updated: nil, revisions: [],
            expected: [item("2008-06-13", "1", "Initial publication.")],
            initial: "2008-06-13", current: "2008-06-13"),
        RevisionCase(
            name: "a revision later than the updated date makes the current release date",
            published: "2004-08-01", updated: "2004-08-01",
            revisions: [CSAFFixtures.revision("1.0", "2004-08-01", "Published."), CSAFFixtures.revision("1.1", "2004-08-03", "Updated.")],
            expected: [item("2004-08-01", "1", "Published.", "1.0"), item("2004-08-03", "2", "Updated.", "1.1")],
            initial: "2004-08-01", current: "2004-08-03"),
        RevisionCase(
            name: "without a published date the first revision is the initial release",
            published: nil, updated: nil,
            revisions: [CSAFFixtures.revision(nil, "2005-01-11", "Published.")],
            expected: [item("2005-01-11", "1", "Published.")],
            initial: "2005-01-11", current: "2005-01-11"),
    ])
    func revisionHistory(_ example: RevisionCase) throws {
        let advisory = CSAFFixtures.advisory(published: example.published, updated: example.updated, revisions: example.revisions)
        let document = try CSAFWriter.document(for: advisory, canonicalURL: "https://example.org/x", configuration: configuration)
        let tracking = document.document.tracking
        #expect(tracking.revisionHistory == example.expected)
        #expect(tracking.version == example.expected.last?.number)
        #expect(tracking.status == "final")
        #expect(tracking.initialReleaseDate == example.initial + "T00:00:00.000Z")
        #expect(tracking.currentReleaseDate == example.current + "T00:00:00.000Z")
        #expect(CSAFValidator.mandatoryTestFailures(document) == [])
    }

    @Test("a record without any date is not CSAF and yields a CSAF001 diagnostic")
    func recordWithoutDateYieldsDiagnostic() {
        let advisory = CSAFFixtures.advisory(published: nil, updated: nil, revisions: [CSAFFixtures.revision("1.0", nil, "Published.")])
        #expect {
            _ = try CSAFWriter.document(for: advisory, canonicalURL: "https://example.org/x", configuration: configuration)
        } throws: { error in
            (error as? Diagnostic)?.code == .csaf001
        }
    }

    @Test("a library page is not CSAF")
    func libraryPageIsNotCSAF() {
        var page = CSAFFixtures.advisory()
        page.kind = .library
        #expect(CSAFWriter.isPublished(page) == false)
        #expect(throws: Diagnostic.self) {
            _ = try CSAFWriter.publication(for: page, canonicalURL: "https://example.org/x", configuration: configuration)
        }
    }

    @Test("a document failing a mandatory test is not published")
    func failingDocumentIsNotPublished() {
        let advisory = CSAFFixtures.advisory(locale: "EZ")
        #expect {
            _ = try CSAFWriter.publication(for: advisory, canonicalURL: "https://example.org/x", configuration: configuration)
        } throws: { error in
            guard let diagnostic = error as? Diagnostic else { return false }
            return diagnostic.code == .csaf001 && diagnostic.message.contains("6.1.12")
        }
    }

    // MARK: Identity and bytes

    struct IdentityCase: CustomTestStringConvertible, Sendable {
        var kind: DocumentKind
        var id: String
        var locale: String
        var trackingID: String
        var fileName: String
        var testDescription: String { "\(kind.rawValue) \(id) in \(locale)" }
    }

    @Test("tracking ids and file names stay unique across locales", arguments: [
        IdentityCase(kind: .advisory, id: "954474", locale: "en-US", trackingID: "MSA-954474", fileName: "msa-954474.json"),
        IdentityCase(kind: .advisory, id: "954474", locale: "zh-CN", trackingID: "MSA-954474-ZH-CN", fileName: "msa-954474-zh-cn.json"),
        IdentityCase(kind: .bulletin, id: "MS16-001", locale: "de-DE", trackingID: "MS16-001-DE-DE", fileName: "ms16-001-de-de.json"),
        IdentityCase(kind: .summary, id: "MS14-AUG", locale: "en-us", trackingID: "MS14-AUG", fileName: "ms14-aug.json"),
        IdentityCase(kind: .investigation, id: "MSVR12-006", locale: "zh-CN", trackingID: "MSVR12-006-ZH-CN", fileName: "msvr12-006-zh-cn.json"),
    ])
    func trackingIDsAndFileNames(_ example: IdentityCase) {
        var advisory = CSAFFixtures.advisory(id: example.id, locale: example.locale)
        advisory.kind = example.kind
        let trackingID = configuration.trackingID(for: advisory)
        #expect(trackingID == example.trackingID)
        #expect(CSAFDistribution.fileName(forTrackingID: trackingID) == example.fileName)
    }

    @Test("encoding is deterministic: the same record gives the same bytes")
    func encodingIsDeterministic() throws {
        let first = try CSAFWriter.publication(for: CSAFFixtures.bulletin(), canonicalURL: "https://example.org/x", configuration: configuration).data
        let second = try CSAFWriter.publication(for: CSAFFixtures.bulletin(), canonicalURL: "https://example.org/x", configuration: configuration).data
        #expect(first == second)
        let text = String(decoding: first, as: UTF8.self)
        #expect(text.contains("\"url\" : \"https://support.microsoft.com/kb/3124266\"")) // slashes not escaped
        // No clock: the generator names the engine only.
        let json = try JSONSerialization.jsonObject(with: first) as? [String: Any]
        let tracking = (json?["document"] as? [String: Any])?["tracking"] as? [String: Any]
        #expect((tracking?["generator"] as? [String: Any]).map { Array($0.keys) } == ["engine"])
        #expect(text.hasSuffix("}\n"))
        // Keys sorted: "document" before "product_tree" before "vulnerabilities".
        let positions = ["\"document\"", "\"product_tree\"", "\"vulnerabilities\""].compactMap { text.range(of: $0)?.lowerBound }
        #expect(positions.count == 3 && positions == positions.sorted())
        // Round trip.
        #expect(try JSONDecoder().decode(CSAFDocument.self, from: first) == CSAFWriter.document(for: CSAFFixtures.bulletin(), canonicalURL: "https://example.org/x", configuration: configuration))
    }
}
