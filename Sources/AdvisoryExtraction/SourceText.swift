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
        if let nul = body.firstIndex(of: 0) {
            let line = body[..<nul].reduce(1) { $0 + ($1 == 0x0A ? 1 : 0) }
            diagnostics.append(Diagnostic(.io002, "binary file: NUL byte found", at: SourceLocation(path: path, line: line)))
            text = ""
            return
        }
        var decoded: String
        if let valid = body.withUnsafeBufferPointer({ String(validating: $0, as: UTF8.self) }) {
            decoded = valid
        } else {
            decoded = String(decoding: body, as: UTF8.self)
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
        if decoded.utf8.contains(0x0D) {
            decoded = SourceText.normalisingLineEndings(decoded)
        }
        text = decoded
    }

    /// Replaces `\r\n`, then any lone `\r`, with `\n`.
    public static func normalisingLineEndings(_ text: String) -> String {
        var out = [UInt8]()
        out.reserveCapacity(text.utf8.count)
        var previousWasCR = false
        for byte in text.utf8 {
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
        return String(decoding: out, as: UTF8.self)
    }
}
