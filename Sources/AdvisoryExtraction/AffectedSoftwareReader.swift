import AdvisoryModel
import CommonMark
import Foundation

/// A table as read from pipe tables or from raw HTML table markup with Markdown cells.
struct TableGrid {
    struct Cell {
        var text: String
        var columnSpan: Int
        var isHeader: Bool
    }

    var rows: [[Cell]] = []
    var rowLines: [Int] = []
    var hadHeaderRow = true
}

/// Reads the affected products of a document from its tables.
///
/// Sources, in order: tables in sections whose heading names affected software (pipe tables
/// and raw HTML tables, with `colspan` rows as group headers), and one-column pipe tables
/// with an empty header whose first row is the caption (the 954474 form).
struct AffectedSoftwareReader {
    let catalog: LocaleCatalog

    private static let componentWords = ["组件", "組件", "Komponente", "Component", "コンポーネント", "구성 요소", "Componente", "Composant"].map(LowercasedNeedle.init)

    func products(in blocks: [MarkdownNode]) -> [AffectedProduct] {
        var products: [AffectedProduct] = []
        let affected = catalog.labelNeedles(\.affected)
        let notAffected = catalog.labelNeedles(\.notAffected)
        var index = 0
        while index < blocks.count {
            let block = blocks[index]
            if case .heading(let level) = block.kind {
                let text = TextSearch.lowered(block.plainText)
                if TextSearch.containsAny(lowered: text, affected), !TextSearch.containsAny(lowered: text, notAffected) {
                    var end = index + 1
                    while end < blocks.count {
                        if case .heading(let other) = blocks[end].kind, other <= level { break }
                        end += 1
                    }
                    for grid in tables(in: blocks[(index + 1)..<end]) {
                        products += read(grid, notAffected: notAffected)
                    }
                    index = end
                    continue
                }
            }
            if case .table = block.kind, Self.hasOneColumnBody(block), let grid = pipeGrid(block), !grid.hadHeaderRow, grid.rows.first?.count == 1 {
                products += read(grid, notAffected: notAffected)
            }
            index += 1
        }
        return Self.withoutRepeats(products)
    }

    /// True when the row after a table's first has one cell: without it, the grid of the table
    /// has a header row or a first row of more than one cell, and is no caption table.
    static func hasOneColumnBody(_ table: MarkdownNode) -> Bool {
        table.children.count >= 2 && table.children[1].children.count == 1
    }

    private func contains(_ text: String, _ labels: [LowercasedNeedle]) -> Bool {
        TextSearch.containsAny(text, labels)
    }

    private func read(_ grid: TableGrid, notAffected: [LowercasedNeedle]) -> [AffectedProduct] {
        guard grid.rows.count > 1 else { return [] }
        let header = grid.rows[0]
        if header.count == 1, contains(header[0].text, notAffected) { return [] }
        let componentColumn = header.count > 1 && TextSearch.containsAny(header[1].text, Self.componentWords)
        var group: String?
        var products: [AffectedProduct] = []
        for (row, line) in zip(grid.rows.dropFirst(), grid.rowLines.dropFirst()) {
            let filled = row.filter { !$0.text.isEmpty }
            if filled.isEmpty { continue }
            if row.allSatisfy(\.isHeader) { continue }
            if header.count > 1, filled.count == 1, row.count == 1 || row[0].columnSpan > 1 {
                group = filled[0].text
                continue
            }
            let name = row[0].text
            guard !name.isEmpty, name.hasAtMostCharacters(200) else { continue }
            let component = componentColumn && row.count > 1 && !row[1].text.isEmpty ? row[1].text : nil
            var kb: [String] = []
            var severity: String?
            for cell in row {
                kb += IdentifierScanner.kbNumbers(in: cell.text)
                kb += Self.parenthesisedNumbers(in: cell.text)
                if severity == nil, let found = catalog.severityRating(for: cell.text) { severity = found.rating }
            }
            products.append(AffectedProduct(name: name, group: group, component: component, kb: kb.uniqued(), severity: severity, line: line))
        }
        return products
    }

    private func tables(in blocks: ArraySlice<MarkdownNode>) -> [TableGrid] {
        var grids: [TableGrid] = []
        var html = HTMLTableAssembler()
        for block in blocks {
            switch block.kind {
            case .table:
                if let grid = pipeGrid(block) { grids.append(grid) }
            case .htmlBlock(let literal):
                grids += html.consume(html: literal, line: block.line)
            default:
                if html.isInsideCell { html.appendText(AdvisoryExtractor.folded(block.plainText)) }
            }
        }
        return grids
    }

    private func pipeGrid(_ table: MarkdownNode) -> TableGrid? {
        var grid = TableGrid()
        for row in table.children {
            grid.rows.append(row.children.map { TableGrid.Cell(text: Self.cellText($0.plainText), columnSpan: 1, isHeader: false) })
            grid.rowLines.append(row.line)
        }
        guard let first = grid.rows.first else { return nil }
        if first.allSatisfy({ $0.text.isEmpty }) {
            grid.rows.removeFirst()
            grid.rowLines.removeFirst()
            grid.hadHeaderRow = false
        }
        return grid.rows.isEmpty ? nil : grid
    }

