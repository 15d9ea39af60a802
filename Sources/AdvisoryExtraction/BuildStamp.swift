import Foundation

/// The time stamp in a TechNet build trailer (`*Built at 2014-04-18T13:49:36Z-07:00*`,
/// `*页面生成时间：2016-07-06 11:07-07:00。*`, `*Página generada el 2014-05-07 16:30Z-07:00.*`).
public enum BuildStamp {
    /// The stamp as ISO 8601 (`2016-07-06T11:07:00-07:00`): the clock time as written, in the
    /// written offset (a `Z` before an offset is dropped, a one-digit offset minute is padded);
    /// nil when the text holds no valid date and time.
    public static func timestamp(in text: String) -> String? {
        let pattern = "(\\d{4})-(\\d{2})-(\\d{2})[T ](\\d{1,2}):(\\d{2})(?::(\\d{2}))?(Z)?(?:([-+])(\\d{2}):?(\\d{1,2}))?"
        guard let expression = try? NSRegularExpression(pattern: pattern),
              let match = expression.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) else { return nil }
        func group(_ index: Int) -> String? {
            Range(match.range(at: index), in: text).map { String(text[$0]) }
        }
        guard let year = group(1), let month = group(2).flatMap(Int.init), let day = group(3).flatMap(Int.init),
              let hour = group(4).flatMap(Int.init), let minute = group(5).flatMap(Int.init),
              (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60 else { return nil }
        let second = group(6).flatMap(Int.init) ?? 0
        guard second < 60 else { return nil }
        var zone = ""
        if let sign = group(8), let offsetHours = group(9), let offsetMinutes = group(10) {
            zone = sign + offsetHours + ":" + offsetMinutes.padding(toLength: 2, withPad: "0", startingAt: 0)
        } else if group(7) != nil {
            zone = "Z"
        }
        func two(_ number: Int) -> String { number < 10 ? "0\(number)" : "\(number)" }
        return "\(year)-\(two(month))-\(two(day))T\(two(hour)):\(two(minute)):\(two(second))" + zone
    }
}
