import AdvisoryModel
import CLibXML2
import Foundation

extension HTMLSanitizer {
    /// Writes libxml2's tree back as XHTML-compatible HTML5, keeping what is allowed, as UTF-8.
    struct Writer {
        let rewriteURL: (String, URLUse) -> String?
        var deferring = false
        var out: [UInt8] = []
        var report = Report()
        var ids = Set<String>()
        var names = NameTable.seeded
        /// The roles of the written elements that enclose the node being written, outermost first.
        var path: [Role] = []
        /// The text written after the children of escaped tags (`&lt;/publickey&gt;`).
        private var closings: [[UInt8]] = []
        /// An attribute's value, gathered from its text nodes.
        var value: [UInt8] = []
        /// The id of an element written without its tag (a heading inside a table row), given to
        /// the next cell or item written for its text, so links to it still land.
        private var pendingId: String?

        init(rewriteURL: @escaping (String, URLUse) -> String?, capacity: Int) {
            self.rewriteURL = rewriteURL
            out.reserveCapacity(capacity)
            // Room for a page's ids (a few dozen headings), so that the set is not rehashed as it
            // grows: hashing the ids of most languages normalises them, which is slow.
            ids.reserveCapacity(32)
        }

        /// One step of the walk: a node to write at a depth of `path`, or what closes an element
        /// (its end tag; the element was pushed on `path`) or an escaped tag (`closings`).
        private enum Step {
            case node(xmlNodePtr, depth: Int)
            case closeElement(name: Int)
            case closeEscaped(Int)
        }

        mutating func write(_ root: xmlNodePtr) {
            var stack: [Step] = [.node(root, depth: 0)]
            // Iterative walk: close steps emit an end tag; node steps emit the node and queue children.
            while let step = stack.popLast() {
                switch step {
                case .closeElement(let name):
                    out.write("</")
                    names.appendName(name, to: &out)
                    out.append(UInt8(ascii: ">"))
                    path.removeLast()
                case .closeEscaped(let index):
                    out.append(contentsOf: closings[index])
                case .node(let current, let depth):
                    if path.count > depth { path.removeLast(path.count - depth) }
                    switch current.pointee.type {
                    case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                        writeText(of: current)
                    case XML_ELEMENT_NODE:
                        writeElement(current, onto: &stack)
                    default:
                        continue
                    }
                }
            }
        }

        private mutating func writeText(of node: xmlNodePtr) {
            guard let content = node.pointee.content else { return }
            let text = UnsafeBufferPointer(start: content, count: strlen(content))
            let parent = path.last ?? .other
            if parent.holdsCells {
                if Self.isWhitespace(text) {
                    if !text.isEmpty { out.append(0x0A) }
                    return
                }
                out.write(parent == .row ? "<td" : "<tr><td")
                writePendingId()
                out.write(">")
                Escaping.appendText(text, to: &out)
                out.write(parent == .row ? "</td>" : "</td></tr>")
            } else if parent == .list {
                guard !Self.isWhitespace(text) else { return }
                out.write("<li")
                writePendingId()
                out.write(">")
                Escaping.appendText(text, to: &out)
                out.write("</li>")
            } else {
                Escaping.appendText(text, to: &out)
            }
        }

        private mutating func writeElement(_ node: xmlNodePtr, onto stack: inout [Step]) {
            let index = names.index(of: node.pointee.name)
            let element = names.traits[index]
            if element.isDropped {
                let name = names.texts[index]
                report.removed.append("\(name) element")
                report.findings.append(Finding(kind: .removed, description: "\(name) element", needle: "<" + name, line: Self.line(of: node)))
                return
            }
            let placed = Self.isPlaceable(element.role, in: path)
            // Past `maximumDepth` elements keep their content but lose their tags, so pages stay
            // within libxml2's nesting limit (256) and the well-formedness check passes.
            let tooDeep = path.count >= HTMLSanitizer.maximumDepth
            if element.isUnwrapped || (element.isAllowed && (!placed || tooDeep)) {
                if element.isAllowed, !placed { keepId(of: node) }
                pushChildren(of: node, depth: path.count, onto: &stack)
            } else if element.isAllowed {
                let written = element.role == .paragraph && containsBlock(node) ? names.div : index
                let traits = names.traits[written]
                let start = out.count
                out.append(UInt8(ascii: "<"))
                names.appendName(written, to: &out)
                let hasSource = writeAttributes(of: node, element: traits)
                if traits.role == .image, !hasSource {
                    out.removeSubrange(start...)
                    return
                }
                if traits.isVoid {
                    out.write(" />")
                } else {
                    out.append(UInt8(ascii: ">"))
                    stack.append(.closeElement(name: written))
                    path.append(traits.role)
                    pushChildren(of: node, depth: path.count, onto: &stack)
                }
            } else {
                let name = names.texts[index]
                report.escapedTags.append(name)
                report.findings.append(Finding(kind: .escapedTag, description: "<\(name)>", needle: "<" + name, line: Self.line(of: node)))
                let parent = path.last ?? .other
                let inList = parent == .list
                if !parent.holdsCells {
                    if inList { out.write("<li>") }
                    out.write("&lt;")
                    Escaping.appendText(name, to: &out)
                    out.write("&gt;")
                    if inList { out.write("</li>") }
                    if node.pointee.children != nil {
                        var close: [UInt8] = []
                        if inList { close.write("<li>") }
                        close.write("&lt;/")
                        Escaping.appendText(name, to: &close)
                        close.write("&gt;")
                        if inList { close.write("</li>") }
                        closings.append(close)
                        stack.append(.closeEscaped(closings.count - 1))
                    }
                }
                pushChildren(of: node, depth: path.count, onto: &stack)
            }
        }

