import CCmarkGFM

/// Parses Markdown with cmark-gfm into a `MarkdownNode` tree.
///
/// The dialect is CommonMark plus the GFM table extension, with raw HTML kept and
/// strikethrough off (single `~` in Windows package names would otherwise strike text).
/// This file is the only one that touches the cmark-gfm C API.
public struct MarkdownParser: Sendable {
    /// Nodes nested deeper than this are flattened to their text.
    public var maximumDepth: Int

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
    }

    /// Parses `text`; `lineMap[i]` is the file line of text line `i + 1` (empty: identity).
    public func parse(_ text: String, lineMap: [Int] = []) -> Result {
        let options = CMARK_OPT_UNSAFE | CMARK_OPT_VALIDATE_UTF8
        guard let parser = cmark_parser_new(options) else {
            return Result(document: MarkdownNode(kind: .document), flattenedAtLine: nil)
        }
        defer { cmark_parser_free(parser) }
        if let table = cmark_find_syntax_extension("table") {
            cmark_parser_attach_syntax_extension(parser, table)
        }
        var utf8 = text
        utf8.withUTF8 { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                cmark_parser_feed(parser, chars.baseAddress, chars.count)
            }
        }
        guard let root = cmark_parser_finish(parser) else {
            return Result(document: MarkdownNode(kind: .document), flattenedAtLine: nil)
        }
        defer { cmark_node_free(root) }
        var converter = Converter(lineMap: lineMap, maximumDepth: maximumDepth)
        let document = converter.convert(root, depth: 0)
        return Result(document: document, flattenedAtLine: converter.flattenedAtLine)
    }
}

private struct Converter {
    let lineMap: [Int]
    let maximumDepth: Int
    var flattenedAtLine: Int?

    init(lineMap: [Int], maximumDepth: Int) {
        self.lineMap = lineMap
        self.maximumDepth = maximumDepth
    }

    func fileLine(_ line: Int32) -> Int {
        let index = Int(line) - 1
        if index >= 0, index < lineMap.count { return lineMap[index] }
        if let last = lineMap.last, index >= lineMap.count { return last + (index - lineMap.count + 1) }
        return Int(line)
    }

    mutating func convert(_ node: OpaquePointer, depth: Int) -> MarkdownNode {
        let line = fileLine(cmark_node_get_start_line(node))
        let column = Int(cmark_node_get_start_column(node))
        let endLine = fileLine(cmark_node_get_end_line(node))
        let kind = Converter.kind(of: node)
        var children: [MarkdownNode] = []
        if depth >= maximumDepth, cmark_node_first_child(node) != nil {
            if flattenedAtLine == nil { flattenedAtLine = line }
            children = [MarkdownNode(kind: .text(Converter.flatText(node)), line: line, column: column, endLine: endLine)]
        } else {
            var child = cmark_node_first_child(node)
            while let current = child {
                children.append(convert(current, depth: depth + 1))
                child = cmark_node_next(current)
            }
        }
        return MarkdownNode(kind: kind, children: children, line: line, column: column, endLine: endLine)
    }

    static func string(_ pointer: UnsafePointer<CChar>?) -> String {
        pointer.map { String(cString: $0) } ?? ""
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