    /// Six- or seven-digit numbers in parentheses: `Internet Explorer 7 (3124275)`.
    static func parenthesisedNumbers(in text: String) -> [String] {
        var utf8 = text
        let mayOpen = utf8.withUTF8 { bytes in
            bytes.indices.contains { index in
                bytes[index] == UInt8(ascii: "(")
                    || (bytes[index] == 0xEF && index + 2 < bytes.count && bytes[index + 1] == 0xBC && bytes[index + 2] == 0x88)
            }
        }
        guard mayOpen else { return [] }   // neither `(` nor `（` (EF BC 88)
        if LabelComparison.PlainClass(of: text.unicodeScalars).isPlain {
            return utf8.withUTF8(parenthesisedNumbers(inPlain:))
        }
        var found: [String] = []
        var digits = ""
        var open = false
        for character in text {
            if character == "(" || character == "（" {
                open = true
                digits = ""
            } else if open, character.isASCII, character.isNumber {
                digits.append(character)
            } else {
                if open, character == ")" || character == "）", (6...7).contains(digits.count) { found.append(digits) }
                open = false
                digits = ""
            }
        }
        return found
    }

    /// `parenthesisedNumbers(in:)` for text whose scalars are ASCII or plain CJK, where every
    /// scalar is a character of its own: the same reading on bytes.
    private static func parenthesisedNumbers(inPlain bytes: UnsafeBufferPointer<UInt8>) -> [String] {
        var found: [String] = []
        var digitsStart: Int?
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            let width = byte < 0x80 ? 1 : byte < 0xE0 ? 2 : byte < 0xF0 ? 3 : 4
            let isFullwidth = width == 3 && bytes[index] == 0xEF && bytes[index + 1] == 0xBC
            if byte == UInt8(ascii: "(") || (isFullwidth && bytes[index + 2] == 0x88) {
                digitsStart = index + width
            } else if !(byte.isASCIIDigit && digitsStart != nil) {
                if let start = digitsStart, byte == UInt8(ascii: ")") || (isFullwidth && bytes[index + 2] == 0x89),
                   (6...7).contains(index - start) {
                    found.append(String(decoding: bytes[start..<index], as: UTF8.self))
                }
                digitsStart = nil
            }
            index += width
        }
        return found
    }

    /// Cell text without footnote markers (`[1]`) and with white space folded.
    static func cellText(_ text: String) -> String {
        guard text.containsByte(UInt8(ascii: "[")) else { return AdvisoryExtractor.folded(text) }
        var bytes: [UInt8] = []
        let source = Array(text.utf8)
        bytes.reserveCapacity(source.count)
        var index = 0
        while index < source.count {
            if source[index] == UInt8(ascii: "[") {
                var end = index + 1
                while end < source.count, end - index <= 3, source[end] >= 0x30, source[end] <= 0x39 { end += 1 }
                if end - index >= 2, end - index <= 3, end < source.count, source[end] == UInt8(ascii: "]") {
                    index = end + 1
                    continue
                }
            }
            bytes.append(source[index])
            index += 1
        }
        return AdvisoryExtractor.folded(String(decoding: bytes, as: UTF8.self))
    }
}

/// Rebuilds tables from raw HTML blocks whose cells were parsed as Markdown in between.
struct HTMLTableAssembler {
    private var depth = 0
    private var grid = TableGrid()
    private var row: [TableGrid.Cell]?
    private var rowLine = 0
    private var cell: TableGrid.Cell?

    var isInsideCell: Bool { cell != nil && depth == 1 }

    mutating func appendText(_ text: String) {
        guard cell != nil, !text.isEmpty else { return }
        cell!.text += cell!.text.isEmpty ? text : " " + text
    }

    /// Feeds one HTML block; returns the tables it completed.
    mutating func consume(html: String, line: Int) -> [TableGrid] {
        var html = html
        return html.withUTF8 { consume(bytes: $0, line: line) }
    }

