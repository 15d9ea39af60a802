import AdvisoryModel
import Foundation

/// Display dates in the reader's language, from CLDR: `2008年6月13日`, `13. Juni 2008`.
public enum LocalizedDates {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var cache: [String: String] = [:]
    nonisolated(unsafe) private static var formatters: [String: DateFormatter] = [:]
    private static let utcCalendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }()

    /// The long date form of `date` in `locale`.
    public static func display(_ date: DayDate, locale: String) -> String {
        let key = locale + "|" + date.description
        lock.lock()
        if let hit = cache[key] {
            lock.unlock()
            return hit
        }
        // One formatter per locale, used under the lock (DateFormatter is not thread-safe and
        // costs far more to make than to use).
        let formatter: DateFormatter
        if let made = formatters[locale] {
            formatter = made
        } else {
            formatter = DateFormatter()
            formatter.locale = Locale(identifier: locale.replacingOccurrences(of: "-", with: "_"))
            formatter.timeZone = TimeZone(identifier: "UTC")
            formatter.calendar = Calendar(identifier: .gregorian)
            formatter.dateStyle = .long
            formatter.timeStyle = .none
            formatters[locale] = formatter
        }
        var components = DateComponents()
        components.year = date.year
        components.month = date.month
        components.day = date.day
        let text = utcCalendar.date(from: components).map(formatter.string(from:)) ?? date.description
        cache[key] = text
        lock.unlock()
        return text
    }
}
