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

    private var recorder: LineRecorder?

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
        var tracing = self
        let start = out.count
        let recorder = LineRecorder(start: start)
        tracing.recorder = recorder
        tracing.render(document, headingAnchors: headingAnchors, appendingTo: &out)
        var lines = out.withUnsafeBufferPointer { RenderedLineMap(html: UnsafeBufferPointer(rebasing: $0[start...]), marks: recorder.marks) }
        lines.rawHTMLRanges = recorder.rawHTMLRanges
        return lines
    }

    /// Notes that the HTML from byte `offset` of the buffer on comes from file line `line`.
    private func mark(at offset: Int, line: Int) {
        guard line > 0 else { return }
        recorder?.mark(at: offset, line: line)
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
        let anchors = headingAnchors ?? HeadingAnchors.assign(in: document)
        document.children.withUnsafeBufferPointer { children in
            for index in children.indices {
                let blockStart = out.count
                recorder?.wroteRawHTML = false
                render(children, at: index, into: &out, anchors: anchors, tight: false)
                if let recorder, recorder.wroteRawHTML { recorder.noteRawHTML(from: blockStart, to: out.count) }
            }
        }
    }

    /// Renders `siblings[index]`, read where it lies (a node passed on or bound to a local is copied).
    private func render(_ siblings: UnsafeBufferPointer<MarkdownNode>, at index: Int, into out: inout [UInt8], anchors: [Int: String], tight: Bool) {
        if recorder != nil, siblings[index].isBlock { mark(at: out.count, line: siblings[index].line) }
        switch siblings[index].kind {
        case .document:
            renderChildren(siblings[index].children, into: &out, anchors: anchors, tight: tight)
        case .blockQuote:
            out.write("<blockquote>\n")
            renderChildren(siblings[index].children, into: &out, anchors: anchors, tight: false)
            out.write("</blockquote>\n")
        case .alert(let kind):
            out.write("<div class=\"alert alert-")
            Escaping.appendAttribute(kind, to: &out)
            out.write("\">\n<p class=\"alert-title\">")
            Escaping.appendText(alertTitle(kind), to: &out)
            out.write("</p>\n")
            renderChildren(siblings[index].children, into: &out, anchors: anchors, tight: false)
            out.write("</div>\n")
        case .list(let ordered, let start, let isTight):
            if !ordered {
                out.write("<ul>\n")
            } else if start == 1 {
                out.write("<ol>\n")
            } else {
                out.write("<ol start=\"")
                out.write(String(start))
                out.write("\">\n")
            }
            siblings[index].children.withUnsafeBufferPointer { items in
                for item in items.indices {
                    mark(at: out.count, line: items[item].line)
                    out.write("<li>")
                    let needsNewline = !isTight || items[item].children.withUnsafeBufferPointer { children in
                        guard !children.isEmpty else { return false }
                        if case .paragraph = children[0].kind { return false }
                        return true
                    }
                    if needsNewline { out.write("\n") }
                    renderChildren(items[item].children, into: &out, anchors: anchors, tight: isTight)
                    out.write("</li>\n")
                }
            }
            out.write(ordered ? "</ol>\n" : "</ul>\n")
        case .item:
            out.write("<li>")
            renderChildren(siblings[index].children, into: &out, anchors: anchors, tight: tight)
            out.write("</li>\n")
        case .codeBlock(let info, let literal):
            let language = info.split(separator: " ").first.map(String.init) ?? ""
            if language.isEmpty || !language.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" }) {
                out.write("<pre><code>")
            } else {
                out.write("<pre><code class=\"language-")
                Escaping.appendAttribute(language.lowercased(), to: &out)
                out.write("\">")
            }
            Escaping.appendText(literal, to: &out)
            out.write("</code></pre>\n")
        case .htmlBlock(let html):
            recorder?.wroteRawHTML = true
            out.write(html)
            if !Self.endsWithLineFeed(html) { out.write("\n") }
        case .paragraph:
            if tight {
                renderInlines(of: siblings[index].children, into: &out)
                out.write("\n")
            } else {
                out.write("<p>")
                renderInlines(of: siblings[index].children, into: &out)
                out.write("</p>\n")
            }
        case .heading(let level):
            let anchor = anchors[siblings[index].line] ?? HeadingAnchors.slug(siblings[index].plainText)
            out.write("<h")
            out.write(String(level))
            if !anchor.isEmpty {
                out.write(" id=\"")
                Escaping.appendAttribute(anchor, to: &out)
                out.write("\"")
            }
            out.write(">")
            renderInlines(of: siblings[index].children, into: &out)
            out.write("</h")
            out.write(String(level))
            out.write(">\n")
        case .thematicBreak:
            out.write("<hr />\n")
        case .table:
            renderTable(rows: siblings[index].children, into: &out)
        default:
            // An inline node among blocks: rendered as if it had no siblings.
            renderInline(UnsafeBufferPointer(rebasing: siblings[index...index]), at: 0, into: &out)
        }
    }

    private func renderChildren(_ children: [MarkdownNode], into out: inout [UInt8], anchors: [Int: String], tight: Bool) {
        children.withUnsafeBufferPointer { children in
            for index in children.indices {
                render(children, at: index, into: &out, anchors: anchors, tight: tight)
            }
        }
    }

    private func renderTable(rows: [MarkdownNode], into out: inout [UInt8]) {
        rows.withUnsafeBufferPointer { rows in
            let headerIsEmpty = rows.first.map { row in
                // Only tabs and space separators (Zs): what `trimmingCharacters(in: .whitespaces)` removes.
                row.children.allSatisfy { $0.plainText.unicodeScalars.allSatisfy { $0 == "\t" || $0.properties.generalCategory == .spaceSeparator } }
            } ?? false
            let first = headerIsEmpty ? 1 : 0
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
    }

    private func renderRow(_ rows: UnsafeBufferPointer<MarkdownNode>, at index: Int, header: Bool, into out: inout [UInt8]) {
        mark(at: out.count, line: rows[index].line)
        out.write("<tr>\n")
        rows[index].children.withUnsafeBufferPointer { cells in
            for cell in cells.indices {
                mark(at: out.count, line: cells[cell].line)
                out.write(header ? "<th>" : "<td>")
                renderInlines(of: cells[cell].children, into: &out)
                out.write(header ? "</th>\n" : "</td>\n")
            }
        }
        out.write("</tr>\n")
    }

    private func renderInlines(of children: [MarkdownNode], into out: inout [UInt8]) {
        children.withUnsafeBufferPointer { children in
            for index in children.indices {
                renderInline(children, at: index, into: &out)
            }
        }
    }

    /// Renders `siblings[index]`, read where it lies (the siblings decide whether a soft break shows).
    private func renderInline(_ siblings: UnsafeBufferPointer<MarkdownNode>, at index: Int, into out: inout [UInt8]) {
        switch siblings[index].kind {
        case .text(let text):
            Escaping.appendText(text, to: &out)
        case .softBreak:
            if SoftBreak.joinsWithoutSpace(around: index, in: siblings) { return }
            out.write("\n")
        case .lineBreak:
            out.write("<br />\n")
        case .code(let code):
            out.write("<code>")
            Escaping.appendText(code, to: &out)
            out.write("</code>")
        case .htmlInline(let html):
            recorder?.wroteRawHTML = true
            out.write(html)
        case .emphasis:
            out.write("<em>")
            renderInlines(of: siblings[index].children, into: &out)
            out.write("</em>")
        case .strong:
            out.write("<strong>")
            renderInlines(of: siblings[index].children, into: &out)
            out.write("</strong>")
        case .strikethrough:
            out.write("<del>")
            renderInlines(of: siblings[index].children, into: &out)
            out.write("</del>")
        case .link(let url, let title):
            out.write("<a href=\"")
            Escaping.appendAttribute(rewriteURL(url), to: &out)
            out.write("\"")
            writeTitle(title, into: &out)
            out.write(">")
            renderInlines(of: siblings[index].children, into: &out)
            out.write("</a>")
        case .image(let url, let title):
            out.write("<img src=\"")
            Escaping.appendAttribute(rewriteURL(url), to: &out)
            out.write("\" alt=\"")
            Escaping.appendAttribute(siblings[index].plainText, to: &out)
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

    private func writeTitle(_ title: String, into out: inout [UInt8]) {
        guard !title.isEmpty else { return }
        out.write(" title=\"")
        Escaping.appendAttribute(title, to: &out)
        out.write("\"")
    }
}

extension [UInt8] {
    /// Appends the UTF-8 bytes of a literal.
    @inline(__always)
    fileprivate mutating func write(_ text: StaticString) {
        append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// Appends the UTF-8 bytes of `text`.
    @inline(__always)
    fileprivate mutating func write(_ text: String) {
        append(contentsOf: text.utf8)
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

private final class LineRecorder {
    /// Where the rendered HTML begins in the buffer.
    let start: Int
    var marks: [(offset: Int, line: Int)] = []
    /// Set when raw HTML is written; reset before each top-level block.
    var wroteRawHTML = false
    var rawHTMLRanges: [Range<Int>] = []

    init(start: Int) {
        self.start = start
    }

    /// Notes that the HTML from byte `offset` of the buffer on comes from file line `line`.
    func mark(at offset: Int, line: Int) {
        marks.append((offset - start, line))
    }

    /// Notes that the top-level block written from `blockStart` to `blockEnd` of the buffer holds raw HTML.
    func noteRawHTML(from blockStart: Int, to blockEnd: Int) {
        let range = (blockStart - start)..<(blockEnd - start)
        if let last = rawHTMLRanges.last, last.upperBound == range.lowerBound {
            rawHTMLRanges[rawHTMLRanges.count - 1] = last.lowerBound..<range.upperBound
        } else {
            rawHTMLRanges.append(range)
        }
    }
}

