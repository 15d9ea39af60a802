import AdvisoryModel

/// A source file turned into text: BOM stripped, line endings normalised to `\n`.
public struct SourceText: Sendable {
    public var text: String
    public var hadByteOrderMark: Bool
    public var diagnostics: [Diagnostic]

    /// Decodes `bytes` as UTF-8. Invalid bytes become U+FFFD with an `ENC001` warning;
    /// NUL bytes mark a binary file (`IO002`) and give empty text.
    public init(bytes: [UInt8], path: String) {
        let source = SourceUTF8(bytes: bytes, path: path)
        text = String(decoding: source.bytes, as: UTF8.self)
        hadByteOrderMark = source.hadByteOrderMark
        diagnostics = source.diagnostics
    }
}

/// A source file as the readers take it: `SourceText`'s text as its UTF-8 bytes, checked once
/// (`UTF8Validation`) and not made into a `String` (which would check them again).
struct SourceUTF8 {
    /// Well-formed UTF-8: the file without its BOM, line endings normalised to `\n`, invalid
    /// bytes replaced with U+FFFD; empty for a binary file.
    var bytes: ArraySlice<UInt8>
    var hadByteOrderMark: Bool
    var diagnostics: [Diagnostic] = []

    init(bytes: [UInt8], path: String) {
        hadByteOrderMark = bytes.starts(with: [0xEF, 0xBB, 0xBF])
        let body = hadByteOrderMark ? bytes[3...] : bytes[...]
        if let nul = SourceText.firstIndex(of: 0, in: body) {
            let line = body[..<nul].reduce(1) { $0 + ($1 == 0x0A ? 1 : 0) }
            diagnostics.append(Diagnostic(.io002, "binary file: NUL byte found", at: SourceLocation(path: path, line: line)))
            self.bytes = []
            return
        }
        let hasCarriageReturn = SourceText.firstIndex(of: 0x0D, in: body) != nil
        let normalised = hasCarriageReturn ? SourceText.normalisingLineEndings(body) : body
        if normalised.withUnsafeBufferPointer({ UTF8Validation.isValid($0) }) {
            self.bytes = normalised
            return
        }
        self.bytes = ArraySlice(String(decoding: normalised, as: UTF8.self).utf8)
        var line = 1
        var iterator = body.makeIterator()
        var decoder = UTF8()
        loop: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                if scalar == "\n" { line += 1 }
            case .emptyInput:
                break loop
            case .error:
                diagnostics.append(Diagnostic(.enc001, "invalid UTF-8; bytes replaced with U+FFFD", at: SourceLocation(path: path, line: line)))
                break loop
            }
        }
    }

    /// `text.allSatisfy(\.isWhitespace)` of the text these bytes make. A text that starts, after
    /// ASCII white space, with another ASCII byte is not white space (a grapheme break comes before
    /// it, and its first scalar is that byte); only a text with a scalar beyond ASCII there is
    /// made into a `String` to be read by `Character`.
    var isWhitespaceOnly: Bool {
        guard let first = bytes.firstIndex(where: { !Self.isASCIIWhitespace($0) }) else { return true }
        guard bytes[first] >= 0x80 else { return false }
        return String(decoding: bytes, as: UTF8.self).allSatisfy(\.isWhitespace)
    }

    /// The ASCII scalars with the Unicode property White_Space: tab, line feed, vertical tab,
    /// form feed, carriage return and space.
    static func isASCIIWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || (0x09...0x0D).contains(byte)
    }
}

extension SourceText {
    /// The index of the first `byte` in `bytes`, found with `memchr`.
    static func firstIndex(of byte: UInt8, in bytes: ArraySlice<UInt8>) -> Int? {
        bytes.withUnsafeBufferPointer { buffer in
            ByteSearch.firstIndex(of: byte, in: buffer).map { bytes.startIndex + $0 }
        }
    }

    /// Replaces `\r\n`, then any lone `\r`, with `\n`, in UTF-8 bytes (a `\r` is never part of
    /// a multi-byte sequence, so valid text stays valid and invalid bytes stay where they were).
    static func normalisingLineEndings(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var out = [UInt8]()
        out.reserveCapacity(bytes.count)
        var previousWasCR = false
        for byte in bytes {
            if byte == 0x0D {
                out.append(0x0A)
                previousWasCR = true
                continue
            }
            if byte == 0x0A, previousWasCR {
                previousWasCR = false
                continue
            }
            previousWasCR = false
            out.append(byte)
        }
        return out[...]
    }
}
