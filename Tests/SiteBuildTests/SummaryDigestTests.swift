import AdvisoryModel
@testable import SiteBuild
import Testing

/// The summary digest (a cache key: when no document's digest changes, no other page changes)
/// sees every field of a summary that another page reads, and not the line numbers.
@Suite("Summary digest")
struct SummaryDigestTests {
    struct Change: Sendable, CustomTestStringConvertible {
        var testDescription: String
        var apply: @Sendable (inout Advisory) -> Void
    }

    static func summary() -> Advisory {
        var advisory = CacheFormatTests.sampleFacts().summary
        advisory.headings = [Heading(level: 1, text: advisory.title, anchor: "microsoft-954474", line: 9)]
        return DocumentFacts.summary(of: advisory)
    }

    @Test("A change of any read field changes the digest", arguments: [
        Change(testDescription: "id") { $0.id = "954475" },
        Change(testDescription: "kind") { $0.kind = .bulletin },
        Change(testDescription: "locale") { $0.locale = "zh-TW" },
        Change(testDescription: "assetId") { $0.assetId = nil },
        Change(testDescription: "assetId empty, not absent") { $0.assetId = "" },
        Change(testDescription: "contentKey") { $0.contentKey = "x" },
        Change(testDescription: "mtpsId") { $0.mtpsId = nil },
        Change(testDescription: "title") { $0.title += "!" },
        Change(testDescription: "tocTitle") { $0.tocTitle = "短标题" },
        Change(testDescription: "subtitle") { $0.subtitle = nil },
        Change(testDescription: "published") { $0.published = DayDate(year: 2008, month: 6, day: 14) },
        Change(testDescription: "updated") { $0.updated = nil },
        Change(testDescription: "version") { $0.version = "1.2" },
        Change(testDescription: "severity rating") { $0.severity?.rating = .critical },
        Change(testDescription: "severity as written") { $0.severity?.raw = "严重" },
        Change(testDescription: "kb") { $0.kb.append("123456") },
        Change(testDescription: "kb moved to cves") { $0.kb = []; $0.cves = ["954474", "CVE-2008-0001"] },
        Change(testDescription: "kbPrimary") { $0.kbPrimary = nil },
        Change(testDescription: "cves") { $0.cves = [] },
        Change(testDescription: "revision text") { $0.revisions[0].text = "已更新。" },
        Change(testDescription: "revision date") { $0.revisions[1].date = DayDate(year: 2008, month: 6, day: 17) },
        Change(testDescription: "revision version") { $0.revisions[1].version = "1.1" },
        Change(testDescription: "heading anchor") { $0.headings[0].anchor = "other" },
        Change(testDescription: "heading level") { $0.headings[0].level = 2 },
        Change(testDescription: "draft") { $0.draft.toggle() },
        Change(testDescription: "builtAt") { $0.builtAt = nil },
        Change(testDescription: "source path") { $0.source.path = "/c/other.md" },
    ])
    func changesShow(change: Change) {
        var changed = Self.summary()
        change.apply(&changed)
        #expect(DocumentFacts.digest(ofSummary: changed) != DocumentFacts.digest(ofSummary: Self.summary()))
    }

    @Test("Line numbers do not change the digest")
    func linesDoNot() {
        var moved = Self.summary()
        moved.source.lines = [.title: 30]
        moved.revisions = moved.revisions.map { Revision(version: $0.version, date: $0.date, text: $0.text, line: $0.line + 5) }
        moved.headings = moved.headings.map { Heading(level: $0.level, text: $0.text, anchor: $0.anchor, line: $0.line + 5) }
        #expect(DocumentFacts.digest(ofSummary: moved) == DocumentFacts.digest(ofSummary: Self.summary()))
    }

    @Test("Every stored property of a record is digested or named as left out")
    func everyFieldIsAccountedFor() {
        let labels = Mirror(reflecting: Self.summary()).children.compactMap(\.label)
        #expect(labels.sorted() == (DocumentFacts.digestedFields + DocumentFacts.undigestedFields).sorted())
        #expect(Self.summary().headings.count == 1, "the sample has a title heading, so heading changes are seen")
    }
}
