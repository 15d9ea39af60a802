import Foundation
import AdvisoryModel
import Yams

/// The YAML front matter of a document, every value kept as the string it was written as.
public struct FrontMatter: Sendable, Hashable {
    /// Keys and values in source order (`TOCTitle: 954474` is the string "954474").
    public var fields: [(key: String, value: String, line: Int)]
    /// The 1-based file line where the body starts.
    public var bodyStartLine: Int
    /// True when a `---` block was found.
    public var isPresent: Bool

    public static func == (a: FrontMatter, b: FrontMatter) -> Bool {
        a.bodyStartLine == b.bodyStartLine && a.isPresent == b.isPresent
            && a.fields.map { "\($0.key)\u{0}\($0.value)\u{0}\($0.line)" } == b.fields.map { "\($0.key)\u{0}\($0.value)\u{0}\($0.line)" }
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(bodyStartLine)
        for field in fields {
            hasher.combine(field.key)
            hasher.combine(field.value)
        }
    }

    /// The value of `key`, compared case-sensitively.
    public subscript(key: String) -> String? {
        fields.first { $0.key == key }?.value
    }

    /// The value and line of the first of `keys` that is present.
    public func first(of keys: [String]) -> (value: String, line: Int)? {
        for key in keys {
            if let field = fields.first(where: { $0.key == key }) { return (field.value, field.line) }
        }
        return nil
    }
}

/// Splits front matter from a body, tolerating what the corpus does to it.
public enum FrontMatterReader {
    /// The result of a split: the front matter, the body text and what was wrong.
    public struct Split: Sendable {
        public var frontMatter: FrontMatter
        public var body: Substring
        public var diagnostics: [Diagnostic]
    }

    /// Splits `text` (already normalised to `\n`). Leading blank lines or an indented opening
    /// `---` are accepted, `---\n---` counts as one delimiter, and invalid YAML falls back to
    /// a line-wise `key: value` reading.
    public static func split(_ text: String, path: String) -> Split {
        var lines = LazyLines(text)
        return split(text, lines: &lines, path: path)
    }

    /// `split` of the text `bytes` make (well-formed UTF-8, normalised to `\n`), the body given as
    /// the offset in `bytes` where it starts. The split reads a `String` of the first
    /// `prefixLines` lines, and is kept when it read no line beyond them (the lines it read are
    /// the text's own, so it decided as on the whole text); else a `String` of all the bytes.
    static func split(utf8 bytes: ArraySlice<UInt8>, path: String, prefixLines: Int = 16) -> (frontMatter: FrontMatter, bodyStart: Int, diagnostics: [Diagnostic]) {
        if let cut = offsetAfter(newlines: prefixLines, in: bytes) {
            let text = String(decoding: bytes[..<cut], as: UTF8.self)
            var lines = LazyLines(text)
            let split = split(text, lines: &lines, path: path)
            if lines.lines.count <= prefixLines { return located(split, of: text, in: bytes) }
        }
        let text = String(decoding: bytes, as: UTF8.self)
        return located(split(text, path: path), of: text, in: bytes)
    }

    /// `split` of `text` (made from a prefix of `bytes`, or all of them) with its body given as
    /// the offset in `bytes` where it starts.
    private static func located(_ split: Split, of text: String, in bytes: ArraySlice<UInt8>) -> (frontMatter: FrontMatter, bodyStart: Int, diagnostics: [Diagnostic]) {
        (split.frontMatter, bytes.startIndex + text.utf8.distance(from: text.startIndex, to: split.body.startIndex), split.diagnostics)
    }

    /// The offset just after the `count`th `\n` of `bytes`, if they hold that many.
    private static func offsetAfter(newlines count: Int, in bytes: ArraySlice<UInt8>) -> Int? {
        var offset = bytes.startIndex
        for _ in 0..<count {
            guard let newline = SourceText.firstIndex(of: 0x0A, in: bytes[offset...]) else { return nil }
            offset = newline + 1
        }
        return offset
    }

