import Foundation

/// Renders a `MarkdownNode` tree to HTML.
///
/// Raw HTML from the source is passed through as it is: callers sanitise the result.
/// Soft breaks between two CJK characters are dropped (a newline there shows as a space),
/// pipe tables whose header row is empty get their first body row promoted to the header,
/// and headings carry the anchors `HeadingAnchors` gives them.
public struct HTMLRenderer {
    /// Rewrites link and image destinations (e.g. TechNet URLs to local pages).
    public var rewriteURL: (String) -> String
    /// The visible title of a DocFX alert kind ("note" → "注意").
    public var alertTitle: (String) -> String

    public init(rewriteURL: @escaping (String) -> String = { $0 }, alertTitle: @escaping (String) -> String = { $0.uppercased() }) {
        self.rewriteURL = rewriteURL
        self.alertTitle = alertTitle
    }

    /// HTML for the children of `document`.
    public func render(_ document: MarkdownNode) -> String {
        var out = ""
        out.reserveCapacity(4096)
        var anchors = HeadingAnchors()
        for child in document.children {
            render(child, into: &out, anchors: &anchors, tight: false)
        }
        return out
    }

    private func render(_ node: MarkdownNode, into out: inout String, anchors: inout HeadingAnchors, tight: Bool) {
        switch node.kind {
        case .document:
            renderChildren(node, into: &out, anchors: &anchors, tight: tight)
        case .blockQuote:
            out += "<blockquote>\n"
            renderChildren(node, into: &out, anchors: &anchors, tight: false)
            out += "</blockquote>\n"
        case .alert(let kind):
            out += "<div class=\"alert alert-\(Escape.attribute(kind))\">\n<p class=\"alert-title\">"
            out += Escape.text(alertTitle(kind))
            out += "</p>\n"
            renderChildren(node, into: &out, anchors: &anchors, tight: false)
            out += "</div>\n"
        case .list(let ordered, let start, let isTight):
            if ordered {
                out += start == 1 ? "<ol>\n" : "<ol start=\"\(start)\">\n"
            } else {
                out += "<ul>\n"
            }
            for item in node.children {
                out += "<li>"
                let needsNewline = !isTight || item.children.first.map { !isParagraph($0) } ?? false
                if needsNewline { out += "\n" }
                renderChildren(item, into: &out, anchors: &anchors, tight: isTight)
                out += "</li>\n"
            }
            out += ordered ? "</ol>\n" : "</ul>\n"
        case .item:
            out += "<li>"
            renderChildren(node, into: &out, anchors: &anchors, tight: tight)
            out += "</li>\n"
        case .codeBlock(let info, let literal):
            let language = info.split(separator: " ").first.map(String.init) ?? ""
            if language.isEmpty || !language.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" }) {
                out += "<pre><code>"
            } else {
                out += "<pre><code class=\"language-\(Escape.attribute(language.lowercased()))\">"
            }
            out += Escape.text(literal)
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
            let text = node.plainText
            let anchor = anchors.next(for: text)
            out += "<h\(level) id=\"\(Escape.attribute(anchor))\">"
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

    private func renderChildren(_ node: MarkdownNode, into out: inout String, anchors: inout HeadingAnchors, tight: Bool) {
        for child in node.children {
            render(child, into: &out, anchors: &anchors, tight: tight)
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
        out += "<tr>\n"
        for child in row.children {
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
            out += Escape.text(text)
        case .softBreak:
            if let before = previous.flatMap(lastCharacter), let after = next.flatMap(firstCharacter),
               CJK.isWide(before), CJK.isWide(after) {
                return
            }
            out += "\n"
        case .lineBreak:
            out += "<br />\n"
        case .code(let code):
            out += "<code>" + Escape.text(code) + "</code>"
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
            out += "<a href=\"" + Escape.attribute(rewriteURL(url)) + "\""
            if !title.isEmpty { out += " title=\"" + Escape.attribute(title) + "\"" }
            out += ">"
            renderInlines(node, into: &out)
            out += "</a>"
        case .image(let url, let title):
            out += "<img src=\"" + Escape.attribute(rewriteURL(url)) + "\" alt=\"" + Escape.attribute(node.plainText) + "\""
            if !title.isEmpty { out += " title=\"" + Escape.attribute(title) + "\"" }
            out += " />"
        default:
            var anchors = HeadingAnchors()
            render(node, into: &out, anchors: &anchors, tight: false)
        }
    }

    private func lastCharacter(_ node: MarkdownNode) -> Character? {
        if case .text(let text) = node.kind { return text.last }
        return nil
    }

    private func firstCharacter(_ node: MarkdownNode) -> Character? {
        if case .text(let text) = node.kind { return text.first }
        return nil
    }
}

/// Gives headings stable, unique, lower-case ASCII anchors: `affected-software`, `section-3`.
public struct HeadingAnchors: Sendable {
    private var used: Set<String> = []
    private var count = 0

    public init() {}

    /// The anchor of the next heading, whose text is `text`.
    public mutating func next(for text: String) -> String {
        count += 1
        var slug = ""
        var lastWasDash = true
        for scalar in text.lowercased().unicodeScalars {
            if scalar.isASCII, scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
                slug.unicodeScalars.append(scalar)
                lastWasDash = false
            } else if !lastWasDash {
                slug += "-"
                lastWasDash = true
            }
        }
        while slug.hasSuffix("-") { slug.removeLast() }
        if slug.count < 3 || slug.count > 60 { slug = "section-\(count)" }
        var candidate = slug
        var suffix = 2
        while used.contains(candidate) {
            candidate = "\(slug)-\(suffix)"
            suffix += 1
        }
        used.insert(candidate)
        return candidate
    }
}

/// Characters that are written without spaces between words.
public enum CJK {
    public static func isWide(_ character: Character) -> Bool {
        guard let scalar = character.unicodeScalars.first else { return false }
        return isWide(scalar)
    }

    public static func isWide(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x1100...0x11FF, 0x2E80...0x9FFF, 0xAC00...0xD7AF, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFFEF,
             0x20000...0x2FFFF:
            return true
        default:
            return false
        }
    }
}

/// HTML escaping for text and attribute values.
public enum Escape {
    public static func text(_ string: String) -> String {
        guard string.utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E }) else { return string }
        var out = ""
        out.reserveCapacity(string.utf8.count + 16)
        for ch in string.unicodeScalars {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            default: out.unicodeScalars.append(ch)
            }
        }
        return out
    }

    public static func attribute(_ string: String) -> String {
        guard string.utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 }) else {
            return string
        }
        var out = ""
        for ch in string.unicodeScalars {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(ch)
            }
        }
        return out
    }
}
