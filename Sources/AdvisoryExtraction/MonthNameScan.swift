import AdvisoryModel
import Foundation

/// The first scalars of month names, for a scan that rules out texts `DateReader`'s
/// case-insensitive month-name expression cannot match: ASCII letters (folded), caseless CJK
/// (`十` of `十一月`); any other scalar of a text might fold to a name's first letter.
struct MonthLeads: Sendable {
    /// Bit `n` for the letter `a` + n.
    private var asciiLetters: UInt32 = 0
    private var plain = Set<Unicode.Scalar>()

    init(names: some Sequence<String>) {
        for name in names {
            guard let first = name.unicodeScalars.first else { continue }
            if first.isASCII {
                insert(UInt8(first.value))
            } else if LabelComparison.PlainClass.isPlain(first) {
                plain.insert(first)
            } else {
                let properties = first.properties
                for mapping in [properties.lowercaseMapping, properties.uppercaseMapping, properties.titlecaseMapping] {
                    for scalar in mapping.unicodeScalars where scalar.isASCII { insert(UInt8(scalar.value)) }
                }
            }
        }
    }

    private mutating func insert(_ byte: UInt8) {
        if let bit = Self.letterBit(byte) { asciiLetters |= bit }
    }

    private static func letterBit(_ byte: UInt8) -> UInt32? {
        let folded = byte | 0x20
        guard folded >= UInt8(ascii: "a"), folded <= UInt8(ascii: "z") else { return nil }
        return 1 << UInt32(folded - UInt8(ascii: "a"))
    }

    /// False when no scalar of `text` can start a month name.
    func mayStartName(in text: String) -> Bool {
        for scalar in text.unicodeScalars {
            if scalar.isASCII {
                let byte = UInt8(scalar.value)
                if let bit = Self.letterBit(byte), asciiLetters & bit != 0 { return true }
            } else if !LabelComparison.PlainClass.isPlain(scalar) || plain.contains(scalar) {
                return true
            }
        }
        return false
    }
}

/// The month names as bytes, for deciding without ICU whether a text of plain scalars (ASCII
/// and caseless CJK, `LabelComparison.PlainClass`) holds one, as `DateReader`'s case-insensitive
/// month-name expression would find.
///
/// In such a text an ASCII scalar of a name can only match itself in either ASCII case, and a
/// plain CJK scalar only itself. A name scalar of any other kind can match a scalar of the text
/// only when one of its case mappings or its case folding has ASCII or plain scalars (`ı` → `I`); a name with one
/// that cannot (`ä`, `ş`) matches no plain text after that point, and one that might leaves only
/// the name's plain start (`kas` of `kasım`) to look for.
struct PlainMonthNames: Sendable {
    /// The plain start of every name a plain text may hold, ASCII lower-cased, by first byte;
    /// `whole` when the start is the whole name.
    private var byFirstByte: [[(start: [UInt8], whole: Bool)]] = Array(repeating: [], count: 256)
    /// True when some name such a text may hold has no plain start: then every text may.
    private var anyText = false

    init(names: some Sequence<String>) {
        for name in names {
            var start: [UInt8] = []
            var reachable = true
            var cut = false
            for scalar in name.unicodeScalars {
                if scalar.isASCII || LabelComparison.PlainClass.isPlain(scalar) {
                    if !cut { start += Array(String(scalar).utf8).map(\.lowercasedASCII) }
                    continue
                }
                let properties = scalar.properties
                let folded = String(scalar).folding(options: .caseInsensitive, locale: nil)
                let mayMatch = [properties.lowercaseMapping, properties.uppercaseMapping, properties.titlecaseMapping, folded].contains { mapping in
                    mapping.unicodeScalars.contains { $0.isASCII || LabelComparison.PlainClass.isPlain($0) }
                }
                if !mayMatch {
                    reachable = false
                    break
                }
                cut = true
            }
            guard reachable else { continue }
            guard let first = start.first else {
                anyText = true
                continue
            }
            byFirstByte[Int(first)].append((start, !cut))
        }
    }

    /// Whether `text` holds a month name, when its bytes tell: false when it is plain and holds
    /// none, true when it is plain and holds a whole name; nil when only the expression can tell.
    func presence(in text: String) -> Bool? {
        guard !anyText, LabelComparison.PlainClass(of: text.unicodeScalars).isPlain else { return nil }
        var text = text
        return text.withUTF8 { bytes in
            var partial = false
            for index in bytes.indices {
                for name in byFirstByte[Int(bytes[index].lowercasedASCII)] where Self.matches(name.start, bytes, at: index) {
                    if name.whole { return true }
                    partial = true
                }
            }
            return partial ? nil : false
        }
    }

    private static func matches(_ name: [UInt8], _ bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> Bool {
        guard start + name.count <= bytes.count else { return false }
        for offset in name.indices where bytes[start + offset].lowercasedASCII != name[offset] { return false }
        return true
    }
}
