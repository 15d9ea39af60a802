import CCmarkGFM
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Parses Markdown with cmark-gfm into a `MarkdownNode` tree.
///
/// The dialect is CommonMark plus the GFM table extension, with raw HTML kept and
/// strikethrough off (single `~` in Windows package names would otherwise strike text).
/// This file and `MarkdownParser+Emphasis.swift` are the only ones that read cmark-gfm's nodes.
public struct MarkdownParser: Sendable {
    /// Nodes nested deeper than this are flattened to their text.
    public var maximumDepth: Int
    /// False to have the emphasis pass take every container apart and match it again, even where
    /// it can tell it would give the container back unchanged (tests compare the two).
    var skipsUnchangedEmphasis = true

    public init(maximumDepth: Int = 96) {
        self.maximumDepth = maximumDepth
        MarkdownParser.registerExtensions
    }

    private static let registerExtensions: Void = {
        cmark_gfm_core_extensions_ensure_registered()
    }()

    /// The result of a parse: the tree and whether any nesting was flattened.
    public struct Result: Sendable {
        public var document: MarkdownNode
        /// First line at which nesting exceeded `maximumDepth`, if any.
        public var flattenedAtLine: Int?
        /// Runs of two or more `*` that are still shown as text after emphasis matching, in
        /// document order.
        public var visibleMarkers: [VisibleMarker] = []
    }

    /// An emphasis marker shown as text: `**` that no rule could pair.
    public struct VisibleMarker: Sendable, Hashable {
        /// The marker as written: `**`, `***`.
        public var marker: String
        /// File line.
        public var line: Int
        /// 1-based column in characters.
        public var column: Int

        public init(marker: String, line: Int, column: Int) {
            self.marker = marker
            self.line = line
            self.column = column
        }
    }

    /// Parses `text`; `lineMap[i]` is the file line of text line `i + 1` (empty: identity).
    /// `language` is the document's: Chinese, Japanese and Korean documents get converter-slip pairing.
    public func parse(_ text: String, lineMap: [Int] = [], language: DocumentLanguage = .other) -> Result {
        parse(utf8: Array(text.utf8), lineMap: lineMap, language: language)
    }

    /// Parses the UTF-8 `bytes` (invalid sequences read as U+FFFD), fed to cmark-gfm and read
    /// back at its columns from the same buffer; `lineMap` as in `parse(_:lineMap:)`.
    ///
    /// `bytesAreValidUTF8: true` promises that `bytes` are valid UTF-8 (cut from a `String` only
    /// at ASCII bytes, say), and spares cmark-gfm its check of every line. NUL bytes and
    /// character references naming no Unicode scalar still read as U+FFFD: cmark-gfm replaces
    /// those with or without its check. Debug builds check the promise.
    public func parse(utf8 bytes: [UInt8], lineMap: [Int] = [], language: DocumentLanguage = .other,
                      bytesAreValidUTF8: Bool = false) -> Result {
        assert(!bytesAreValidUTF8 || String(validating: bytes, as: UTF8.self) != nil, "bytes said to be valid UTF-8 are not")
        return ParserArena.withAllocator { memory, isArena in
            let options = CMARK_OPT_UNSAFE | (bytesAreValidUTF8 ? 0 : CMARK_OPT_VALIDATE_UTF8)
            guard let parser = cmark_parser_new_with_mem(options, memory) else {
                return Result(document: MarkdownNode(kind: .document), flattenedAtLine: nil)
            }
            defer { cmark_parser_free(parser) }
            if let table = cmark_find_syntax_extension("table") {
                cmark_parser_attach_syntax_extension(parser, table)
            }
            bytes.withUnsafeBufferPointer { buffer in
                buffer.withMemoryRebound(to: CChar.self) { chars in
                    cmark_parser_feed(parser, chars.baseAddress, chars.count)
                }
            }
            guard let root = cmark_parser_finish(parser) else {
                return Result(document: MarkdownNode(kind: .document), flattenedAtLine: nil)
            }
            defer { if !isArena { cmark_node_free(root) } }
            var converter = Converter(lineMap: lineMap, maximumDepth: maximumDepth, source: TextLines(bytes))
            converter.pairsConverterSlips = language == .chineseJapaneseKorean
            converter.skipsUnchangedEmphasis = skipsUnchangedEmphasis
            var scan = MarkerScan()
            let document = converter.convert(root, depth: 0, into: &scan)
            return Result(document: document, flattenedAtLine: converter.flattenedAtLine, visibleMarkers: converter.visibleMarkers)
        }
    }
}

