/// A value that writes its own JSON: the bytes ``SortedJSONEncoder`` gives for its `Encodable`
/// form, without `Codable`'s dispatch per value (a box per keyed container, a generic call and
/// an existential per entry). The record and the CSAF document, the two large shapes of a build,
/// adopt it; `JSONEncoderTests` and `JSONWritableTests` hold each to its `Encodable` bytes.
///
/// An object writes its entries in the order of a ``JSONKeyOrder`` made from its `CodingKeys`
/// (the key strings stay in one place), a value `encode(to:)` writes with `encodeIfPresent`
/// through ``JSONWriter/field(_:ifPresent:)``, one it writes with `encode` through
/// ``JSONWriter/field(_:_:)`` (a nil optional is then `null`), inside ``JSONWriter/writeObject(_:_:)``.
public protocol JSONWritable {
    func writeJSON(to json: inout JSONWriter)
}

/// The keys of an object in the order ``SortedJSONEncoder`` writes them (UTF-8 byte order), each
/// with its quoted bytes, made once per type.
public struct JSONKeyOrder<Key: Sendable>: Sendable {
    /// The keys in byte order of their names, each with its name as a JSON string.
    public let entries: [(key: Key, name: JSONKeyName)]

    /// The order of `keys` named by `name`.
    public init(_ keys: [Key], name: (Key) -> String) {
        entries = keys.map { (key: $0, text: name($0)) }
            .sorted { $0.text.utf8.lexicographicallyPrecedes($1.text.utf8) }
            .map { (key: $0.key, name: JSONKeyName($0.text)) }
    }
}

extension JSONKeyOrder where Key: CodingKey & CaseIterable {
    /// The order of a type's coding keys.
    public init() {
        self.init(Array(Key.allCases), name: \.stringValue)
    }
}

/// A key's name as JSON writes it: quoted and escaped.
///
/// Its bytes live as long as the program (key orders are made once per type), so writing a key
/// is a copy of bytes, without the retain and release an array per name would cost.
public struct JSONKeyName: @unchecked Sendable {
    let quoted: UnsafeBufferPointer<UInt8>

    init(_ name: String) {
        var bytes: [UInt8] = []
        JSONText.appendString(name, to: &bytes)
        let storage = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: bytes.count)
        _ = storage.initialize(from: bytes)
        quoted = UnsafeBufferPointer(storage)
    }
}

/// The byte buffer a ``JSONWritable`` value writes into, with the formatting of
/// ``SortedJSONEncoder`` (pretty: two spaces a level, `"key" : value`, an empty container as
/// its brackets around a blank line).
public struct JSONWriter {
    /// What has been written.
    public private(set) var bytes: [UInt8] = []
    let pretty: Bool
    /// The indentation of the value being written (of its closing bracket).
    @usableFromInline var indent = 0
    /// True right after a container was opened: its next entry or item is its first.
    @usableFromInline var atFirst = false

    init(pretty: Bool) {
        self.pretty = pretty
        bytes.reserveCapacity(4096)
    }

    public mutating func writeString(_ value: String) { JSONText.appendString(value, to: &bytes) }

    public mutating func writeInteger(_ value: Int) { JSONText.appendInteger(value, to: &bytes) }

    public mutating func writeBool(_ value: Bool) { JSONText.appendBool(value, to: &bytes) }

    public mutating func writeNull() { JSONText.appendNull(to: &bytes) }

    /// Makes room for `count` more bytes (an estimate: what is written stays the same).
    public mutating func reserveCapacity(forMore count: Int) {
        bytes.reserveCapacity(bytes.count + max(0, count))
    }

    /// Writes bytes that are already JSON.
    mutating func writeBytes(_ json: [UInt8]) { bytes.append(contentsOf: json) }

    /// Writes `"key":` (pretty: `"key" : `) of the next entry of the open object.
    @usableFromInline mutating func writeKey(_ name: JSONKeyName) {
        beginElement()
        bytes.append(contentsOf: name.quoted)
        if pretty {
            let separator: StaticString = " : "
            bytes.append(contentsOf: UnsafeBufferPointer(start: separator.utf8Start, count: separator.utf8CodeUnitCount))
        } else {
            bytes.append(UInt8(ascii: ":"))
        }
    }

    /// The separator and indentation of the next entry or item; its value is one level in.
    @usableFromInline mutating func beginElement() {
        if !atFirst { bytes.append(UInt8(ascii: ",")) }
        atFirst = false
        if pretty { JSONText.appendNewline(indent: indent + 2, to: &bytes) }
    }

    /// Opens an object; returns what ``endObject(_:)`` needs to close it.
    @usableFromInline mutating func beginObject() -> JSONContainerMark {
        bytes.append(UInt8(ascii: "{"))
        atFirst = true
        return JSONContainerMark(indent: indent)
    }

    /// Writes an object: `writeEntry` is called for each key in `keys`' order, and writes that
    /// entry with ``field(_:_:)`` or ``field(_:ifPresent:)``.
    @inlinable public mutating func writeObject<Key>(_ keys: JSONKeyOrder<Key>, _ writeEntry: (inout JSONWriter, Key, JSONKeyName) -> Void) {
        let mark = beginObject()
        for (key, name) in keys.entries { writeEntry(&self, key, name) }
        endObject(mark)
    }

    /// Writes the entry `name` with `value` (`null` for a nil optional) into the open object.
    @inlinable public mutating func field<Value: JSONWritable>(_ name: JSONKeyName, _ value: Value) {
        field(name) { value.writeJSON(to: &$0) }
    }

