import AdvisoryModel
import Foundation

/// A date written in a document, found by `DateReader`.
public struct DateAtom: Sendable, Hashable {
    /// The day, or nil when the text looks like a date but names no real day (`2012 年 7 月 2417 日`).
    public var date: DayDate?
    /// Where the atom sits in the searched string (UTF-16 offsets).
    public var range: NSRange
    public var text: String
}

/// Finds dates in any of the profile languages: `2008年6月13日`, `2008년 6월 14일`,
/// `13. Juni 2008`, `Freitag, 13. Juni 2008`, `13 de junio de 2008`, `June 17, 2014`,
/// `2008. június 23.`, `23 czerwca 2008`, `2015-3-10`, `2008/6/16`, `12.11.13`.
/// A document's own locale decides how `1/2/2008` reads.
///
/// Month names and the long and medium patterns come from CLDR (`CLDRDateForms`) for every
/// locale the reader is made for; the fixed expressions are TechNet's own forms (numeric
/// dates, `d. Monat yyyy` with any separator, English month-first dates in any file).
public struct DateReader: Sendable {
    private let expressions: [(LazyExpression, Shape, required: UInt64)]
    /// The literal scalars some numeric CLDR pattern cannot match without (`年`, `/`, `.`).
    private let literals: LiteralSet
    /// The month names alone: an expression with a name field can only match where this does.
    private let monthName: LazyExpression?
    /// What a month name can start with: `monthName` cannot match a text without one.
    private let monthLeads: MonthLeads
    /// The month names a text of plain scalars can hold, searched on its bytes.
    private let plainMonthNames: PlainMonthNames
    private let months: [String: Int]
    /// True when no expression can match `|` (`cannotMatchBar`): no date then spans a `|`.
    let staysBetweenBars: Bool
    private let weekdays: Set<String>

    private enum Shape {
        case ymd, dayMonthNameYear, monthNameDayYear, dottedDayMonthYear, slashed
        case pattern(DateFields)

        /// True when the expression has a field of month names.
        var needsMonthName: Bool {
            switch self {
            case .dayMonthNameYear, .monthNameDayYear: true
            case .pattern(let fields): fields.monthIsName
            case .ymd, .dottedDayMonthYear, .slashed: false
            }
        }

        /// False when text with these features cannot hold a match: every expression but the
        /// dotted one needs a year `(?:19|20)\d\d`; the fixed ones need their separators.
        func mayMatch(_ features: DateTextFeatures) -> Bool {
            switch self {
            case .dottedDayMonthYear: features.hasDot
            case .slashed: features.hasYear && features.hasSlash
            case .ymd: features.hasYear && features.hasYearMonthSeparator
            case .dayMonthNameYear, .monthNameDayYear, .pattern: features.hasYear
            }
        }
    }

    /// `2008年6月13日`, `2008 년 6 월 14 일`, `2015-3-10`, `2008/6/16`: the first expression, which
    /// `YearMonthDayScan` reads without ICU in most texts.
    static let yearMonthDayPattern = "((?:19|20)\\d\\d)[\\s\\u00A0\\u3000]*[年년\\-/][\\s\\u00A0\\u3000]*(\\d{1,4})[\\s\\u00A0\\u3000]*[月월\\-/][\\s\\u00A0\\u3000]*(\\d{1,4})(?!\\d)[\\s\\u00A0\\u3000]*[日일]?"

    /// The reader shared by all extractions: every locale of the shipped catalogue.
    public static let shared = DateReader(catalog: .shared)

    /// A reader for the locales of `catalog`'s profiles.
    public init(catalog: LocaleCatalog) {
        self.init(locales: catalog.profiles.map(\.tag))
    }

