import AdvisoryModel
import CommonMark

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

    /// One line the repair changed: its index, its new bytes (without the `\n`) and the markers
    /// taken out.
    struct Repair {
        var line: Int
        var bytes: [UInt8]
        var removals: Removals
    }

    /// A line with a `*` the repair may touch, with its runs and the runs taken out of it.
    private struct Candidate {
        var line: Int
        var runs: [Run]
        var removed: [Run] = []
    }

    /// The repaired lines of `source`, whose lines start at `lineStarts`, in order of line; lines
    /// marked in `skipping` (fenced code) are left alone. Only lines holding a `*` (found with
    /// `memchr`) in a shape a repair needs (`mayHoldSlip`) have their runs read.
    static func repair(_ source: UnsafeBufferPointer<UInt8>, lineStarts starts: [Int], skipping: [Bool]) -> [Repair] {
        func line(_ number: Int) -> UnsafeBufferPointer<UInt8> {
            UnsafeBufferPointer(rebasing: source[ByteLines.range(ofLine: number, starts: starts, byteCount: source.count)])
        }
        var candidates = candidateLines(source, lineStarts: starts, skipping: skipping)
        for index in candidates.indices {
            let lineRuns = candidates[index].runs
            guard !lineRuns.isEmpty else { continue }
            let bytes = line(candidates[index].line)
            candidates[index].removed += emptyPairs(in: bytes, runs: lineRuns)
            candidates[index].removed += emptyStrong(runs: lineRuns)
            guard index + 1 < candidates.count, candidates[index + 1].line == candidates[index].line + 1,
                  let first = candidates[index + 1].runs.first, let last = lineRuns.last,
                  !candidates[index].removed.contains(last) else { continue }
            let nextRuns = candidates[index + 1].runs
            let next = line(candidates[index + 1].line)
            let doubles = lineRuns.count { $0.count >= 2 }
            let nextDoubles = nextRuns.count { $0.count >= 2 }
            if last.count == 2, first.count == 2, (doubles - 1) % 2 == 0, (nextDoubles - 1) % 2 == 0,
               last.start > 0, isSpace(bytes, before: last.start), bytes[last.end...].allSatisfy(isBlankByte),
               next[..<first.start].allSatisfy(isBlankByte) {
                candidates[index].removed.append(last)
                candidates[index + 1].removed.append(first)
                candidates[index + 1].runs.removeFirst()
            }
        }
        return candidates.compactMap { candidate in
            candidate.removed.isEmpty ? nil : repaired(line(candidate.line), removing: candidate.removed, number: candidate.line)
        }
    }

    /// The lines holding a `*` that the repair may touch (`eligible`), with their runs.
    private static func candidateLines(_ source: UnsafeBufferPointer<UInt8>, lineStarts starts: [Int], skipping: [Bool]) -> [Candidate] {
        func line(_ number: Int) -> UnsafeBufferPointer<UInt8> {
            UnsafeBufferPointer(rebasing: source[ByteLines.range(ofLine: number, starts: starts, byteCount: source.count)])
        }
        var candidates: [Candidate] = []
        ByteLines.forEachLine(holding: UInt8(ascii: "*"), in: source, starts: starts) { number, range, _ in
            let bytes = UnsafeBufferPointer(rebasing: source[range])
            if !skipping[number], mayHoldSlip(bytes, previous: number > 0 ? line(number - 1) : nil,
                                              next: number + 1 < starts.count ? line(number + 1) : nil), eligible(bytes) {
                candidates.append(Candidate(line: number, runs: markerRuns(bytes)))
            }
        }
        return candidates
    }

    /// False for a line no repair can touch, told without reading its runs (most lines with a `*`
    /// hold plain bold): true when it has a run of four or more `*`, or two runs with only white
    /// space (`isWhiteSpace`) between them, or when it ends with a `*` and `next` starts with one,
    /// or starts with one after a `previous` that ends with one (blanks aside).
    static func mayHoldSlip(_ line: UnsafeBufferPointer<UInt8>, previous: UnsafeBufferPointer<UInt8>?, next: UnsafeBufferPointer<UInt8>?) -> Bool {
        let star = UInt8(ascii: "*")
        var index = 0
        // Runs are found with `memchr`: a paragraph is often one long line with a few of them.
        while let found = ByteSearch.firstIndex(of: star, in: line, from: index) {
            index = found
            let runStart = index
            while index < line.count, line[index] == star { index += 1 }
            if index - runStart >= 4 { return true }
            let after = endOfWhiteSpace(in: line, from: index, to: line.count)
            if after > index, after < line.count, line[after] == star { return true }
        }
        if let next, lastNonBlank(line) == star, firstNonBlank(next) == star { return true }
        if let previous, firstNonBlank(line) == star, lastNonBlank(previous) == star { return true }
        return false
    }

    private static func firstNonBlank(_ line: UnsafeBufferPointer<UInt8>) -> UInt8? {
        line.first { !isBlankByte($0) }
    }

    private static func lastNonBlank(_ line: UnsafeBufferPointer<UInt8>) -> UInt8? {
        line.last { !isBlankByte($0) }
    }

    /// `line` without the runs in `removals`; when a run ended the line, the blanks (and one
    /// no-break space) left at its end go too.
    private static func repaired(_ line: UnsafeBufferPointer<UInt8>, removing removals: [Run], number: Int) -> Repair {
        var bytes = Array(line)
        let columns = removals.sorted { $0.start < $1.start }.map { run in
            (column: bytes[..<run.start].count { $0 & 0xC0 != 0x80 } + 1, count: run.count)
        }
        let crossLine = removals.contains { $0.end == bytes.count || bytes[$0.end...].allSatisfy(isBlankByte) }
        for run in removals.sorted(by: { $0.start > $1.start }) {
            bytes.removeSubrange(run.start..<run.end)
        }
        if crossLine {
            while let last = bytes.last, isBlankByte(last) { bytes.removeLast() }
            if bytes.count > 2, bytes[bytes.count - 2] == 0xC2, bytes[bytes.count - 1] == 0xA0 { bytes.removeLast(2) }
        }
        return Repair(line: number, bytes: bytes, removals: columns)
    }

    /// The column in the file of a character at `column` of a repaired line, given what
    /// `repair` took out of that line.
    static func fileColumn(_ column: Int, removals: Removals) -> Int {
        var column = column
        for removal in removals where removal.column <= column { column += removal.count }
        return column
    }

    /// Pairs `** **` on one line whose markers no other emphasis of the line can use.
    static func emptyPairs(in bytes: UnsafeBufferPointer<UInt8>, runs: [Run]) -> [Run] {
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
    static func markerRuns(_ bytes: UnsafeBufferPointer<UInt8>) -> [Run] {
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

    /// Lines the repair may touch: with a `*`, no backtick, not starting with raw HTML, and not a
    /// thematic break (`****` or `** **` alone on a line is a rule, not text).
    static func eligible(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard ByteSearch.firstIndex(of: UInt8(ascii: "*"), in: bytes) != nil else { return false }
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

    /// Space, tab, no-break space (C2 A0) or ideographic space (E3 80 80) only, and at least one.
    static func isWhiteSpace(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> Bool {
        !bytes.isEmpty && endOfWhiteSpace(in: bytes.base, from: bytes.startIndex, to: bytes.endIndex) == bytes.endIndex
    }

    /// The offset where the white space (of `isWhiteSpace`'s kinds) starting at `index` ends,
    /// looking no further than `end`.
    static func endOfWhiteSpace(in bytes: UnsafeBufferPointer<UInt8>, from index: Int, to end: Int) -> Int {
        var index = index
        while index < end {
            if bytes[index] == 0x20 || bytes[index] == 0x09 {
                index += 1
            } else if bytes[index] == 0xC2, index + 1 < end, bytes[index + 1] == 0xA0 {
                index += 2
            } else if bytes[index] == 0xE3, index + 2 < end, bytes[index + 1] == 0x80, bytes[index + 2] == 0x80 {
                index += 3
            } else {
                break
            }
        }
        return index
    }

    static func isSpace(_ bytes: UnsafeBufferPointer<UInt8>, before index: Int) -> Bool {
        if bytes[index - 1] == 0x20 || bytes[index - 1] == 0x09 { return true }
        if index >= 2, bytes[index - 2] == 0xC2, bytes[index - 1] == 0xA0 { return true }
        return index >= 3 && bytes[index - 3] == 0xE3 && bytes[index - 2] == 0x80 && bytes[index - 1] == 0x80
    }

    static func isBlankByte(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09
    }
}
