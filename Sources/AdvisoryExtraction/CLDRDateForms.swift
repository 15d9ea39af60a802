import Foundation

/// How one locale writes dates, as CLDR (through Foundation) says: month names in every form,
/// and the long and medium date patterns turned into expressions a `DateReader` can search with.
///
/// Nothing here is typed in per language: a locale Herald has never seen gets its dates read
/// when CLDR knows it.
public struct CLDRDateForms: Sendable {
    /// The locale, `hu-HU`.
    public let tag: String
    /// Month names and abbreviations, lower-cased, without trailing dots: format (the genitive
    /// where the language has one, `czerwca`) and stand-alone (`czerwiec`), wide and abbreviated.
    public let monthNames: [String: Int]
    /// Weekday names and abbreviations, lower-cased, without trailing dots.
    public let weekdayNames: Set<String>
    /// The long and medium date patterns (`y. MMMM d.`, `d 'de' MMMM 'de' y`).
    public let patterns: [String]
    /// Order of a numeric short date: `ymd`, `dmy` or `mdy`.
    public let numericOrder: String

    /// The forms of `tag` as ICU gives them now.
    public init(tag: String) {
        self.init(tag: tag, symbols: CLDRDateSymbols(askingICUFor: tag))
    }

    /// The forms of `tag` made from its CLDR symbols and patterns.
    init(tag: String, symbols: CLDRDateSymbols) {
        self.tag = tag
        var names: [String: Int] = [:]
        for list in symbols.months {
            for (index, name) in list.enumerated() {
                var key = name.lowercased()
                while key.hasSuffix(".") { key.removeLast() }
                guard key.count >= 3, key.allSatisfy(\.isLetter), names[key] == nil else { continue }
                names[key] = index + 1
            }
        }
        monthNames = names
        var weekdays = Set<String>()
        for list in symbols.weekdays {
            for name in list {
                var key = name.lowercased()
                while key.hasSuffix(".") { key.removeLast() }
                weekdays.insert(key)
            }
        }
        weekdayNames = weekdays
        var patterns: [String] = []
        for pattern in [symbols.long, symbols.medium] where !pattern.isEmpty && !patterns.contains(pattern) {
            patterns.append(pattern)
        }
        self.patterns = patterns
        numericOrder = Self.fieldOrder(of: symbols.short) ?? "dmy"
    }

    /// `dmy`, `mdy` or `ymd` from the order of `d`, `M` and `y` in a pattern.
    static func fieldOrder(of pattern: String) -> String? {
        var order = ""
        for character in pattern.lowercased() where "dmy".contains(character) && !order.contains(character) {
            order.append(character)
        }
        return order.count == 3 ? order : nil
    }

