/// Finds `**` that a raw HTML block shows as text: Markdown is not read inside HTML blocks, so
/// `<p>**注意：**此</p>` prints its asterisks. A footnote mark is left out: a run right after a
/// word or a tag and right before a tag (`<td>Service Pack 2**</td>`, `<strong>**</strong>`) is
/// what its author wrote, as `scripts/render-audit.sh` counts it.
enum RawHTMLMarkers {
    struct Run: Equatable {
        var marker: String
        /// Lines after the block's first line.
        var lineOffset: Int
        /// 1-based column in characters.
        var column: Int
    }

    /// Runs of two or more `*` outside tags, comments, `code` and `pre`.
    static func visibleRuns(in html: String) -> [Run] {
        var runs: [Run] = []
        let bytes = Array(html.utf8)
        var index = 0
        var line = 0
        var lineStart = 0
        var verbatim = 0
        var cursor = (offset: 0, column: 1)
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x0A {
                line += 1
                lineStart = index + 1
                index += 1
            } else if byte == UInt8(ascii: "<") {
                var end = index + 1
                while end < bytes.count, bytes[end] != UInt8(ascii: ">") {
                    if bytes[end] == 0x0A {
                        line += 1
                        lineStart = end + 1
                    }
                    end += 1
                }
                let name = tagName(bytes[(index + 1)..<min(end, bytes.count)])
                if name == "code" || name == "pre" { verbatim += 1 }
                if name == "/code" || name == "/pre" { verbatim = max(0, verbatim - 1) }
                index = end + 1
            } else if byte == UInt8(ascii: "*") {
                var end = index
                while end < bytes.count, bytes[end] == byte { end += 1 }
                if end - index >= 2, verbatim == 0, !isFootnoteMark(bytes, start: index, end: end) {
                    if cursor.offset < lineStart { cursor = (lineStart, 1) }
                    cursor.column += TextLines.characterColumn(ofByte: index, in: bytes[cursor.offset..<bytes.count]) - 1
                    cursor.offset = index
                    runs.append(Run(marker: String(repeating: "*", count: end - index), lineOffset: line, column: cursor.column))
                }
                index = end
            } else {
                index += 1
            }
        }
        return runs
    }

    /// A run right before a tag and right after a character that is neither white space nor `<`.
    static func isFootnoteMark(_ bytes: [UInt8], start: Int, end: Int) -> Bool {
        guard start > 0, end < bytes.count, bytes[end] == UInt8(ascii: "<"), bytes[start - 1] != UInt8(ascii: "<") else { return false }
        var first = start - 1
        while first > 0, bytes[first] & 0xC0 == 0x80 { first -= 1 }
        guard let before = String(decoding: bytes[first..<start], as: UTF8.self).unicodeScalars.first else { return false }
        return !before.properties.isWhitespace
    }

    private static func tagName(_ tag: ArraySlice<UInt8>) -> String {
        var name = ""
        for byte in tag {
            if byte == UInt8(ascii: "/"), name.isEmpty {
                name = "/"
                continue
            }
            guard (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) || (0x30...0x39).contains(byte) else { break }
            name.unicodeScalars.append(Unicode.Scalar(byte | ((0x41...0x5A).contains(byte) ? 0x20 : 0)))
        }
        return name
    }
}