/// Turns cmark-gfm's tree into `MarkdownNode`s; its emphasis pass is in `MarkdownParser+Emphasis.swift`.
struct Converter {
    let lineMap: [Int]
    let maximumDepth: Int
    let source: TextLines
    var flattenedAtLine: Int?
    var visibleMarkers: [MarkdownParser.VisibleMarker] = []
    var columnCursor = (line: 0, offset: 0, column: 1)
    var pairsConverterSlips = false
    /// The greatest depth converted so far.
    var deepest = 0
    var skipsUnchangedEmphasis = true

    init(lineMap: [Int], maximumDepth: Int, source: TextLines) {
        self.lineMap = lineMap
        self.maximumDepth = maximumDepth
        self.source = source
    }

    func fileLine(_ line: Int32) -> Int {
        let index = Int(line) - 1
        if index >= 0, index < lineMap.count { return lineMap[index] }
        if let last = lineMap.last, index >= lineMap.count { return last + (index - lineMap.count + 1) }
        return Int(line)
    }

    /// Converts `node` and its subtree; adds what the emphasis pass of the enclosing inline
    /// container needs to know about it (its text, and the text of emphasis within it) to `scan`.
    mutating func convert(_ node: OpaquePointer, depth: Int, into scan: inout MarkerScan) -> MarkdownNode {
        deepest = max(deepest, depth)
        let line = fileLine(cmark_node_get_start_line(node))
        let column = Int(cmark_node_get_start_column(node))
        let endLine = fileLine(cmark_node_get_end_line(node))
        let kind = Converter.kind(of: node)
        let sharesScope: Bool
        switch kind {
        case .text(let text):
            scan.add(text)
            sharesScope = false
        case .emphasis, .strong:
            scan.hasMarker = true
            sharesScope = true
        case .htmlBlock(let html):
            if MarkerScan.contains(UInt8(ascii: "*"), in: html) {
                let first = Int(cmark_node_get_start_line(node))
                for marker in RawHTMLMarkers.visibleRuns(in: html) {
                    visibleMarkers.append(MarkdownParser.VisibleMarker(marker: marker.marker, line: fileLine(Int32(first + marker.lineOffset)), column: marker.column))
                }
            }
            sharesScope = false
        default:
            sharesScope = false
        }
        guard let first = cmark_node_first_child(node) else {
            return MarkdownNode(kind: kind, line: line, column: column, endLine: endLine)
        }
        var children: [MarkdownNode] = []
        if depth >= maximumDepth {
            if flattenedAtLine == nil { flattenedAtLine = line }
            let text = Converter.flatText(node)
            if sharesScope { scan.add(text) }
            children = [MarkdownNode(kind: .text(text), line: line, column: column, endLine: endLine)]
        } else {
            children.reserveCapacity(Converter.childCount(of: node))
            var own = MarkerScan()
            var child: OpaquePointer? = first
            while let current = child {
                if sharesScope {
                    children.append(convert(current, depth: depth + 1, into: &scan))
                } else {
                    children.append(convert(current, depth: depth + 1, into: &own))
                }
                child = cmark_node_next(current)
            }
            if sharesScope {
                scan.noteEmphasisEdges(of: children)
            } else if let edge = Converter.edge(of: kind) {
                own.noteEmphasisEdges(of: children)
                rematchEmphasis(&children, of: node, edge: edge, depth: depth, scan: own)
            }
        }
        return MarkdownNode(kind: kind, children: children, line: line, column: column, endLine: endLine)
    }

