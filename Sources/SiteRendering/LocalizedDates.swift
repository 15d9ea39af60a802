import AdvisoryModel
import Foundation

/// Display dates in the reader's language, from CLDR: `2008年6月13日`, `13. Juni 2008`.
public enum LocalizedDates {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var cache: [String: String] = [:]

    /// The long date form of `date` in `locale`.
    public static func display(_ date: DayDate, locale: String) -> String {
        let key = locale + "|" + date.description
        lock.lock()
        if let hit = cache[key] {
            lock.unlock()
            return hit
        }
        lock.unlock()
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: locale.replacingOccurrences(of: "-", with: "_"))
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.calendar = Calendar(identifier: .gregorian)
        formatter.dateStyle = .long
        formatter.timeStyle = .none
        var components = DateComponents()
        components.year = date.year
        components.month = date.month
        components.day = date.day
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let text = calendar.date(from: components).map(formatter.string(from:)) ?? date.description
        lock.lock()
        cache[key] = text
        lock.unlock()
        return text
    }
}