    private static func split(_ text: String, lines: inout LazyLines, path: String) -> Split {
        var diagnostics: [Diagnostic] = []
        var index = 0
        while lines.has(index), lines[index].allSatisfy(\.isWhitespace), index < 50 {
            index += 1
        }
        guard lines.has(index), lines[index].trimmingWhitespace() == "---" else {
            diagnostics.append(Diagnostic(.fm003, "no front matter", at: SourceLocation(path: path, line: 1)))
            return Split(frontMatter: FrontMatter(fields: [], bodyStartLine: 1, isPresent: false), body: Substring(text), diagnostics: diagnostics)
        }
        let opening = index
        if opening > 0 || lines[opening] != "---" {
            diagnostics.append(Diagnostic(.fm004, "front matter does not start at the first line", at: SourceLocation(path: path, line: opening + 1)))
        }
        index += 1
        while lines.has(index + 1), lines[index] == "---", lines[index + 1].contains(":") {
            diagnostics.append(Diagnostic(.fm004, "doubled '---' opening the front matter", at: SourceLocation(path: path, line: index + 1)))
            index += 1
        }
        let firstKeyLine = index
        var closing: Int?
        var scan = index
        while lines.has(scan) {
            if isClosingDelimiter(lines[scan]) {
                closing = scan
                break
            }
            scan += 1
        }
        guard let close = closing else {
            diagnostics.append(Diagnostic(.fm002, "front matter opened with '---' never closes", at: SourceLocation(path: path, line: opening + 1)))
            return Split(frontMatter: FrontMatter(fields: [], bodyStartLine: 1, isPresent: false), body: Substring(text), diagnostics: diagnostics)
        }
        let yamlLines = lines.lines[firstKeyLine..<close]
        var fields: [(key: String, value: String, line: Int)]
        do {
            let simple = usesAnchorsAndAliases(lines: yamlLines) ? nil : simpleFields(yamlLines, firstLine: firstKeyLine + 1)
            fields = try simple ?? yamlFields(yamlLines.joined(separator: "\n"), firstLine: firstKeyLine + 1)
        } catch {
            let (line, problem) = describe(error)
            diagnostics.append(Diagnostic(
                .fm001, "front matter is not valid YAML (\(problem)); read line by line",
                at: SourceLocation(path: path, line: firstKeyLine + line, column: 1)
            ))
            fields = lineWiseFields(yamlLines, firstLine: firstKeyLine + 1)
        }
        let bodyStart = close + 1
        let bodyIndex = lines.has(bodyStart) ? lines[bodyStart].startIndex : text.endIndex
        return Split(
            frontMatter: FrontMatter(fields: fields, bodyStartLine: bodyStart + 1, isPresent: true),
            body: text[bodyIndex...],
            diagnostics: diagnostics
        )
    }

    /// True for `---` or `...` alone on a line, white space aside; a line starting with an ASCII
    /// letter or digit (every `key: value` line) is told by its first byte.
    static func isClosingDelimiter(_ line: Substring) -> Bool {
        if let first = line.utf8.first, first.isASCIIAlphanumeric { return false }
        let trimmed = line.trimmingWhitespace()
        return trimmed == "---" || trimmed == "..."
    }

    /// The lines of a text, split on `\n` only as far as they are asked for.
    struct LazyLines {
        let text: String
        private(set) var lines: [Substring] = []
        private var position: String.Index
        private var finished = false

        init(_ text: String) {
            self.text = text
            position = text.startIndex
        }

        /// Splits on until line `index` exists; false when the text has fewer lines.
        mutating func has(_ index: Int) -> Bool {
            while lines.count <= index, !finished {
                let utf8 = text.utf8
                if let newline = utf8[position...].firstIndex(of: 0x0A) {
                    lines.append(text[position..<newline])
                    position = utf8.index(after: newline)
                } else {
                    lines.append(text[position...])
                    finished = true
                }
            }
            return index < lines.count
        }

        subscript(index: Int) -> Substring { lines[index] }
    }

    /// Yams' defaults, made once: `Parser.Encoding.default` reads the whole process environment
    /// on every call, `Constructor.default` builds its tables anew.
    nonisolated(unsafe) private static let yamlEncoding = Parser.Encoding.default
    nonisolated(unsafe) private static let yamlConstructor = Constructor.default

