import AdvisoryExtraction
import AdvisoryModel
import CommonMark
import Testing

/// The 40 hardest files per language of CORPUS.md §7 (plus de `ms09-048` for DATE002): each one
/// extracts without crashing, and its known problem shows as a diagnostic or a field.
/// Expected values were read off the source files.
@Suite("CORPUS.md §7 hardest files", .enabled(if: Corpus.isAvailable, "needs ../shared/corpus beside the project (absent in a fresh clone)"))
struct HardFilesTests {
    enum Check: Sendable {
        /// Only that the file extracts, with a title.
        case reads
        case diagnostic(DiagnosticCode)
        case published(String)
        case dates(published: String, updated: String?)
        /// DATE001 for a date line without a published date; published then comes from the first revision.
        case publishedFromRevision(String)
        case revision(version: String, date: String?)
        case version(String)
        case tocTitle(String)
        case noStrikethrough
        case alerts(Int)
    }

    struct Case: CustomTestStringConvertible, Sendable {
        var file: String
        var checks: [Check]
        init(_ file: String, _ checks: Check...) {
            self.file = file
            self.checks = checks
        }
        var testDescription: String { file }
    }

    static let zh: [Case] = [
        Case("SecurityAdvisories/2018/4092731.md", .diagnostic(.fm003), .diagnostic(.doc003)),
        Case("SecurityBulletins/2007/ms07-057.md", .dates(published: "2007-10-09", updated: "2007-10-10"), .noStrikethrough),
        Case("SecurityBulletins/2007/ms07-045.md", .dates(published: "2007-08-14", updated: "2007-10-10"), .noStrikethrough),
        Case("SecurityBulletins/2012/ms12-034.md", .version("1.6"), .revision(version: "1.6", date: nil)),
        Case("SecurityAdvisories/2014/2755801.md", .diagnostic(.fm004)),
        Case("SecurityBulletinSummaries/2007/ms07-jan.md", .diagnostic(.fm004), .tocTitle("MS07-JAN")),
        Case("SecurityBulletins/2006/ms06-014.md", .reads),
        Case("SecurityBulletins/2011/ms11-092.md", .dates(published: "2011-12-13", updated: "2012-08-08"), .version("1.1")),
        Case("SecurityAdvisories/2009/960715.md", .dates(published: "2009-02-10", updated: "2009-06-17")),
        Case("SecurityBulletins/2004/ms04-032.md", .publishedFromRevision("2004-10-12")),
        Case("SecurityBulletinSummaries/2017/ms17-mar.md", .revision(version: "2.1", date: "2017-04-14")),
        Case("Security/30511457.md", .reads),
        Case("SecurityAdvisories/2017/4053440.md", .publishedFromRevision("2017-11-08")),
        Case("SecurityBulletins/2013/ms13-049.md", .diagnostic(.id002)),
        Case("SecurityBulletins/2015/ms15-061.md", .diagnostic(.doc003)),
        Case("SecurityAdvisories/2014/3009008.md", .revision(version: "3.0", date: "2015-04-14")),
        Case("SecurityBulletins/2015/ms15-080.md", .reads),
        Case("SecurityBulletins/2006/ms06-003.md", .diagnostic(.rev001)),
        Case("SecurityBulletins/2008/ms08-052.md", .reads),
        Case("SecurityBulletins/2017/ms17-012.md", .reads),
        Case("SecurityBulletins/2007/ms07-069.md", .noStrikethrough),
        Case("WindowsRightsManagementServices/18112485.md", .alerts(9)),
        Case("WindowsUpdateServices/21740812.md", .reads),
        Case("SecurityAdvisories/2016/2755801.md", .revision(version: "35.0", date: "2015-01-22")),
        Case("SecurityBulletins/2016/ms16-123.md", .diagnostic(.date001), .dates(published: "2016-10-11", updated: "2016-12-13")),
        Case("SecurityBulletins/2016/ms16-124.md", .diagnostic(.date001)),
        Case("SecurityBulletins/2007/ms07-027.md", .reads),
        Case("SecurityAdvisories/2017/4033453.md", .diagnostic(.rev001)),
        Case("SecurityBulletins/2004/ms04-039.md", .diagnostic(.loc002), .revision(version: "3.0", date: "2004-11-16"), .version("3.0")),
        Case("SecurityBulletins/2007/ms07-006.md", .diagnostic(.ver002)),
        Case("SecurityBulletins/2007/ms07-007.md", .diagnostic(.ver002)),
        Case("SecurityBulletins/2009/ms09-062.md", .reads),
        Case("Security/30511427.md", .reads),
        Case("Security/30511465.md", .reads),
        Case("SecurityBulletinSummaries/2004/ms04-oct.md", .reads),
        Case("SecurityBulletinSummaries/2005/ms05-apr.md", .reads),
        Case("SecurityBulletins/2014/ms14-040.md", .diagnostic(.doc003)),
        Case("SecurityBulletins/2015/ms15-030.md", .published("2015-03-10")),
        Case("SecurityBulletins/2016/ms16-096.md", .reads),
        Case("SecurityBulletinSummaries/2015/ms15-mar.md", .published("2015-03-10")),
    ]