    /// The string cmark-gfm holds at `pointer`, taken without a second UTF-8 check: the parser's
    /// input lines are valid UTF-8 (checked by cmark-gfm's `CMARK_OPT_VALIDATE_UTF8`, or known
    /// valid by the caller), so every literal, URL, title and info string cut from them or decoded
    /// from entities is too (invalid sequences, surrogates and NUL replaced by U+FFFD). Debug
    /// builds check that all the same.
    static func string(_ pointer: UnsafePointer<CChar>?) -> String {
        guard let pointer else { return "" }
        let count = strlen(pointer)
        return pointer.withMemoryRebound(to: UInt8.self, capacity: count) { start in
            let bytes = UnsafeBufferPointer(start: start, count: count)
            assert(String(validating: bytes, as: UTF8.self) != nil, "cmark-gfm gave a string that is not UTF-8")
            return String(copying: UTF8Span(unchecked: bytes.span))
        }
    }

    static func kind(of node: OpaquePointer) -> MarkdownNode.Kind {
        switch cmark_node_get_type(node) {
        case CMARK_NODE_DOCUMENT: return .document
        case CMARK_NODE_BLOCK_QUOTE: return .blockQuote
        case CMARK_NODE_LIST:
            return .list(
                ordered: cmark_node_get_list_type(node) == CMARK_ORDERED_LIST,
                start: Int(cmark_node_get_list_start(node)),
                tight: cmark_node_get_list_tight(node) != 0
            )
        case CMARK_NODE_ITEM: return .item
        case CMARK_NODE_CODE_BLOCK:
            return .codeBlock(info: string(cmark_node_get_fence_info(node)), literal: string(cmark_node_get_literal(node)))
        case CMARK_NODE_HTML_BLOCK: return .htmlBlock(string(cmark_node_get_literal(node)))
        case CMARK_NODE_PARAGRAPH: return .paragraph
        case CMARK_NODE_HEADING: return .heading(level: Int(cmark_node_get_heading_level(node)))
        case CMARK_NODE_THEMATIC_BREAK: return .thematicBreak
        case CMARK_NODE_TEXT: return .text(string(cmark_node_get_literal(node)))
        case CMARK_NODE_SOFTBREAK: return .softBreak
        case CMARK_NODE_LINEBREAK: return .lineBreak
        case CMARK_NODE_CODE: return .code(string(cmark_node_get_literal(node)))
        case CMARK_NODE_HTML_INLINE: return .htmlInline(string(cmark_node_get_literal(node)))
        case CMARK_NODE_EMPH: return .emphasis
        case CMARK_NODE_STRONG: return .strong
        case CMARK_NODE_LINK:
            return .link(url: string(cmark_node_get_url(node)), title: string(cmark_node_get_title(node)))
        case CMARK_NODE_IMAGE:
            return .image(url: string(cmark_node_get_url(node)), title: string(cmark_node_get_title(node)))
        default:
            switch string(cmark_node_get_type_string(node)) {
            case "table": return .table
            case "table_header": return .tableRow(header: true)
            case "table_row": return .tableRow(header: cmark_gfm_extensions_get_table_row_is_header(node) != 0)
            case "table_cell": return .tableCell
            case "strikethrough": return .strikethrough
            default: return .text(string(cmark_node_get_literal(node)))
            }
        }
    }

    /// The literal text of a subtree, gathered without recursion.
    static func flatText(_ node: OpaquePointer) -> String {
        var out = ""
        guard let iterator = cmark_iter_new(node) else { return out }
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let current = cmark_iter_get_node(iterator) else { continue }
            switch cmark_node_get_type(current) {
            case CMARK_NODE_TEXT, CMARK_NODE_CODE, CMARK_NODE_CODE_BLOCK:
                out += string(cmark_node_get_literal(current))
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK, CMARK_NODE_PARAGRAPH:
                out += " "
            default:
                break
            }
        }
        return out
    }
}
