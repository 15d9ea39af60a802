/// A place in a source file: 1-based line and column (columns count characters, not bytes).
public struct SourceLocation: Hashable, Sendable, Codable, Comparable {
    public var path: String
    public var line: Int
    public var column: Int

    public init(path: String, line: Int, column: Int = 1) {
        self.path = path
        self.line = line
        self.column = column
    }

    public static func < (a: SourceLocation, b: SourceLocation) -> Bool {
        (a.path, a.line, a.column) < (b.path, b.line, b.column)
    }
}

/// How serious a diagnostic is. `error` fails a build; `warning` fails only `check --strict`.
public enum DiagnosticSeverity: String, Sendable, Codable, Comparable, CaseIterable {
    case note, warning, error

    private var rank: Int {
        switch self {
        case .note: 0
        case .warning: 1
        case .error: 2
        }
    }

    public static func < (a: DiagnosticSeverity, b: DiagnosticSeverity) -> Bool { a.rank < b.rank }
}

/// The one problem report of Herald: a stable code, a severity, a message and where it points.
///
/// Printed as `path:line:col: error[CODE]: message`.
public struct Diagnostic: Error, Hashable, Sendable, Codable, Comparable {
    public var code: DiagnosticCode
    public var severity: DiagnosticSeverity
    public var message: String
    public var location: SourceLocation

    public init(_ code: DiagnosticCode, _ message: String, at location: SourceLocation, severity: DiagnosticSeverity? = nil) {
        self.code = code
        self.severity = severity ?? code.defaultSeverity
        self.message = message
        self.location = location
    }

    /// `path:line:col: severity[CODE]: message`, the form editors and CI logs understand.
    public var formatted: String {
        "\(location.path):\(location.line):\(location.column): \(severity.rawValue)[\(code.rawValue)]: \(message)"
    }

    public static func < (a: Diagnostic, b: Diagnostic) -> Bool {
        (a.location, a.code.rawValue, a.message) < (b.location, b.code.rawValue, b.message)
    }
}
