import AdvisoryModel

/// A source file turned into text: BOM stripped, line endings normalised to `\n`.
public struct SourceText: Sendable {
    public var text: String
    public var hadByteOrderMark: Bool
    public var diagnostics: [Diagnostic]

    /// Decodes `bytes` as UTF-8. Invalid bytes become U+FFFD with an `ENC001` warning;
    /// NUL bytes mark a binary file (`IO002`) and give empty text.
    public init(bytes: [UInt8], path: String) {
        diagnostics = []
        hadByteOrderMark = bytes.starts(with: [0xEF, 0xBB, 0xBF])
        let body = hadByteOrderMark ? bytes[3...] : bytes[...]
        if let nul = SourceText.firstIndex(of: 0, in: body) {
            let line = body[..<nul].reduce(1) { $0 + ($1 == 0x0A ? 1 : 0) }
            diagnostics.append(Diagnostic(.io002, "binary file: NUL byte found", at: SourceLocation(path: path, line: line)))
            text = ""
            return
        }
        let hasCarriageReturn = SourceText.firstIndex(of: 0x0D, in: body) != nil
        let normalised = hasCarriageReturn ? SourceText.normalisingLineEndings(body) : body
        if let valid = normalised.withUnsafeBufferPointer({ String(validating: $0, as: UTF8.self) }) {
            text = valid
            return
        }
        text = String(decoding: normalised, as: UTF8.self)
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
