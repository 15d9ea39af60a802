import AdvisoryModel
import CommonMark
import Foundation

/// Text helpers shared by the readers: folding white space, label trimming, tree walks.
extension AdvisoryExtractor {
    /// The text after a date atom, without white space and emphasis: a date line ends with its
    /// last date (or a word such as `更新` or a weekday), a sentence that mentions a date does not.
    static func textAfter(_ atom: DateAtom, in line: String) -> String {
        let utf16 = line.utf16
        guard let end = utf16.index(utf16.startIndex, offsetBy: atom.range.location + atom.range.length, limitedBy: utf16.endIndex),
              let index = end.samePosition(in: line) else { return "" }
        return String(line[index...]).filter { !$0.isWhitespace && $0 != "*" && $0 != "|" && $0 != "。" && $0 != "." }
    }

    /// What labels are trimmed of: white space, line breaks, `*`, `:`, `：`, `#` and NBSP.
    static func isLabelTrim(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "*", ":", "：", "#", "\u{00A0}": true
        default: ScalarClass.isSpaceOrNewline(scalar)
        }
    }

    /// Collapses runs of white space (NBSP and ideographic space too) into one space.
    static func folded(_ text: String) -> String {
        if let folded = text.utf8.withContiguousStorageIfAvailable({ folded(bytes: $0) }) { return folded ?? text }
        var utf8 = text
        return utf8.withUTF8 { folded(bytes: $0) } ?? text
    }

    /// The folded text of `bytes`, or nil when it needs no folding.
    private static func folded(bytes: UnsafeBufferPointer<UInt8>) -> String? {
        guard needsFolding(bytes) else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var pendingSpace = false
        var started = false
        var index = 0
        while index < bytes.count {
            let width = whiteSpaceWidth(bytes, at: index)
            if width > 0 {
                pendingSpace = started
                index += width
                continue
            }
            if pendingSpace { out.append(0x20) }
            pendingSpace = false
            started = true
            out.append(bytes[index])
            index += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// False when `folded` would return the text as it is: its only white space is single
    /// U+0020 spaces between other characters.
    static func needsFolding(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var previousWasSpace = true
        var index = 0
        while index < bytes.count {
            let width = whiteSpaceWidth(bytes, at: index)
            if width > 0 {
                if previousWasSpace || width != 1 || bytes[index] != 0x20 { return true }
                previousWasSpace = true
                index += width
                continue
            }
            previousWasSpace = false
            index += 1
        }
        return previousWasSpace && !bytes.isEmpty
    }

    /// The length in bytes of the white space (as `isWhiteSpace` says) that starts at `index`
    /// of valid UTF-8, or 0.
    @inline(__always)
    static func whiteSpaceWidth(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Int {
        let byte = bytes[index]
        switch byte {
        case 0x20, 0x09...0x0D: return 1
        case 0xC2:
            return index + 1 < bytes.count && (bytes[index + 1] == 0x85 || bytes[index + 1] == 0xA0) ? 2 : 0
        case 0xE1, 0xE2, 0xE3:
            guard index + 2 < bytes.count else { return 0 }
            let scalar = (UInt32(byte & 0x0F) << 12) | (UInt32(bytes[index + 1] & 0x3F) << 6) | UInt32(bytes[index + 2] & 0x3F)
            return Unicode.Scalar(scalar).map(isWhiteSpace) == true ? 3 : 0
        default: return 0
        }
    }

    /// `text.split(separator: "\n")`, cut at `\n` bytes: a `\n` is a character of its own unless
    /// a `\r` precedes it (`\r\n` is one character), so a text without `\r` splits the same.
    static func nonEmptyLines(of text: String) -> [Substring] {
        let utf8 = text.utf8
        guard !utf8.contains(0x0D) else { return text.split(separator: "\n", omittingEmptySubsequences: true) }
        var lines: [Substring] = []
        var start = utf8.startIndex
        var index = start
        while index != utf8.endIndex {
            if utf8[index] == 0x0A {
                if start != index { lines.append(text[start..<index]) }
                start = utf8.index(after: index)
            }
            index = utf8.index(after: index)
        }
        if start != utf8.endIndex { lines.append(text[start...]) }
        return lines
    }

    /// The Unicode White_Space property, with an ASCII fast path.
    @inline(__always)
    static func isWhiteSpace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x20, 0x09...0x0D: true
        case 0..<0x80: false
        case 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: true
        default: false
        }
    }

    static func locale(inMTPSURL url: String) -> String? {
        guard let range = mtpsLocale.firstRange(in: url) else { return nil }
        return String(url[range].dropFirst(5).dropLast())
    }

    static func mtpsShortId(_ url: String) -> String? {
        guard let range = mtpsLibraryId.firstRange(in: url) else { return nil }
        return String(url[range].dropFirst("/library/".count))
    }

    private static let mtpsLocale = CompiledPattern("\\.com/([A-Za-z]{2}-[A-Za-z]{2})/")
    static let mtpsLibraryId = PlainFirstPattern("/library/([^/(]+)", plain: .sequence([
        .literal("/library/"), .run(.noneOf(["/", "("]), min: 1, max: .max, lazy: false),
    ]))
}

extension StringProtocol {
    /// True when the text has at most `limit` characters: told by its byte count when that is
    /// within `limit` (every character has a byte at least), else by stepping over no more than
    /// `limit` characters, not all of a long text's.
    func hasAtMostCharacters(_ limit: Int) -> Bool {
        if utf8.count <= limit { return true }
        guard let index = index(startIndex, offsetBy: limit, limitedBy: endIndex) else { return true }
        return index == endIndex
    }

    /// True when the text has at least `minimum` characters, told by stepping over no more than that many.
    func hasAtLeastCharacters(_ minimum: Int) -> Bool {
        index(startIndex, offsetBy: minimum, limitedBy: endIndex) != nil
    }
}

extension Array where Element: Hashable {
    func uniqued() -> [Element] {
        var seen = Set<Element>()
        return filter { seen.insert($0).inserted }
    }
}