        /// Pushes the children of `node` so that the first is written first.
        private func pushChildren(of node: xmlNodePtr, depth: Int, onto stack: inout [Step]) {
            var child = node.pointee.last
            while let current = child {
                stack.append(.node(current, depth: depth))
                child = current.pointee.prev
            }
        }

        /// Table parts only where HTML allows them; elsewhere their content is kept without the tag.
        /// (Static, on `path` alone: a method on the whole writer had it copied for each element.)
        static func isPlaceable(_ role: Role, in path: [Role]) -> Bool {
            let parent = path.last ?? .other
            switch role {
            case .row: return parent == .table || parent == .rowGroup
            case .cell: return parent == .row
            case .rowGroup, .caption, .columnGroup: return parent == .table
            case .column: return parent == .columnGroup || parent == .table
            case .item: return parent == .list
            case .definitionPart: return parent == .definitionList
            default:
                if parent.holdsCells || parent == .list { return false }
                if role == .link, path.contains(.link) { return false }
                return true
            }
        }

        /// True when a `p` holds block content (the parser's HTML 4 rules allow it; HTML5 does not),
        /// in which case it is written as a `div`.
        private mutating func containsBlock(_ node: xmlNodePtr) -> Bool {
            // The nodes below `node`, last child first (a stack's order), at most 10,000 of them.
            var current = node.pointee.last
            var visited = 0
            while let now = current, visited < 10_000 {
                visited += 1
                let isElement = now.pointee.type == XML_ELEMENT_NODE
                if isElement {
                    // A name not seen before is added to the table, so the index comes first.
                    let name = names.index(of: now.pointee.name)
                    if names.traits[name].isBlock { return true }
                }
                current = LibXML.nextNode(after: now, below: node, descending: isElement)
            }
            return false
        }

        /// The UTF-8 of `value` as a string.
        private var valueText: String { String(decoding: value, as: UTF8.self) }

        /// What the attributes of one element written so far decide for the rest of its tag.
        struct AttributesSeen {
            var hasId = false, hasSource = false, hasAlt = false
            var nameValue: String?
        }

        /// Writes the attributes of `node` that `element` may carry; true when it wrote a `src`.
        private mutating func writeAttributes(of node: xmlNodePtr, element: Traits) -> Bool {
            var attribute = node.pointee.properties
            var seen = AttributesSeen()
            while let current = attribute {
                defer { attribute = current.pointee.next }
                let index = names.index(of: current.pointee.name)
                // Most attributes of raw HTML (`style`, `align`, `border` …) go without a trace: their value is not gathered.
                guard Self.matters(names.traits[index], on: element) else { continue }
                value.removeAll(keepingCapacity: true)
                var part = current.pointee.children
                while let text = part {
                    if let content = text.pointee.content { value.append(contentsOf: UnsafeBufferPointer(start: content, count: strlen(content))) }
                    part = text.pointee.next
                }
                writeAttribute(index, element: element, seen: &seen, line: Self.line(of: node))
            }
            finishAttributes(element: element, seen: seen)
            return seen.hasSource
        }

