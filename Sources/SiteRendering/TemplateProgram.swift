import Mustache

/// The templates of a `TemplateSet` as swift-mustache parsed them, rendered straight into
/// bytes from `TemplateValue`s: the same bytes as `MustacheLibrary.render`, without its string
/// building, its name splitting per lookup and its dynamic casts of `Any` (4.7 % of a cold
/// build's CPU when it rendered every page).
///
/// The program reads swift-mustache's own tokens (through `Mirror`: standalone lines,
/// delimiters and indentation stay the parser's), and follows its rendering rule for rule:
/// lookups up the context stack, dotted names, sections over lists, flags and values,
/// inverted sections, partials and their indentation (added per token, after a line feed of
/// the partial's own output), HTML escaping by `Character`. A template that uses anything else
/// (transforms, lambdas, inheritance blocks, dynamic partials, content types), or whose tokens
/// are not the shapes read here, is not compiled: `render` returns false and swift-mustache
/// renders it. So does a page that asks to show an object or a list as text.
struct TemplateProgram {
    indirect enum Node {
        case text(TemplateText)
        case variable(Lookup, escaped: Bool)
        case section(Lookup, inverted: Bool, body: [Node])
        case partial(String, indentation: String?)
    }

    enum Lookup {
        /// `{{.}}`: the top of the stack.
        case current
        /// Names split at dots; `anchored` (a leading dot) looks only at the top of the stack.
        case path([String], anchored: Bool)

        init(_ name: String) {
            if name == "." {
                self = .current
            } else {
                self = .path(name.split(separator: ".").map(String.init), anchored: name.first == ".")
            }
        }
    }

    /// The compiled templates whose partials are all compiled (or missing: those render nothing).
    private let templates: [String: [Node]]
    /// Where the text of every node lies.
    private let texts: TemplateTexts

    init(library: MustacheLibrary, names: [String]) {
        var compiled: [String: [Node]] = [:]
        let texts = TemplateTexts()
        for name in names {
            if let template = library.getTemplate(named: name), let nodes = Self.nodes(of: template, texts: texts) { compiled[name] = nodes }
        }
        self.texts = texts
        let known = Set(names)
        var usable = compiled
        var changed = true
        while changed {
            changed = false
            for (name, nodes) in usable where Self.partials(of: nodes).contains(where: { known.contains($0) && usable[$0] == nil }) {
                usable[name] = nil
                changed = true
            }
        }
        templates = usable
    }

    /// True when template `name` is rendered by the program.
    func compiles(_ name: String) -> Bool { templates[name] != nil }

    /// Appends template `name` rendered with `root` to `bytes`; false (and `bytes` as they were)
    /// when the program cannot render it as swift-mustache would.
    func render(_ name: String, root: any TemplateObject, into bytes: inout [UInt8]) -> Bool {
        guard let nodes = templates[name] else { return false }
        let start = bytes.count
        var stack: [TemplateValue] = [.object(root)]
        if render(nodes, stack: &stack, indentation: nil, into: &bytes) { return true }
        bytes.removeSubrange(start...)
        return false
    }

    // MARK: - Rendering

    private func render(_ nodes: [Node], stack: inout [TemplateValue], indentation: String?, into out: inout [UInt8]) -> Bool {
        guard let indentation, !indentation.isEmpty else {
            for node in nodes where !render(node, stack: &stack, indentation: indentation, into: &out) { return false }
            return true
        }
        let start = out.count
        for node in nodes {
            let tokenStart = out.count
            // swift-mustache: `string.last == "\n"` of this template's output so far ("\r\n" is one Character).
            let afterLineFeed = tokenStart > start && out[tokenStart - 1] == 10 && !(tokenStart - 1 > start && out[tokenStart - 2] == 13)
            guard render(node, stack: &stack, indentation: indentation, into: &out) else { return false }
            if afterLineFeed, out.count > tokenStart { out.insert(contentsOf: indentation.utf8, at: tokenStart) }
        }
        return true
    }

