import AdvisoryModel
import Foundation

/// Renders a `MarkdownNode` tree to HTML.
///
/// Raw HTML from the source is passed through as it is: callers sanitise the result.
/// A soft break between two East Asian wide characters other than Hangul is dropped (a newline
/// there shows as a space; CSS Text 3's segment-break rule), pipe tables whose header row is
/// empty get their first body row promoted to the header, and headings carry the anchors
/// `HeadingAnchors` gives them.
public struct HTMLRenderer {
    /// Rewrites link and image destinations (e.g. TechNet URLs to local pages).
    public var rewriteURL: (String) -> String
    /// The visible title of a DocFX alert kind ("note" → "注意").
    public var alertTitle: (String) -> String

    public init(rewriteURL: @escaping (String) -> String = { $0 }, alertTitle: @escaping (String) -> String = { $0.uppercased() }) {
        self.rewriteURL = rewriteURL
        self.alertTitle = alertTitle
    }

    /// `render(_:headingAnchors:)`, and which file line each line of the HTML comes from.
    public func renderTracingLines(_ document: MarkdownNode, headingAnchors: [Int: String]? = nil) -> (html: String, lines: RenderedLineMap) {
        var out: [UInt8] = []
        let lines = renderTracingLines(document, headingAnchors: headingAnchors, appendingTo: &out)
        return (String(decoding: out, as: UTF8.self), lines)
    }

    /// Appends the HTML of `document` to `out` and returns which file line each line of the
    /// appended HTML comes from (its line 1 is the line `out` ended in).
    public func renderTracingLines(_ document: MarkdownNode, headingAnchors: [Int: String]? = nil, appendingTo out: inout [UInt8]) -> RenderedLineMap {
        var output = HTMLOutput(taking: &out, tracesLines: true)
        render(document, headingAnchors: headingAnchors, into: &output)
        output.giveBack(to: &out)
        var lines = out.withUnsafeBufferPointer { RenderedLineMap(html: UnsafeBufferPointer(rebasing: $0[output.start...]), marks: output.marks) }
        lines.rawHTMLRanges = output.rawHTMLRanges
        return lines
    }

