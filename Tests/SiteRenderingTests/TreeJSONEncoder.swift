import AdvisoryModel
import Foundation

// The tree encoder SortedJSONEncoder was at c22dde8, kept as the reference the byte writer must match.

struct TreeJSONEncoder {
    var pretty: Bool

    init(pretty: Bool = false) {
        self.pretty = pretty
    }

    func encode<T: Encodable>(_ value: T) throws -> Data {
        Data(try encodedBytes(value))
    }

    func encodedBytes<T: Encodable>(_ value: T) throws -> [UInt8] {
        let tree = try BoxingEncoder.box(value)
        var out: [UInt8] = []
        out.reserveCapacity(1024)
        BoxingEncoder.write(tree, indent: pretty ? 0 : -1, into: &out)
        return out
    }
}

/// The tree of one encoding: containers are classes because `Encodable` fills them after they
/// were handed to the parent.
private enum TreeNode {
    case string(String)
    case number(String)
    case bool(Bool)
    case null
    case array(TreeArray)
    case object(TreeObject)
    /// What a super encoder or a value's own encoder wrote, read when the tree is written.
    case encoder(BoxingEncoder)
}

private final class TreeArray {
    var items: [TreeNode] = []
}

private final class TreeObject {
    var entries: [(key: String, value: TreeNode)] = []
}

