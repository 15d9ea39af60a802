#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Substring search on UTF-8 bytes, for hot paths where Foundation's `contains`/`range(of:)`
/// (locale- and grapheme-aware) costs far more than the answer is worth.
public enum ByteSearch {
    /// The index of the first `byte` in `bytes` at or after `start`, found with the C library's
    /// `memchr`; nil when there is none.
    @inlinable
    public static func firstIndex(of byte: UInt8, in bytes: UnsafeBufferPointer<UInt8>, from start: Int = 0) -> Int? {
        guard start < bytes.count, let base = bytes.baseAddress,
              let found = memchr(base + start, Int32(byte), bytes.count - start) else { return nil }
        return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
    }

    /// True when `needle` occurs in `hay` (byte for byte; an empty needle always does).
    public static func contains(_ hay: UnsafeBufferPointer<UInt8>, _ needle: [UInt8]) -> Bool {
        needle.withUnsafeBufferPointer { contains(hay, $0) }
    }

    /// True when `needle` occurs in `hay` (byte for byte; an empty needle always does).
    ///
    /// The C library's `memchr` finds each place the needle's last byte occurs, and `memcmp`
    /// checks the bytes before it: in CJK text that byte is a continuation byte, far rarer than
    /// the lead byte of the needle's first character.
    public static func contains(_ hay: UnsafeBufferPointer<UInt8>, _ needle: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let needleStart = needle.baseAddress, let last = needle.last else { return true }
        guard let hayStart = hay.baseAddress, hay.count >= needle.count else { return false }
        let before = needle.count - 1
        var position = before
        while position < hay.count {
            guard let found = memchr(hayStart + position, Int32(last), hay.count - position) else { return false }
            let offset = UnsafeRawPointer(hayStart).distance(to: UnsafeRawPointer(found))
            if before == 0 || memcmp(hayStart + (offset - before), needleStart, before) == 0 { return true }
            position = offset + 1
        }
        return false
    }
}

extension StringProtocol {
    /// True when the string's UTF-8 holds `byte`: the C library's `memchr` on its bytes where
    /// they lie (`utf8.contains` walks the view one byte at a time).
    @inlinable
    public func containsByte(_ byte: UInt8) -> Bool {
        if let found = utf8.withContiguousStorageIfAvailable({ ByteSearch.firstIndex(of: byte, in: $0) != nil }) { return found }
        return utf8.contains(byte)
    }

    /// True when every byte of the string's UTF-8 is ASCII, read eight bytes at a time where
    /// they lie (`utf8.allSatisfy` walks the view one byte at a time).
    @inlinable
    public var isAllASCII: Bool {
        if let ascii = utf8.withContiguousStorageIfAvailable({ ByteWords.isAllASCII($0) }) { return ascii }
        return utf8.allSatisfy { $0 < 0x80 }
    }
}

extension String {
    /// True when the UTF-8 bytes of `needle` occur in the string (exact, byte-wise).
    public func containsBytes(of needle: String) -> Bool {
        var copy = self
        var pattern = needle
        return copy.withUTF8 { hay in pattern.withUTF8 { ByteSearch.contains(hay, $0) } }
    }
}

/// Scalar classes of Foundation's `CharacterSet`, as plain functions: trimming with them does not
/// bridge the string to `NSString` (which copies it to UTF-16 first).
public enum ScalarClass {
    /// `CharacterSet.whitespaces`: general category Zs, tab and U+200B (zero width space).
    public static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x20, 0x09, 0x200B: true
        case 0..<0x80: false
        default: scalar.properties.generalCategory == .spaceSeparator
        }
    }

    /// `CharacterSet.whitespacesAndNewlines`: `isSpace`, U+000A–U+000D, U+0085, and categories Zl and Zp.
    public static func isSpaceOrNewline(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x20, 0x09...0x0D: true
        case 0..<0x80: false
        case 0x85, 0x200B: true
        default:
            switch scalar.properties.generalCategory {
            case .spaceSeparator, .lineSeparator, .paragraphSeparator: true
            default: false
            }
        }
    }
}

extension StringProtocol {
    /// The text without the leading and trailing scalars for which `isTrimmed` holds.
    public func trimmingScalars(_ isTrimmed: (Unicode.Scalar) -> Bool) -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !isTrimmed($0) }),
              let last = scalars.lastIndex(where: { !isTrimmed($0) }) else { return "" }
        return String(self[first..<scalars.index(after: last)])
    }
}