    static let de: [Case] = [
        Case("Security/20075686.md", .diagnostic(.fm004)),
        Case("SecurityAdvisories/2018/4092731.md", .diagnostic(.fm003)),
        Case("Security/20075617.md", .diagnostic(.fm001)),
        Case("SecurityBulletins/2016/ms16-003.md", .dates(published: "2016-01-12", updated: "2016-05-25")),
        Case("SecurityBulletins/2012/ms12-037.md", .reads),
        Case("Acknowledgments/2015/acknowledgments2015.md", .reads),
        Case("SecurityBulletins/2014/ms14-041.md", .published("2014-07-08")),
        Case("SecurityBulletins/2006/ms06-008.md", .diagnostic(.fm004)),
        Case("SecurityBulletins/2008/ms08-025.md", .diagnostic(.fm004)),
        Case("SecurityBulletins/2015/ms15-056.md", .diagnostic(.fm004), .tocTitle("MS15-056")),
        Case("Acknowledgments/2016/acknowledgments2016.md", .reads),
        Case("SecurityBulletins/2007/MS07-057.md", .version("1.3")),
        Case("SecurityBulletins/2012/MS12-033.md", .published("2012-05-08")),
        Case("Acknowledgments/2014/acknowledgments2014.md", .reads),
        Case("SecurityBulletins/2004/ms04-028.md", .reads),
        Case("Security/15480167.md", .reads),
        Case("SecurityBulletins/2008/ms08-017.md", .reads),
        Case("SecurityBulletins/2007/ms07-045.md", .noStrikethrough),
        Case("WindowsRightsManagementServices/18118782.md", .alerts(8)),
        Case("SecurityBulletins/2004/ms04-032.md", .publishedFromRevision("2004-10-12")),
        Case("SecurityBulletins/2009/ms09-062.md", .reads),
        Case("SecurityBulletins/2009/ms09-040.md", .publishedFromRevision("2009-08-11"), .dates(published: "2009-08-11", updated: "2010-06-30")),
        Case("Acknowledgments/2017/acknowledgments2017.md", .reads),
        Case("SecurityBulletinSummaries/2008/ms08-oct.md", .reads),
        Case("SecurityAdvisories/2017/4033453.md", .diagnostic(.rev001)),
        Case("SecurityBulletins/2005/ms05-002.md", .publishedFromRevision("2005-01-11")),
        Case("SecurityBulletins/2008/ms08-052.md", .reads),
        Case("SecurityAdvisories/2016/2755801.md", .dates(published: "2012-09-21", updated: "2016-01-05")),
        Case("SecurityBulletins/2007/ms07-019.md", .reads),
        Case("SecurityBulletins/2014/ms14-040.md", .diagnostic(.doc003)),
        Case("SecurityBulletins/2015/ms15-061.md", .diagnostic(.doc003)),
        Case("SecurityBulletins/2016/ms16-096.md", .reads),
        Case("SecurityBulletins/2016/ms16-102.md", .reads),
        Case("SecurityBulletins/2013/ms13-052.md", .reads),
        Case("SecurityBulletins/2006/ms06-021.md", .reads),
        Case("SecurityBulletins/2004/ms04-020.md", .diagnostic(.rev002), .revision(version: "1.0", date: nil)),
        Case("SecurityAdvisories/2014/3009008.md", .reads),
        Case("SecurityBulletins/2012/ms12-034.md", .reads),
        Case("SecurityAdvisories/2011/2524375.md", .dates(published: "2011-03-23", updated: "2011-07-06")),
        Case("SecurityBulletins/2006/ms06-042.md", .reads),
        Case("SecurityBulletins/2009/ms09-048.md", .diagnostic(.date002), .dates(published: "2009-09-17", updated: "2009-09-10")),
    ]

    @Test("zh-CN", arguments: zh)
    func chinese(_ c: Case) throws { try check(c, locale: "zh-cn") }

    @Test("de-DE", arguments: de)
    func german(_ c: Case) throws { try check(c, locale: "de-de") }

    private func check(_ c: Case, locale: String) throws {
        let result = try Corpus.extract("\(locale)/\(c.file)")
        let advisory = result.advisory
        #expect(!advisory.title.isEmpty)
        for check in c.checks {
            switch check {
            case .reads:
                #expect(!result.document.children.isEmpty)
            case .diagnostic(let code):
                #expect(result.codes.contains(code), "expected \(code.rawValue) in \(result.diagnostics.map(\.formatted))")
            case .published(let date):
                #expect(advisory.published == day(date))
            case .dates(let published, let updated):
                #expect(advisory.published == day(published))
                #expect(advisory.updated == updated.flatMap(day))
            case .publishedFromRevision(let date):
                #expect(result.codes.contains(.date001))
                #expect(advisory.published == day(date))
                #expect(advisory.revisions.first?.date == day(date))
            case .revision(let version, let date):
                let entry = advisory.revisions.first { $0.version == version }
                #expect(entry != nil, "no revision \(version)")
                #expect(entry?.date == date.flatMap(day))
            case .version(let version):
                #expect(advisory.version == version)
            case .tocTitle(let title):
                #expect(advisory.tocTitle == title)
            case .noStrikethrough:
                #expect(!result.document.allNodes.contains { $0.kind == .strikethrough })
            case .alerts(let count):
                #expect(advisory.notes.count == count)
            }
        }
    }
}