    /// Writes the entry `name` into the open object; `writeValue` writes its value.
    @inlinable public mutating func field(_ name: JSONKeyName, writing writeValue: (inout JSONWriter) -> Void) {
        let outer = indent
        writeKey(name)
        indent = outer + 2
        writeValue(&self)
        indent = outer
    }

    /// Writes the entry `name` when `value` is not nil, copying the bytes `repeated` holds when
    /// `value` is the array they were written for, at the same indentation and formatting; else
    /// writes `value` and keeps its bytes in `repeated`.
    public mutating func field<Element: JSONWritable>(_ name: JSONKeyName, ifPresent value: [Element]?, repeating repeated: inout JSONRepeatedArray<Element>) {
        guard let value else { return }
        field(name) { json in
            if repeated.holdsBytes(of: value, indent: json.indent, pretty: json.pretty) {
                json.bytes.append(contentsOf: repeated.bytes)
                json.atFirst = false
                return
            }
            let start = json.bytes.count
            json.writeArray(value)
            repeated = JSONRepeatedArray(items: value, indent: json.indent, pretty: json.pretty, bytes: Array(json.bytes[start...]))
        }
    }

    /// Writes the entry `name` when `value` is not nil, as `encodeIfPresent` does.
    @inlinable public mutating func field<Value: JSONWritable>(_ name: JSONKeyName, ifPresent value: Value?) {
        if let value { field(name, value) }
    }

    @usableFromInline mutating func endObject(_ mark: JSONContainerMark) {
        close(UInt8(ascii: "}"), mark)
    }

    /// Writes `items` as an array.
    @inlinable public mutating func writeArray<Element: JSONWritable>(_ items: [Element]) {
        writeArray(items) { item, json in item.writeJSON(to: &json) }
    }

    /// Writes `items` as an array; `writeItem` writes each item.
    @inlinable public mutating func writeArray<Element>(_ items: [Element], writing writeItem: (Element, inout JSONWriter) -> Void) {
        let mark = beginArray()
        for item in items {
            beginElement()
            indent = mark.indent + 2
            writeItem(item, &self)
            indent = mark.indent
        }
        endArray(mark)
    }

    @usableFromInline mutating func beginArray() -> JSONContainerMark {
        bytes.append(UInt8(ascii: "["))
        atFirst = true
        return JSONContainerMark(indent: indent)
    }

    @usableFromInline mutating func endArray(_ mark: JSONContainerMark) {
        close(UInt8(ascii: "]"), mark)
    }

    private mutating func close(_ bracket: UInt8, _ mark: JSONContainerMark) {
        if pretty {
            if atFirst { bytes.append(0x0A) }
            JSONText.appendNewline(indent: mark.indent, to: &bytes)
        }
        bytes.append(bracket)
        indent = mark.indent
        atFirst = false
    }
}

/// The bytes a ``JSONWriter`` wrote for one array, to copy when the same array comes again
/// (``JSONWriter/field(_:ifPresent:repeating:)``): the items of a CSAF document's vulnerabilities
/// repeat the record's remediations and affected products.
///
/// "The same" is the same storage and count, not equal elements: equal `String`s may have other
/// bytes (`é` precomposed or not). The array is kept, so its storage can neither change (a
/// mutation of another copy copies it first) nor be freed and reused for another array.
public struct JSONRepeatedArray<Element> {
    private var items: [Element] = []
    private var indent = -1
    private var pretty = false
    fileprivate(set) var bytes: [UInt8] = []

    public init() {}

    fileprivate init(items: [Element], indent: Int, pretty: Bool, bytes: [UInt8]) {
        self.items = items
        self.indent = indent
        self.pretty = pretty
        self.bytes = bytes
    }

    /// The number of bytes a copy for `array` adds: the count of the bytes when they were written
    /// for the same array (at any indentation), else 0. A writer can reserve room for copies to come
    /// without ever reserving more than they take.
    public func byteCount(ofCopyFor array: [Element]?) -> Int {
        guard let array, holdsBytes(of: array, indent: indent, pretty: pretty) else { return 0 }
        return bytes.count
    }

    /// Whether the bytes are those of `array` written at `indent` with `pretty`.
    fileprivate func holdsBytes(of array: [Element], indent: Int, pretty: Bool) -> Bool {
        guard indent == self.indent, pretty == self.pretty, array.count == items.count else { return false }
        return array.withUnsafeBufferPointer { candidate in
            items.withUnsafeBufferPointer { kept in candidate.baseAddress == kept.baseAddress }
        }
    }
}

/// An open object or array of a ``JSONWriter``.
public struct JSONContainerMark {
    @usableFromInline let indent: Int

    @usableFromInline init(indent: Int) { self.indent = indent }
}

extension String: JSONWritable {
    public func writeJSON(to json: inout JSONWriter) { json.writeString(self) }
}

extension Int: JSONWritable {
    public func writeJSON(to json: inout JSONWriter) { json.writeInteger(self) }
}

extension Bool: JSONWritable {
    public func writeJSON(to json: inout JSONWriter) { json.writeBool(self) }
}

extension Optional: JSONWritable where Wrapped: JSONWritable {
    /// The value, or `null`: what `encode` of an optional writes.
    @inlinable public func writeJSON(to json: inout JSONWriter) {
        if let self { self.writeJSON(to: &json) } else { json.writeNull() }
    }
}

extension Array: JSONWritable where Element: JSONWritable {
    @inlinable public func writeJSON(to json: inout JSONWriter) { json.writeArray(self) }
}

extension JSONWritable where Self: RawRepresentable, RawValue == String {
    /// A string enum is its raw value, as its synthesised `encode(to:)` writes it.
    public func writeJSON(to json: inout JSONWriter) { json.writeString(rawValue) }
}
