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
        /// The rewritten text as UTF-8, what `MarkdownParser.parse(utf8:lineMap:)` reads: valid
        /// UTF-8, as the body it is cut from (only ASCII bytes and a whole NBSP are taken out or put in).
        public var bytes: [UInt8]
        /// `lineMap[i]` is the file line of output line `i + 1`.
        public var lineMap: [Int]
        /// Markers `ConverterSlips` took out, by file line (for the columns of later diagnostics).
        var removedMarkers: [Int: ConverterSlips.Removals] = [:]

        /// The rewritten text.
        public var text: String { String(decoding: bytes, as: UTF8.self) }
    }

    /// Rewrites `body`, whose first line is file line `firstLine`.
    public static func process(_ body: Substring, firstLine: Int) -> Output {
        var body = body
        return body.withUTF8 { process(utf8: $0, firstLine: firstLine) }
    }

    /// Rewrites the body whose UTF-8 (well-formed) is `source` and whose first line is file line `firstLine`.
    static func process(utf8 source: UnsafeBufferPointer<UInt8>, firstLine: Int) -> Output {
        let lines = BodyLines(source)
        let endsWithNewline = source.last == 0x0A
        guard CJK.containsCJK(utf8: source) else {
            return rewrite(source, lines: lines, fenced: lines.fenced, firstLine: firstLine, endsWithNewline: endsWithNewline)
        }
        let repairs = ConverterSlips.repair(source, lineStarts: lines.starts, skipping: lines.fenced)
        guard !repairs.isEmpty else {
            return rewrite(source, lines: lines, fenced: lines.fenced, firstLine: firstLine, endsWithNewline: endsWithNewline)
        }
        // A repair keeps every line but may change how it starts: the tags are read again; the
        // fences stay those of the file.
        var output = patching(source, lineStarts: lines.starts, with: repairs).withUnsafeBufferPointer { patched in
            rewrite(patched, lines: BodyLines(patched), fenced: lines.fenced, firstLine: firstLine, endsWithNewline: endsWithNewline)
        }
        output.removedMarkers = Dictionary(uniqueKeysWithValues: repairs.map { (firstLine + $0.line, $0.removals) })
        return output
    }

    /// `source` with the lines `repairs` names replaced by their repaired bytes.
    static func patching(_ source: UnsafeBufferPointer<UInt8>, lineStarts starts: [Int], with repairs: [ConverterSlips.Repair]) -> [UInt8] {
        var patched: [UInt8] = []
        patched.reserveCapacity(source.count)
        var copied = 0
        for repair in repairs {
            patched.append(contentsOf: UnsafeBufferPointer(rebasing: source[copied..<starts[repair.line]]))
            patched.append(contentsOf: repair.bytes)
            copied = ByteLines.range(ofLine: repair.line, starts: starts, byteCount: source.count).upperBound
        }
        patched.append(contentsOf: UnsafeBufferPointer(rebasing: source[copied...]))
        return patched
    }

    /// The output text and its line map: the lines of `source` copied in runs, with one `append`
    /// per run, and the lines put in between them.
    private struct Writer {
        let source: UnsafeBufferPointer<UInt8>
        let starts: [Int]
        let firstLine: Int
        var bytes: [UInt8] = []
        var lineMap: [Int] = []
        /// The lines of `source` before this one are in `bytes`.
        var copied = 0

        init(source: UnsafeBufferPointer<UInt8>, starts: [Int], firstLine: Int) {
            self.source = source
            self.starts = starts
            self.firstLine = firstLine
            bytes.reserveCapacity(source.count + source.count / 16)
            lineMap.reserveCapacity(starts.count + starts.count / 8)
        }

        /// The line of `source` at index `number`, without its `\n`.
        func line(_ number: Int) -> Slice<UnsafeBufferPointer<UInt8>> {
            source[ByteLines.range(ofLine: number, starts: starts, byteCount: source.count)]
        }

        /// Copies the lines of `source` from the last copied up to (not including) `number`, each
        /// with a `\n` (the last line of `source` gets one too).
        mutating func copyLines(upTo number: Int) {
            guard copied < number else { return }
            let end = number < starts.count ? starts[number] : source.count
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: source[starts[copied]..<end]))
            if number == starts.count { bytes.append(0x0A) }
            lineMap.append(contentsOf: (firstLine + copied)..<(firstLine + number))
            copied = number
        }

        /// Puts `line` and a `\n` in, as a line of file line `fileLine`.
        mutating func insert(_ line: Slice<UnsafeBufferPointer<UInt8>>, fileLine: Int) {
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: line))
            bytes.append(0x0A)
            lineMap.append(fileLine)
        }

        /// True when the line before `number` in the output, as it will be written, holds text.
        func lineBeforeHasText(_ number: Int) -> Bool {
            copied < number ? !line(number - 1).isEmpty : bytes.count >= 2 && bytes[bytes.count - 2] != 0x0A
        }
    }

    /// The blank lines put around tags and the split cells, for the `lines` of `source` (only
    /// their `tagLines` outside `fenced` code can change). Lines no rule changes stay in the runs
    /// `Writer` copies.
    private static func rewrite(_ source: UnsafeBufferPointer<UInt8>, lines: BodyLines, fenced: [Bool],
                                firstLine: Int, endsWithNewline: Bool) -> Output {
        let starts = lines.starts
        var out = Writer(source: source, starts: starts, firstLine: firstLine)
        let blank = source[0..<0]
        for number in lines.tagLines where !fenced[number] {
            let current = out.line(number)
            let fileLine = firstLine + number
            let content = trimmingTrailingBlanks(current.drop { $0 == 0x20 || $0 == 0x09 })
            let next = number + 1 < starts.count ? out.line(number + 1) : blank
            let nextIsIndentedCode = next.prefix { $0 == 0x20 }.count >= 4
            if let tag = openingTag(content), tag != .other {
                if !nextIsIndentedCode, !isBlank(next), next.first != UInt8(ascii: "<") {
                    out.copyLines(upTo: number + 1)
                    out.insert(blank, fileLine: fileLine)
                }
            } else if let tag = closingTag(content), tag.isCell {
                if out.lineBeforeHasText(number) {
                    out.copyLines(upTo: number)
                    out.insert(blank, fileLine: fileLine)
                }
            } else if isEmptyAnchor(content) {
                if !nextIsIndentedCode, !isBlank(next) {
                    out.copyLines(upTo: number + 1)
                    out.insert(blank, fileLine: fileLine)
                }
            } else if let (opening, inner, closing) = singleLineCell(content), holdsMarkdown(inner) {
                out.copyLines(upTo: number)
                for part in [opening, blank, inner, blank, closing] {
                    out.insert(part, fileLine: fileLine)
                }
                out.copied = number + 1
            }
        }
        out.copyLines(upTo: starts.count)
        if !endsWithNewline, out.bytes.last == 0x0A { out.bytes.removeLast() }
        return Output(bytes: out.bytes, lineMap: out.lineMap)
    }

    /// True when a cell's content holds `**` or `](`.
    static func holdsMarkdown(_ inner: some ByteSlice) -> Bool {
        var index = inner.startIndex
        while index + 1 < inner.endIndex {
            let pair = (inner[index], inner[index + 1])
            if pair == (UInt8(ascii: "*"), UInt8(ascii: "*")) || pair == (UInt8(ascii: "]"), UInt8(ascii: "(")) { return true }
            index += 1
        }
        return false
    }

    /// The indentation of `line` in columns, a tab advancing to the next multiple of four.
    static func indentColumns(_ line: some ByteSlice) -> Int {
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
    static func isBlank(_ line: some ByteSlice) -> Bool {
        if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { return true }
        guard line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 >= 0x80 }) else { return false }
        return String(decoding: line, as: UTF8.self).unicodeScalars.allSatisfy(AdvisoryExtractor.isWhiteSpace)
    }

    /// The line without trailing spaces, tabs and NBSPs.
    static func trimmingTrailingBlanks<Line: ByteSlice>(_ line: Line) -> Line {
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

    /// The tags a blank line is put around: table cells (`td`, `th`, `caption`) and `p`.
    enum Tag: Equatable {
        case cell
        case paragraph
        case other

        /// The tag named by `name` (ASCII letters and digits, any case).
        init(name: some ByteSlice) {
            switch name.count {
            case 1: self = Self.equalsIgnoringCase(name, "p") ? .paragraph : .other
            case 2: self = Self.equalsIgnoringCase(name, "td") || Self.equalsIgnoringCase(name, "th") ? .cell : .other
            case 7: self = Self.equalsIgnoringCase(name, "caption") ? .cell : .other
            default: self = .other
            }
        }

        var isCell: Bool { self == .cell }

        /// True when `name` is `lowercase` in any ASCII case.
        static func equalsIgnoringCase(_ name: some ByteSlice, _ lowercase: StaticString) -> Bool {
            guard name.count == lowercase.utf8CodeUnitCount else { return false }
            let expected = UnsafeBufferPointer(start: lowercase.utf8Start, count: lowercase.utf8CodeUnitCount)
            return zip(name, expected).allSatisfy { byte, letter in
                ((0x41...0x5A).contains(byte) ? byte | 0x20 : byte) == letter
            }
        }
    }

    /// The tag of a line that is exactly one opening tag `<td …>`.
    static func openingTag(_ line: some ByteSlice) -> Tag? {
        guard line.count >= 3, line.first == UInt8(ascii: "<"), line.last == UInt8(ascii: ">") else { return nil }
        let inner = line.dropFirst().dropLast()
        guard inner.first != UInt8(ascii: "/"), inner.last != UInt8(ascii: "/"), !inner.contains(UInt8(ascii: ">")) else { return nil }
        let name = inner.prefix { $0.isASCIIAlphanumeric }
        return name.isEmpty ? nil : Tag(name: name)
    }

    /// The tag of a line that is exactly one closing tag `</td>`.
    static func closingTag(_ line: some ByteSlice) -> Tag? {
        guard line.count >= 4, line[line.startIndex] == UInt8(ascii: "<"), line[line.startIndex + 1] == UInt8(ascii: "/"),
              line.last == UInt8(ascii: ">") else { return nil }
        let name = line.dropFirst(2).dropLast()
        guard !name.isEmpty, name.allSatisfy({ $0.isASCIIAlphanumeric }) else { return nil }
        return Tag(name: name)
    }

    /// `<span id="x"></span>` or `<a name="x"></a>` alone on a line.
    static func isEmptyAnchor(_ line: some ByteSlice) -> Bool {
        isEmptyElement(line, open: "<span", close: "</span>") || isEmptyElement(line, open: "<a", close: "</a>")
    }

    private static func isEmptyElement(_ line: some ByteSlice, open: StaticString, close: StaticString) -> Bool {
        let open = UnsafeBufferPointer(start: open.utf8Start, count: open.utf8CodeUnitCount)
        let close = UnsafeBufferPointer(start: close.utf8Start, count: close.utf8CodeUnitCount)
        guard line.count > open.count + close.count, line.starts(with: open), line.suffix(close.count).elementsEqual(close) else { return false }
        let inner = line.dropLast(close.count)
        return inner.firstIndex(of: UInt8(ascii: ">")) == inner.endIndex - 1
    }

    /// Splits `<td …>content</td>` into its three parts.
    static func singleLineCell<Line: ByteSlice>(_ line: Line) -> (Line, Line, Line)? {
        guard line.first == UInt8(ascii: "<") else { return nil }
        let name = line.dropFirst().prefix { $0.isASCIILetter }
        guard Tag(name: name) == .cell else { return nil }
        let closingCount = name.count + 3
        guard line.count > closingCount, let close = line.firstIndex(of: UInt8(ascii: ">")) else { return nil }
        let closing = line.suffix(closingCount)
        func same(_ byte: UInt8, _ expected: UInt8) -> Bool { byte | 0x20 == expected | 0x20 }
        guard same(closing[closing.startIndex], UInt8(ascii: "<")), same(closing[closing.startIndex + 1], UInt8(ascii: "/")),
              same(closing[closing.endIndex - 1], UInt8(ascii: ">")),
              closing.dropFirst(2).dropLast().elementsEqual(name, by: same) else { return nil }
        let innerStart = close + 1
        let innerEnd = line.endIndex - closingCount
        guard innerStart < innerEnd else { return nil }
        let inner = line[innerStart..<innerEnd]
        guard !TextSearch.contains(inner, cellOpeners[0]), !TextSearch.contains(inner, cellOpeners[1]) else { return nil }
        return (line[..<innerStart], inner, line[innerEnd...])
    }

    private static let cellOpeners = [Array("<td".utf8), Array("<th".utf8)]
}

/// A slice of bytes indexed by offsets into its base: the lines of the preprocessor's buffer
/// (`Slice<UnsafeBufferPointer<UInt8>>`) or of an array.
protocol ByteSlice: RandomAccessCollection<UInt8> where Index == Int, SubSequence == Self {}

extension ArraySlice<UInt8>: ByteSlice {}
extension Slice<UnsafeBufferPointer<UInt8>>: ByteSlice {}