    /// A reader for `locales`, with CLDR's month names and date patterns of each.
    public init(locales: [String]) {
        let forms = locales.map(CLDRDateForms.forms(for:))
        var months: [String: Int] = [:]
        for form in forms {
            months.merge(form.monthNames) { first, _ in first }
        }
        self.months = months
        weekdays = forms.reduce(into: Set<String>()) { $0.formUnion($1.weekdayNames) }
        let monthAlternation = months.keys.longestFirst()
            .map(NSRegularExpression.escapedPattern(for:)).joined(separator: "|")
        let s = "[\\s\\u00A0\\u3000]"
        var patterns: [(String, Shape)] = [
            (Self.yearMonthDayPattern, .ymd),
            ("(?<!\\d)(\\d{1,2})\\.?\(s)*(?:de\(s)+)?(\(monthAlternation))\\.?,?\(s)*(?:de\(s)+)?((?:19|20)\\d\\d)(?!\\d)", .dayMonthNameYear),
            ("(?<![\\p{L}])(\(monthAlternation))\\.?\(s)+(\\d{1,2}),?\(s)*((?:19|20)\\d\\d)(?!\\d)", .monthNameDayYear),
            ("(?<![\\d.])(\\d{1,2})\\.(\\d{1,2})\\.(\\d{4}|\\d{2})(?![\\d.])", .dottedDayMonthYear),
            ("(?<![\\d/])(\\d{1,2})/(\\d{1,2})/((?:19|20)\\d\\d)(?!\\d)", .slashed),
        ]
        var seen = Set(patterns.map(\.0))
        var requiredLiterals: [String: [Unicode.Scalar]] = [:]
        for form in forms {
            for pattern in form.patterns {
                guard let (regex, fields) = CLDRDateForms.expression(for: pattern, monthAlternation: monthAlternation),
                      seen.insert(regex).inserted, !CLDRDateForms.isCoveredByYearMonthDay(pattern) else { continue }
                patterns.append((regex, .pattern(fields)))
                if !fields.monthIsName { requiredLiterals[regex] = CLDRDateForms.requiredLiterals(of: pattern) }
            }
        }
        let literals = LiteralSet(requiredLiterals.values.joined())
        self.literals = literals
        expressions = patterns.map { pattern, shape in
            (LazyExpression(pattern), shape, literals.mask(of: requiredLiterals[pattern] ?? []))
        }
        staysBetweenBars = patterns.allSatisfy { Self.cannotMatchBar($0.0) }
        monthLeads = MonthLeads(names: months.keys)
        plainMonthNames = PlainMonthNames(names: months.keys)
        monthName = months.isEmpty ? nil : LazyExpression("(?:\(monthAlternation))")
    }

    /// A reader with the shipped catalogue's locales and `tag`'s CLDR forms, made once per tag:
    /// the reader for a document whose language has no locale pack.
    public static func including(_ tag: String) -> DateReader {
        readers.value(for: tag.lowercased()) { DateReader(locales: LocaleCatalog.shared.profiles.map(\.tag) + [tag]) }
    }

    private static let readers = LockedCache<String, DateReader>()