    /// A pattern as a regular expression whose groups are the day, month and year, or nil for a
    /// pattern without all three. Literal text (`'de'`, `'г'.`, `ב`) becomes optional, white space
    /// flexible, punctuation optional, so `23 junio 2008` reads as well as `23 de junio de 2008`.
    /// - Parameter monthAlternation: the alternation of month names a name field (`MMM`, `MMMM`) matches.
    static func expression(for pattern: String, monthAlternation: String) -> (regex: String, fields: DateFields)? {
        let space = "[\\s\\u00A0\\u3000]*"
        var regex = ""
        var fields: [Character] = []
        let monthIsName = pattern.contains("MMM") || pattern.contains("LLL")
        let optional = monthIsName ? "?" : ""
        var characters = Array(pattern)[...]
        while let character = characters.first {
            if character == "'" {
                let literal = characters.dropFirst().prefix { $0 != "'" }
                characters = characters.dropFirst(literal.count + 2)
                regex += literal.isEmpty ? "'" + optional : "(?:\(NSRegularExpression.escapedPattern(for: String(literal))))" + optional
                continue
            }
            if character.isLetter, character.isASCII {
                let run = characters.prefix { $0 == character }
                characters = characters.dropFirst(run.count)
                switch character {
                case "d":
                    regex += "(\\d{1,2})"
                    fields.append("d")
                case "M", "L":
                    if run.count >= 3 {
                        regex += "(\(monthAlternation))\\.?"
                    } else {
                        regex += "(\\d{1,2})"
                    }
                    fields.append("m")
                case "y":
                    regex += "((?:19|20)\\d\\d)"
                    fields.append("y")
                case "G":
                    regex += "(?:[^\\d\\s]+)?"
                case "E", "c":
                    regex += "(?:\\p{L}+\\.?,?)?"
                default:
                    return nil
                }
                continue
            }
            characters = characters.dropFirst()
            if character.isWhitespace {
                if !regex.hasSuffix(space) { regex += space }
            } else if character.isPunctuation || character.isSymbol {
                regex += NSRegularExpression.escapedPattern(for: String(character)) + optional
            } else {
                regex += "(?:\(NSRegularExpression.escapedPattern(for: String(character))))" + optional
            }
        }
        guard fields.count == 3, let day = fields.firstIndex(of: "d"), let month = fields.firstIndex(of: "m"),
              let year = fields.firstIndex(of: "y") else { return nil }
        let boundary = monthIsName ? "(?<![\\d\\p{L}])" : "(?<![\\d.])"
        return (boundary + regex + "(?!\\d)", DateFields(day: day + 1, month: month + 1, year: year + 1, monthIsName: monthIsName))
    }

    /// The literal scalars that the expression of a numeric pattern (`y年M月d日`, `dd.MM.y`)
    /// requires, as `expression(for:monthAlternation:)` writes it: punctuation and quoted text
    /// outside the fields, white space aside. Only scalars a case-insensitive match can meet in
    /// one form alone are listed (ASCII punctuation and caseless CJK); possibly none.
    static func requiredLiterals(of pattern: String) -> [Unicode.Scalar] {
        var required: [Unicode.Scalar] = []
        func require(_ text: some StringProtocol) {
            required += text.unicodeScalars.filter { scalar in
                let isASCIIPunctuation = scalar.isASCII && !scalar.properties.isAlphabetic && !scalar.properties.isWhitespace
                    && !(scalar.value >= 0x30 && scalar.value <= 0x39)
                return isASCIIPunctuation || (LabelComparison.PlainClass.isPlain(scalar) && !scalar.properties.isWhitespace)
            }
        }
        var characters = Array(pattern)[...]
        while let character = characters.first {
            if character == "'" {
                let literal = characters.dropFirst().prefix { $0 != "'" }
                characters = characters.dropFirst(literal.count + 2)
                require(literal.isEmpty ? "'" : String(literal))
            } else if character.isLetter, character.isASCII {
                characters = characters.drop { $0 == character }
            } else {
                characters = characters.dropFirst()
                if !character.isWhitespace { require(String(character)) }
            }
        }
        return required
    }

    /// True for a numeric year-month-day pattern (`y年M月d日`, `y/MM/dd`, `y년 M월 d일`) that
    /// `DateReader`'s own year-month-day expression already reads: that expression runs first,
    /// and any text this pattern matches holds one of its matches at the same year, so every match
    /// of the pattern would overlap one already found and be dropped.
    static func isCoveredByYearMonthDay(_ pattern: String) -> Bool {
        var tokens: [Character] = []
        var characters = Array(pattern)[...]
        while let character = characters.first {
            if character == "'" {
                let literal = characters.dropFirst().prefix { $0 != "'" }
                characters = characters.dropFirst(literal.count + 2)
                tokens += literal.isEmpty ? ["'"] : literal.filter { !$0.isWhitespace }
            } else if character.isLetter, character.isASCII {
                let run = characters.prefix { $0 == character }
                characters = characters.dropFirst(run.count)
                guard character != "M" && character != "L" || run.count <= 2 else { return false }
                tokens.append(character == "L" ? "M" : character)
            } else {
                characters = characters.dropFirst()
                if !character.isWhitespace { tokens.append(character) }
            }
        }
        guard tokens.count == 5 || tokens.count == 6, tokens[0] == "y", tokens[2] == "M", tokens[4] == "d",
              "年년-/".contains(tokens[1]), "月월-/".contains(tokens[3]) else { return false }
        return tokens.count == 5 || "日일".contains(tokens[5])
    }