    static func yamlFields(_ yaml: String, firstLine: Int) throws -> [(key: String, value: String, line: Int)] {
        guard !usesAnchorsAndAliases(yaml) else { throw FrontMatterAliasError() }
        guard let root = try Yams.compose(yaml: yaml, .default, yamlConstructor, yamlEncoding) else { return [] }
        guard case .mapping(let mapping) = root else {
            if case .scalar(let scalar) = root, scalar.string.isEmpty { return [] }
            throw FrontMatterShapeError()
        }
        var fields: [(key: String, value: String, line: Int)] = []
        for (key, value) in mapping {
            guard let name = key.scalar?.string else { continue }
            let line = firstLine + (key.mark?.line ?? 1) - 1
            switch value {
            case .scalar(let scalar):
                fields.append((name, scalar.string, line))
            case .sequence(let sequence):
                let items = sequence.prefix(100).compactMap { $0.scalar?.string }
                fields.append((name, items.joined(separator: ", "), line))
            case .mapping, .alias:
                fields.append((name, "", line))
            }
        }
        return fields
    }

    /// Reads `key: value` lines, splitting at the first `": "` after the key.
    static func lineWiseFields(_ lines: ArraySlice<Substring>, firstLine: Int) -> [(key: String, value: String, line: Int)] {
        var fields: [(key: String, value: String, line: Int)] = []
        for (offset, line) in lines.enumerated() {
            let trimmed = line.trimmingWhitespace()
            guard let colon = trimmed.firstIndex(of: ":"), colon != trimmed.startIndex else { continue }
            var keyEnd = colon
            var valueStart = trimmed.index(after: colon)
            if let separator = trimmed.range(of: ": ") {
                keyEnd = separator.lowerBound
                valueStart = separator.upperBound
            }
            let key = String(trimmed[..<keyEnd])
            guard key.first?.isLetter == true, key.allSatisfy({ $0.isLetter || $0.isNumber || "_.:-".contains($0) }) else { continue }
            var value = String(trimmed[valueStart...]).trimmingWhitespace()
            if value.count >= 2, let first = value.first, first == "'" || first == "\"", value.last == first {
                value = String(value.dropFirst().dropLast())
                if first == "'" { value = value.replacingOccurrences(of: "''", with: "'") }
            }
            fields.append((key, value, firstLine + offset))
        }
        return fields
    }

    static func describe(_ error: any Error) -> (line: Int, problem: String) {
        if let yamlError = error as? YamlError {
            switch yamlError {
            case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
                return (mark.line, problem)
            default:
                break
            }
        }
        if error is FrontMatterShapeError { return (1, "not a mapping of keys to values") }
        if error is FrontMatterAliasError { return (1, "anchors and aliases are not allowed in front matter") }
        return (1, "\(error)".split(separator: "\n").first.map(String.init) ?? "unreadable")
    }
}

struct FrontMatterShapeError: Error {}
struct FrontMatterAliasError: Error {}

extension FrontMatterReader {
    /// True when the YAML has both an anchor (`&name`) and an alias (`*name`) token. Front matter
    /// is flat `key: value`; aliases let a few lines expand exponentially ("billion laughs"),
    /// and Yams hashes aliased mapping keys in full while checking for duplicates.
    static func usesAnchorsAndAliases(_ yaml: String) -> Bool {
        usesAnchorsAndAliases(lines: yaml.split(separator: "\n", omittingEmptySubsequences: false))
    }

    /// `usesAnchorsAndAliases` of the YAML these lines make when joined with `\n` (a marker
    /// needs a name on its own line), without joining them.
    static func usesAnchorsAndAliases(lines: some Sequence<Substring>) -> Bool {
        var anchor = false
        var alias = false
        for line in lines {
            var pending: UInt8?
            var previous: UInt8 = 0x0A
            for byte in line.utf8 {
                if let marker = pending, byte != 0x20, byte != 0x09, byte != 0x0A, byte != 0x0D {
                    if marker == UInt8(ascii: "&") { anchor = true } else { alias = true }
                    if anchor, alias { return true }
                }
                pending = nil
                if byte == UInt8(ascii: "&") || byte == UInt8(ascii: "*"),
                   [0x20, 0x09, 0x0A, 0x0D, UInt8(ascii: "["), UInt8(ascii: "{"), UInt8(ascii: ","), UInt8(ascii: ":"), UInt8(ascii: "?"), UInt8(ascii: "-")].contains(previous) {
                    pending = byte
                }
                previous = byte
            }
        }
        return false
    }
}

extension StringProtocol {
    /// The string without leading and trailing white space (NBSP and ideographic space included).
    func trimmingWhitespace() -> String {
        var start = startIndex
        var end = endIndex
        while start < end, self[start].isWhitespace { start = index(after: start) }
        while end > start, self[index(before: end)].isWhitespace { end = index(before: end) }
        return String(self[start..<end])
    }
}