    private mutating func consume(bytes: UnsafeBufferPointer<UInt8>, line: Int) -> [TableGrid] {
        var finished: [TableGrid] = []
        var start = 0
        while let open = ByteSearch.firstIndex(of: UInt8(ascii: "<"), in: bytes, from: start) {
            if cell != nil, open != start {
                appendText(Self.cellText(bytes[start..<open]))
            }
            guard let close = ByteSearch.firstIndex(of: UInt8(ascii: ">"), in: bytes, from: open) else { break }
            let tag = bytes[(open + 1)..<close]
            start = close + 1
            let closing = tag.first == UInt8(ascii: "/")
            let name = Self.tableTag(tag)
            switch (name, closing) {
            case (.table, false):
                depth += 1
                if depth == 1 { grid = TableGrid() }
            case (.table, true):
                if depth == 1 {
                    endRow()
                    if !grid.rows.isEmpty { finished.append(grid) }
                }
                depth = max(0, depth - 1)
            case (.row, false) where depth == 1:
                endRow()
                row = []
                rowLine = line
            case (.row, true) where depth == 1:
                endRow()
            case (.dataCell, false) where depth == 1, (.headerCell, false) where depth == 1:
                endCell()
                if row == nil {
                    row = []
                    rowLine = line
                }
                // `colspan` takes seven bytes: a shorter tag (`td`, `th class=x`) spans one column.
                let span = tag.count < Self.colspan.count ? 1 : HTMLTableAssembler.columnSpan(in: Substring(String(decoding: tag, as: UTF8.self)))
                cell = TableGrid.Cell(text: "", columnSpan: max(1, min(span, 100)), isHeader: name == .headerCell)
            case (.dataCell, true) where depth == 1, (.headerCell, true) where depth == 1:
                endCell()
            default:
                break
            }
        }
        if cell != nil, start < bytes.count {
            appendText(Self.cellText(bytes[start...]))
        }
        return finished
    }

    /// Text between tags as a cell holds it: entities decoded, footnote markers dropped, white space folded.
    private static func cellText(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> String {
        AffectedSoftwareReader.cellText(HTMLText.decodingBasicEntities(String(decoding: bytes, as: UTF8.self)))
    }

    /// The tags the assembler acts on; every other tag is `other`.
    enum TableTag {
        case table, row, dataCell, headerCell, other
    }

    /// What a tag's text (`td colspan=2`, `/TR`) names, as `tagName` reads it, on bytes.
    static func tableTag(_ tag: Slice<UnsafeBufferPointer<UInt8>>) -> TableTag {
        var start = tag.startIndex
        while start < tag.endIndex, tag[start] == UInt8(ascii: "/") { start += 1 }
        var end = start
        while end < tag.endIndex, tag[end].isASCIILetter { end += 1 }
        if end < tag.endIndex, tag[end] >= 0x80 {
            // A letter beyond ASCII may continue the name: read it as `tagName` does.
            switch tagName(Substring(String(decoding: tag, as: UTF8.self))) {
            case "table": return .table
            case "tr": return .row
            case "td": return .dataCell
            case "th": return .headerCell
            default: return .other
            }
        }
        func letter(_ offset: Int) -> UInt8 { tag[start + offset] | 0x20 }
        switch end - start {
        case 2 where letter(0) == UInt8(ascii: "t"):
            switch letter(1) {
            case UInt8(ascii: "r"): return .row
            case UInt8(ascii: "d"): return .dataCell
            case UInt8(ascii: "h"): return .headerCell
            default: return .other
            }
        case 5 where letter(0) == UInt8(ascii: "t") && letter(1) == UInt8(ascii: "a") && letter(2) == UInt8(ascii: "b")
            && letter(3) == UInt8(ascii: "l") && letter(4) == UInt8(ascii: "e"):
            return .table
        default:
            return .other
        }
    }

    /// The lower-cased name of a tag's text (`/TD class=x` → `td`): its letters after any `/`.
    static func tagName(_ tag: Substring) -> String {
        let bytes = tag.utf8.drop { $0 == UInt8(ascii: "/") }
        let letters = bytes.prefix { ($0 | 0x20) >= UInt8(ascii: "a") && ($0 | 0x20) <= UInt8(ascii: "z") }
        if letters.endIndex != bytes.endIndex, bytes[letters.endIndex] >= 0x80 {
            return tag.drop { $0 == "/" }.prefix { $0.isLetter }.lowercased()
        }
        let count = letters.count
        return String(unsafeUninitializedCapacity: count) { buffer in
            for (offset, byte) in letters.enumerated() { buffer[offset] = byte | 0x20 }
            return count
        }
    }

    private static let colspan = Array("colspan".utf8)

    /// The `colspan` of a tag's attribute text, 1 when absent, at most 100.
    static func columnSpan(in tag: Substring) -> Int {
        let needle = colspan
        var text = tag
        let found = text.withUTF8 { bytes -> Int? in
            guard bytes.count >= needle.count else { return nil }
            return (0...(bytes.count - needle.count)).first { offset in
                needle.indices.allSatisfy { bytes[offset + $0] | 0x20 == needle[$0] }
            }
        }
        guard let start = found else { return 1 }
        let digits = tag[tag.utf8.index(tag.startIndex, offsetBy: start + needle.count)...].drop { $0 == " " || $0 == "=" || $0 == "\"" || $0 == "'" }.prefix { $0.isASCII && $0.isNumber }
        return max(1, min(Int(digits) ?? 1, 100))
    }

    private mutating func endCell() {
        if let done = cell {
            if row == nil { row = [] }
            row!.append(done)
        }
        cell = nil
    }

    private mutating func endRow() {
        endCell()
        if let done = row, !done.isEmpty {
            grid.rows.append(done)
            grid.rowLines.append(rowLine)
        }
        row = nil
    }
}