        /// Writes attribute `index` of an element with the traits `element`, its value in `value`,
        /// when the element may carry it and the value passes; reports what it removes at `line`.
        mutating func writeAttribute(_ index: Int, element: Traits, seen: inout AttributesSeen, line: @autoclosure () -> Int) {
            let traits = names.traits[index]
            if traits.isEventHandler {
                let name = names.texts[index]
                report.removed.append("\(name) attribute")
                report.findings.append(Finding(kind: .removed, description: "\(name) attribute", needle: name, line: line()))
                return
            }
            if traits.attributeKind == .anchorName, element.role == .link {
                seen.nameValue = valueText
                return
            }
            guard traits.attributeBit & element.allowedAttributes != 0 else { return }
            var kept: String?
            switch traits.attributeKind {
            case .url:
                guard let safe = URLSafety.safeURL(valueText) else {
                    let name = names.texts[index]
                    report.removed.append("unsafe URL in \(name)")
                    report.findings.append(Finding(kind: .removed, description: "unsafe URL in \(name)", needle: name, line: line()))
                    return
                }
                if deferring {
                    guard URLSafety.wellFormed(safe) != nil else { return }
                    writeAttributeName(index)
                    out.append(0)
                    out.write(string: String(report.urls.count))
                    out.append(0)
                    out.append(UInt8(ascii: "\""))
                    report.urls.append(safe)
                    seen.hasSource = seen.hasSource || traits.isSource
                    return
                }
                guard let rewritten = rewriteURL(safe, traits.isSource ? .image : .link),
                      let valid = URLSafety.wellFormed(rewritten) else { return }
                kept = valid
                seen.hasSource = seen.hasSource || traits.isSource
            case .id:
                let id = value.withUnsafeBufferPointer(Self.cleanId)
                guard !id.isEmpty, ids.insert(id).inserted else { return }
                kept = id
                seen.hasId = true
            case .number, .span:
                guard let number = value.withUnsafeBufferPointer(Self.integer), number >= 0, number < 10_000 else { return }
                if traits.attributeKind == .span, number < 1 { return }
                kept = String(number)
            case .className:
                // A value that is already a list of names, one space apart, is written as it is.
                if !value.withUnsafeBufferPointer(Self.isClassList) {
                    let classes = value.withUnsafeBufferPointer(Self.classNames)
                    if classes.isEmpty { return }
                    kept = classes
                }
            case .listType:
                guard ["1", "a", "A", "i", "I"].contains(valueText) else { return }
            case .scope:
                let scope = valueText.lowercased()
                guard ["row", "col", "rowgroup", "colgroup"].contains(scope) else { return }
                kept = scope
            case .direction:
                let direction = valueText.lowercased()
                guard ["ltr", "rtl", "auto"].contains(direction) else { return }
                kept = direction
            case .plain, .anchorName:
                break
            }
            seen.hasAlt = seen.hasAlt || traits.isAlt
            writeAttributeName(index)
            if let kept {
                Escaping.appendAttribute(kept, to: &out)
            } else {
                value.withUnsafeBufferPointer { Escaping.appendAttribute($0, to: &out) }
            }
            out.append(UInt8(ascii: "\""))
        }

        /// False for an attribute `writeAttribute` drops without a trace, whatever its value: one
        /// the element may not carry that is neither an event handler nor a link's `name`.
        /// (`writeAttribute` checks the same, in that order.)
        static func matters(_ attribute: Traits, on element: Traits) -> Bool {
            attribute.isEventHandler || attribute.attributeBit & element.allowedAttributes != 0
                || (attribute.attributeKind == .anchorName && element.role == .link)
        }

        /// Writes what the attributes seen imply at the end of the tag: the id an `a`'s `name`
        /// gives, and an empty `alt` for an image without one.
        mutating func finishAttributes(element: Traits, seen: AttributesSeen) {
            if !seen.hasId, let nameValue = seen.nameValue {
                let id = Self.cleanId(nameValue)
                if !id.isEmpty, ids.insert(id).inserted {
                    out.write(" id=\"")
                    Escaping.appendAttribute(id, to: &out)
                    out.append(UInt8(ascii: "\""))
                }
            }
            if element.role == .image, !seen.hasAlt { out.write(" alt=\"\"") }
        }

        /// Writes ` name="`.
        private mutating func writeAttributeName(_ index: Int) {
            out.append(UInt8(ascii: " "))
            names.appendName(index, to: &out)
            out.write("=\"")
        }

        private mutating func keepId(of node: xmlNodePtr) {
            var attribute = node.pointee.properties
            while let current = attribute {
                defer { attribute = current.pointee.next }
                let name = names.index(of: current.pointee.name)
                guard names.traits[name].attributeKind == .id, let text = current.pointee.children?.pointee.content else { continue }
                let id = Self.cleanId(String(cString: text))
                if !id.isEmpty, ids.insert(id).inserted { pendingId = id }
            }
        }

        private mutating func writePendingId() {
            guard let id = pendingId else { return }
            pendingId = nil
            out.write(" id=\"")
            Escaping.appendAttribute(id, to: &out)
            out.append(UInt8(ascii: "\""))
        }

        /// True when every character of `text` is white space (`Character.isWhitespace`); the
        /// common ASCII case without making a `String`.
        static func isWhitespace(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
            var ascii = true
            for byte in text {
                if byte >= 0x80 {
                    ascii = false
                    break
                }
                if byte != 0x20, !(0x09...0x0D).contains(byte) { return false }
            }
            return ascii || String(decoding: text, as: UTF8.self).allSatisfy(\.isWhitespace)
        }

        /// The line libxml2 recorded for `node` (at least 1).
        static func line(of node: xmlNodePtr) -> Int {
            max(1, Int(xmlGetLineNo(node)))
        }
    }
}

extension [UInt8] {
    /// Appends the UTF-8 bytes of a literal. (A string literal takes this, not `write(string:)`:
    /// with both spelled `write(_:)`, Swift gives a literal the `String` one, three times as slow.)
    @inline(__always)
    mutating func write(_ text: StaticString) {
        append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// Appends the UTF-8 bytes of `text`.
    @inline(__always)
    mutating func write(string text: String) {
        append(contentsOf: text.utf8)
    }
}
