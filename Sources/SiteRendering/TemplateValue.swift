import Mustache

/// What a template name stands for in a view: the few shapes Herald's views hold.
///
/// swift-mustache sees each as the Swift value it holds (`any`); `TemplateProgram` reads the
/// case directly, without the dynamic casts of `Any` that swift-mustache's lookups make.
public enum TemplateValue {
    case text(String)
    case flag(Bool)
    case object(any TemplateObject)
    case list([any TemplateObject])
    case table([String: String])
    /// A large part written straight into the page (a page's body and navigation): the same
    /// as `.text` of its bytes, without making that string.
    case bytes(TemplateBytes)

    /// The value as swift-mustache sees it.
    public var any: Any {
        switch self {
        case .text(let text): text
        case .flag(let flag): flag
        case .object(let object): object
        case .list(let list): list
        case .table(let table): table
        case .bytes(let bytes): bytes.text
        }
    }
}

/// Bytes a template shows as text, written where they are shown.
public struct TemplateBytes {
    public let write: (inout [UInt8]) -> Void

    public init(write: @escaping (inout [UInt8]) -> Void) {
        self.write = write
    }

    /// The bytes as a string (decoded as UTF-8, invalid sequences repaired).
    public var text: String {
        var bytes: [UInt8] = []
        write(&bytes)
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// A view that answers a template's lookups by name; `child(named:)` (swift-mustache's
/// lookup) follows from `value(named:)`.
public protocol TemplateObject: MustacheParent {
    /// The value `name` stands for, nil when the view has no such name or it is not set.
    func value(named name: String) -> TemplateValue?
}

extension TemplateObject {
    public func child(named name: String) -> Any? { value(named: name)?.any }
}

extension TemplateValue {
    /// `.text` of a string that may be missing.
    public static func text(ifPresent text: String?) -> TemplateValue? { text.map(TemplateValue.text) }

    /// `.object` of a view that may be missing.
    public static func object(ifPresent object: (some TemplateObject)?) -> TemplateValue? { object.map { .object($0) } }
}