    /// HTML for the children of `document`. A heading's id is `headingAnchors[line]` (the
    /// record's anchors, so page and record agree); without that map `HeadingAnchors.assign(in:)`
    /// over `document` decides.
    public func render(_ document: MarkdownNode, headingAnchors: [Int: String]? = nil) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(4096)
        render(document, headingAnchors: headingAnchors, appendingTo: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends the HTML of `render(_:headingAnchors:)` to `out`.
    public func render(_ document: MarkdownNode, headingAnchors: [Int: String]? = nil, appendingTo out: inout [UInt8]) {
        var output = HTMLOutput(taking: &out, tracesLines: false)
        render(document, headingAnchors: headingAnchors, into: &output)
        output.giveBack(to: &out)
    }

    private func render(_ document: MarkdownNode, headingAnchors: [Int: String]?, into out: inout HTMLOutput) {
        let anchors = headingAnchors ?? HeadingAnchors.assign(in: document)
        let children = document.children.span
        for index in children.indices {
            let blockStart = out.bytes.count
            out.wroteRawHTML = false
            render(children, at: index, into: &out, anchors: anchors, tight: false)
            if out.wroteRawHTML { out.noteRawHTML(from: blockStart) }
        }
    }

    /// Renders `siblings[index]`, read where it lies (a node passed on or bound to a local is
    /// copied; a span of its children is not).
    private func render(_ siblings: Span<MarkdownNode>, at index: Int, into out: inout HTMLOutput, anchors: [Int: String], tight: Bool) {
        if out.tracesLines, siblings[index].isBlock { out.mark(line: siblings[index].line) }
        switch siblings[index].kind {
        case .document:
            renderChildren(siblings[index].children.span, into: &out, anchors: anchors, tight: tight)
        case .blockQuote:
            out.write("<blockquote>\n")
            renderChildren(siblings[index].children.span, into: &out, anchors: anchors, tight: false)
            out.write("</blockquote>\n")
        case .alert(let kind):
            out.write("<div class=\"alert alert-")
            Escaping.appendAttribute(kind, to: &out.bytes)
            out.write("\">\n<p class=\"alert-title\">")
            Escaping.appendText(alertTitle(kind), to: &out.bytes)
            out.write("</p>\n")
            renderChildren(siblings[index].children.span, into: &out, anchors: anchors, tight: false)
            out.write("</div>\n")
        case .list(let ordered, let start, let isTight):
            if !ordered {
                out.write("<ul>\n")
            } else if start == 1 {
                out.write("<ol>\n")
            } else {
                out.write("<ol start=\"")
                out.write(string: String(start))
                out.write("\">\n")
            }
            let items = siblings[index].children.span
            for item in items.indices {
                out.mark(line: items[item].line)
                out.write("<li>")
                let children = items[item].children.span
                let needsNewline = if !isTight { true } else if children.isEmpty { false } else if case .paragraph = children[0].kind { false } else { true }
                if needsNewline { out.write("\n") }
                renderChildren(children, into: &out, anchors: anchors, tight: isTight)
                out.write("</li>\n")
            }
            out.write(ordered ? "</ol>\n" : "</ul>\n")
        case .item:
            out.write("<li>")
            renderChildren(siblings[index].children.span, into: &out, anchors: anchors, tight: tight)
            out.write("</li>\n")
        case .codeBlock(let info, let literal):
            let language = info.split(separator: " ").first.map(String.init) ?? ""
            if language.isEmpty || !language.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" }) {
                out.write("<pre><code>")
            } else {
                out.write("<pre><code class=\"language-")
                Escaping.appendAttribute(language.lowercased(), to: &out.bytes)
                out.write("\">")
            }
            Escaping.appendText(literal, to: &out.bytes)
            out.write("</code></pre>\n")
        case .htmlBlock(let html):
            out.wroteRawHTML = true
            out.write(string: html)
            if !Self.endsWithLineFeed(html) { out.write("\n") }
        case .paragraph:
            if tight {
                renderInlines(of: siblings[index].children.span, into: &out)
                out.write("\n")
            } else {
                out.write("<p>")
                renderInlines(of: siblings[index].children.span, into: &out)
                out.write("</p>\n")
            }
        case .heading(let level):
            let anchor = anchors[siblings[index].line] ?? HeadingAnchors.slug(MarkdownNode.plainText(of: siblings, at: index))
            out.write("<h")
            out.write(string: String(level))
            if !anchor.isEmpty {
                out.write(" id=\"")
                Escaping.appendAttribute(anchor, to: &out.bytes)
                out.write("\"")
            }
            out.write(">")
            renderInlines(of: siblings[index].children.span, into: &out)
            out.write("</h")
            out.write(string: String(level))
            out.write(">\n")
        case .thematicBreak:
            out.write("<hr />\n")
        case .table:
            renderTable(rows: siblings[index].children.span, into: &out)
        default:
            // An inline node among blocks: rendered as if it had no siblings.
            renderInline(siblings.extracting(index..<(index + 1)), at: 0, into: &out)
        }
    }

    private func renderChildren(_ children: Span<MarkdownNode>, into out: inout HTMLOutput, anchors: [Int: String], tight: Bool) {
        for index in children.indices {
            render(children, at: index, into: &out, anchors: anchors, tight: tight)
        }
    }

    private func renderTable(rows: Span<MarkdownNode>, into out: inout HTMLOutput) {
        // No `&&` here: its right side, an autoclosure holding a span, upsets the 6.3 optimiser.
        var first = 0
        if !rows.isEmpty, Self.isBlank(row: rows[0].children.span) { first = 1 }
        guard first < rows.count else { return }
        out.write("<table>\n<thead>\n")
        renderRow(rows, at: first, header: true, into: &out)
        out.write("</thead>\n")
        if rows.count > first + 1 {
            out.write("<tbody>\n")
            for index in (first + 1)..<rows.count {
                renderRow(rows, at: index, header: false, into: &out)
            }
            out.write("</tbody>\n")
        }
        out.write("</table>\n")
    }

