import Foundation

/// `DateReader`'s year-month-day expression,
/// `((?:19|20)\d\d)S*[年년\-/]S*(\d{1,4})S*[月월\-/]S*(\d{1,4})(?!\d)S*[日일]?` with
/// `S` = `[\s\u00A0\u3000]`, matched without ICU in a text of `PlainScalars`, where `\d` is
/// `0`–`9`, `S` is tab, line feed, form feed, carriage return, space and U+3000, and every
/// scalar is one UTF-16 unit.
///
/// The expression never backtracks into a choice there: `S` and the separators are disjoint,
/// a digit run longer than a field fails the field, and the trailing `S*[日일]?` takes all it can.
enum YearMonthDayScan {
    /// One match: its UTF-16 range, its text and the three numbers.
    struct Match: Equatable {
        var range: NSRange
        var text: String
        var year: Int
        var month: Int
        var day: Int
    }

    /// The expression's matches in `text`, left to right as `NSRegularExpression.matches` gives
    /// them; nil when `text` has a scalar outside the set above (ICU must read it).
    static func matches(in text: String) -> [Match]? {
        guard let scalars = PlainScalars(text)?.values else { return nil }
        var found: [Match] = []
        var start = 0
        while start + 4 <= scalars.count {
            if let match = match(scalars, at: start) {
                found.append(match)
                start = match.range.location + match.range.length
            } else {
                start += 1
            }
        }
        return found
    }

    private static func match(_ scalars: [UInt32], at start: Int) -> Match? {
        let lead = (scalars[start], scalars[start + 1])
        guard lead == (0x31, 0x39) || lead == (0x32, 0x30), isDigit(scalars[start + 2]), isDigit(scalars[start + 3]) else { return nil }
        var index = start + 4
        let year = number(scalars, start..<index)
        skipSpace(scalars, &index)
        guard index < scalars.count, isFirstSeparator(scalars[index]) else { return nil }
        index += 1
        skipSpace(scalars, &index)
        guard let month = field(scalars, &index) else { return nil }
        skipSpace(scalars, &index)
        guard index < scalars.count, isSecondSeparator(scalars[index]) else { return nil }
        index += 1
        skipSpace(scalars, &index)
        guard let day = field(scalars, &index) else { return nil }
        skipSpace(scalars, &index)
        if index < scalars.count, scalars[index] == 0x65E5 || scalars[index] == 0xC77C { index += 1 }   // 日, 일
        let text = String(String.UnicodeScalarView(scalars[start..<index].map { Unicode.Scalar($0)! }))
        return Match(range: NSRange(location: start, length: index - start), text: text, year: year, month: month, day: day)
    }

    /// A run of one to four digits not followed by a digit, as `(\d{1,4})` must be here.
    private static func field(_ scalars: [UInt32], _ index: inout Int) -> Int? {
        let start = index
        while index < scalars.count, isDigit(scalars[index]) { index += 1 }
        guard (1...4).contains(index - start) else { return nil }
        return number(scalars, start..<index)
    }

    private static func number(_ scalars: [UInt32], _ range: Range<Int>) -> Int {
        scalars[range].reduce(0) { $0 * 10 + Int($1 - 0x30) }
    }

    private static func skipSpace(_ scalars: [UInt32], _ index: inout Int) {
        while index < scalars.count, isSpace(scalars[index]) { index += 1 }
    }

    private static func isDigit(_ value: UInt32) -> Bool { value >= 0x30 && value <= 0x39 }

    private static func isSpace(_ value: UInt32) -> Bool {
        switch value {
        case 0x09, 0x0A, 0x0C, 0x0D, 0x20, 0x3000: true
        default: false
        }
    }

    /// `年`, `년`, `-`, `/`.
    private static func isFirstSeparator(_ value: UInt32) -> Bool {
        value == 0x5E74 || value == 0xB144 || value == 0x2D || value == 0x2F
    }

    /// `月`, `월`, `-`, `/`.
    private static func isSecondSeparator(_ value: UInt32) -> Bool {
        value == 0x6708 || value == 0xC6D4 || value == 0x2D || value == 0x2F
    }
}