    private func render(_ node: Node, stack: inout [TemplateValue], indentation: String?, into out: inout [UInt8]) -> Bool {
        switch node {
        case .text(let text):
            out.append(contentsOf: text.bytes)
        case .variable(let lookup, let escaped):
            guard let value = Self.find(lookup, in: stack) else { return true }
            switch value {
            case .text(let text):
                if escaped { HTMLEscaping.append(text, to: &out) } else { out.append(contentsOf: text.utf8) }
            case .flag(let flag):
                out.append(contentsOf: (flag ? "true" : "false").utf8)
            case .bytes(let bytes):
                if escaped { HTMLEscaping.append(bytes.text, to: &out) } else { bytes.write(&out) }
            case .object, .list, .table:
                return false
            }
        case .section(let lookup, let inverted, let body):
            let value = Self.find(lookup, in: stack)
            switch (value, inverted) {
            case (nil, false), (.flag(false), false):
                break
            case (.list(let items), false):
                for item in items {
                    stack.append(.object(item))
                    defer { stack.removeLast() }
                    guard render(body, stack: &stack, indentation: indentation, into: &out) else { return false }
                }
            case (.flag(true), false), (nil, true), (.flag(false), true):
                return render(body, stack: &stack, indentation: indentation, into: &out)
            case (.some(let value), false):
                stack.append(value)
                defer { stack.removeLast() }
                return render(body, stack: &stack, indentation: indentation, into: &out)
            case (.list(let items), true) where items.isEmpty:
                stack.append(.list(items))
                defer { stack.removeLast() }
                return render(body, stack: &stack, indentation: indentation, into: &out)
            case (.some, true):
                break
            }
        case .partial(let name, let indented):
            guard let nodes = templates[name] else { return true }
            return render(nodes, stack: &stack, indentation: indented.map { (indentation ?? "") + $0 } ?? indentation, into: &out)
        }
        return true
    }

    /// swift-mustache's lookup: the first name up the stack, the others from what it found.
    private static func find(_ lookup: Lookup, in stack: [TemplateValue]) -> TemplateValue? {
        switch lookup {
        case .current:
            return stack.last
        case .path(let names, let anchored):
            guard let first = names.first else { return stack.last }
            var found: TemplateValue?
            if anchored {
                found = stack.last.flatMap { child(first, of: $0) }
            } else {
                for entry in stack.reversed() {
                    if let value = child(first, of: entry) {
                        found = value
                        break
                    }
                }
            }
            for name in names.dropFirst() {
                guard let value = found else { return nil }
                found = child(name, of: value)
            }
            return found
        }
    }

    private static func child(_ name: String, of value: TemplateValue) -> TemplateValue? {
        switch value {
        case .object(let object): object.value(named: name)
        case .table(let table): table[name].map(TemplateValue.text)
        case .text, .flag, .list, .bytes: nil
        }
    }

    // MARK: - Reading swift-mustache's tokens

    private static func partials(of nodes: [Node]) -> [String] {
        nodes.flatMap { node -> [String] in
            switch node {
            case .partial(let name, _): [name]
            case .section(_, _, let body): partials(of: body)
            case .text, .variable: []
            }
        }
    }

