import AdvisoryModel

/// The lines of a body as `TechNetPreprocessor` reads them, found in one walk over its bytes:
/// where each line starts, which lines belong to fenced code, and which lines its tag rules
/// look at. The walk finds each `\n` with `memchr` and reads only the first bytes of a line
/// (the fences' lines, rare, in full).
struct BodyLines {
    /// The offset where each line starts: 0, then the offset after every `\n` (`ByteLines.starts(of:)`).
    var starts: [Int]
    /// Which lines belong to fenced code, the fences included (`FenceTracker`).
    var fenced: [Bool]
    /// The lines whose first byte other than a space or tab is `<` at an offset below 4, in order:
    /// the lines that may be one tag, or a cell, under at most three columns of indentation.
    var tagLines: [Int]

    init(_ source: UnsafeBufferPointer<UInt8>) {
        var starts = [0]
        var tagLines: [Int] = []
        var fencedLines: [Int] = []
        var fence = FenceTracker()
        var lineStart = 0
        var number = 0
        while true {
            let end = ByteSearch.firstIndex(of: 0x0A, in: source, from: lineStart) ?? source.count
            var first = lineStart
            while first < end, source[first] == 0x20 || source[first] == 0x09 { first += 1 }
            if first < end {
                let byte = source[first]
                if byte == UInt8(ascii: "<"), first - lineStart < 4 { tagLines.append(number) }
                if fence.isOpen || byte == UInt8(ascii: "`") || byte == UInt8(ascii: "~"),
                   fence.isFenced(source[lineStart..<end]) {
                    fencedLines.append(number)
                }
            } else if fence.isOpen, fence.isFenced(source[lineStart..<end]) {
                fencedLines.append(number)
            }
            guard end < source.count else { break }
            lineStart = end + 1
            starts.append(lineStart)
            number += 1
        }
        var fenced = [Bool](repeating: false, count: starts.count)
        for line in fencedLines { fenced[line] = true }
        self.starts = starts
        self.fenced = fenced
        self.tagLines = tagLines
    }
}

/// Follows fenced code from line to line. A fence opens with three or more backticks or tildes
/// at any indentation (spaces or tabs) and closes with a run at least as long of the same
/// character and nothing else, also at any indentation: the corpus writes `    ```` inside
/// list items and closes it with a tab (`⇥````), which a top-level reading of the indentation
/// would take for an opening fence and so miss every table after it. A fence indented four
/// columns or more is in a list item, and a line indented less ends that item and the fence
/// with it (`SecurityBulletins/2012/ms12-054.md:1990`).
struct FenceTracker {
    private var open: (byte: UInt8, count: Int, indent: Int)?

    /// True while a fence is open: every line then belongs to it until one closes it.
    var isOpen: Bool { open != nil }

    /// Whether `line`, the next line, belongs to fenced code (an opening or closing fence
    /// included); notes the fence it opens or closes. With no fence open, only a line whose
    /// first byte other than a space or tab is a backtick or tilde can be one.
    mutating func isFenced(_ line: Slice<UnsafeBufferPointer<UInt8>>) -> Bool {
        let trimmed = line.drop { $0 == 0x20 || $0 == 0x09 }
        let indent = TechNetPreprocessor.indentColumns(line)
        if let fence = open, fence.indent >= 4, !TechNetPreprocessor.isBlank(line), indent < fence.indent {
            open = nil
        }
        if let fence = open {
            let run = trimmed.prefix { $0 == fence.byte }.count
            if run >= fence.count, TechNetPreprocessor.isBlank(trimmed.dropFirst(run)) { open = nil }
            return true
        }
        guard let first = trimmed.first, first == UInt8(ascii: "`") || first == UInt8(ascii: "~") else { return false }
        let run = trimmed.prefix { $0 == first }.count
        guard run >= 3, first == UInt8(ascii: "~") || !trimmed.dropFirst(run).contains(UInt8(ascii: "`")) else { return false }
        open = (first, run, indent)
        return true
    }
}