    /// True when every cell's plain text is only tabs and space separators (Zs): what
    /// `trimmingCharacters(in: .whitespaces)` removes.
    private static func isBlank(row cells: Span<MarkdownNode>) -> Bool {
        for cell in cells.indices {
            let text = MarkdownNode.plainText(of: cells, at: cell)
            guard text.unicodeScalars.allSatisfy({ $0 == "\t" || $0.properties.generalCategory == .spaceSeparator }) else { return false }
        }
        return true
    }

    private func renderRow(_ rows: Span<MarkdownNode>, at index: Int, header: Bool, into out: inout HTMLOutput) {
        out.mark(line: rows[index].line)
        out.write("<tr>\n")
        let cells = rows[index].children.span
        for cell in cells.indices {
            out.mark(line: cells[cell].line)
            out.write(header ? "<th>" : "<td>")
            renderInlines(of: cells[cell].children.span, into: &out)
            out.write(header ? "</th>\n" : "</td>\n")
        }
        out.write("</tr>\n")
    }

    private func renderInlines(of children: Span<MarkdownNode>, into out: inout HTMLOutput) {
        for index in children.indices {
            renderInline(children, at: index, into: &out)
        }
    }

    /// Renders `siblings[index]`, read where it lies (the siblings decide whether a soft break shows).
    private func renderInline(_ siblings: Span<MarkdownNode>, at index: Int, into out: inout HTMLOutput) {
        switch siblings[index].kind {
        case .text(let text):
            Escaping.appendText(text, to: &out.bytes)
        case .softBreak:
            if SoftBreak.joinsWithoutSpace(around: index, in: siblings) { return }
            out.write("\n")
        case .lineBreak:
            out.write("<br />\n")
        case .code(let code):
            out.write("<code>")
            Escaping.appendText(code, to: &out.bytes)
            out.write("</code>")
        case .htmlInline(let html):
            out.wroteRawHTML = true
            out.write(string: html)
        case .emphasis:
            out.write("<em>")
            renderInlines(of: siblings[index].children.span, into: &out)
            out.write("</em>")
        case .strong:
            out.write("<strong>")
            renderInlines(of: siblings[index].children.span, into: &out)
            out.write("</strong>")
        case .strikethrough:
            out.write("<del>")
            renderInlines(of: siblings[index].children.span, into: &out)
            out.write("</del>")
        case .link(let url, let title):
            out.write("<a href=\"")
            Escaping.appendAttribute(rewriteURL(url), to: &out.bytes)
            out.write("\"")
            writeTitle(title, into: &out)
            out.write(">")
            renderInlines(of: siblings[index].children.span, into: &out)
            out.write("</a>")
        case .image(let url, let title):
            out.write("<img src=\"")
            Escaping.appendAttribute(rewriteURL(url), to: &out.bytes)
            out.write("\" alt=\"")
            Escaping.appendAttribute(MarkdownNode.plainText(of: siblings, at: index), to: &out.bytes)
            out.write("\"")
            writeTitle(title, into: &out)
            out.write(" />")
        default:
            render(siblings, at: index, into: &out, anchors: [:], tight: false)
        }
    }

    /// `text.hasSuffix("\n")` read from the bytes: the last character is a line feed when the
    /// last byte is one without a carriage return before it (CR LF is one character).
    static func endsWithLineFeed(_ text: String) -> Bool {
        let bytes = text.utf8
        guard bytes.last == UInt8(ascii: "\n") else { return false }
        let before = bytes.index(bytes.endIndex, offsetBy: -2, limitedBy: bytes.startIndex)
        return before.map { bytes[$0] != UInt8(ascii: "\r") } ?? true
    }

    private func writeTitle(_ title: String, into out: inout HTMLOutput) {
        guard !title.isEmpty else { return }
        out.write(" title=\"")
        Escaping.appendAttribute(title, to: &out.bytes)
        out.write("\"")
    }
}

