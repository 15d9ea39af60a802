import CLibXML2
import Foundation

/// Makes HTML from untrusted documents safe and well-formed.
///
/// The input goes through libxml2's HTML parser (which balances tags), and the tree is written
/// back as XHTML-compatible HTML5: only known elements and attributes survive, `script`,
/// `style`, `iframe`, `object`, SVG, MathML and their kin are removed with their content,
/// event-handler attributes and `javascript:`/`data:`/`vbscript:` URLs are dropped, and
/// tags that are not HTML (`<PUBLICKEY>`) are shown as text. Element ids are kept unique.
public struct HTMLSanitizer: Sendable {
    /// What the sanitiser changed, for diagnostics.
    public struct Report: Sendable, Hashable {
        /// Unsafe constructs removed (`script element`, `onclick attribute`, `javascript: URL`).
        public var removed: [String] = []
        /// Tags that are not HTML and were escaped (`publickey`).
        public var escapedTags: [String] = []
        /// With `deferringURLs`, the safe URLs in document order; slot `n` of the HTML stands for `urls[n]`.
        public var urls: [String] = []
    }

    /// The character that brackets a URL slot (`\0` + number + `\0`); never part of sanitised
    /// output otherwise, since text and attributes drop every character XML does not allow.
    static let slotMark: Character = "\u{0}"

    /// Sanitises `html`, leaving each safe link and image URL as a numbered slot to be filled
    /// later with `fillingURLSlots` (the rest of the site decides where local links point).
    public func sanitize(deferringURLs html: String) -> (html: String, report: Report) {
        sanitize(html, rewriteURL: { url, _ in url }, deferring: true)
    }

