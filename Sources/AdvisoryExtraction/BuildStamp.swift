import AdvisoryModel
import Foundation

/// The time stamp in a TechNet build trailer (`*Built at 2014-04-18T13:49:36Z-07:00*`,
/// `*页面生成时间：2016-07-06 11:07-07:00。*`, `*Seite generiert am 18.05.2016 um 10:03:00-07:00.*`,
/// `*页面生成时间：2015 年 3 月 9 日 10:11Z-08:00。*`).
public enum BuildStamp {
    /// Dates year-month-day (`-` or `/`), day.month.year (a two-digit year is refused: the
    /// corpus has both `18.11.14` and `15.11.04`, day first and year first) or with
    /// 年月日 / 년월일; then up to six other characters (`T`, ` um `, ` г. `, `，`, ` 下午 `) and the time.
    static let expression: PlainFirstPattern = {
        let space = ScalarExpression.any(.space)
        func digits(_ min: Int, _ max: Int) -> ScalarExpression { .run(.digit, min: min, max: max, lazy: false) }
        func oneOf(_ scalars: Unicode.Scalar...) -> ScalarExpression { .one(.anyOf(scalars)) }
        let yearFirst = ScalarExpression.sequence([
            .group(1, .exactly(4, .digit)), oneOf("-", "/"), .group(2, digits(1, 2)), oneOf("-", "/"), .group(3, digits(1, 2)),
        ])
        let dayFirst = ScalarExpression.sequence([
            .group(4, digits(1, 2)), oneOf("."), .group(5, digits(1, 2)), oneOf("."),
            .group(6, .choice([.exactly(4, .digit), .exactly(2, .digit)])),
        ])
        let ideographic = ScalarExpression.sequence([
            .group(7, .exactly(4, .digit)), space, oneOf("年", "년"), space, .group(8, digits(1, 2)), space, oneOf("月", "월"),
            space, .group(9, digits(1, 2)), space, oneOf("日", "일"),
        ])
        let plain = ScalarExpression.sequence([
            .choice([yearFirst, dayFirst, ideographic]),
            .group(10, .run(.nonDigit, min: 0, max: 6, lazy: true)), .group(11, digits(1, 2)), oneOf(":"), .group(12, digits(2, 2)),
            .optional(.sequence([oneOf(":"), .group(13, digits(2, 2))])),
            .optional(.group(14, oneOf("Z"))),
            .optional(.sequence([.group(15, oneOf("-", "+")), .group(16, digits(2, 2)), .optional(oneOf(":")), .group(17, digits(1, 2))])),
        ])
        return PlainFirstPattern("""
        (?:(\\d{4})[-/](\\d{1,2})[-/](\\d{1,2})|(\\d{1,2})\\.(\\d{1,2})\\.(\\d{4}|\\d{2})|(\\d{4})\\s*[年년]\\s*(\\d{1,2})\\s*[月월]\\s*(\\d{1,2})\\s*[日일])\
        (\\D{0,6}?)(\\d{1,2}):(\\d{2})(?::(\\d{2}))?(Z)?(?:([-+])(\\d{2}):?(\\d{1,2}))?
        """, plain: plain)
    }()

    /// The stamp as ISO 8601 (`2016-07-06T11:07:00-07:00`): the clock time as written, in the
    /// written offset (a `Z` before an offset is dropped, a one-digit offset minute is padded,
    /// 下午 adds twelve hours); nil when the text holds no valid date and time.
    public static func timestamp(in text: String) -> String? {
        guard let groups = expression.firstMatchGroups(in: text) else { return nil }
        func group(_ index: Int) -> Substring? { groups[index] }
        func number(_ index: Int) -> Int? { group(index).flatMap { Int($0) } }
        let (year, month, day): (Int?, Int?, Int?)
        if group(1) != nil {
            (year, month, day) = (number(1), number(2), number(3))
        } else if group(4) != nil {
            (year, month, day) = (group(6)?.count == 4 ? number(6) : nil, number(5), number(4))
        } else {
            (year, month, day) = (number(7), number(8), number(9))
        }
        guard let year, let month, let day, var hour = number(11), let minute = number(12),
              (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60 else { return nil }
        // An ASCII text holds no 下午 in any form Foundation's `contains` would find.
        if let between = group(10), !between.isAllASCII, between.contains("下午"), hour < 12 { hour += 12 }
        let second = number(13) ?? 0
        guard second < 60 else { return nil }
        var zone = ""
        if let sign = group(15), let offsetHours = group(16), let offsetMinutes = group(17) {
            zone = String(sign) + String(offsetHours) + ":" + Self.paddedToTwo(offsetMinutes)
        } else if group(14) != nil {
            zone = "Z"
        }
        func two(_ number: Int) -> String { number < 10 ? "0\(number)" : "\(number)" }
        return "\(year)-\(two(month))-\(two(day))T\(two(hour)):\(two(minute)):\(two(second))" + zone
    }

    /// `text.padding(toLength: 2, withPad: "0", startingAt: 0)`: for ASCII text (one UTF-16
    /// unit a byte) its first two bytes, or its byte and a `0`, without Foundation.
    static func paddedToTwo(_ text: Substring) -> String {
        let bytes = text.utf8
        guard text.isAllASCII else { return text.padding(toLength: 2, withPad: "0", startingAt: 0) }
        return bytes.count >= 2 ? String(decoding: bytes.prefix(2), as: UTF8.self) : String(text) + String(repeating: "0", count: 2 - bytes.count)
    }
}
