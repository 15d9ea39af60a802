import Foundation

/// The encoder a value's `encode(to:)` gets from ``SortedJSONEncoder``: a slot for one value.
struct JSONSlotEncoder: Encoder {
    let writer: JSONByteWriter
    let id: Int
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        KeyedEncodingContainer(JSONKeyedContainer<Key>(writer: writer, id: writer.container(.object, inSlot: id) ?? 0))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        JSONUnkeyedContainer(writer: writer, id: writer.container(.array, inSlot: id) ?? 0)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        JSONSingleValueContainer(writer: writer, id: id)
    }
}

struct JSONKeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let writer: JSONByteWriter
    let id: Int
    var codingPath: [any CodingKey] { [] }

    private func begin(_ key: Key) -> Int? { writer.beginEntry(key.stringValue, of: id) }

    mutating func encodeNil(forKey key: Key) throws { if begin(key) != nil { writer.writeNull() } }
    mutating func encode(_ value: Bool, forKey key: Key) throws { if begin(key) != nil { writer.writeBool(value) } }
    mutating func encode(_ value: String, forKey key: Key) throws { if begin(key) != nil { writer.writeString(value) } }
    mutating func encode(_ value: Double, forKey key: Key) throws { if begin(key) != nil { try writer.writeDouble(value) } }
    mutating func encode(_ value: Float, forKey key: Key) throws { if begin(key) != nil { try writer.writeDouble(Double(value)) } }
    mutating func encode(_ value: Int, forKey key: Key) throws { if begin(key) != nil { writer.writeInteger(value) } }
    mutating func encode(_ value: Int8, forKey key: Key) throws { if begin(key) != nil { writer.writeInteger(value) } }
    mutating func encode(_ value: Int16, forKey key: Key) throws { if begin(key) != nil { writer.writeInteger(value) } }
    mutating func encode(_ value: Int32, forKey key: Key) throws { if begin(key) != nil { writer.writeInteger(value) } }
    mutating func encode(_ value: Int64, forKey key: Key) throws { if begin(key) != nil { writer.writeInteger(value) } }
    mutating func encode(_ value: UInt, forKey key: Key) throws { if begin(key) != nil { writer.writeInteger(value) } }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { if begin(key) != nil { writer.writeInteger(value) } }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { if begin(key) != nil { writer.writeInteger(value) } }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { if begin(key) != nil { writer.writeInteger(value) } }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { if begin(key) != nil { writer.writeInteger(value) } }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        if let indent = begin(key) { try writer.encodeValue(value, indent: indent) }
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        KeyedEncodingContainer(JSONKeyedContainer<NestedKey>(writer: writer, id: begin(key).map { writer.push(.object, indent: $0) } ?? 0))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        JSONUnkeyedContainer(writer: writer, id: begin(key).map { writer.push(.array, indent: $0) } ?? 0)
    }

    mutating func superEncoder() -> any Encoder {
        JSONSlotEncoder(writer: writer, id: writer.beginEntry("super", of: id).map { writer.push(.slot, indent: $0) } ?? 0)
    }

    mutating func superEncoder(forKey key: Key) -> any Encoder {
        JSONSlotEncoder(writer: writer, id: begin(key).map { writer.push(.slot, indent: $0) } ?? 0)
    }
}

/// The scalar encodings shared by the unkeyed and the single value container: `begin()` places
/// the next value (nil when the container is closed).
protocol JSONValuePlacing {
    var writer: JSONByteWriter { get }
    func begin() -> Int?
}

extension JSONValuePlacing {
    mutating func encodeNil() throws { if begin() != nil { writer.writeNull() } }
    mutating func encode(_ value: Bool) throws { if begin() != nil { writer.writeBool(value) } }
    mutating func encode(_ value: String) throws { if begin() != nil { writer.writeString(value) } }
    mutating func encode(_ value: Double) throws { if begin() != nil { try writer.writeDouble(value) } }
    mutating func encode(_ value: Float) throws { if begin() != nil { try writer.writeDouble(Double(value)) } }
    mutating func encode(_ value: Int) throws { if begin() != nil { writer.writeInteger(value) } }
    mutating func encode(_ value: Int8) throws { if begin() != nil { writer.writeInteger(value) } }
    mutating func encode(_ value: Int16) throws { if begin() != nil { writer.writeInteger(value) } }
    mutating func encode(_ value: Int32) throws { if begin() != nil { writer.writeInteger(value) } }
    mutating func encode(_ value: Int64) throws { if begin() != nil { writer.writeInteger(value) } }
    mutating func encode(_ value: UInt) throws { if begin() != nil { writer.writeInteger(value) } }
    mutating func encode(_ value: UInt8) throws { if begin() != nil { writer.writeInteger(value) } }
    mutating func encode(_ value: UInt16) throws { if begin() != nil { writer.writeInteger(value) } }
    mutating func encode(_ value: UInt32) throws { if begin() != nil { writer.writeInteger(value) } }
    mutating func encode(_ value: UInt64) throws { if begin() != nil { writer.writeInteger(value) } }
    mutating func encode<T: Encodable>(_ value: T) throws {
        if let indent = begin() { try writer.encodeValue(value, indent: indent) }
    }
}

struct JSONUnkeyedContainer: UnkeyedEncodingContainer, JSONValuePlacing {
    let writer: JSONByteWriter
    let id: Int
    var codingPath: [any CodingKey] { [] }
    var count: Int { writer.count(of: id) }

    func begin() -> Int? { writer.beginItem(of: id) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        KeyedEncodingContainer(JSONKeyedContainer<NestedKey>(writer: writer, id: begin().map { writer.push(.object, indent: $0) } ?? 0))
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        JSONUnkeyedContainer(writer: writer, id: begin().map { writer.push(.array, indent: $0) } ?? 0)
    }

    mutating func superEncoder() -> any Encoder {
        JSONSlotEncoder(writer: writer, id: begin().map { writer.push(.slot, indent: $0) } ?? 0)
    }
}

struct JSONSingleValueContainer: SingleValueEncodingContainer, JSONValuePlacing {
    let writer: JSONByteWriter
    let id: Int
    var codingPath: [any CodingKey] { [] }

    func begin() -> Int? { writer.beginSingleValue(of: id) }
}