    /// Fills the URL slots of `html` with `resolve(url)`, falling back to the URL itself when the
    /// resolved one is not well formed; every value is escaped as an attribute.
    public static func fillingURLSlots(_ html: String, urls: [String], resolve: (String) -> String) -> String {
        guard !urls.isEmpty else { return html }
        var out: [UInt8] = []
        out.reserveCapacity(html.utf8.count + urls.count * 16)
        var source = html
        source.withUTF8 { bytes in
            var index = 0
            var start = 0
            while index < bytes.count {
                guard bytes[index] == 0 else {
                    index += 1
                    continue
                }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<index]))
                var end = index + 1
                var number = 0
                while end < bytes.count, bytes[end] != 0 {
                    number = number &* 10 &+ Int(bytes[end] &- 48)
                    end += 1
                }
                if urls.indices.contains(number) {
                    let url = urls[number]
                    let filled = URLSafety.wellFormed(resolve(url)) ?? URLSafety.wellFormed(url) ?? ""
                    out.append(contentsOf: Escaping.attribute(filled).utf8)
                }
                index = end + 1
                start = index
            }
            if start < bytes.count { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<bytes.count])) }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// What a URL attribute is for, passed to the URL rewriter.
    public enum URLUse: Sendable {
        case link, image
    }

    public init() {}

    static let allowedElements: Set<String> = [
        "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "col", "colgroup", "dd", "del", "dfn", "div",
        "dl", "dt", "em", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "ol", "p", "pre",
        "q", "s", "samp", "small", "span", "strong", "sub", "sup", "table", "tbody", "td", "tfoot", "th", "thead",
        "tr", "u", "ul", "var", "mark", "figure", "figcaption", "details", "summary", "section", "article", "aside",
        "nav", "header", "footer", "main", "address", "time", "wbr",
    ]
    static let droppedWithContent: Set<String> = [
        "script", "style", "iframe", "object", "embed", "applet", "frame", "frameset", "noframes", "noscript", "base",
        "meta", "link", "form", "input", "button", "textarea", "select", "option", "optgroup", "title", "head", "svg",
        "math", "template", "xmp", "plaintext", "param", "source", "video", "audio", "canvas", "portal", "iframeinclude",
        "layer", "ilayer", "bgsound", "marquee", "blink", "isindex", "keygen", "dialog", "slot",
    ]
    static let unwrapped: Set<String> = ["html", "body", "font", "center", "big", "tt", "nobr", "strike", "label", "fieldset", "legend", "hideeyebrow"]
    static let voidElements: Set<String> = ["br", "hr", "img", "col", "wbr"]
    static let globalAttributes: Set<String> = ["id", "class", "title", "lang", "dir"]
    static let elementAttributes: [String: Set<String>] = [
        "a": ["href"], "img": ["src", "alt", "width", "height"], "td": ["colspan", "rowspan", "headers"],
        "th": ["colspan", "rowspan", "headers", "scope"], "col": ["span"], "colgroup": ["span"], "ol": ["start", "type", "reversed"],
        "li": ["value"], "blockquote": ["cite"], "q": ["cite"], "del": ["cite"], "ins": ["cite"], "time": ["datetime"],
    ]
    /// Deepest element nesting written; deeper elements are unwrapped.
    static let maximumDepth = 100
    static let blockElements: Set<String> = [
        "p", "div", "table", "ul", "ol", "dl", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "blockquote", "hr",
        "section", "article", "aside", "nav", "header", "footer", "main", "figure", "details", "address", "caption",
    ]

    /// True when a `p` holds block content (the parser's HTML 4 rules allow it; HTML5 does not),
    /// in which case it is written as a `div`.
    static func containsBlock(_ node: xmlNodePtr) -> Bool {
        var stack: [xmlNodePtr] = []
        var child = node.pointee.children
        while let current = child {
            stack.append(current)
            child = current.pointee.next
        }
        var visited = 0
        while let current = stack.popLast(), visited < 10_000 {
            visited += 1
            guard current.pointee.type == XML_ELEMENT_NODE else { continue }
            let name = current.pointee.name.map { String(cString: $0) }?.lowercased() ?? ""
            if blockElements.contains(name) { return true }
            var inner = current.pointee.children
            while let next = inner {
                stack.append(next)
                inner = next.pointee.next
            }
        }
        return false
    }

    /// Sanitises `html` (a fragment). `rewriteURL` may change or drop (`nil`) each safe URL.
    public func sanitize(_ html: String, rewriteURL: (String, URLUse) -> String? = { url, _ in url }) -> (html: String, report: Report) {
        sanitize(html, rewriteURL: rewriteURL, deferring: false)
    }

    private func sanitize(_ html: String, rewriteURL: (String, URLUse) -> String?, deferring: Bool) -> (html: String, report: Report) {
        _ = LibXML.initialised
        var input = "<html><body>" + html + "</body></html>"
        let options = Int32(HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue | HTML_PARSE_NONET.rawValue | HTML_PARSE_COMPACT.rawValue)
        let document = input.withUTF8 { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                htmlReadMemory(chars.baseAddress, Int32(chars.count), nil, "UTF-8", options)
            }
        }
        guard let document else { return (Escaping.text(html), Report()) }
        defer { xmlFreeDoc(document) }
        return withoutActuallyEscaping(rewriteURL) { rewrite in
            var writer = Writer(rewriteURL: rewrite)
            writer.deferring = deferring
            if let root = xmlDocGetRootElement(document) {
                TableShape.normalise(below: root)
                writer.write(root, parents: [])
            }
            return (writer.out, writer.report)
        }
    }

    private struct Writer {
        let rewriteURL: (String, URLUse) -> String?
        var deferring = false
        var out = ""
        var report = Report()
        var ids = Set<String>()
        /// An element or attribute name, lower-cased, with what the sets above say of it.
        private struct Name {
            var text: String
            var isDropped: Bool
            var isUnwrapped: Bool
            var isAllowed: Bool
            var isVoid: Bool

            init(_ text: String) {
                self.text = text
                isDropped = HTMLSanitizer.droppedWithContent.contains(text)
                isUnwrapped = HTMLSanitizer.unwrapped.contains(text)
                isAllowed = HTMLSanitizer.allowedElements.contains(text)
                isVoid = HTMLSanitizer.voidElements.contains(text)
            }
        }

        /// Names seen in this document, by their lower-cased bytes packed into a word (names of
        /// up to eight bytes): each is looked up in the sets once. A document uses a few dozen
        /// names, so a linear scan beats hashing.
        private var nameKeys: [UInt64] = []
        private var nameValues: [Name] = []

        private mutating func interned(_ pointer: UnsafePointer<xmlChar>?) -> Name {
            guard let pointer else { return Name("") }
            var key: UInt64 = 0
            var length = 0
            while pointer[length] != 0, length < 9 {
                let byte = pointer[length]
                key = key << 8 | UInt64(byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte)
                length += 1
            }
            guard length <= 8 else { return Name(String(cString: pointer).lowercased()) }
            if let index = nameKeys.firstIndex(of: key) { return nameValues[index] }
            let name = Name(String(cString: pointer).lowercased())
            if nameKeys.count < 128 {
                nameKeys.append(key)
                nameValues.append(name)
            }
            return name
        }

        private static func holdsRows(_ element: String) -> Bool {
            element == "table" || element == "tbody" || element == "thead" || element == "tfoot"
        }

        init(rewriteURL: @escaping (String, URLUse) -> String?) {
            self.rewriteURL = rewriteURL
            out.reserveCapacity(1 << 14)
        }

        /// One step of the walk: a node to write, or an end tag to close (`pops`: the end tag of an
        /// element that was pushed on `path`).
        private struct Step {
            var node: xmlNodePtr?
            var close: String?
            var pops = false
            var depth = 0
        }

        /// The written elements that enclose the node being written, outermost first.
        private var path: [String] = []

        mutating func write(_ node: xmlNodePtr, parents: [String]) {
            path = parents
            var stack: [Step] = [Step(node: node, depth: parents.count)]
            // Iterative walk: close steps emit an end tag; node steps emit the node and queue children.
            while let entry = stack.popLast() {
                if let close = entry.close {
                    out += close
                    if entry.pops { path.removeLast() }
                    continue
                }
                guard let current = entry.node else { continue }
                if path.count > entry.depth { path.removeLast(path.count - entry.depth) }
                switch current.pointee.type {
                case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                    let text = current.pointee.content.map { String(cString: $0) } ?? ""
                    if let parent = path.last, Self.holdsRows(parent) || parent == "tr" {
                        if text.allSatisfy(\.isWhitespace) {
                            if !text.isEmpty { out += "\n" }
                        } else if parent == "tr" {
                            out += "<td>"
                            out += Escaping.text(text)
                            out += "</td>"
                        } else if Self.holdsRows(parent) {
                            out += "<tr><td>"
                            out += Escaping.text(text)
                            out += "</td></tr>"
                        }
                    } else if let parent = path.last, parent == "ul" || parent == "ol" {
                        if !text.allSatisfy(\.isWhitespace) {
                            out += "<li>"
                            out += Escaping.text(text)
                            out += "</li>"
                        }
                    } else {
                        out += Escaping.text(text)
                    }
                case XML_ELEMENT_NODE:
                    let element = interned(current.pointee.name)
                    let name = element.text
                    if element.isDropped {
                        report.removed.append("\(name) element")
                        continue
                    }
                    let placed = isPlaceable(name, parents: path)
                    // Past `maximumDepth` elements keep their content but lose their tags, so pages stay
                    // within libxml2's nesting limit (256) and the well-formedness check passes.
                    let tooDeep = path.count >= HTMLSanitizer.maximumDepth
                    if element.isUnwrapped || (element.isAllowed && (!placed || tooDeep)) {
                        pushChildren(of: current, depth: path.count, onto: &stack)
                    } else if element.isAllowed {
                        let name = name == "p" && HTMLSanitizer.containsBlock(current) ? "div" : name
                        let attributeText = attributes(of: current, element: name)
                        if name == "img", !attributeText.contains(" src=\"") { continue }
                        out += "<"
                        out += name
                        out += attributeText
                        if element.isVoid {
                            out += " />"
                        } else {
                            out += ">"
                            stack.append(Step(node: nil, close: "</" + name + ">", pops: true))
                            path.append(name)
                            pushChildren(of: current, depth: path.count, onto: &stack)
                        }
                    } else {
                        report.escapedTags.append(name)
                        let parent = path.last ?? "body"
                        let structural = Self.holdsRows(parent) || parent == "tr"
                        let inList = parent == "ul" || parent == "ol"
                        if !structural { out += (inList ? "<li>" : "") + "&lt;" + Escaping.text(name) + "&gt;" + (inList ? "</li>" : "") }
                        if current.pointee.children != nil, !structural {
                            let close = "&lt;/" + Escaping.text(name) + "&gt;"
                            stack.append(Step(node: nil, close: inList ? "<li>" + close + "</li>" : close))
                        }
                        pushChildren(of: current, depth: path.count, onto: &stack)
                    }
                default:
                    continue
                }
            }
        }

        /// Pushes the children of `node` so that the first is written first.
        private func pushChildren(of node: xmlNodePtr, depth: Int, onto stack: inout [Step]) {
            let start = stack.count
            var child = node.pointee.children
            while let current = child {
                stack.append(Step(node: current, depth: depth))
                child = current.pointee.next
            }
            stack[start...].reverse()
        }

        /// Table parts only where HTML allows them; elsewhere their content is kept without the tag.
        private func isPlaceable(_ name: String, parents: [String]) -> Bool {
            let parent = parents.last ?? "body"
            switch name {
            case "tr": return Self.holdsRows(parent)
            case "td", "th": return parent == "tr"
            case "thead", "tbody", "tfoot", "caption", "colgroup": return parent == "table"
            case "col": return parent == "colgroup" || parent == "table"
            case "li": return parent == "ul" || parent == "ol"
            case "dd", "dt": return parent == "dl"
            default:
                if Self.holdsRows(parent) || parent == "tr" { return false }
                if parent == "ul" || parent == "ol" { return false }
                if name == "a", parents.contains("a") { return false }
                return true
            }
        }

        private mutating func attributes(of node: xmlNodePtr, element: String) -> String {
            var result = ""
            var attribute = node.pointee.properties
            let allowed = HTMLSanitizer.elementAttributes[element] ?? []
            var hasId = false
            var nameValue: String?
            while let current = attribute {
                defer { attribute = current.pointee.next }
                let name = interned(current.pointee.name).text
                var value = ""
                var part = current.pointee.children
                while let text = part {
                    if let content = text.pointee.content { value += String(cString: content) }
                    part = text.pointee.next
                }
                if name.hasPrefix("on") {
                    report.removed.append("\(name) attribute")
                    continue
                }
                if name == "name", element == "a" {
                    nameValue = value
                    continue
                }
                guard HTMLSanitizer.globalAttributes.contains(name) || allowed.contains(name) else { continue }
                var kept = value
                switch name {
                case "href", "src", "cite":
                    guard let safe = URLSafety.safeURL(value) else {
                        report.removed.append("unsafe URL in \(name)")
                        continue
                    }
                    if deferring {
                        guard URLSafety.wellFormed(safe) != nil else { continue }
                        result += " " + name + "=\"" + String(HTMLSanitizer.slotMark) + String(report.urls.count) + String(HTMLSanitizer.slotMark) + "\""
                        report.urls.append(safe)
                        continue
                    }
                    guard let rewritten = rewriteURL(safe, name == "src" ? .image : .link),
                          let valid = URLSafety.wellFormed(rewritten) else { continue }
                    kept = valid
                case "id":
                    let id = Self.cleanId(value)
                    guard !id.isEmpty, ids.insert(id).inserted else { continue }
                    kept = id
                    hasId = true
                case "colspan", "rowspan", "span", "start", "value", "width", "height":
                    guard let number = Int(value.trimmingCharacters(in: [" "])), number >= 0, number < 10_000 else { continue }
                    if (name == "colspan" || name == "rowspan" || name == "span"), number < 1 { continue }
                    kept = String(number)
                case "class":
                    kept = value.split(whereSeparator: { $0 == " " }).filter { $0.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" } }.joined(separator: " ")
                    if kept.isEmpty { continue }
                case "type":
                    guard ["1", "a", "A", "i", "I"].contains(value) else { continue }
                case "scope":
                    guard ["row", "col", "rowgroup", "colgroup"].contains(value.lowercased()) else { continue }
                    kept = value.lowercased()
                case "dir":
                    guard ["ltr", "rtl", "auto"].contains(value.lowercased()) else { continue }
                    kept = value.lowercased()
                default:
                    break
                }
                result += " " + name + "=\"" + Escaping.attribute(kept) + "\""
            }
            if !hasId, let nameValue {
                let id = Self.cleanId(nameValue)
                if !id.isEmpty, ids.insert(id).inserted { result += " id=\"" + Escaping.attribute(id) + "\"" }
            }
            if element == "img", !result.contains(" alt=\"") { result += " alt=\"\"" }
            return result
        }

        static func cleanId(_ value: String) -> String {
            String(value.filter { !$0.isWhitespace }.prefix(100))
        }
    }
}

