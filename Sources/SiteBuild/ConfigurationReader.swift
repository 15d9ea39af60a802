import AdvisoryModel
import Foundation
import Yams

/// Reads `site.yml` from its YAML node tree, so that every problem has a line and a column:
/// syntax errors where the parser stopped, unknown keys (with the nearest known one), values of
/// the wrong type. Problems are collected, not thrown, so one run names all of them.
struct ConfigurationReader {
    let path: String
    private(set) var diagnostics: [Diagnostic] = []

    init(path: String) {
        self.path = path
    }

    /// `configuration` with the values of `text` applied.
    mutating func read(_ text: String, into configuration: SiteConfiguration) -> SiteConfiguration {
        var configuration = configuration
        let root: Node?
        do {
            root = try PlainYAML.compose(text)
        } catch let error as YamlError {
            report(syntax: error, in: text)
            return configuration
        } catch {
            diagnostics.append(Diagnostic(.cfg001, "\(error)", at: SourceLocation(path: path, line: 1)))
            return configuration
        }
        guard let root else { return configuration }
        let keys = Dictionary(uniqueKeysWithValues: ConfigurationKey.all.map { ($0.name, $0) })
        guard let fields = fields(of: root, in: "the configuration", known: ConfigurationKey.all.map(\.name)) else { return configuration }
        for (name, value) in fields {
            keys[name.text]?.read(&self, value, &configuration)
        }
        return configuration
    }

    // MARK: Values

    /// The text of a scalar; a problem naming `key` and the expected type otherwise.
    mutating func string(_ node: Node, key: String, expected: String = "a text value") -> String? {
        guard case .scalar(let scalar) = node else {
            problem("`\(key)` must be \(expected), not \(Self.describe(node))", at: node)
            return nil
        }
        return scalar.string
    }

    /// A whole number at least `minimum`.
    mutating func integer(_ node: Node, key: String, minimum: Int = 1) -> Int? {
        guard let text = string(node, key: key, expected: "a whole number ≥ \(minimum)") else { return nil }
        guard let value = Int(text), value >= minimum else {
            problem("`\(key)` must be a whole number ≥ \(minimum), not '\(text)'", at: node)
            return nil
        }
        return value
    }

    /// A sequence's items.
    mutating func sequence(_ node: Node, key: String, expected: String) -> [Node]? {
        guard case .sequence(let sequence) = node else {
            problem("`\(key)` must be \(expected), not \(Self.describe(node))", at: node)
            return nil
        }
        return Array(sequence)
    }

    /// The entries of a mapping, in file order; unknown keys (when `known` is given), duplicate
    /// keys, aliases and non-text keys are problems and left out.
    mutating func fields(of node: Node, in owner: String, known: [String]?) -> [(name: Located, value: Node)]? {
        guard case .mapping(let mapping) = node else {
            problem("\(owner) must be a mapping of `key: value` lines, not \(Self.describe(node))", at: node)
            return nil
        }
        var result: [(name: Located, value: Node)] = []
        for (key, value) in mapping {
            guard case .scalar(let scalar) = key else {
                problem("a key of \(owner) must be text, not \(Self.describe(key))", at: key)
                continue
            }
            let name = scalar.string
            if case .alias = value {
                problem("`\(name)`: anchors and aliases are not allowed in the configuration", at: value)
                continue
            }
            if let known, !known.contains(name) {
                let hint = Self.nearest(to: name, among: known).map { "; did you mean `\($0)`?" } ?? "; known keys: \(known.joined(separator: ", "))"
                problem("unknown key `\(name)` in \(owner)\(hint)", at: key)
                continue
            }
            result.append((Located(text: name, location: location(of: key)), value))
        }
        return result
    }

    /// Reads a mapping with required and optional text keys: `name: value` for every present one.
    mutating func record(_ node: Node, key: String, required: [String], optional: [String]) -> [String: Located]? {
        guard let fields = fields(of: node, in: "`\(key)`", known: required + optional) else { return nil }
        var values: [String: Located] = [:]
        for (name, value) in fields {
            if let text = string(value, key: "\(key).\(name.text)") { values[name.text] = Located(text: text, location: location(of: value)) }
        }
        let present = Set(fields.map(\.name.text))
        let missing = required.filter { !present.contains($0) }
        if !missing.isEmpty {
            problem("`\(key)` needs \(missing.map { "`\($0)`" }.joined(separator: " and "))", at: node)
            return nil
        }
        return values
    }

    // MARK: Problems

    /// A text value and where it was written.
    struct Located {
        var text: String
        var location: SourceLocation
    }

    func location(of node: Node) -> SourceLocation {
        SourceLocation(path: path, line: node.mark?.line ?? 1, column: node.mark?.column ?? 1)
    }

    mutating func problem(_ message: String, at node: Node) {
        diagnostics.append(Diagnostic(.cfg001, message, at: location(of: node)))
    }

    mutating func problem(_ message: String, at location: SourceLocation, severity: DiagnosticSeverity? = nil) {
        diagnostics.append(Diagnostic(.cfg001, message, at: location, severity: severity))
    }

    private mutating func report(syntax error: YamlError, in text: String) {
        switch error {
        case .duplicatedKeysInMapping(let duplicates, let context):
            // Yams names the keys and the mapping; the second `key:` line after its start is the duplicate.
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            for name in duplicates.sorted() {
                let repeats = lines.indices.dropFirst(max(0, context.mark.line - 1)).filter { lines[$0].drop(while: { $0 == " " || $0 == "-" }).hasPrefix(name + ":") }
                let line = repeats.dropFirst().first
                let column = line.map { lines[$0].prefix { $0 == " " || $0 == "-" }.count + 1 } ?? context.mark.column
                problem("`\(name)` appears twice in the same mapping; keep one", at: SourceLocation(path: path, line: line.map { $0 + 1 } ?? context.mark.line, column: column))
            }
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _), .composer(let context, let problem, let mark, _):
            let detail = context.map { "\(problem) \($0.text)" } ?? problem
            self.problem("not valid YAML: \(detail)", at: SourceLocation(path: path, line: mark.line, column: mark.column))
        default:
            self.problem("not valid YAML: \(error)", at: SourceLocation(path: path, line: 1))
        }
    }

    static func describe(_ node: Node) -> String {
        switch node {
        case .scalar(let scalar): "'\(scalar.string)'"
        case .mapping: "a mapping"
        case .sequence: "a list"
        case .alias: "an alias"
        }
    }

    /// The known name closest to `name` (ignoring case; at most a third of its letters
    /// changed), or nil when none is close.
    static func nearest(to name: String, among known: [String]) -> String? {
        let lowered = Array(name.lowercased())
        let scored = known.map { candidate in (candidate, editDistance(lowered, Array(candidate.lowercased()))) }
        guard let best = scored.min(by: { $0.1 < $1.1 }), best.1 <= max(2, lowered.count / 3) else { return nil }
        return best.0
    }

    /// Levenshtein distance with transpositions counted as one edit.
    static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        guard !a.isEmpty, !b.isEmpty else { return max(a.count, b.count) }
        var table = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { table[i][0] = i }
        for j in 0...b.count { table[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                table[i][j] = min(table[i - 1][j] + 1, table[i][j - 1] + 1, table[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    table[i][j] = min(table[i][j], table[i - 2][j - 2] + 1)
                }
            }
        }
        return table[a.count][b.count]
    }
}
