@testable import AdvisoryExtraction
import AdvisoryModel
import Foundation
import Testing

/// The shortcuts that let extraction skip work: the date expressions a text cannot match, the
/// byte scans for KB and CVE ids, and the one walk that collects headings, links and raw-HTML ids.
@Suite("Scan shortcuts")
struct ScanShortcutTests {
    struct FeatureCase: CustomTestStringConvertible, Sendable {
        var name: String
        var text: String
        var year: Bool
        var dot: Bool
        var slash: Bool
        var separator: Bool
        var testDescription: String { name }
    }

    static let featureCases: [FeatureCase] = [
        FeatureCase(name: "Chinese date", text: "2008年6月13日", year: true, dot: false, slash: false, separator: true),
        FeatureCase(name: "Korean date", text: "2008년 6월 14일", year: true, dot: false, slash: false, separator: true),
        FeatureCase(name: "German date", text: "13. Juni 2008", year: true, dot: true, slash: false, separator: false),
        FeatureCase(name: "slashed date", text: "6/13/2008", year: true, dot: false, slash: true, separator: true),
        FeatureCase(name: "dashed date", text: "2015-3-10", year: true, dot: false, slash: false, separator: true),
        FeatureCase(name: "year in Arabic-Indic digits after 20", text: "20\u{0661}\u{0662}", year: true, dot: false, slash: false, separator: false),
        FeatureCase(name: "19 followed by one digit only", text: "V1.9 build 190", year: false, dot: true, slash: false, separator: false),
        FeatureCase(name: "21st century number that is not 19 or 20", text: "2108 2199", year: false, dot: false, slash: false, separator: false),
        FeatureCase(name: "no digits", text: "没有日期", year: false, dot: false, slash: false, separator: false),
    ]

    @Test("what a text holds for the date expressions", arguments: featureCases)
    func features(_ c: FeatureCase) {
        let features = DateTextFeatures(c.text)
        #expect(features.hasYear == c.year)
        #expect(features.hasDot == c.dot)
        #expect(features.hasSlash == c.slash)
        #expect(features.hasYearMonthSeparator == c.separator)
    }

