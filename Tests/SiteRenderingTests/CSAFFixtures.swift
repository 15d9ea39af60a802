import AdvisoryExtraction
import AdvisoryModel
import Foundation
import SiteRendering

/// Shared inputs of the CSAF tests: a configuration, hand-built records and the corpus.
enum CSAFFixtures {
    static let configuration = CSAFConfiguration(
        publisherName: "Microsoft Security Response Center",
        namespace: "https://msrc.microsoft.com",
        siteBaseURL: "https://example.org/security-updates",
        generatorVersion: "0.1.0"
    )

    /// `/work/shared` seen from this file: Tests/SiteRenderingTests → ../../../shared.
    static let sharedFolder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("shared")

    static var corpusFolder: URL { sharedFolder.appendingPathComponent("corpus") }

    /// The example CSAF document of ANCHORS §3.2, or nil when the shared folder is absent.
    static func exampleDocument() throws -> CSAFDocument? {
        let url = sharedFolder.appendingPathComponent("examples/msa-954474.csaf.json")
        guard let data = try? Data(contentsOf: url) else { return nil }
        return try JSONDecoder().decode(CSAFDocument.self, from: data)
    }

    /// The record of a corpus file (path below `corpus/`), or nil when the corpus is absent.
    static func corpusAdvisory(_ relative: String) -> Advisory? {
        let url = corpusFolder.appendingPathComponent(relative)
        guard let data = try? Data(contentsOf: url) else { return nil }
        return AdvisoryExtractor().extract(bytes: [UInt8](data), path: url.path).advisory
    }

    static func day(_ iso: String) -> DayDate? { DayDate(iso: iso) }

    /// A bulletin in the shape of MS16-001 (de-DE), built by hand: two CVEs, grouped products with
    /// their own KB numbers, a dotted version and one revision.
    static func bulletin() -> Advisory {
        var advisory = Advisory(
            id: "MS16-001", kind: .bulletin, locale: "de-DE",
            title: "Microsoft Security Bulletin MS16-001 – Kritisch",
            source: SourceInfo(path: "de-de/SecurityBulletins/2016/ms16-001.md", lines: [.revisions: 1159])
        )
        advisory.subtitle = "Kumulatives Sicherheitsupdate für Internet Explorer (3124903)"
        advisory.published = day("2016-01-12")
        advisory.version = "1.0"
        advisory.severity = Severity(rating: .critical, raw: "Kritisch")
        advisory.kb = ["3124903", "3124275"]
        advisory.kbPrimary = "3124903"
        advisory.cves = ["CVE-2016-0002", "CVE-2016-0005", "CVE-2016-0002"]
        advisory.products = [
            AffectedProduct(name: "Windows Vista Service Pack 2", group: "Internet Explorer 7", kb: ["3124275"], severity: "critical", line: 64),
            AffectedProduct(name: "Windows Vista Service Pack 2", group: "Internet Explorer 9", kb: ["3124275"], severity: "critical", line: 90),
            AffectedProduct(name: "Windows 10 für 32-Bit-Systeme", kb: ["3124266"], severity: "critical", line: 120),
        ]
        advisory.revisions = [Revision(version: "1.0", date: day("2016-01-12"), text: "Bulletin veröffentlicht.", line: 1162)]
        advisory.faq = [FAQEntry(question: "Was ist CVE-2016-0002?", answer: "Eine Sicherheitsanfälligkeit im VBScript-Modul.", line: 789)]
        advisory.links = [
            DocumentLink(url: "https://technet.microsoft.com/de-de/library/security/ms15-124", text: "MS15-124", line: 81),
            DocumentLink(url: "https://support.microsoft.com/lifecycle", text: "Microsoft Support Lifecycle", line: 38),
            DocumentLink(url: "https://support.microsoft.com/lifecycle", text: "again", line: 40),
            DocumentLink(url: "mailto:secure@microsoft.com", text: "mail", line: 41),
            DocumentLink(url: "https://example.org/a b", text: "space", line: 42),
        ]
        return advisory
    }

    /// An advisory without CVEs (informational), with the given revisions.
    static func advisory(
        id: String = "954474", locale: String = "en-US", published: String? = "2008-06-13", updated: String? = "2008-06-17",
        revisions: [Revision] = []
    ) -> Advisory {
        var advisory = Advisory(id: id, kind: .advisory, locale: locale, title: "Microsoft Security Advisory \(id)", source: SourceInfo(path: "advisory.md"))
        advisory.subtitle = "Something Blocked"
        advisory.published = published.flatMap(day)
        advisory.updated = updated.flatMap(day)
        advisory.revisions = revisions
        advisory.kb = ["954474"]
        return advisory
    }

    static func revision(_ version: String?, _ date: String?, _ text: String) -> Revision {
        Revision(version: version, date: date.flatMap(day), text: text, line: 1)
    }
}
