import AdvisoryModel
import CLibXML2
import Foundation

/// Makes tables consistent: no row spans more columns than the widest row has cells, so every
/// column has a cell that begins in it (HTML's table model requires it).
enum TableShape {
    /// False when `html` has no `<table` tag (in any case), so its tree has no table to fix.
    static func mayHoldTables(_ html: [UInt8]) -> Bool {
        let tag = tableTag
        return html.withUnsafeBufferPointer { bytes in
            var index = 0
            let last = bytes.count - tag.count - 1
            while true {
                index = ByteWords.nextIndex(of: UInt8(ascii: "<"), in: bytes, from: index)
                guard index <= last else { return false }
                var matched = 0
                while matched < tag.count, bytes[index + 1 + matched] | 0x20 == tag[matched] { matched += 1 }
                if matched == tag.count { return true }
                index += 1
            }
        }
    }

    private static let tableTag = Array("table".utf8)

    static func normalise(below root: xmlNodePtr) {
        var tables: [xmlNodePtr] = []
        // Every element from `root` down, by the tree's own links (no stack of nodes is made).
        var node: xmlNodePtr? = root
        while let current = node {
            let isElement = current == root || current.pointee.type == XML_ELEMENT_NODE
            if isElement, isTable(current) { tables.append(current) }
            node = LibXML.nextNode(after: current, below: root, descending: isElement)
        }
        // Inner tables come after their outer table in `tables`, so they are fixed first; an
        // outer table may then dissolve an inner one that sits directly in it (the source's
        // unbalanced nesting), which is never visited again.
        for table in tables.reversed() { fix(table: table) }
    }

    /// The elements this type tells apart: the parts of a table.
    enum Part {
        case other, table, caption, colgroup, col, thead, tbody, tfoot, tr, td, th

        /// Caption, column group or column, head, body, foot or row: what a table holds.
        var isTablePart: Bool {
            switch self {
            case .caption, .colgroup, .col, .thead, .tbody, .tfoot, .tr: true
            default: false
            }
        }
    }

    /// Which part of a table `node` is, by its name in any case (`.other` for anything else,
    /// text included): the name's bytes, lower-cased, packed into a word.
    static func part(of node: xmlNodePtr) -> Part {
        guard node.pointee.type == XML_ELEMENT_NODE, let name = node.pointee.name else { return .other }
        var key: UInt64 = 0
        var length = 0
        while name[length] != 0 {
            guard length < 8 else { return .other }
            let byte = name[length]
            key = key << 8 | UInt64(byte.lowercasedASCII)
            length += 1
        }
        switch key {
        case 0x74_61_62_6C_65: return .table  // "table"
        case 0x63_61_70_74_69_6F_6E: return .caption
        case 0x63_6F_6C_67_72_6F_75_70: return .colgroup
        case 0x63_6F_6C: return .col
        case 0x74_68_65_61_64: return .thead
        case 0x74_62_6F_64_79: return .tbody
        case 0x74_66_6F_6F_74: return .tfoot
        case 0x74_72: return .tr
        case 0x74_64: return .td
        case 0x74_68: return .th
        default: return .other
        }
    }

    /// True when `node` is a `table` element (its name in any case); most names fail at the first byte.
    private static func isTable(_ node: xmlNodePtr) -> Bool {
        guard node.pointee.type == XML_ELEMENT_NODE, let name = node.pointee.name else { return false }
        for (offset, expected) in "table".utf8.enumerated() where name[offset] | 0x20 != expected { return false }
        return name[5] == 0
    }

    private static func elements(_ node: xmlNodePtr, where matches: (Part) -> Bool) -> [xmlNodePtr] {
        var found: [xmlNodePtr] = []
        var child = node.pointee.children
        while let current = child {
            if matches(part(of: current)) { found.append(current) }
            child = current.pointee.next
        }
        return found
    }

    /// Replaces wrappers the parser left between a table and its parts (`<p><thead>…`) by their children.
    private static func hoistParts(of table: xmlNodePtr) {
        var changed = true
        var rounds = 0
        while changed, rounds < 8 {
            changed = false
            rounds += 1
            var child = table.pointee.children
            while let current = child {
                child = current.pointee.next
                guard current.pointee.type == XML_ELEMENT_NODE, !part(of: current).isTablePart else { continue }
                // An element with an id that wraps no table part stays; reorder moves it out whole.
                if xmlHasProp(current, "id") != nil, !wrapsTablePart(current) { continue }
                var inner = current.pointee.children
                while let moving = inner {
                    inner = moving.pointee.next
                    xmlUnlinkNode(moving)
                    xmlAddPrevSibling(current, moving)
                }
                xmlUnlinkNode(current)
                xmlFreeNode(current)
                changed = true
            }
        }
    }