    /// Each shipped locale's own long and medium form of two days, as Foundation writes them,
    /// is still read when the expressions a text cannot match are skipped.
    @Test("each shipped locale's long and medium dates still read", arguments: LocaleCatalog.shared.profiles.map(\.tag))
    func shippedLocaleForms(tag: String) throws {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: tag.replacingOccurrences(of: "-", with: "_"))
        formatter.calendar = Calendar(identifier: .gregorian)
        formatter.timeZone = TimeZone(identifier: "UTC")
        let order = CLDRDateForms.forms(for: tag).numericOrder
        for (year, month, dayOfMonth) in [(2008, 6, 23), (2014, 11, 11)] {
            let date = try #require(Calendar(identifier: .gregorian).date(from: DateComponents(timeZone: TimeZone(identifier: "UTC"), year: year, month: month, day: dayOfMonth)))
            for style in [DateFormatter.Style.long, .medium] {
                formatter.dateStyle = style
                let text = formatter.string(from: date)
                let atoms = DateReader.shared.dates(in: text, numericOrder: order)
                #expect(atoms.first?.date == DayDate(year: year, month: month, day: dayOfMonth), "\(tag) \(style.rawValue): \(text)")
            }
        }
    }

    @Test("CLDR patterns the year-month-day expression already reads are not run again", arguments: [
        ("zh and ja long", "y年M月d日", true),
        ("ja medium", "y/MM/dd", true),
        ("ISO", "y-MM-dd", true),
        ("Korean with spaces", "y년 M월 d일", true),
        ("quoted Chinese literals", "y'年'M'月'd'日'", true),
        ("Korean medium, dots", "y. M. d.", false),
        ("Korean long, month names", "y년 MMMM d일", false),
        ("day first", "d.M.y", false),
        ("weekday after the day", "y年M月d日EEEE", false),
        ("abbreviated month name", "y年MMM d日", false),
        ("month first", "MMMM d, y", false),
    ])
    func coveredPatterns(name: String, pattern: String, covered: Bool) {
        #expect(CLDRDateForms.isCoveredByYearMonthDay(pattern) == covered, "\(name)")
    }

    @Test("CJK dates still read once each, wherever they stand in a line", arguments: [
        ("发布日期：2008年6月13日", ["2008-06-13"]),
        ("2008年6月13日 | 2009年1月2日", ["2008-06-13", "2009-01-02"]),
        ("公開日: 2014/11/11", ["2014-11-11"]),
        ("게시: 2008년 6월 14일", ["2008-06-14"]),
        ("1999年-2008年6月13日", ["2008-06-13"]),
    ])
    func cjkDates(text: String, expected: [String]) {
        #expect(DateReader.shared.dates(in: text).map(\.date) == expected.map(day))
    }

    @Test("month names in capitals are still found", arguments: [
        ("13. JUNI 2008", "2008-06-13"), ("JUNE 17, 2014", "2014-06-17"), ("13 DE JUNIO DE 2008", "2008-06-13"),
    ])
    func capitalMonthNames(text: String, expected: String) {
        #expect(DateReader.shared.dates(in: text).map(\.date) == [day(expected)])
    }

    @Test("a text with a year but no month name reads only numeric dates", arguments: [
        ("V1.0（2014 年 11 月 11 日）：此公告已发布。", ["2014-11-11"]),
        ("Windows 2000 Service Pack 4 und 2008/6/16", ["2008-06-16"]),
        ("Windows Server 2008 R2", []),
    ])
    func numericOnly(text: String, expected: [String]) {
        #expect(DateReader.shared.dates(in: text).map(\.date) == expected.map(day))
    }

    @Test("KB numbers", arguments: [
        ("Microsoft 知识库文章 2755801", ["2755801"]),
        ("知識庫文章編號 954474 說明", ["954474"]),
        ("See Knowledge Base Article 954474.", ["954474"]),
        ("KNOWLEDGE BASE-ARTIKELS 2755801", ["2755801"]),
        ("https://support.microsoft.com/kb/954474 and ?kbid=2269637", ["954474", "2269637"]),
        ("scid=kb;en-us;954474", ["954474"]),
        ("KB95447 is too short, aKB954474 is inside a word", []),
        ("build 1234567 of version 6.0", []),
    ])
    func kbNumbers(text: String, expected: [String]) {
        #expect(IdentifierScanner.kbNumbers(in: text) == expected)
    }

    @Test("CVE ids", arguments: [
        ("cve-2016-0002 and CVE-2016-12345.", ["CVE-2016-0002", "CVE-2016-12345"]),
        ("XCVE-2016-0002, CVE-16-0002, CVE-2016-123", []),
        ("abcdef CVE-2016-0002", ["CVE-2016-0002"]),
        ("修补 cve-2016-0002：CVE-2017-0144", ["CVE-2016-0002", "CVE-2017-0144"]),
    ])
    func cves(text: String, expected: [String]) {
        #expect(IdentifierScanner.cves(in: text) == expected)
    }

    @Test("CVE ids and KB numbers in one pass", arguments: [
        ("CVE-2016-0002 (KB3124605)", ["CVE-2016-0002"], ["3124605"]),
        ("KB954474", [], ["954474"]),
        ("CVE-2016-0002 only", ["CVE-2016-0002"], []),
        ("no digits at all", [], []),
        ("CVE-16-002 and KB123: no run of four digits", [], []),
        ("2016 is a run of four, kb 12345 of five", [], []),
    ])
    func identifiers(text: String, cves: [String], kbNumbers: [String]) {
        let found = IdentifierScanner.identifiers(in: text)
        #expect(found.cves == cves)
        #expect(found.kbNumbers == kbNumbers)
    }

    @Test("one walk gives headings their anchors, and collects raw-HTML ids and every link and image")
    func bodyWalk() {
        let source = """
        ---
        Title: T
        ---

        # T

        <a name="faq"></a>

        ## FAQ

        See [the FAQ](#faq) and ![logo](Images/logo.png "Logo").

        ## FAQ

        [KB](https://support.microsoft.com/kb/954474)
        """
        let result = extract(source)
        #expect(result.rawHTMLIds == ["faq"])
        #expect(result.advisory.headings.map(\.anchor) == ["t", "faq-2", "faq-3"])
        #expect(result.advisory.headings.map(\.line) == [5, 9, 13])
        #expect(result.linkTargets == [
            LinkTarget(url: "#faq", isImage: false, line: 11, column: 5),
            LinkTarget(url: "Images/logo.png", isImage: true, line: 11, column: 25),
            LinkTarget(url: "https://support.microsoft.com/kb/954474", isImage: false, line: 15, column: 1),
        ])
        #expect(result.advisory.kb == ["954474"])
        #expect(result.advisory.links.map(\.url) == ["#faq", "https://support.microsoft.com/kb/954474"])
    }
}