    /// The forms of `tag`, computed once per tag.
    /// The shipped locales' forms come from `CLDRDateSymbols.shipped` (ICU's answer, written down),
    /// any other tag's from ICU.
    public static func forms(for tag: String) -> CLDRDateForms {
        let key = tag.lowercased()
        return cache.value(for: key) {
            CLDRDateForms(tag: tag, symbols: CLDRDateSymbols.shipped[key] ?? CLDRDateSymbols(askingICUFor: tag))
        }
    }

    private static let cache = LockedCache<String, CLDRDateForms>()
}

/// Which capture group of a date expression holds the day, the month and the year.
struct DateFields: Sendable, Hashable {
    var day: Int
    var month: Int
    var year: Int
    var monthIsName: Bool
}

/// A dictionary filled on first use, safe to share between threads.
final class LockedCache<Key: Hashable & Sendable, Value: Sendable>: @unchecked Sendable {
    private var storage: [Key: Value] = [:]
    private let lock = NSLock()

    func value(for key: Key, make: () -> Value) -> Value {
        lock.lock()
        if let value = storage[key] {
            lock.unlock()
            return value
        }
        lock.unlock()
        let value = make()
        lock.lock()
        defer { lock.unlock() }
        if let existing = storage[key] { return existing }
        storage[key] = value
        return value
    }
}

/// What CLDR, through Foundation's ICU, says of one locale's dates before Herald reads anything
/// into it: month and weekday names as lists, and the long, medium and short date patterns.
///
/// Asking ICU costs about a millisecond per locale, and every build reads every shipped locale.
/// So the shipped locales' answers are written down in `Resources/cldr/date-symbols.json`;
/// `CLDRSnapshotTests` checks them against ICU and writes the file anew when
/// `HERALD_WRITE_CLDR_SNAPSHOT=1` is set.
public struct CLDRDateSymbols: Codable, Sendable, Equatable {
    /// Months, twelve each: format and stand-alone, wide, then format and stand-alone, abbreviated.
    public var months: [[String]]
    /// Weekdays, seven each: format and stand-alone, wide, then format, abbreviated.
    public var weekdays: [[String]]
    public var long: String
    public var medium: String
    public var short: String

    /// What ICU answers for `tag` now (in the Gregorian calendar).
    public init(askingICUFor tag: String) {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: tag.replacingOccurrences(of: "-", with: "_"))
        formatter.calendar = Calendar(identifier: .gregorian)
        months = [formatter.monthSymbols, formatter.standaloneMonthSymbols, formatter.shortMonthSymbols,
                  formatter.shortStandaloneMonthSymbols].map { $0 ?? [] }
        weekdays = [formatter.weekdaySymbols, formatter.standaloneWeekdaySymbols, formatter.shortWeekdaySymbols].map { $0 ?? [] }
        formatter.dateStyle = .long
        long = formatter.dateFormat ?? ""
        formatter.dateStyle = .medium
        medium = formatter.dateFormat ?? ""
        formatter.dateStyle = .short
        short = formatter.dateFormat ?? ""
    }

    /// The shipped answers by lower-cased tag (empty when the file is missing or unreadable:
    /// every locale then asks ICU).
    public static let shipped: [String: CLDRDateSymbols] = {
        guard let url = Bundle.module.url(forResource: "cldr/date-symbols", withExtension: "json"),
              let data = FileManager.default.contents(atPath: url.path),
              let symbols = try? JSONDecoder().decode([String: CLDRDateSymbols].self, from: data) else { return [:] }
        return Dictionary(symbols.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: { first, _ in first })
    }()
}