    private static func wrapsTablePart(_ node: xmlNodePtr) -> Bool {
        var child = node.pointee.children
        while let current = child {
            if part(of: current).isTablePart { return true }
            child = current.pointee.next
        }
        return false
    }

    /// Puts a table's children in the order HTML requires (caption, colgroup, thead, rows and
    /// bodies, tfoot); a second caption or thead and stray text move out as paragraphs or bodies.
    private static func reorder(table: xmlNodePtr) {
        hoistParts(of: table)
        var captions: [xmlNodePtr] = [], groups: [xmlNodePtr] = [], heads: [xmlNodePtr] = []
        var bodies: [xmlNodePtr] = [], feet: [xmlNodePtr] = [], strays: [xmlNodePtr] = []
        var child = table.pointee.children
        while let current = child {
            child = current.pointee.next
            switch current.pointee.type {
            case XML_ELEMENT_NODE:
                switch part(of: current) {
                case .caption: captions.append(current)
                case .colgroup, .col: groups.append(current)
                case .thead: heads.append(current)
                case .tfoot: feet.append(current)
                case .tbody, .tr: bodies.append(current)
                default:
                    // An element hoistParts kept for its id moves out like stray text, as a paragraph.
                    if xmlHasProp(current, "id") != nil { strays.append(current) } else { bodies.append(current) }
                }
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                let text = current.pointee.content.map { UnsafeBufferPointer(start: $0, count: strlen($0)) }
                if text.map(HTMLSanitizer.Writer.isWhitespace) ?? true { continue }
                strays.append(current)
            default:
                continue
            }
        }
        for extra in captions.dropFirst() + strays {
            xmlUnlinkNode(extra)
            if extra.pointee.type == XML_ELEMENT_NODE {
                xmlNodeSetName(extra, "p")
                xmlAddPrevSibling(table, extra)
            } else if let paragraph = xmlNewNode(nil, "p") {
                xmlAddChild(paragraph, extra)
                xmlAddPrevSibling(table, paragraph)
            }
        }
        for extra in heads.dropFirst() { xmlNodeSetName(extra, "tbody") }
        var middle = Array(heads.dropFirst()) + bodies
        if middle.contains(where: { part(of: $0) == .tbody }), middle.contains(where: { part(of: $0) != .tbody }) {
            var grouped: [xmlNodePtr] = []
            var wrapper: xmlNodePtr?
            for node in middle {
                if part(of: node) == .tbody {
                    grouped.append(node)
                    wrapper = nil
                    continue
                }
                if wrapper == nil, let body = xmlNewNode(nil, "tbody") {
                    wrapper = body
                    grouped.append(body)
                }
                xmlUnlinkNode(node)
                if let wrapper { xmlAddChild(wrapper, node) }
            }
            middle = grouped
        }
        let ordered = Array(captions.prefix(1)) + groups + Array(heads.prefix(1)) + middle + feet
        for node in ordered {
            xmlUnlinkNode(node)
            xmlAddChild(table, node)
        }
    }

    private static func fix(table: xmlNodePtr) {
        reorder(table: table)
        var rows = elements(table) { $0 == .tr }
        for section in elements(table, where: { $0 == .thead || $0 == .tbody || $0 == .tfoot }) { rows += elements(section) { $0 == .tr } }
        var widest = 0
        for row in rows { widest = max(widest, cellCount(of: row)) }
        guard widest > 0 else { return }
        for row in rows {
            var remainingCells = cellCount(of: row)
            var width = 0
            var child = row.pointee.children
            while let cell = child {
                child = cell.pointee.next
                let part = part(of: cell)
                guard part == .td || part == .th else { continue }
                remainingCells -= 1
                let span = xmlGetProp(cell, "colspan").map { raw -> Int in
                    defer { free(raw) }
                    return HTMLSanitizer.Writer.integer(UnsafeBufferPointer(start: raw, count: strlen(raw))) ?? 1
                } ?? 1
                let allowed = max(1, widest - width - remainingCells)
                let kept = max(1, min(span, allowed))
                if kept != span || span < 1 {
                    if kept == 1 { xmlUnsetProp(cell, "colspan") } else { xmlSetProp(cell, "colspan", String(kept)) }
                }
                width += kept
            }
        }
    }

    /// The `td` and `th` children of `row`, counted without gathering them.
    private static func cellCount(of row: xmlNodePtr) -> Int {
        var count = 0
        var child = row.pointee.children
        while let current = child {
            let part = part(of: current)
            if part == .td || part == .th { count += 1 }
            child = current.pointee.next
        }
        return count
    }
}
