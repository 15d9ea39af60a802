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
        var tracing = self
        let recorder = LineRecorder()
        tracing.recorder = recorder
        let html = tracing.render(document, headingAnchors: headingAnchors)
        return (html, RenderedLineMap(html: html, marks: recorder.marks))
    }

    private func mark(_ out: String, line: Int) {
        guard let recorder, line > 0 else { return }
        recorder.marks.append((out.utf8.count, line))
    }

    /// HTML for the children of `document`. A heading's id is `headingAnchors[line]` (the
    /// record's anchors, so page and record agree); without that map `HeadingAnchors.assign(in:)`
    /// over `document` decides.
    public func render(_ document: MarkdownNode, headingAnchors: [Int: String]? = nil) -> String {
        var out = ""
        out.reserveCapacity(4096)
        let anchors = headingAnchors ?? HeadingAnchors.assign(in: document)
        for child in document.children {
            render(child, into: &out, anchors: anchors, tight: false)
        }
        return out
    }

    private func render(_ node: MarkdownNode, into out: inout String, anchors: [Int: String], tight: Bool) {
        if recorder != nil, node.isBlock { mark(out, line: node.line) }
        switch node.kind {
        case .document:
            renderChildren(node, into: &out, anchors: anchors, tight: tight)
        case .blockQuote:
            out += "<blockquote>\n"
            renderChildren(node, into: &out, anchors: anchors, tight: false)
            out += "</blockquote>\n"
        case .alert(let kind):
            out += "<div class=\"alert alert-\(Escaping.attribute(kind))\">\n<p class=\"alert-title\">"
            out += Escaping.text(alertTitle(kind))
            out += "</p>\n"
            renderChildren(node, into: &out, anchors: anchors, tight: false)
            out += "</div>\n"
        case .list(let ordered, let start, let isTight):
            if ordered {
                out += start == 1 ? "<ol>\n" : "<ol start=\"\(start)\">\n"
            } else {
                out += "<ul>\n"
            }
            for item in node.children {
                mark(out, line: item.line)
                out += "<li>"
                let needsNewline = !isTight || item.children.first.map { !isParagraph($0) } ?? false
                if needsNewline { out += "\n" }
                renderChildren(item, into: &out, anchors: anchors, tight: isTight)
                out += "</li>\n"
            }
            out += ordered ? "</ol>\n" : "</ul>\n"
        case .item:
            out += "<li>"
            renderChildren(node, into: &out, anchors: anchors, tight: tight)
            out += "</li>\n"
        case .codeBlock(let info, let literal):
            let language = info.split(separator: " ").first.map(String.init) ?? ""
            if language.isEmpty || !language.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" }) {
                out += "<pre><code>"
            } else {
                out += "<pre><code class=\"language-\(Escaping.attribute(language.lowercased()))\">"
            }
            out += Escaping.text(literal)
            out += "</code></pre>\n"
        case .htmlBlock(let html):
            out += html
            if !html.hasSuffix("\n") { out += "\n" }
        case .paragraph:
            if tight {
                renderInlines(node, into: &out)
                out += "\n"
            } else {
                out += "<p>"
                renderInlines(node, into: &out)
                out += "</p>\n"
            }
        case .heading(let level):
            let anchor = anchors[node.line] ?? HeadingAnchors.slug(node.plainText)
            out += anchor.isEmpty ? "<h\(level)>" : "<h\(level) id=\"\(Escaping.attribute(anchor))\">"
            renderInlines(node, into: &out)
            out += "</h\(level)>\n"
        case .thematicBreak:
            out += "<hr />\n"
        case .table:
            renderTable(node, into: &out)
        default:
            renderInline(node, into: &out, previous: nil, next: nil)
        }
    }

    private func isParagraph(_ node: MarkdownNode) -> Bool {
        if case .paragraph = node.kind { return true }
        return false
    }

    private func renderChildren(_ node: MarkdownNode, into out: inout String, anchors: [Int: String], tight: Bool) {
        for child in node.children {
            render(child, into: &out, anchors: anchors, tight: tight)
        }
    }

    private func renderTable(_ table: MarkdownNode, into out: inout String) {
        var rows = table.children
        let headerIsEmpty = rows.first.map { row in
            row.children.allSatisfy { $0.plainText.trimmingCharacters(in: .whitespaces).isEmpty }
        } ?? false
        if headerIsEmpty, rows.count > 1 {
            rows.removeFirst()
        } else if headerIsEmpty {
            rows.removeAll()
        }
        guard !rows.isEmpty else { return }
        out += "<table>\n<thead>\n"
        renderRow(rows[0], cell: "th", into: &out)
        out += "</thead>\n"
        if rows.count > 1 {
            out += "<tbody>\n"
            for row in rows.dropFirst() {
                renderRow(row, cell: "td", into: &out)
            }
            out += "</tbody>\n"
        }
        out += "</table>\n"
    }

    private func renderRow(_ row: MarkdownNode, cell: String, into out: inout String) {
        mark(out, line: row.line)
        out += "<tr>\n"
        for child in row.children {
            mark(out, line: child.line)
            out += "<\(cell)>"
            renderInlines(child, into: &out)
            out += "</\(cell)>\n"
        }
        out += "</tr>\n"
    }

    private func renderInlines(_ node: MarkdownNode, into out: inout String) {
        let children = node.children
        for index in children.indices {
            renderInline(
                children[index], into: &out,
                previous: index > 0 ? children[index - 1] : nil,
                next: index + 1 < children.count ? children[index + 1] : nil
            )
        }
    }

    private func renderInline(_ node: MarkdownNode, into out: inout String, previous: MarkdownNode?, next: MarkdownNode?) {
        switch node.kind {
        case .text(let text):
            out += Escaping.text(text)
        case .softBreak:
            if let previous, let next, SoftBreak.joinsWithoutSpace(previous, next) { return }
            out += "\n"
        case .lineBreak:
            out += "<br />\n"
        case .code(let code):
            out += "<code>" + Escaping.text(code) + "</code>"
        case .htmlInline(let html):
            out += html
        case .emphasis:
            out += "<em>"
            renderInlines(node, into: &out)
            out += "</em>"
        case .strong:
            out += "<strong>"
            renderInlines(node, into: &out)
            out += "</strong>"
        case .strikethrough:
            out += "<del>"
            renderInlines(node, into: &out)
            out += "</del>"
        case .link(let url, let title):
            out += "<a href=\"" + Escaping.attribute(rewriteURL(url)) + "\""
            if !title.isEmpty { out += " title=\"" + Escaping.attribute(title) + "\"" }
            out += ">"
            renderInlines(node, into: &out)
            out += "</a>"
        case .image(let url, let title):
            out += "<img src=\"" + Escaping.attribute(rewriteURL(url)) + "\" alt=\"" + Escaping.attribute(node.plainText) + "\""
            if !title.isEmpty { out += " title=\"" + Escaping.attribute(title) + "\"" }
            out += " />"
        default:
            render(node, into: &out, anchors: [:], tight: false)
        }
    }
}

/// Where the lines of rendered HTML come from: output line → file line.
public struct RenderedLineMap: Sendable {
    private var outputLines: [Int] = []
    private var fileLines: [Int] = []

    init(html: String, marks: [(offset: Int, line: Int)]) {
        var line = 1
        var scanned = 0
        let bytes = html.utf8
        var index = bytes.startIndex
        for mark in marks {
            while scanned < mark.offset, index != bytes.endIndex {
                if bytes[index] == 0x0A { line += 1 }
                index = bytes.index(after: index)
                scanned += 1
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
    var marks: [(offset: Int, line: Int)] = []
}

