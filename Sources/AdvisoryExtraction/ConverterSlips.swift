#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Bold the TechNet converter wrote around nothing, which no Markdown reader can pair and so
/// prints as asterisks: `<strong></strong>` became `****` and `<strong> </strong>` became
/// `** **` (a space or no-break space between the markers, or the end of one line and the start
/// of the next: `**什么是 WCF？** **⏎**Windows Communication Foundation…`).
///
/// CommonMark shows both shapes as text: a `**` followed by white space cannot open, and a
/// lone `****` has nothing to pair with. The markers are taken out and the white space kept.
/// A pair counts only when it cannot belong to other emphasis on its lines: an even number of
/// other `**` runs before it and after it (so `**a** **b**` keeps its two bold words), not in
/// fenced code, not on a line with a code span (backtick) or starting with raw HTML, and not
/// escaped (`\*\*`), and not a thematic break (`****` alone on a line). `****` is taken out
/// only when it is the one run of exactly four on its line (`****a****` stays nested bold).
///
/// `TechNetPreprocessor` runs it on documents with CJK text only: text without CJK renders as
/// cmark-gfm reads it.
enum ConverterSlips {
    /// A run of `*` on a line: byte offsets from the line start.
    struct Run: Equatable {
        var start: Int
        var count: Int
        var end: Int { start + count }
    }

    /// Markers taken out of one line: the 1-based character column each run had in the file, and
    /// its length, in order of column.
    typealias Removals = [(column: Int, count: Int)]

    /// Repairs `lines` in place; lines marked in `skipping` (fenced code) are left alone. Returns
    /// the markers taken out, by line index.
    @discardableResult
    static func repair(_ lines: inout [ArraySlice<UInt8>], skipping: [Bool]) -> [Int: Removals] {
        var removed: [Int: Removals] = [:]
        var runs = lines.indices.map { number -> [Run]? in
            !skipping[number] && eligible(lines[number]) ? markerRuns(lines[number]) : nil
        }
        var removals = [[Run]](repeating: [], count: lines.count)
        for number in lines.indices {
            guard let lineRuns = runs[number], !lineRuns.isEmpty else { continue }
            let bytes = Array(lines[number])
            removals[number] += emptyPairs(in: bytes, runs: lineRuns)
            removals[number] += emptyStrong(runs: lineRuns)
            guard number + 1 < lines.count, let nextRuns = runs[number + 1], let first = nextRuns.first,
                  let last = lineRuns.last, !removals[number].contains(last) else { continue }
            let next = Array(lines[number + 1])
            let doubles = lineRuns.count { $0.count >= 2 }
            let nextDoubles = nextRuns.count { $0.count >= 2 }
            if last.count == 2, first.count == 2, (doubles - 1) % 2 == 0, (nextDoubles - 1) % 2 == 0,
               last.start > 0, isSpace(bytes, before: last.start), bytes[last.end...].allSatisfy(isBlankByte),
               next[..<first.start].allSatisfy(isBlankByte) {
                removals[number].append(last)
                removals[number + 1].append(first)
                runs[number + 1] = Array(nextRuns.dropFirst())
            }
        }
        for number in lines.indices where !removals[number].isEmpty {
            var bytes = Array(lines[number])
            removed[number] = removals[number].sorted { $0.start < $1.start }.map { run in
                (column: bytes[..<run.start].count { $0 & 0xC0 != 0x80 } + 1, count: run.count)
            }
            let crossLine = removals[number].contains { $0.end == bytes.count || bytes[$0.end...].allSatisfy(isBlankByte) }
            for run in removals[number].sorted(by: { $0.start > $1.start }) {
                bytes.removeSubrange(run.start..<run.end)
            }
            if crossLine {
                while let last = bytes.last, isBlankByte(last) { bytes.removeLast() }
                if bytes.count > 2, bytes[bytes.count - 2] == 0xC2, bytes[bytes.count - 1] == 0xA0 { bytes.removeLast(2) }
            }
            lines[number] = bytes[...]
        }
        return removed
    }

    /// The column in the file of a character at `column` of a repaired line, given what
    /// `repair` took out of that line.
    static func fileColumn(_ column: Int, removals: Removals) -> Int {
        var column = column
        for removal in removals where removal.column <= column { column += removal.count }
        return column
    }