private final class BoxingEncoder: Encoder {
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }
    var node: TreeNode?

    static func box<T: Encodable>(_ value: T) throws -> TreeNode {
        // Type comparisons first: a dynamic cast per value cost more than the encoding itself.
        if T.self == String.self { return .string(unsafeBitCast(value, to: String.self)) }
        if T.self == Int.self { return .number(String(unsafeBitCast(value, to: Int.self))) }
        if T.self == Bool.self { return .bool(unsafeBitCast(value, to: Bool.self)) }
        if T.self == URL.self, let url = value as? URL { return .string(url.absoluteString) }
        if T.self == Data.self, let data = value as? Data { return .string(data.base64EncodedString()) }
        let encoder = BoxingEncoder()
        try value.encode(to: encoder)
        return encoder.node ?? .object(TreeObject())
    }

    static func number(_ value: Double) throws -> TreeNode {
        guard value.isFinite else {
            throw EncodingError.invalidValue(value, .init(codingPath: [], debugDescription: "\(value) is not valid in JSON"))
        }
        if value == value.rounded(), abs(value) < 9_007_199_254_740_992 { return .number(String(Int(value))) }
        return .number(String(describing: value))
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        if case .object(let object)? = node { return KeyedEncodingContainer(Keyed(object: object)) }
        let object = TreeObject()
        node = .object(object)
        return KeyedEncodingContainer(Keyed(object: object))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        if case .array(let array)? = node { return Unkeyed(array: array) }
        let array = TreeArray()
        node = .array(array)
        return Unkeyed(array: array)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer { Single(encoder: self) }

    // MARK: Writing

    /// Writes `node`; `indent` is the current level's indentation, or -1 for compact output.
    static func write(_ node: TreeNode, indent: Int, into out: inout [UInt8]) {
        switch node {
        case .string(let string): writeString(string, into: &out)
        case .number(let text): out.append(contentsOf: text.utf8)
        case .bool(let value): out.append(contentsOf: (value ? "true" : "false").utf8)
        case .null: out.append(contentsOf: "null".utf8)
        case .encoder(let encoder): write(encoder.node ?? .object(TreeObject()), indent: indent, into: &out)
        case .array(let array):
            out.append(UInt8(ascii: "["))
            for (index, item) in array.items.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                newline(indent + 2, compact: indent < 0, into: &out)
                write(item, indent: indent < 0 ? -1 : indent + 2, into: &out)
            }
            close(UInt8(ascii: "]"), empty: array.items.isEmpty, indent: indent, into: &out)
        case .object(let object):
            out.append(UInt8(ascii: "{"))
            let entries = sortedUnique(object.entries)
            for (index, entry) in entries.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                newline(indent + 2, compact: indent < 0, into: &out)
                writeString(entry.key, into: &out)
                if indent < 0 {
                    out.append(UInt8(ascii: ":"))
                } else {
                    out.append(0x20)
                    out.append(UInt8(ascii: ":"))
                    out.append(0x20)
                }
                write(entry.value, indent: indent < 0 ? -1 : indent + 2, into: &out)
            }
            close(UInt8(ascii: "}"), empty: entries.isEmpty, indent: indent, into: &out)
        }
    }

    /// Entries in byte order of their keys; of two with the same key the later wins, as in a dictionary.
    private static func sortedUnique(_ entries: [(key: String, value: TreeNode)]) -> [(key: String, value: TreeNode)] {
        if entries.count < 2 { return entries }
        let ordered = entries.enumerated().sorted { a, b in
            a.element.key == b.element.key ? a.offset < b.offset : a.element.key.utf8.lexicographicallyPrecedes(b.element.key.utf8)
        }
        var result: [(key: String, value: TreeNode)] = []
        result.reserveCapacity(ordered.count)
        for (_, entry) in ordered {
            if result.last?.key == entry.key { result[result.count - 1] = entry } else { result.append(entry) }
        }
        return result
    }

    private static func newline(_ indent: Int, compact: Bool, into out: inout [UInt8]) {
        guard !compact else { return }
        out.append(0x0A)
        out.append(contentsOf: repeatElement(0x20, count: indent))
    }

    private static func close(_ bracket: UInt8, empty: Bool, indent: Int, into out: inout [UInt8]) {
        if indent >= 0 {
            if empty { out.append(0x0A) }
            newline(indent, compact: false, into: &out)
        }
        out.append(bracket)
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    static func writeString(_ string: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var string = string
        string.withUTF8 { bytes in
            var run = 0
            for index in bytes.indices {
                let byte = bytes[index]
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run..<index]))
                run = index + 1
                out.append(UInt8(ascii: "\\"))
                switch byte {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"): out.append(byte)
                case 0x0A: out.append(UInt8(ascii: "n"))
                case 0x0D: out.append(UInt8(ascii: "r"))
                case 0x09: out.append(UInt8(ascii: "t"))
                case 0x08: out.append(UInt8(ascii: "b"))
                case 0x0C: out.append(UInt8(ascii: "f"))
                default:
                    out.append(UInt8(ascii: "u"))
                    out.append(UInt8(ascii: "0"))
                    out.append(UInt8(ascii: "0"))
                    out.append(hexDigits[Int(byte >> 4)])
                    out.append(hexDigits[Int(byte & 0x0F)])
                }
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run...]))
        }
        out.append(UInt8(ascii: "\""))
    }

    // MARK: Containers

    private struct Keyed<Key: CodingKey>: KeyedEncodingContainerProtocol {
        let object: TreeObject
        var codingPath: [any CodingKey] { [] }

        private func put(_ node: TreeNode, _ key: Key) { object.entries.append((key.stringValue, node)) }

        mutating func encodeNil(forKey key: Key) throws { put(.null, key) }
        mutating func encode(_ value: Bool, forKey key: Key) throws { put(.bool(value), key) }
        mutating func encode(_ value: String, forKey key: Key) throws { put(.string(value), key) }
        mutating func encode(_ value: Double, forKey key: Key) throws { put(try BoxingEncoder.number(value), key) }
        mutating func encode(_ value: Float, forKey key: Key) throws { put(try BoxingEncoder.number(Double(value)), key) }
        mutating func encode(_ value: Int, forKey key: Key) throws { put(.number(String(value)), key) }
        mutating func encode(_ value: Int8, forKey key: Key) throws { put(.number(String(value)), key) }
        mutating func encode(_ value: Int16, forKey key: Key) throws { put(.number(String(value)), key) }
        mutating func encode(_ value: Int32, forKey key: Key) throws { put(.number(String(value)), key) }
        mutating func encode(_ value: Int64, forKey key: Key) throws { put(.number(String(value)), key) }
        mutating func encode(_ value: UInt, forKey key: Key) throws { put(.number(String(value)), key) }
        mutating func encode(_ value: UInt8, forKey key: Key) throws { put(.number(String(value)), key) }
        mutating func encode(_ value: UInt16, forKey key: Key) throws { put(.number(String(value)), key) }
        mutating func encode(_ value: UInt32, forKey key: Key) throws { put(.number(String(value)), key) }
        mutating func encode(_ value: UInt64, forKey key: Key) throws { put(.number(String(value)), key) }
        mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws { put(try BoxingEncoder.box(value), key) }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
            let nested = TreeObject()
            put(.object(nested), key)
            return KeyedEncodingContainer(Keyed<NestedKey>(object: nested))
        }

        mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
            let nested = TreeArray()
            put(.array(nested), key)
            return Unkeyed(array: nested)
        }

        mutating func superEncoder() -> any Encoder {
            let encoder = BoxingEncoder()
            object.entries.append(("super", .encoder(encoder)))
            return encoder
        }

        mutating func superEncoder(forKey key: Key) -> any Encoder {
            let encoder = BoxingEncoder()
            put(.encoder(encoder), key)
            return encoder
        }
    }

    private struct Unkeyed: UnkeyedEncodingContainer {
        let array: TreeArray
        var codingPath: [any CodingKey] { [] }
        var count: Int { array.items.count }

        mutating func encodeNil() throws { array.items.append(.null) }
        mutating func encode(_ value: Bool) throws { array.items.append(.bool(value)) }
        mutating func encode(_ value: String) throws { array.items.append(.string(value)) }
        mutating func encode(_ value: Double) throws { array.items.append(try BoxingEncoder.number(value)) }
        mutating func encode(_ value: Float) throws { array.items.append(try BoxingEncoder.number(Double(value))) }
        mutating func encode(_ value: Int) throws { array.items.append(.number(String(value))) }
        mutating func encode(_ value: Int8) throws { array.items.append(.number(String(value))) }
        mutating func encode(_ value: Int16) throws { array.items.append(.number(String(value))) }
        mutating func encode(_ value: Int32) throws { array.items.append(.number(String(value))) }
        mutating func encode(_ value: Int64) throws { array.items.append(.number(String(value))) }
        mutating func encode(_ value: UInt) throws { array.items.append(.number(String(value))) }
        mutating func encode(_ value: UInt8) throws { array.items.append(.number(String(value))) }
        mutating func encode(_ value: UInt16) throws { array.items.append(.number(String(value))) }
        mutating func encode(_ value: UInt32) throws { array.items.append(.number(String(value))) }
        mutating func encode(_ value: UInt64) throws { array.items.append(.number(String(value))) }
        mutating func encode<T: Encodable>(_ value: T) throws { array.items.append(try BoxingEncoder.box(value)) }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
            let nested = TreeObject()
            array.items.append(.object(nested))
            return KeyedEncodingContainer(Keyed<NestedKey>(object: nested))
        }

        mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
            let nested = TreeArray()
            array.items.append(.array(nested))
            return Unkeyed(array: nested)
        }

        mutating func superEncoder() -> any Encoder {
            let encoder = BoxingEncoder()
            array.items.append(.encoder(encoder))
            return encoder
        }
    }

    private struct Single: SingleValueEncodingContainer {
        let encoder: BoxingEncoder
        var codingPath: [any CodingKey] { [] }

        mutating func encodeNil() throws { encoder.node = .null }
        mutating func encode(_ value: Bool) throws { encoder.node = .bool(value) }
        mutating func encode(_ value: String) throws { encoder.node = .string(value) }
        mutating func encode(_ value: Double) throws { encoder.node = try BoxingEncoder.number(value) }
        mutating func encode(_ value: Float) throws { encoder.node = try BoxingEncoder.number(Double(value)) }
        mutating func encode(_ value: Int) throws { encoder.node = .number(String(value)) }
        mutating func encode(_ value: Int8) throws { encoder.node = .number(String(value)) }
        mutating func encode(_ value: Int16) throws { encoder.node = .number(String(value)) }
        mutating func encode(_ value: Int32) throws { encoder.node = .number(String(value)) }
        mutating func encode(_ value: Int64) throws { encoder.node = .number(String(value)) }
        mutating func encode(_ value: UInt) throws { encoder.node = .number(String(value)) }
        mutating func encode(_ value: UInt8) throws { encoder.node = .number(String(value)) }
        mutating func encode(_ value: UInt16) throws { encoder.node = .number(String(value)) }
        mutating func encode(_ value: UInt32) throws { encoder.node = .number(String(value)) }
        mutating func encode(_ value: UInt64) throws { encoder.node = .number(String(value)) }
        mutating func encode<T: Encodable>(_ value: T) throws { encoder.node = try BoxingEncoder.box(value) }
    }
}