/// The renderer's output: the caller's buffer, taken over while rendering, and what line tracing
/// notes about it (a value beside the bytes, so that noting retains nothing).
private struct HTMLOutput {
    var bytes: [UInt8] = []
    /// Where the rendered HTML begins in `bytes`.
    let start: Int
    let tracesLines: Bool
    var marks: [(offset: Int, line: Int)] = []
    /// Set when raw HTML is written; reset before each top-level block.
    var wroteRawHTML = false
    var rawHTMLRanges: [Range<Int>] = []

    /// Takes over `buffer` (left empty until `giveBack(to:)`).
    init(taking buffer: inout [UInt8], tracesLines: Bool) {
        swap(&bytes, &buffer)
        start = bytes.count
        self.tracesLines = tracesLines
    }

    mutating func giveBack(to buffer: inout [UInt8]) {
        swap(&bytes, &buffer)
    }

    /// Appends the UTF-8 bytes of a literal. (A string literal takes this, not `write(string:)`:
    /// with both spelled `write(_:)`, Swift gives a literal the `String` one, twice as slow.)
    @inline(__always)
    mutating func write(_ text: StaticString) {
        bytes.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// Appends the UTF-8 bytes of `text`, copied in one piece from where they lie (a native
    /// string's are contiguous; `append(contentsOf: text.utf8)` copies them through a slower path).
    @inline(__always)
    mutating func write(string text: String) {
        let done: Void? = text.utf8.withContiguousStorageIfAvailable { bytes.append(contentsOf: $0) }
        if done == nil { bytes.append(contentsOf: text.utf8) }
    }

    /// Notes, when tracing, that the HTML from here on comes from file line `line`.
    mutating func mark(line: Int) {
        guard tracesLines, line > 0 else { return }
        marks.append((bytes.count - start, line))
    }

    /// Notes that the top-level block written from `blockStart` to here holds raw HTML.
    mutating func noteRawHTML(from blockStart: Int) {
        guard tracesLines else { return }
        let range = (blockStart - start)..<(bytes.count - start)
        if let last = rawHTMLRanges.last, last.upperBound == range.lowerBound {
            rawHTMLRanges[rawHTMLRanges.count - 1] = last.lowerBound..<range.upperBound
        } else {
            rawHTMLRanges.append(range)
        }
    }
}

/// Where the lines of rendered HTML come from: output line → file line.
public struct RenderedLineMap: Sendable {
    /// The byte ranges of the HTML (from its start) of the top-level blocks that hold raw HTML
    /// of the source (an HTML block or inline HTML), adjacent blocks in one range: only there
    /// is anything the renderer did not write itself.
    public internal(set) var rawHTMLRanges: [Range<Int>] = []
    /// True when some block holds raw HTML.
    public var containsRawHTML: Bool { !rawHTMLRanges.isEmpty }
    private var outputLines: [Int] = []
    private var fileLines: [Int] = []

    init(html bytes: UnsafeBufferPointer<UInt8>, marks: [(offset: Int, line: Int)]) {
        var line = 1
        var index = 0
        for mark in marks {
            let end = min(mark.offset, bytes.count)
            if index < end {
                line += ByteLines.newlineCount(in: bytes, from: index, to: end)
                index = end
            }
            if let last = outputLines.last, last == line {
                fileLines[fileLines.count - 1] = mark.line
            } else {
                outputLines.append(line)
                fileLines.append(mark.line)
            }
        }
    }

    /// The file line of 1-based HTML line `line`; nil before the first block.
    public func fileLine(ofOutputLine line: Int) -> Int? {
        var low = 0
        var high = outputLines.count - 1
        var found = -1
        while low <= high {
            let middle = (low + high) / 2
            if outputLines[middle] <= line {
                found = middle
                low = middle + 1
            } else {
                high = middle - 1
            }
        }
        guard found >= 0 else { return nil }
        return fileLines[found] + (line - outputLines[found])
    }
}
