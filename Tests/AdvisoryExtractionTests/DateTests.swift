import AdvisoryExtraction
import AdvisoryModel
import Testing

@Suite("Dates")
struct DateTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var text: String
        var expected: String
        var order = "dmy"
        var testDescription: String { "\(text) → \(expected)" }
    }

    static let valid: [Case] = [
        Case(text: "2008年6月13日", expected: "2008-06-13"),
        Case(text: "2008 年 6 月 13 日", expected: "2008-06-13"),
        Case(text: "2014年 10 月 14 日", expected: "2014-10-14"),
        Case(text: "2016 年 10 月 11日", expected: "2016-10-11"),
        Case(text: "2008년 6월 14일", expected: "2008-06-14"),
        Case(text: "2008년 6월 14일 토요일", expected: "2008-06-14"),
        Case(text: "Freitag, 13. Juni 2008", expected: "2008-06-13"),
        Case(text: "13.\u{00A0}Juni\u{00A0}2008", expected: "2008-06-13"),
        Case(text: "10.\u{00A0}Januar 2017", expected: "2017-01-10"),
        Case(text: "13 de junio de 2008", expected: "2008-06-13"),
        Case(text: "viernes, 13 de junio de 2008", expected: "2008-06-13"),
        Case(text: "June 17, 2014", expected: "2014-06-17"),
        Case(text: "July 06, 2011", expected: "2011-07-06"),
        Case(text: "2015-3-10", expected: "2015-03-10"),
        Case(text: "2008/6/16", expected: "2008-06-16"),
        Case(text: "12.11.13", expected: "2013-11-12"),
        Case(text: "21.09.12", expected: "2012-09-21"),
        Case(text: "13 juin 2008", expected: "2008-06-13"),
        Case(text: "13 июня 2008", expected: "2008-06-13"),
        Case(text: "6/13/2008", expected: "2008-06-13", order: "mdy"),
        Case(text: "13/6/2008", expected: "2008-06-13", order: "dmy"),
    ]

    @Test("valid dates in many languages", arguments: valid)
    func validDate(_ c: Case) {
        let atoms = DateReader.shared.dates(in: c.text, numericOrder: c.order)
        #expect(atoms.count == 1)
        #expect(atoms.first?.date == DayDate(iso: c.expected))
    }

    @Test("text without a year or a dotted number is not searched", arguments: [
        ("第五章 没有日期", false), ("Version 1.0", true), ("KB 954474", false), ("2008", true), ("1899", false), ("１９", true),
    ])
    func quickRejection(text: String, mayContain: Bool) {
        #expect(DateReader.mayContainDate(text) == mayContain)
    }

    @Test("the quick rejection never hides a date", arguments: valid.map(\.text) + invalid)
    func quickRejectionKeepsDates(text: String) {
        #expect(DateReader.mayContainDate(text))
    }

    static let invalid = ["2012 年 7 月 2417 日", "2015年2月30日", "31.04.2014"]

    @Test("dates naming no real day give an atom without a date", arguments: invalid)
    func invalidDate(_ text: String) {
        let atoms = DateReader.shared.dates(in: text)
        #expect(atoms.count == 1)
        #expect(atoms.first?.date == nil)
    }

    @Test("a date line with both dates", arguments: [
        ("发布时间: 2008年6月13日 | 更新时间: 2008年6月17日", "2008-06-13", "2008-06-17"),
        ("发布日期： 发布日期：2014 年 2 月 11 日 | 更新时间： 2014 年 2 月 13 日", "2014-02-11", "2014-02-13"),
        ("2015 年 5 月 12 日 | 更新时间：2015 年 5 月 21 日", "2015-05-12", "2015-05-21"),
        ("发布时间：2018 年 5 月 8 日 | 2018 年 6 月 29 日更新", "2018-05-08", "2018-06-29"),
        ("发布日期：2015 年 7 月 14 日 | 更新时间： August 21, 2015", "2015-07-14", "2015-08-21"),
        ("Veröffentlicht: 5. Mai 2014\u{00A0}| Aktualisiert: 9. Juni 2015", "2014-05-05", "2015-06-09"),
        ("Veröffentlicht: 8.\u{00A0}Mai\u{00A0}2018 | Update vom 29. Juni 2018", "2018-05-08", "2018-06-29"),
    ])
    func dateLine(_ line: String, _ published: String, _ updated: String) {
        let result = extract("---\nTitle: T\n---\n\nT\n=\n\n\(line)\n")
        #expect(result.advisory.published == day(published))
        #expect(result.advisory.updated == day(updated))
    }

    @Test("an empty published slot gives DATE001 and the updated date")
    func emptyPublished() {
        let text = "---\nTitle: T\n---\n\nT\n=\n\n发布时间：| 更新日期：2016 年 12 月 13 日\n\n### 修订版本\n\n-   V1.0（2016 年 10 月 11 日）：公告已发布。\n"
        let result = extract(text, path: "content/zh-cn/SecurityBulletins/2016/ms16-123.md")
        #expect(result.codes.contains(.date001))
        #expect(result.advisory.updated == day("2016-12-13"))
        #expect(result.advisory.published == day("2016-10-11"))
    }
}