/// Makes tables consistent: no row spans more columns than the widest row has cells, so every
/// column has a cell that begins in it (HTML's table model requires it).
enum TableShape {
    static func normalise(below root: xmlNodePtr) {
        var tables: [xmlNodePtr] = []
        var stack: [xmlNodePtr] = [root]
        while let node = stack.popLast() {
            var child = node.pointee.children
            while let current = child {
                if current.pointee.type == XML_ELEMENT_NODE { stack.append(current) }
                child = current.pointee.next
            }
            if node.pointee.type == XML_ELEMENT_NODE, xmlStrcasecmp(node.pointee.name, "table") == 0 { tables.append(node) }
        }
        // Inner tables come after their outer table in `tables`, so they are fixed first; an
        // outer table may then dissolve an inner one that sits directly in it (the source's
        // unbalanced nesting), which is never visited again.
        for table in tables.reversed() { fix(table: table) }
    }

    private static func name(of node: xmlNodePtr) -> String {
        node.pointee.name.map { String(cString: $0) }?.lowercased() ?? ""
    }

    private static func elements(_ node: xmlNodePtr, named names: Set<String>) -> [xmlNodePtr] {
        var found: [xmlNodePtr] = []
        var child = node.pointee.children
        while let current = child {
            if current.pointee.type == XML_ELEMENT_NODE, names.contains(name(of: current)) { found.append(current) }
            child = current.pointee.next
        }
        return found
    }

