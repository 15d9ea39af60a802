import CommonMark

/// Rewrites TechNet Markdown so that CommonMark reads it the way its authors meant.
///
/// The converter that made the corpus put Markdown right after a raw `<td …>` line and after
/// empty anchors such as `<span id="sectionToggle8"></span>`. CommonMark keeps such lines in
/// the HTML block, so `**bold**` and `[links](…)` would print literally. A blank line is
/// inserted after those lines (and before a lone closing `</td>`), which ends the HTML block
/// and lets the content parse as Markdown. Single-line cells holding Markdown are split.
/// Fenced code is left alone; a fence is recognised at any indentation, because the corpus
/// indents fences inside list items with spaces and closes them with a tab.
/// The line map keeps every parsed line pointing at its line in the file.
///
/// In documents with CJK text, the converter's empty and white-space-only bold is taken out
/// first (`ConverterSlips`).
///
/// Works on UTF-8 bytes: every decision looks only at ASCII markup.
public enum TechNetPreprocessor {
    public struct Output: Sendable {
        public var text: String
        /// `lineMap[i]` is the file line of output line `i + 1`.
        public var lineMap: [Int]
        /// Markers `ConverterSlips` took out, by file line (for the columns of later diagnostics).
        var removedMarkers: [Int: ConverterSlips.Removals] = [:]
    }

    private static let cellTags: Set<String> = ["td", "th", "caption"]

    /// Rewrites `body`, whose first line is file line `firstLine`.
    public static func process(_ body: Substring, firstLine: Int) -> Output {
        var body = body
        let source = body.withUTF8 { Array($0) }
        var starts = [0]
        for (index, byte) in source.enumerated() where byte == 0x0A { starts.append(index + 1) }
        var lines = starts.indices.map { number -> ArraySlice<UInt8> in
            let end = number + 1 < starts.count ? starts[number + 1] - 1 : source.count
            return source[starts[number]..<end]
        }
        let fenced = fencedLines(lines)
        var removedMarkers: [Int: ConverterSlips.Removals] = [:]
        if body.unicodeScalars.contains(where: CJK.isCJK) {
            removedMarkers = ConverterSlips.repair(&lines, skipping: fenced)
        }
        var out: [UInt8] = []
        out.reserveCapacity(source.count + source.count / 16)
        var lineMap: [Int] = []
        lineMap.reserveCapacity(starts.count + starts.count / 8)
        let blank = ArraySlice<UInt8>()
        for number in lines.indices {
            let current = lines[number]
            let fileLine = firstLine + number
            func emit(_ bytes: ArraySlice<UInt8>) {
                out.append(contentsOf: bytes)
                out.append(0x0A)
                lineMap.append(fileLine)
            }
            let indent = current.prefix { $0 == 0x20 || $0 == 0x09 }.count
            let trimmed = current.dropFirst(indent)
            guard !fenced[number], indent < 4, trimmed.first == UInt8(ascii: "<") else {
                emit(current)
                continue
            }
            let content = trimmingTrailingBlanks(trimmed)
            let next = number + 1 < lines.count ? lines[number + 1] : blank
            let nextIsIndentedCode = next.prefix { $0 == 0x20 }.count >= 4
            if let tag = openingTag(content), cellTags.contains(tag) || tag == "p" {
                emit(current)
                if !nextIsIndentedCode, !isBlank(next), next.first != UInt8(ascii: "<") { emit(blank) }
            } else if closingTag(content).map(cellTags.contains) == true {
                if out.count >= 2, out[out.count - 2] != 0x0A { emit(blank) }
                emit(current)
            } else if isEmptyAnchor(content) {
                emit(current)
                if !nextIsIndentedCode, !isBlank(next) { emit(blank) }
            } else if let (opening, inner, closing) = singleLineCell(content),
                      TextSearch.contains(inner, Array("**".utf8)) || TextSearch.contains(inner, Array("](".utf8)) {
                emit(opening)
                emit(blank)
                emit(inner)
                emit(blank)
                emit(closing)
            } else {
                emit(current)
            }
        }
        if source.last != 0x0A, out.last == 0x0A { out.removeLast() }
        return Output(text: String(decoding: out, as: UTF8.self), lineMap: lineMap,
                      removedMarkers: Dictionary(uniqueKeysWithValues: removedMarkers.map { (firstLine + $0.key, $0.value) }))
    }

    /// Which lines belong to fenced code (the fences included). A fence opens with three or more
    /// backticks or tildes at any indentation (spaces or tabs) and closes with a run at least as
    /// long of the same character and nothing else, also at any indentation: the corpus writes
    /// `    ```` inside list items and closes it with a tab (`⇥````), which a top-level reading of
    /// the indentation would take for an opening fence and so miss every table after it. A fence
    /// indented four columns or more is in a list item, and a line indented less ends that item
    /// and the fence with it (`SecurityBulletins/2012/ms12-054.md:1990`).
    static func fencedLines(_ lines: [ArraySlice<UInt8>]) -> [Bool] {
        var fenced = [Bool](repeating: false, count: lines.count)
        var fence: (byte: UInt8, count: Int, indent: Int)?
        for (number, line) in lines.enumerated() {
            let trimmed = line.drop { $0 == 0x20 || $0 == 0x09 }
            let indent = indentColumns(line)
            if let open = fence, open.indent >= 4, !isBlank(line), indent < open.indent {
                fence = nil
            }
            if let open = fence {
                fenced[number] = true
                let run = trimmed.prefix { $0 == open.byte }.count
                if run >= open.count, isBlank(trimmed.dropFirst(run)) { fence = nil }
                continue
            }
            if let first = trimmed.first, first == UInt8(ascii: "`") || first == UInt8(ascii: "~") {
                let run = trimmed.prefix { $0 == first }.count
                if run >= 3, first == UInt8(ascii: "~") || !trimmed.dropFirst(run).contains(UInt8(ascii: "`")) {
                    fence = (first, run, indent)
                    fenced[number] = true
                }
            }
        }
        return fenced
    }