    /// The nodes of a parsed template; nil when a token is one the program does not render.
    static func nodes(of template: MustacheTemplate, texts: TemplateTexts) -> [Node]? {
        guard let tokens = Mirror(reflecting: template).children.first(where: { $0.label == "tokens" })?.value as? [Any] else { return nil }
        var nodes: [Node] = []
        for token in tokens {
            let mirror = Mirror(reflecting: token)
            guard mirror.displayStyle == .enum, let payload = mirror.children.first, let kind = payload.label else { return nil }
            let fields = Dictionary(Mirror(reflecting: payload.value).children.compactMap { child in child.label.map { ($0, child.value) } }) { first, _ in first }
            switch kind {
            case "text":
                guard let text = payload.value as? String else { return nil }
                nodes.append(.text(texts.keep(text)))
            case "variable", "unescapedVariable":
                guard let name = fields["name"] as? String, let transforms = fields["transforms"] as? [String], transforms.isEmpty else { return nil }
                nodes.append(.variable(Lookup(name), escaped: kind == "variable"))
            case "section", "invertedSection":
                guard let name = fields["name"] as? String, let transforms = fields["transforms"] as? [String], transforms.isEmpty,
                      let body = fields["template"] as? MustacheTemplate, let bodyNodes = Self.nodes(of: body, texts: texts) else { return nil }
                nodes.append(.section(Lookup(name), inverted: kind == "invertedSection", body: bodyNodes))
            case "partial":
                guard let name = fields[".0"] as? String, let indentation = fields["indentation"].flatMap(optional), let inherits = fields["inherits"].flatMap(optional),
                      inherits == nil else { return nil }
                if let indentation {
                    guard let text = indentation as? String else { return nil }
                    nodes.append(.partial(name, indentation: text))
                } else {
                    nodes.append(.partial(name, indentation: nil))
                }
            default:
                return nil
            }
        }
        return nodes
    }

    /// `.some(wrapped)` when `value` is an `Optional` (`.some(nil)` when it holds none); nil when it is not one.
    private static func optional(_ value: Any) -> Any?? {
        let mirror = Mirror(reflecting: value)
        guard mirror.displayStyle == .optional else { return nil }
        return .some(mirror.children.first?.value)
    }
}

/// A template's text, in memory a `TemplateTexts` owns: a page appends it without retaining
/// an array per text node (the same arrays on every thread, whose shared reference counts the
/// threads would pass to and fro).
struct TemplateText {
    let bytes: UnsafeBufferPointer<UInt8>
}

/// The memory of the `TemplateText`s of one program, freed with it.
final class TemplateTexts {
    private var buffers: [UnsafeMutableBufferPointer<UInt8>] = []

    /// `text`'s UTF-8, copied into memory kept until this goes.
    func keep(_ text: String) -> TemplateText {
        let buffer = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: text.utf8.count)
        _ = buffer.initialize(from: text.utf8)
        buffers.append(buffer)
        return TemplateText(bytes: UnsafeBufferPointer(buffer))
    }

    deinit {
        for buffer in buffers { buffer.deallocate() }
    }
}

/// swift-mustache's HTML escaping (`String.htmlEscape`), which replaces `< > & " '` when each
/// is a `Character` of its own, written as bytes.
enum HTMLEscaping {
    private static let replacements: [Character: String] = ["<": "&lt;", ">": "&gt;", "&": "&amp;", "\"": "&quot;", "'": "&#39;"]

    static func append(_ text: String, to out: inout [UInt8]) {
        var text = text
        let start = out.count
        let byBytes = text.withUTF8 { bytes -> Bool in
            var run = 0
            for index in bytes.indices {
                let replacement: StaticString
                switch bytes[index] {
                case UInt8(ascii: "<"): replacement = "&lt;"
                case UInt8(ascii: ">"): replacement = "&gt;"
                case UInt8(ascii: "&"): replacement = "&amp;"
                case UInt8(ascii: "\""): replacement = "&quot;"
                case UInt8(ascii: "'"): replacement = "&#39;"
                default: continue
                }
                // Next to a non-ASCII byte the character may be part of a larger Character
                // (a combining mark after it, a prepended one before): `Character`s decide.
                if index > 0 && bytes[index - 1] >= 0x80 || index + 1 < bytes.count && bytes[index + 1] >= 0x80 { return false }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run..<index]))
                out.append(contentsOf: UnsafeBufferPointer(start: replacement.utf8Start, count: replacement.utf8CodeUnitCount))
                run = index + 1
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run...]))
            return true
        }
        if byBytes { return }
        out.removeSubrange(start...)
        for character in text {
            if let replacement = replacements[character] { out.append(contentsOf: replacement.utf8) } else { out.append(contentsOf: character.utf8) }
        }
    }
}