    /// Every date in `text`, in order of appearance. `numericOrder` (`dmy`, `mdy`, `ymd`) reads `1/2/2008`.
    public func dates(in text: String, numericOrder: String = "dmy") -> [DateAtom] {
        guard Self.mayContainDate(text) else { return [] }
        lazy var ns = text as NSString
        lazy var whole = NSRange(location: 0, length: ns.length)
        let features = DateTextFeatures(text)
        let present = features.hasYear ? literals.mask(of: text) : 0
        var hasMonthName: Bool?
        var atoms: [DateAtom] = []
        for (expression, shape, required) in expressions where shape.mayMatch(features) && present & required == required {
            if shape.needsMonthName, let monthName {
                if hasMonthName == nil {
                    hasMonthName = monthLeads.mayStartName(in: text)
                        && (plainMonthNames.presence(in: text) ?? monthName.compiled.map { $0.rangeOfFirstMatch(in: text, range: whole).location != NSNotFound } ?? true)
                }
                if hasMonthName == false { continue }
            }
            if case .ymd = shape, let matches = YearMonthDayScan.matches(in: text) {
                for match in matches where !atoms.contains(where: { NSIntersectionRange($0.range, match.range).length > 0 }) {
                    atoms.append(DateAtom(date: DayDate(year: match.year, month: match.month, day: match.day), range: match.range, text: match.text))
                }
                continue
            }
            guard let expression = expression.compiled else { continue }
            for match in expression.matches(in: text, range: whole) {
                if atoms.contains(where: { NSIntersectionRange($0.range, match.range).length > 0 }) { continue }
                func group(_ index: Int) -> String { ns.substring(with: match.range(at: index)) }
                var date: DayDate?
                switch shape {
                case .ymd:
                    date = DayDate(year: Int(group(1)) ?? 0, month: Int(group(2)) ?? 0, day: Int(group(3)) ?? 0)
                case .dayMonthNameYear:
                    date = month(group(2)).flatMap { DayDate(year: Int(group(3)) ?? 0, month: $0, day: Int(group(1)) ?? 0) }
                case .monthNameDayYear:
                    date = month(group(1)).flatMap { DayDate(year: Int(group(3)) ?? 0, month: $0, day: Int(group(2)) ?? 0) }
                case .dottedDayMonthYear:
                    var year = Int(group(3)) ?? 0
                    if year < 100 { year += 2000 }
                    date = DayDate(year: year, month: Int(group(2)) ?? 0, day: Int(group(1)) ?? 0)
                case .slashed:
                    let first = Int(group(1)) ?? 0, second = Int(group(2)) ?? 0, year = Int(group(3)) ?? 0
                    date = numericOrder == "mdy"
                        ? DayDate(year: year, month: first, day: second)
                        : DayDate(year: year, month: second, day: first)
                case .pattern(let fields):
                    let monthText = group(fields.month)
                    let monthNumber = fields.monthIsName ? month(monthText) : Int(monthText)
                    date = monthNumber.flatMap { DayDate(year: Int(group(fields.year)) ?? 0, month: $0, day: Int(group(fields.day)) ?? 0) }
                }
                atoms.append(DateAtom(date: date, range: match.range, text: ns.substring(with: match.range)))
            }
        }
        return atoms.sorted { $0.range.location < $1.range.location }
    }

    /// The dates of `part`, a part of `line` that `|` or the line's ends bound, given the line's
    /// dates: those within the part, their ranges made the part's. As no expression matches a
    /// `|` and none looks past one, they are what `dates(in: part)` finds; a reader whose
    /// expressions might match one reads the part again.
    public func dates(in part: Substring, of line: String, lineDates: [DateAtom], numericOrder: String = "dmy") -> [DateAtom] {
        guard staysBetweenBars else { return dates(in: String(part), numericOrder: numericOrder) }
        let start = line.utf16.distance(from: line.startIndex, to: part.startIndex)
        let end = start + part.utf16.count
        return lineDates.compactMap { atom in
            guard atom.range.location >= start, atom.range.location + atom.range.length <= end else { return nil }
            var moved = atom
            moved.range.location -= start
            return moved
        }
    }

    /// False when the ICU expression `pattern` might match `|`: a wildcard `.`, a negated or
    /// `|`-holding class, `\|`, `\S`, `\D`, `\W`, or a property other than `\p{L}`.
    static func cannotMatchBar(_ pattern: String) -> Bool {
        var scalars = pattern.unicodeScalars.makeIterator()
        var inClass = false
        var classStart = false
        while let scalar = scalars.next() {
            if scalar == "\\" {
                guard let escaped = scalars.next() else { return false }
                switch escaped {
                case "|", "S", "D", "W", "P", "X", "N", "H", "V", "R": return false
                case "p":
                    guard scalars.next() == "{", scalars.next() == "L", scalars.next() == "}" else { return false }
                default: break
                }
                classStart = false
                continue
            }
            if inClass {
                if classStart, scalar == "^" { return false }
                classStart = false
                if scalar == "|" || scalar == "[" { return false }
                if scalar == "]" { inClass = false }
            } else if scalar == "[" {
                inClass = true
                classStart = true
            } else if scalar == "." {
                return false
            }
        }
        return true
    }

    /// True when `word` (any case, punctuation around it dropped) is a weekday name or abbreviation
    /// of one of the reader's locales: a date line may end with one (`23 Haziran 2008 Pazartesi`).
    public func isWeekday(_ word: String) -> Bool {
        let key = word.lowercased().trimmingCharacters(in: CharacterSet.letters.inverted)
        return weekdays.contains(key)
    }

