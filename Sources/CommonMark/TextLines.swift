import AdvisoryModel

/// The lines of a text as byte slices, for reading a source back at a line and column.
public struct TextLines: Sendable {
    private let bytes: [UInt8]
    private let starts: [Int]

    public init(_ bytes: [UInt8]) {
        self.bytes = bytes
        starts = bytes.withUnsafeBufferPointer(ByteLines.starts(of:))
    }

    public init(_ text: String) {
        self.init(Array(text.utf8))
    }

    /// Line `number` (1-based) without its line ending; nil past the end.
    public func line(_ number: Int) -> ArraySlice<UInt8>? {
        range(ofLine: number).map { bytes[$0] }
    }

    /// The byte range of line `number` (1-based) without its line ending, as `line(_:)` cuts it
    /// (no slice made, so the text is not retained); nil past the end.
    func range(ofLine number: Int) -> Range<Int>? {
        guard number >= 1, number <= starts.count else { return nil }
        let start = starts[number - 1]
        var end = number < starts.count ? starts[number] - 1 : bytes.count
        if end > start, bytes[end - 1] == 0x0D { end -= 1 }
        return start..<end
    }

    /// The byte at `offset` of the text.
    subscript(byte offset: Int) -> UInt8 {
        bytes[offset]
    }

    /// The 1-based character column where `needle` (lower-case ASCII) first occurs on line
    /// `number`, ignoring ASCII case.
    public func column(of needle: String, onLine number: Int) -> Int? {
        guard let line = line(number), !needle.isEmpty else { return nil }
        let pattern = Array(needle.utf8)
        guard line.count >= pattern.count else { return nil }
        for offset in line.startIndex...(line.endIndex - pattern.count) {
            let matches = pattern.indices.allSatisfy { index in
                let value = line[offset + index]
                return ((0x41...0x5A).contains(value) ? value | 0x20 : value) == pattern[index]
            }
            if matches { return Self.characterColumn(ofByte: offset, in: line) }
        }
        return nil
    }

    /// The 1-based character column of byte `offset` of `line`.
    public static func characterColumn(ofByte offset: Int, in line: ArraySlice<UInt8>) -> Int {
        var column = 1
        for byte in line[line.startIndex..<min(offset, line.endIndex)] where byte & 0xC0 != 0x80 { column += 1 }
        return column
    }
}

/// UTF-8 bytes split into lines at `\n`, found with `memchr`.
public enum ByteLines {
    /// The offset where each line starts: 0, then the offset after every `\n`.
    public static func starts(of bytes: UnsafeBufferPointer<UInt8>) -> [Int] {
        var starts = [0]
        var offset = 0
        while let found = ByteSearch.firstIndex(of: 0x0A, in: bytes, from: offset) {
            offset = found + 1
            starts.append(offset)
        }
        return starts
    }

    /// The number of `\n` in `bytes[start..<end]`.
    public static func newlineCount(in bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Int {
        guard start < end else { return 0 }
        let part = UnsafeBufferPointer(rebasing: bytes[..<end])
        var count = 0
        var offset = start
        while let found = ByteSearch.firstIndex(of: 0x0A, in: part, from: offset) {
            count += 1
            offset = found + 1
        }
        return count
    }

    /// Calls `body` for each line of `bytes` (whose lines start at `starts`) that holds `byte`, in
    /// order, with the line's index, its byte range without the `\n`, and the offset of its first
    /// `byte`. The lines are found with `memchr`; lines without `byte` cost nothing but a comparison.
    public static func forEachLine(holding byte: UInt8, in bytes: UnsafeBufferPointer<UInt8>, starts: [Int],
                                   _ body: (_ number: Int, _ range: Range<Int>, _ first: Int) -> Void) {
        var offset = 0
        var number = 0
        while let position = ByteSearch.firstIndex(of: byte, in: bytes, from: offset) {
            while number + 1 < starts.count, starts[number + 1] <= position { number += 1 }
            let line = range(ofLine: number, starts: starts, byteCount: bytes.count)
            body(number, line, position)
            offset = line.upperBound + 1
        }
    }

    /// The byte range of line `number` (0-based) without its `\n`, given the `starts` of the
    /// lines of a text of `byteCount` bytes; the last line ends at the end of the text.
    @inlinable
    public static func range(ofLine number: Int, starts: [Int], byteCount: Int) -> Range<Int> {
        starts[number]..<(number + 1 < starts.count ? starts[number + 1] - 1 : byteCount)
    }
}