    /// Pairs `** **` on one line whose markers no other emphasis of the line can use.
    static func emptyPairs(in bytes: [UInt8], runs: [Run]) -> [Run] {
        var removed: [Run] = []
        let doubles = runs.enumerated().filter { $0.element.count >= 2 }.map(\.offset)
        var position = 0
        while position + 1 < doubles.count {
            let first = runs[doubles[position]]
            let second = runs[doubles[position + 1]]
            let between = bytes[first.end..<second.start]
            if first.count == 2, second.count == 2, doubles[position + 1] == doubles[position] + 1, !between.isEmpty,
               isWhiteSpace(between), position % 2 == 0, (doubles.count - position - 2) % 2 == 0 {
                removed += [first, second]
                position += 2
            } else {
                position += 1
            }
        }
        return removed
    }

    /// The one run of exactly four `*` on a line, with an even number of other `**` runs.
    static func emptyStrong(runs: [Run]) -> [Run] {
        var four: Run?
        var fours = 0
        var others = 0
        for run in runs {
            if run.count == 4 {
                four = run
                fours += 1
            } else if run.count >= 2 {
                others += 1
            }
        }
        guard fours == 1, others % 2 == 0, let four else { return [] }
        return [four]
    }

    /// Runs of `*` outside backslash escapes, at offsets from the start of `line`.
    static func markerRuns(_ line: ArraySlice<UInt8>) -> [Run] {
        line.withUnsafeBufferPointer { bytes in
            var runs: [Run] = []
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                if byte == UInt8(ascii: "\\"), index + 1 < bytes.count, bytes[index + 1] < 0x80 {
                    index += 2
                } else if byte == UInt8(ascii: "*") {
                    let start = index
                    while index < bytes.count, bytes[index] == UInt8(ascii: "*") { index += 1 }
                    runs.append(Run(start: start, count: index - start))
                } else {
                    index += 1
                }
            }
            return runs
        }
    }

    /// Lines the repair may touch: with a `*`, no backtick, not starting with raw HTML, and not a
    /// thematic break (`****` or `** **` alone on a line is a rule, not text).
    static func eligible(_ line: ArraySlice<UInt8>) -> Bool {
        line.withUnsafeBufferPointer { bytes in
            guard let base = bytes.baseAddress, memchr(base, Int32(UInt8(ascii: "*")), bytes.count) != nil else { return false }
            var stars = 0
            var onlyStarsAndBlanks = true
            var firstNonBlank: UInt8?
            for byte in bytes {
                if byte == UInt8(ascii: "`") { return false }
                if byte == UInt8(ascii: "*") {
                    stars += 1
                } else if !isBlankByte(byte) {
                    onlyStarsAndBlanks = false
                }
                if firstNonBlank == nil, byte != 0x20, byte != 0x09 { firstNonBlank = byte }
            }
            let isBreak = onlyStarsAndBlanks && stars >= 3
            return stars > 0 && !isBreak && firstNonBlank != UInt8(ascii: "<")
        }
    }

    /// Space, tab, no-break space (C2 A0) or ideographic space (E3 80 80) only, and at least one.
    static func isWhiteSpace(_ bytes: ArraySlice<UInt8>) -> Bool {
        var index = bytes.startIndex
        while index < bytes.endIndex {
            if bytes[index] == 0x20 || bytes[index] == 0x09 {
                index += 1
            } else if bytes[index] == 0xC2, index + 1 < bytes.endIndex, bytes[index + 1] == 0xA0 {
                index += 2
            } else if bytes[index] == 0xE3, index + 2 < bytes.endIndex, bytes[index + 1] == 0x80, bytes[index + 2] == 0x80 {
                index += 3
            } else {
                return false
            }
        }
        return !bytes.isEmpty
    }

    static func isSpace(_ bytes: [UInt8], before index: Int) -> Bool {
        if bytes[index - 1] == 0x20 || bytes[index - 1] == 0x09 { return true }
        if index >= 2, bytes[index - 2] == 0xC2, bytes[index - 1] == 0xA0 { return true }
        return index >= 3 && bytes[index - 3] == 0xE3 && bytes[index - 2] == 0x80 && bytes[index - 1] == 0x80
    }

    static func isBlankByte(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09
    }
}
