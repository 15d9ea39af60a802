/// Finds which `*` and `_` of a text node's literal are delimiter runs cmark-gfm left unmatched,
/// by walking the literal along its source: a backslash escape (`\*`) or an entity (`&#42;`)
/// stays text, and source markers missing from the literal are the ones emphasis consumed.
enum MarkerTokenizer {
    /// The literal cut into text nodes and runs; nil when the literal does not follow the source
    /// from byte `start` of `line` (the caller then keeps it as one text node).
    static func pieces(of literal: String, source line: ArraySlice<UInt8>, start: Int, fileLine: Int, textLine: Int, template: MarkdownNode) -> [InlinePiece]? {
        let text = Array(literal.utf8)
        var pieces: [InlinePiece] = []
        var textStart = 0
        var i = 0
        var j = start
        let end = line.endIndex
        func flushText(upTo index: Int) {
            guard index > textStart else { return }
            var node = template
            node.kind = .text(String(decoding: text[textStart..<index], as: UTF8.self))
            pieces.append(.node(node))
        }
        while i < text.count {
            guard j < end else { return nil }
            let sourceByte = line[j]
            let byte = text[i]
            if sourceByte == UInt8(ascii: "\\"), j + 1 < end, isASCIIPunctuation(line[j + 1]), line[j + 1] == byte {
                i += 1
                j += 2
            } else if sourceByte == UInt8(ascii: "&"), let semicolon = entityEnd(in: line, from: j) {
                let entity = String(decoding: line[j...semicolon], as: UTF8.self)
                let decoded = Array(HTMLText.decodingBasicEntities(entity).utf8)
                j = semicolon + 1
                if decoded != Array(entity.utf8) {
                    guard text[i...].starts(with: decoded) else { return nil }
                    i += decoded.count
                } else {
                    let resume: UInt8? = j < end ? line[j] : nil
                    i += 1
                    while i < text.count, text[i] != resume { i += 1 }
                }
            } else if byte == sourceByte, isMarker(byte) {
                flushText(upTo: i)
                var count = 0
                while i < text.count, j < end, text[i] == byte, line[j] == byte {
                    count += 1
                    i += 1
                    j += 1
                }
                pieces.append(.run(DelimiterRun(marker: byte, count: count, line: fileLine, textLine: textLine, column: 0,
                                                byteColumn: j - count - line.startIndex + 1, isLeftOver: true)))
                textStart = i
            } else if byte == sourceByte {
                i += 1
                j += 1
            } else if isMarker(sourceByte) {
                j += 1
            } else {
                return nil
            }
        }
        flushText(upTo: text.count)
        return pieces
    }

    static func isMarker(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "*") || byte == UInt8(ascii: "_")
    }

    static func isASCIIPunctuation(_ byte: UInt8) -> Bool {
        byte < 0x80 && CJK.isPunctuation(Unicode.Scalar(byte))
    }

    /// The index of the `;` ending an entity reference (`&amp;`, `&#42;`, `&#x2A;`) at `start`.
    static func entityEnd(in line: ArraySlice<UInt8>, from start: Int) -> Int? {
        var index = start + 1
        let limit = min(line.endIndex, start + 40)
        while index < limit {
            let byte = line[index]
            if byte == UInt8(ascii: ";") { return index > start + 1 ? index : nil }
            let isName = (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) || byte == UInt8(ascii: "#")
            guard isName else { return nil }
            index += 1
        }
        return nil
    }
}