    /// Puts a table's children in the order HTML requires (caption, colgroup, thead, rows and
    /// bodies, tfoot); a second caption or thead and stray text move out as paragraphs or bodies.
    private static let tableParts: Set<String> = ["caption", "colgroup", "col", "thead", "tbody", "tfoot", "tr"]

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
                guard current.pointee.type == XML_ELEMENT_NODE, !tableParts.contains(name(of: current)) else { continue }
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

    private static func reorder(table: xmlNodePtr) {
        hoistParts(of: table)
        var captions: [xmlNodePtr] = [], groups: [xmlNodePtr] = [], heads: [xmlNodePtr] = []
        var bodies: [xmlNodePtr] = [], feet: [xmlNodePtr] = [], strays: [xmlNodePtr] = []
        var child = table.pointee.children
        while let current = child {
            child = current.pointee.next
            switch current.pointee.type {
            case XML_ELEMENT_NODE:
                switch name(of: current) {
                case "caption": captions.append(current)
                case "colgroup", "col": groups.append(current)
                case "thead": heads.append(current)
                case "tfoot": feet.append(current)
                default: bodies.append(current)
                }
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                let text = current.pointee.content.map { String(cString: $0) } ?? ""
                if text.allSatisfy(\.isWhitespace) { continue }
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
        if middle.contains(where: { name(of: $0) == "tbody" }), middle.contains(where: { name(of: $0) != "tbody" }) {
            var grouped: [xmlNodePtr] = []
            var wrapper: xmlNodePtr?
            for node in middle {
                if name(of: node) == "tbody" {
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
        var rows = elements(table, named: ["tr"])
        for section in elements(table, named: ["thead", "tbody", "tfoot"]) { rows += elements(section, named: ["tr"]) }
        let cellsPerRow = rows.map { elements($0, named: ["td", "th"]) }
        guard let widest = cellsPerRow.map(\.count).max(), widest > 0 else { return }
        for cells in cellsPerRow {
            var width = 0
            for (index, cell) in cells.enumerated() {
                let span = xmlGetProp(cell, "colspan").map { raw -> Int in
                    defer { free(raw) }
                    return Int(String(cString: raw).trimmingCharacters(in: [" "])) ?? 1
                } ?? 1
                let remainingCells = cells.count - index - 1
                let allowed = max(1, widest - width - remainingCells)
                let kept = max(1, min(span, allowed))
                if kept != span || span < 1 {
                    if kept == 1 { xmlUnsetProp(cell, "colspan") } else { xmlSetProp(cell, "colspan", String(kept)) }
                }
                width += kept
            }
        }
    }
}

/// URL scheme checks shared by the sanitiser and the renderers.
public enum URLSafety {
    /// The URL with characters URLs may not contain percent-encoded (space, backslash, quotes,
    /// angle brackets …); nil when it cannot be made valid (an http(s) host with an empty label).
    public static func wellFormed(_ url: String) -> String? {
        // Most URLs need no change: printable ASCII without the characters that must be escaped.
        let plain = isPlainURI(url)
        var out: String
        if plain {
            out = url
        } else {
            out = ""
            out.reserveCapacity(url.utf8.count)
            for scalar in url.unicodeScalars {
                switch scalar {
                case " ", "\\", "\"", "<", ">", "^", "`", "{", "|", "}":
                    out += String(format: "%%%02X", scalar.value)
                case "%":
                    out.unicodeScalars.append(scalar)
                default:
                    if scalar.value < 0x20 || scalar.value == 0x7F { continue }
                    out.unicodeScalars.append(scalar)
                }
            }
            out = fixingPercentSigns(out)
        }
        if let host = httpAuthority(of: out)?.host,
           host.isEmpty || host.hasPrefix(".") || hasEmptyLabel(host) || host.utf8.contains(UInt8(ascii: "%")) {
            return nil
        }
        return out
    }

    /// True when two dots follow each other in `host`.
    private static func hasEmptyLabel(_ host: Substring) -> Bool {
        var previousWasDot = false
        for byte in host.utf8 {
            let isDot = byte == UInt8(ascii: ".")
            if isDot, previousWasDot { return true }
            previousWasDot = isDot
        }
        return false
    }

    /// The authority of an `http://` or `https://` URL (scheme in any case), split without
    /// `URL`: user information before the last `@`, host, and port after the host's first `:`.
    public struct HTTPAuthority: Equatable, Sendable {
        public var userinfo: Substring?
        public var host: Substring
        public var port: Substring?
    }

    /// The authority of `url` when it starts with `http://` or `https://`, else nil. The
    /// authority ends at the first `/`, `?` or `#` after the `//`.
    public static func httpAuthority(of url: String) -> HTTPAuthority? {
        let utf8 = url.utf8
        var index = utf8.startIndex
        for expected in "http".utf8 {
            guard index != utf8.endIndex, utf8[index] | 0x20 == expected else { return nil }
            utf8.formIndex(after: &index)
        }
        if index != utf8.endIndex, utf8[index] | 0x20 == UInt8(ascii: "s") { utf8.formIndex(after: &index) }
        for expected in "://".utf8 {
            guard index != utf8.endIndex, utf8[index] == expected else { return nil }
            utf8.formIndex(after: &index)
        }
        let start = index
        var at: String.Index?
        var colon: String.Index?
        while index != utf8.endIndex {
            let byte = utf8[index]
            if byte == UInt8(ascii: "/") || byte == UInt8(ascii: "?") || byte == UInt8(ascii: "#") { break }
            if byte == UInt8(ascii: "@") {
                at = index
                colon = nil
            } else if byte == UInt8(ascii: ":"), colon == nil {
                colon = index
            }
            utf8.formIndex(after: &index)
        }
        let hostStart = at.map { utf8.index(after: $0) } ?? start
        let hostEnd = colon ?? index
        return HTTPAuthority(userinfo: at.map { url[start..<$0] },
                             host: url[hostStart..<hostEnd],
                             port: colon.map { url[utf8.index(after: $0)..<index] })
    }

    /// Printable ASCII without the characters URLs must escape (space, `\\`, `"`, `<`, `>`, `^`,
    /// `` ` ``, `{`, `|`, `}`), every `%` starting a two-digit hexadecimal escape.
    public static func isPlainURI(_ url: String) -> Bool {
        var string = url
        return string.withUTF8 { bytes in
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                switch byte {
                case 0...0x20, 0x7F...0xFF, UInt8(ascii: "\\"), UInt8(ascii: "\""), UInt8(ascii: "<"), UInt8(ascii: ">"),
                     UInt8(ascii: "^"), UInt8(ascii: "`"), UInt8(ascii: "{"), UInt8(ascii: "|"), UInt8(ascii: "}"):
                    return false
                case UInt8(ascii: "%"):
                    guard index + 2 < bytes.count, isHexDigit(bytes[index + 1]), isHexDigit(bytes[index + 2]) else { return false }
                default:
                    break
                }
                index += 1
            }
            return true
        }
    }

    private static func isHexDigit(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || (byte | 0x20 >= UInt8(ascii: "a") && byte | 0x20 <= UInt8(ascii: "f"))
    }

    private static func fixingPercentSigns(_ text: String) -> String {
        guard text.utf8.contains(UInt8(ascii: "%")) else { return text }
        let characters = Array(text)
        var out = ""
        for (index, character) in characters.enumerated() {
            if character == "%" {
                let valid = index + 2 < characters.count && characters[index + 1].isHexDigit && characters[index + 2].isHexDigit
                out += valid ? "%" : "%25"
            } else {
                out.append(character)
            }
        }
        return out
    }

    static let allowedSchemes: Set<String> = ["http", "https", "mailto", "ftp", "news", "tel"]

    /// The URL if its scheme is safe (or it is relative), trimmed of white space and control
    /// characters; nil for `javascript:`, `data:`, `vbscript:` and any unknown scheme.
    public static func safeURL(_ url: String) -> String? {
        var scheme: [UInt8] = []
        var sawColon = false
        var copy = url
        copy.withUTF8 { bytes in
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                if byte <= 0x20 || byte == 0x7F {
                    index += 1
                    continue
                }
                if byte == 0xC2, index + 1 < bytes.count, bytes[index + 1] >= 0x80, bytes[index + 1] <= 0x9F {
                    index += 2
                    continue
                }
                if byte == UInt8(ascii: ":") {
                    sawColon = true
                    return
                }
                if byte == UInt8(ascii: "/") || byte == UInt8(ascii: "?") || byte == UInt8(ascii: "#") { return }
                scheme.append(byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte)
                index += 1
            }
        }
        if sawColon, !allowedSchemes.contains(String(decoding: scheme, as: UTF8.self)) { return nil }
        return trimmingLineSpace(url)
    }

    /// `url` without leading and trailing spaces, tabs and line breaks.
    private static func trimmingLineSpace(_ url: String) -> String {
        let isSpace: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
        guard let first = url.utf8.first, let last = url.utf8.last else { return url }
        if !isSpace(first), !isSpace(last) { return url }
        let utf8 = url.utf8
        guard let start = utf8.firstIndex(where: { !isSpace($0) }), let end = utf8.lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(decoding: Array(utf8[start...end]), as: UTF8.self)
    }
}

/// Escaping for XML-compatible HTML output; drops characters XML forbids.
public enum Escaping {
    /// True when every byte can stay as it is: no markup character, no control character XML
    /// forbids, no U+FFFE/U+FFFF (`EF BF BE`/`EF BF BF`); in attributes also no quote or line break.
    @inline(__always)
    private static func isPlain(_ string: String, attribute: Bool) -> Bool {
        string.utf8.withContiguousStorageIfAvailable { bytes in
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                switch byte {
                case UInt8(ascii: "&"), UInt8(ascii: "<"), UInt8(ascii: ">"):
                    return false
                case UInt8(ascii: "\""), UInt8(ascii: "'"), 0x09, 0x0A, 0x0D:
                    if attribute { return false }
                case 0..<0x20:
                    return false
                case 0xEF:
                    if index + 2 < bytes.count, bytes[index + 1] == 0xBF, bytes[index + 2] >= 0xBE { return false }
                default:
                    break
                }
                index += 1
            }
            return true
        } ?? false
    }

    public static func text(_ string: String) -> String {
        if isPlain(string, attribute: false) { return string }
        var out = ""
        out.reserveCapacity(string.utf8.count)
        for scalar in string.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            default:
                if isXMLCharacter(scalar) { out.unicodeScalars.append(scalar) }
            }
        }
        return out
    }

    public static func attribute(_ string: String) -> String {
        if isPlain(string, attribute: true) { return string }
        var out = ""
        out.reserveCapacity(string.utf8.count)
        for scalar in string.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\n", "\t", "\r": out += " "
            default:
                if isXMLCharacter(scalar) { out.unicodeScalars.append(scalar) }
            }
        }
        return out
    }

    /// True for characters allowed in XML 1.0 documents.
    public static func isXMLCharacter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x9, 0xA, 0xD, 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: true
        default: false
        }
    }
}