    /// The indentation of `line` in columns, a tab advancing to the next multiple of four.
    static func indentColumns(_ line: ArraySlice<UInt8>) -> Int {
        var columns = 0
        for byte in line {
            if byte == 0x20 {
                columns += 1
            } else if byte == 0x09 {
                columns += 4 - columns % 4
            } else {
                break
            }
        }
        return columns
    }

    /// True for an empty line or one of white space only (NBSP and ideographic space included).
    static func isBlank(_ line: ArraySlice<UInt8>) -> Bool {
        if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { return true }
        guard line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 >= 0x80 }) else { return false }
        return String(decoding: line, as: UTF8.self).unicodeScalars.allSatisfy(AdvisoryExtractor.isWhiteSpace)
    }

    /// The line without trailing spaces, tabs and NBSPs.
    static func trimmingTrailingBlanks(_ line: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var end = line.endIndex
        while end > line.startIndex {
            let byte = line[end - 1]
            if byte == 0x20 || byte == 0x09 {
                end -= 1
            } else if byte == 0xA0, end - 2 >= line.startIndex, line[end - 2] == 0xC2 {
                end -= 2
            } else {
                break
            }
        }
        return line[line.startIndex..<end]
    }

    /// `td` for a line that is exactly one opening tag `<td …>`.
    static func openingTag(_ line: ArraySlice<UInt8>) -> String? {
        guard line.count >= 3, line.first == UInt8(ascii: "<"), line.last == UInt8(ascii: ">") else { return nil }
        let inner = line.dropFirst().dropLast()
        guard inner.first != UInt8(ascii: "/"), inner.last != UInt8(ascii: "/"), !inner.contains(UInt8(ascii: ">")) else { return nil }
        let name = inner.prefix { isASCIIAlphanumeric($0) }
        return name.isEmpty ? nil : String(decoding: name, as: UTF8.self).lowercased()
    }

    /// `td` for a line that is exactly one closing tag `</td>`.
    static func closingTag(_ line: ArraySlice<UInt8>) -> String? {
        guard line.count >= 4, line.starts(with: [UInt8(ascii: "<"), UInt8(ascii: "/")]), line.last == UInt8(ascii: ">") else { return nil }
        let name = line.dropFirst(2).dropLast()
        guard !name.isEmpty, name.allSatisfy(isASCIIAlphanumeric) else { return nil }
        return String(decoding: name, as: UTF8.self).lowercased()
    }

    /// `<span id="x"></span>` or `<a name="x"></a>` alone on a line.
    static func isEmptyAnchor(_ line: ArraySlice<UInt8>) -> Bool {
        for tag in ["span", "a"] {
            let open = Array("<\(tag)".utf8), close = Array("</\(tag)>".utf8)
            guard line.count > open.count + close.count, line.starts(with: open), line.suffix(close.count).elementsEqual(close) else { continue }
            let inner = line.dropLast(close.count)
            if let end = inner.firstIndex(of: UInt8(ascii: ">")), end == inner.endIndex - 1 { return true }
        }
        return false
    }

    /// Splits `<td …>content</td>` into its three parts.
    static func singleLineCell(_ line: ArraySlice<UInt8>) -> (ArraySlice<UInt8>, ArraySlice<UInt8>, ArraySlice<UInt8>)? {
        guard line.first == UInt8(ascii: "<") else { return nil }
        let name = String(decoding: line.dropFirst().prefix { isASCIILetter($0) }, as: UTF8.self).lowercased()
        guard cellTags.contains(name) else { return nil }
        let closing = Array("</\(name)>".utf8)
        guard line.count > closing.count, line.suffix(closing.count).elementsEqual(closing, by: { $0 | 0x20 == $1 | 0x20 }),
              let close = line.firstIndex(of: UInt8(ascii: ">")) else { return nil }
        let innerStart = close + 1
        let innerEnd = line.endIndex - closing.count
        guard innerStart < innerEnd else { return nil }
        let inner = line[innerStart..<innerEnd]
        guard !TextSearch.contains(inner, Array("<td".utf8)), !TextSearch.contains(inner, Array("<th".utf8)) else { return nil }
        return (line[..<innerStart], inner, line[innerEnd...])
    }

    private static func isASCIILetter(_ byte: UInt8) -> Bool {
        (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
    }

    private static func isASCIIAlphanumeric(_ byte: UInt8) -> Bool {
        isASCIILetter(byte) || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
    }
}
