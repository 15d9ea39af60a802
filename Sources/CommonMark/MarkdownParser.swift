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
    /// False to have the emphasis pass take every container with markers apart and match it
    /// again, even where it can tell it would give the container back unchanged (tests compare the two).
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
    let lines: FileLines
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
        self.lines = FileLines(lineMap: lineMap)
        self.maximumDepth = maximumDepth
        self.source = source
    }

    func fileLine(_ line: Int32) -> Int {
        lines.fileLine(line)
    }

    /// Converts `node` and its subtree; adds what the emphasis pass of the enclosing inline
    /// container needs to know about it (its text, and the text of emphasis within it) to `scan`.
    mutating func convert(_ node: CmarkNode, depth: Int, into scan: inout MarkerScan) -> MarkdownNode {
        guard let first = node.firstChild else { return convertLeaf(node, depth: depth, into: &scan) }
        deepest = max(deepest, depth)
        let line = lines.fileLine(node.startLine)
        let column = Int(node.startColumn)
        let endLine = node.endLine == node.startLine ? line : lines.fileLine(node.endLine)
        let kind = Converter.kind(of: node)
        let sharesScope = note(kind, of: node, into: &scan)
        let children: [MarkdownNode]
        if depth >= maximumDepth {
            if flattenedAtLine == nil { flattenedAtLine = line }
            let text = Converter.flatText(node)
            if sharesScope { scan.add(text) }
            children = [MarkdownNode(kind: .text(text), line: line, column: column, endLine: endLine)]
        } else if sharesScope {
            children = convertChildren(from: first, of: node, depth: depth + 1, into: &scan)
            scan.noteEmphasisEdges(of: children)
        } else {
            var own = MarkerScan()
            var converted = convertChildren(from: first, of: node, depth: depth + 1, into: &own)
            if let edge = Converter.edge(of: kind) {
                rematchEmphasis(&converted, of: node, edge: edge, depth: depth, scan: own)
            }
            children = converted
        }
        return MarkdownNode(kind: kind, children: children, line: line, column: column, endLine: endLine)
    }

    /// `convert` of a node without children, made where it is called (most nodes are leaves:
    /// text, breaks, code spans, raw HTML).
    @inline(__always)
    private mutating func convertLeaf(_ node: CmarkNode, depth: Int, into scan: inout MarkerScan) -> MarkdownNode {
        deepest = max(deepest, depth)
        let line = lines.fileLine(node.startLine)
        let endLine = node.endLine == node.startLine ? line : lines.fileLine(node.endLine)
        let kind = Converter.kind(of: node)
        _ = note(kind, of: node, into: &scan)
        return MarkdownNode(kind: kind, line: line, column: Int(node.startColumn), endLine: endLine)
    }

    /// Adds what the emphasis pass needs to know of `node`, of `kind`, to `scan`; true when the
    /// node is emphasis, whose children belong to the same scope as the node.
    @inline(__always)
    private mutating func note(_ kind: MarkdownNode.Kind, of node: CmarkNode, into scan: inout MarkerScan) -> Bool {
        switch kind {
        case .text:
            if node.nodeType == CMARK_NODE_TEXT {
                scan.add(utf8: Converter.bytes(of: node.pointee.as.literal))
            } else if case .text(let text) = kind {
                scan.add(text)
            }
            return false
        case .emphasis, .strong:
            scan.hasMarker = true
            return true
        case .htmlBlock(let html):
            if MarkerScan.contains(UInt8(ascii: "*"), in: html) { noteVisibleMarkers(in: html, startingOnLine: node.startLine) }
            return false
        default:
            return false
        }
    }

    /// The children of `node`, from its first child `first`; a leaf is converted in the loop, the
    /// rest out of line.
    @inline(never)
    private mutating func convertChildren(from first: CmarkNode, of node: CmarkNode, depth: Int, into scan: inout MarkerScan) -> [MarkdownNode] {
        var children: [MarkdownNode] = []
        children.reserveCapacity(Converter.childCount(of: node))
        var child: CmarkNode? = first
        while let current = child {
            child = current.nextSibling
            if current.firstChild == nil {
                children.append(convertLeaf(current, depth: depth, into: &scan))
            } else {
                children.append(convert(current, depth: depth, into: &scan))
            }
        }
        return children
    }

    /// Records the runs of `**` an HTML block that starts on text line `firstLine` shows.
    @inline(never)
    private mutating func noteVisibleMarkers(in html: String, startingOnLine firstLine: Int32) {
        let first = Int(firstLine)
        for marker in RawHTMLMarkers.visibleRuns(in: html) {
            visibleMarkers.append(MarkdownParser.VisibleMarker(marker: marker.marker, line: fileLine(Int32(first + marker.lineOffset)), column: marker.column))
        }
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
            string(UnsafeBufferPointer(start: start, count: count))
        }
    }

    /// The string of a node's `chunk` (literal, URL, title, info string) read at its length, as
    /// `string(_:)` reads what cmark-gfm's getter copies of it: cmark-gfm's strings hold no NUL
    /// (it replaces NUL in its input and in character references by U+FFFD), so the length is
    /// where the copy's NUL would be. Debug builds check that.
    static func string(_ chunk: cmark_chunk) -> String {
        let bytes = bytes(of: chunk)
        guard !bytes.isEmpty else { return "" }
        assert(!bytes.contains(0), "cmark-gfm gave a string holding NUL")
        return string(bytes)
    }

    /// The bytes of `chunk`, which stay valid while the tree lives.
    static func bytes(of chunk: cmark_chunk) -> UnsafeBufferPointer<UInt8> {
        guard chunk.len > 0, let data = chunk.data else { return UnsafeBufferPointer(start: nil, count: 0) }
        return UnsafeBufferPointer(start: data, count: Int(chunk.len))
    }

    private static func string(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        assert(String(validating: bytes, as: UTF8.self) != nil, "cmark-gfm gave a string that is not UTF-8")
        return String(copying: UTF8Span(unchecked: bytes.span))
    }

    /// The literal of `node`: what `cmark_node_get_literal` gives, read from the node.
    static func literal(of node: CmarkNode) -> String {
        switch node.nodeType {
        case CMARK_NODE_TEXT, CMARK_NODE_CODE, CMARK_NODE_HTML_INLINE, CMARK_NODE_HTML_BLOCK, CMARK_NODE_FOOTNOTE_REFERENCE:
            string(node.pointee.as.literal)
        case CMARK_NODE_CODE_BLOCK:
            string(node.pointee.as.code.literal)
        default:
            string(cmark_node_get_literal(node))
        }
    }

    static func kind(of node: CmarkNode) -> MarkdownNode.Kind {
        switch node.nodeType {
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
            return .codeBlock(info: string(node.pointee.as.code.info), literal: string(node.pointee.as.code.literal))
        case CMARK_NODE_HTML_BLOCK: return .htmlBlock(string(node.pointee.as.literal))
        case CMARK_NODE_PARAGRAPH: return .paragraph
        case CMARK_NODE_HEADING: return .heading(level: Int(cmark_node_get_heading_level(node)))
        case CMARK_NODE_THEMATIC_BREAK: return .thematicBreak
        case CMARK_NODE_TEXT: return .text(string(node.pointee.as.literal))
        case CMARK_NODE_SOFTBREAK: return .softBreak
        case CMARK_NODE_LINEBREAK: return .lineBreak
        case CMARK_NODE_CODE: return .code(string(node.pointee.as.literal))
        case CMARK_NODE_HTML_INLINE: return .htmlInline(string(node.pointee.as.literal))
        case CMARK_NODE_EMPH: return .emphasis
        case CMARK_NODE_STRONG: return .strong
        case CMARK_NODE_LINK:
            return .link(url: string(node.pointee.as.link.url), title: string(node.pointee.as.link.title))
        case CMARK_NODE_IMAGE:
            return .image(url: string(node.pointee.as.link.url), title: string(node.pointee.as.link.title))
        default:
            // The extensions' node types, registered (`init`) before any parse. A header row is a
            // `table_row` whose type string is `table_header`; its flag tells it apart.
            let type = node.nodeType
            if type == herald_table_cell_node_type() { return .tableCell }
            if type == herald_table_row_node_type() { return .tableRow(header: cmark_gfm_extensions_get_table_row_is_header(node) != 0) }
            if type == herald_table_node_type() { return .table }
            if type == herald_strikethrough_node_type() { return .strikethrough }
            return .text(string(cmark_node_get_literal(node)))
        }
    }

    /// The literal text of a subtree, gathered without recursion.
    static func flatText(_ node: CmarkNode) -> String {
        var out = ""
        guard let iterator = cmark_iter_new(node) else { return out }
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let current = cmark_iter_get_node(iterator) else { continue }
            switch current.nodeType {
            case CMARK_NODE_TEXT, CMARK_NODE_CODE, CMARK_NODE_CODE_BLOCK:
                out += literal(of: current)
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK, CMARK_NODE_PARAGRAPH:
                out += " "
            default:
                break
            }
        }
        return out
    }
}

/// The file line of each line of the parsed text: `lineMap[i]` is the file line of text line
/// `i + 1`; lines past its end follow on from its last, and an empty map is the identity.
struct FileLines {
    let lineMap: [Int]

    func fileLine(_ line: Int32) -> Int {
        let index = Int(line) - 1
        if index >= 0, index < lineMap.count { return lineMap[index] }
        if let last = lineMap.last, index >= lineMap.count { return last + (index - lineMap.count + 1) }
        return Int(line)
    }
}

/// A node of cmark-gfm's tree.
typealias CmarkNode = UnsafeMutablePointer<cmark_node>

/// The fields of a node that cmark-gfm's getters return as they are, read without a call.
extension UnsafeMutablePointer where Pointee == cmark_node {
    var nodeType: cmark_node_type { cmark_node_type(UInt32(pointee.type)) }
    var firstChild: CmarkNode? { pointee.first_child }
    var nextSibling: CmarkNode? { pointee.next }
    var startLine: Int32 { pointee.start_line }
    var startColumn: Int32 { pointee.start_column }
    var endLine: Int32 { pointee.end_line }
    var endColumn: Int32 { pointee.end_column }
}