    /// False only when no expression can match: each needs a year (`19` or `20` and two more
    /// digits) or a dotted `d.d`. Digits beyond ASCII (`\d` is Unicode's) are left to the expressions.
    public static func mayContainDate(_ text: String) -> Bool {
        var (third, second, first): (UInt8, UInt8, UInt8) = (0, 0, 0)
        for scalar in text.unicodeScalars {
            guard scalar.isASCII else {
                if scalar.properties.numericType == .decimal { return true }
                (third, second, first) = (second, first, 0)
                continue
            }
            let byte = UInt8(scalar.value)
            if byte.isASCIIDigit, first.isASCIIDigit {
                if (third == UInt8(ascii: "1") && second == UInt8(ascii: "9")) || (third == UInt8(ascii: "2") && second == UInt8(ascii: "0")) { return true }
            }
            if byte.isASCIIDigit, first == UInt8(ascii: "."), second.isASCIIDigit { return true }
            (third, second, first) = (second, first, byte)
        }
        return false
    }

    private func month(_ name: String) -> Int? {
        var key = name.lowercased()
        while key.hasSuffix(".") { key.removeLast() }
        return months[key]
    }
}

/// What a text holds that the date expressions need, found in one pass: which expressions
/// can be skipped without changing what `DateReader.dates(in:)` finds.
struct DateTextFeatures {
    /// `19` or `20` followed by two decimal digits of any script (ICU's `\d`).
    var hasYear = false
    var hasDot = false
    var hasSlash = false
    /// `年`, `년`, `-` or `/`: what separates the year from the month in `.ymd`.
    var hasYearMonthSeparator = false

    init(_ text: String) {
        var (third, second, first): (Unicode.Scalar, Unicode.Scalar, Unicode.Scalar) = (" ", " ", " ")
        for scalar in text.unicodeScalars {
            switch scalar {
            case ".": hasDot = true
            case "/":
                hasSlash = true
                hasYearMonthSeparator = true
            case "-", "年", "년": hasYearMonthSeparator = true
            default: break
            }
            if !hasYear, Self.isDecimal(scalar), Self.isDecimal(first),
               (third == "1" && second == "9") || (third == "2" && second == "0") {
                hasYear = true
            }
            (third, second, first) = (second, first, scalar)
        }
    }

    private static func isDecimal(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII ? scalar.value >= 0x30 && scalar.value <= 0x39 : scalar.properties.generalCategory == .decimalNumber
    }
}

/// Up to 64 scalars, each given a bit: which of them a text holds, in one pass.
struct LiteralSet: Sendable {
    private var asciiBits = [Int8](repeating: -1, count: 128)
    private var others: [(scalar: Unicode.Scalar, bit: Int)] = []

    init(_ scalars: some Sequence<Unicode.Scalar>) {
        var count = 0
        for scalar in scalars where count < 64 && bit(of: scalar) == nil {
            if scalar.isASCII {
                asciiBits[Int(scalar.value)] = Int8(count)
            } else {
                others.append((scalar, count))
            }
            count += 1
        }
    }

    private func bit(of scalar: Unicode.Scalar) -> Int? {
        if scalar.isASCII { return asciiBits[Int(scalar.value)] < 0 ? nil : Int(asciiBits[Int(scalar.value)]) }
        return others.first { $0.scalar == scalar }?.bit
    }

    /// The bits of the set's scalars that `scalars` holds; scalars outside the set count for nothing.
    func mask(of scalars: some Sequence<Unicode.Scalar>) -> UInt64 {
        var mask: UInt64 = 0
        for scalar in scalars {
            if let bit = bit(of: scalar) { mask |= 1 << UInt64(bit) }
        }
        return mask
    }

    func mask(of text: String) -> UInt64 {
        mask(of: text.unicodeScalars)
    }
}

/// An ICU expression compiled when a text first needs it, once, safe to share between threads:
/// a reader knows every shipped locale's date patterns, and most documents need few of them.
final class LazyExpression: @unchecked Sendable {
    let pattern: String
    private let lock = NSLock()
    private var expression: NSRegularExpression??

    init(_ pattern: String) {
        self.pattern = pattern
    }

    /// The expression (case-insensitive), or nil when ICU refuses the pattern.
    var compiled: NSRegularExpression? {
        lock.withLock {
            if let expression { return expression }
            let made = try? NSRegularExpression(pattern: pattern, options: [.caseInsensitive])
            expression = .some(made)
            return made
        }
    }
}
