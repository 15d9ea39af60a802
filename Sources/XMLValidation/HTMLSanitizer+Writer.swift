import AdvisoryModel
import CLibXML2
import Foundation

extension HTMLSanitizer {
    /// Writes libxml2's tree back as XHTML-compatible HTML5, keeping what is allowed.
    struct Writer {
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
                            out += "<td" + takePendingId() + ">"
                            out += Escaping.text(text)
                            out += "</td>"
                        } else if Self.holdsRows(parent) {
                            out += "<tr><td" + takePendingId() + ">"
                            out += Escaping.text(text)
                            out += "</td></tr>"
                        }
                    } else if let parent = path.last, parent == "ul" || parent == "ol" {
                        if !text.allSatisfy(\.isWhitespace) {
                            out += "<li" + takePendingId() + ">"
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
                        report.findings.append(Finding(kind: .removed, description: "\(name) element", needle: "<" + name, line: Self.line(of: current)))
                        continue
                    }
                    let placed = isPlaceable(name, parents: path)
                    // Past `maximumDepth` elements keep their content but lose their tags, so pages stay
                    // within libxml2's nesting limit (256) and the well-formedness check passes.
                    let tooDeep = path.count >= HTMLSanitizer.maximumDepth
                    if element.isUnwrapped || (element.isAllowed && (!placed || tooDeep)) {
                        if element.isAllowed, !placed { keepId(of: current) }
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
                        report.findings.append(Finding(kind: .escapedTag, description: "<\(name)>", needle: "<" + name, line: Self.line(of: current)))
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
                    report.findings.append(Finding(kind: .removed, description: "\(name) attribute", needle: name, line: Self.line(of: node)))
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
                        report.findings.append(Finding(kind: .removed, description: "unsafe URL in \(name)", needle: name, line: Self.line(of: node)))
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

        /// The id of an element written without its tag (a heading inside a table row), given to
        /// the next cell or item written for its text, so links to it still land.
        private var pendingId: String?

        private mutating func keepId(of node: xmlNodePtr) {
            var attribute = node.pointee.properties
            while let current = attribute {
                defer { attribute = current.pointee.next }
                guard interned(current.pointee.name).text == "id", let text = current.pointee.children?.pointee.content else { continue }
                let id = Self.cleanId(String(cString: text))
                if !id.isEmpty, ids.insert(id).inserted { pendingId = id }
            }
        }

        private mutating func takePendingId() -> String {
            guard let id = pendingId else { return "" }
            pendingId = nil
            return " id=\"" + Escaping.attribute(id) + "\""
        }

        /// The line libxml2 recorded for `node` (at least 1).
        static func line(of node: xmlNodePtr) -> Int {
            max(1, Int(xmlGetLineNo(node)))
        }

        static func cleanId(_ value: String) -> String {
            String(value.filter { !$0.isWhitespace }.prefix(100))
        }
    }
}
