import Foundation

/// Encodes `Encodable` values as JSON with keys in byte order and slashes unescaped: the bytes
/// Foundation's `JSONEncoder` gives with `[.sortedKeys, .withoutEscapingSlashes]` (plus
/// `.prettyPrinted` when `pretty`), at a fraction of its cost. Every output of Herald that is
/// JSON (records, CSAF documents, feeds, indexes) goes through it.
///
/// Why not `JSONEncoder`: it boxes every value into a dictionary-backed tree and sorts keys
/// with `String` comparison; on the zh-CN corpus that was a tenth of a cold build. This encoder
/// writes each value's bytes into one buffer as `encode(to:)` hands them over; a keyed container
/// records where each of its entries starts and, when it is closed, puts the entries in key order
/// (a move of bytes, only when they arrived out of order).
///
/// The rules, pinned by `JSONEncoderTests`: keys in UTF-8 byte order, a repeated key keeps its
/// last value; strings escape `"`, `\` and U+0000–U+001F (`\n`, `\r`, `\t`, `\b`, `\f`, else
/// `\u00XX`) and nothing else (`/`, DEL, U+2028 and non-ASCII are written as they are); integers
/// and integral doubles below 2^53 as digits, other doubles as Swift prints them, NaN and
/// infinities refused; a value that encodes nothing is `{}`. Pretty output indents by two spaces,
/// writes `"key" : value`, and an empty container as its brackets around a blank line.
///
/// Types that write their own JSON (``JSONWritable``: the record and the CSAF document) skip
/// `encode(to:)` through ``bytes(writing:)``, with the same bytes.
///
/// Containers are closed when their parent (or the value they belong to) takes the next value.
/// A type that interleaves two open containers of one parent, or keeps a container after its
/// `encode(to:)` returned, is encoded by Foundation's `JSONEncoder` instead: the same rules, at
/// its cost.
public struct SortedJSONEncoder: Sendable {
    public var pretty: Bool

    public init(pretty: Bool = false) {
        self.pretty = pretty
    }

    public func encode<T: Encodable>(_ value: T) throws -> Data {
        Data(try encodedBytes(value))
    }

    public func encodedBytes<T: Encodable>(_ value: T) throws -> [UInt8] {
        let writer = JSONByteWriter(pretty: pretty)
        try writer.encodeValue(value, indent: 0)
        writer.closeAll()
        guard !writer.usedOutOfOrder else { return try foundationBytes(value) }
        return writer.out
    }

    /// The bytes of a value that writes its own JSON: the same as `encodedBytes` of its
    /// `Encodable` form, without `Codable`'s dispatch.
    public func bytes<T: JSONWritable>(writing value: T) -> [UInt8] {
        var writer = JSONWriter(pretty: pretty)
        value.writeJSON(to: &writer)
        return writer.bytes
    }

    /// ``bytes(writing:)`` as `Data`.
    public func data<T: JSONWritable>(writing value: T) -> Data {
        Data(bytes(writing: value))
    }

    private func foundationBytes<T: Encodable>(_ value: T) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.sortedKeys, .withoutEscapingSlashes, .prettyPrinted] : [.sortedKeys, .withoutEscapingSlashes]
        return Array(try encoder.encode(value))
    }
}

/// The buffer of one encoding and the stack of its open containers.
final class JSONByteWriter {
    enum Kind { case slot, object, array }

    /// An open container, or a slot: the place of one value whose `encode(to:)` is running.
    struct Frame {
        var id: Int
        var kind: Kind
        /// The indentation of the container's closing bracket (of the value, for a slot).
        var indent: Int
        /// Where the content starts: after the opening bracket, or where the slot's value goes.
        var start: Int
        /// Entries or items written; for a slot, 1 once it holds a value.
        var count = 0
        /// The container's first entry in `entries`.
        var firstEntry = 0
    }

    /// One entry of an open object: its key, where its separator starts and where its key starts.
    struct Entry {
        var key: String
        var separator: Int
        var keyStart: Int
    }

    // One writer belongs to one encoding on one thread: the exclusivity checks of its buffers
    // cost more than the writing did.
    let pretty: Bool
    @exclusivity(unchecked) var out: [UInt8] = []
    @exclusivity(unchecked) private var frames: [Frame] = []
    @exclusivity(unchecked) private var entries: [Entry] = []
    @exclusivity(unchecked) private var scratch: [UInt8] = []
    @exclusivity(unchecked) private var nextID = 0
    /// Set when a container was used after it was closed; the encoding is then redone by Foundation.
    @exclusivity(unchecked) private(set) var usedOutOfOrder = false

    init(pretty: Bool) {
        self.pretty = pretty
        out.reserveCapacity(1024)
    }

    // MARK: Values

    /// Writes `value` at the current end of the buffer; `indent` is its level's indentation.
    func encodeValue<T: Encodable>(_ value: T, indent: Int) throws {
        // Type comparisons first: a dynamic cast per value cost more than the encoding itself.
        if T.self == String.self { return writeString(unsafeBitCast(value, to: String.self)) }
        if T.self == Int.self { return writeInteger(unsafeBitCast(value, to: Int.self)) }
        if T.self == Bool.self { return writeBool(unsafeBitCast(value, to: Bool.self)) }
        if T.self == String?.self { return writeOptional(unsafeBitCast(value, to: String?.self), writeString) }
        if T.self == Int?.self { return writeOptional(unsafeBitCast(value, to: Int?.self), writeInteger) }
        if T.self == URL.self, let url = value as? URL { return writeString(url.absoluteString) }
        if T.self == Data.self, let data = value as? Data { return writeString(data.base64EncodedString()) }
        let slot = push(.slot, indent: indent)
        try value.encode(to: JSONSlotEncoder(writer: self, id: slot))
        close(through: slot)
    }

    private func writeOptional<Wrapped>(_ value: Wrapped?, _ write: (Wrapped) -> Void) {
        if let value { write(value) } else { writeNull() }
    }

    func writeNull() { JSONText.appendNull(to: &out) }

    func writeBool(_ value: Bool) { JSONText.appendBool(value, to: &out) }

    func writeInteger<N: BinaryInteger>(_ value: N) { JSONText.appendInteger(value, to: &out) }

    func writeDouble(_ value: Double) throws {
        guard value.isFinite else {
            throw EncodingError.invalidValue(value, .init(codingPath: [], debugDescription: "\(value) is not valid in JSON"))
        }
        if value == value.rounded(), abs(value) < 9_007_199_254_740_992 { return writeInteger(Int(value)) }
        out.append(contentsOf: String(describing: value).utf8)
    }

    func writeString(_ string: String) { JSONText.appendString(string, to: &out) }

    // MARK: Containers

    /// Opens a container or slot at the end of the buffer and returns its id.
    func push(_ kind: Kind, indent: Int) -> Int {
        switch kind {
        case .object: out.append(UInt8(ascii: "{"))
        case .array: out.append(UInt8(ascii: "["))
        case .slot: break
        }
        nextID += 1
        frames.append(Frame(id: nextID, kind: kind, indent: indent, start: out.count, firstEntry: entries.count))
        return nextID
    }

    /// Closes every frame above the one with `id` and returns that frame's index, or nil (and
    /// marks the encoding as out of order) when it was already closed.
    func enter(_ id: Int) -> Int? {
        guard id > 0 else {
            usedOutOfOrder = true
            return nil
        }
        while let top = frames.last, top.id > id { closeTop() }
        guard let top = frames.last, top.id == id else {
            usedOutOfOrder = true
            return nil
        }
        return frames.count - 1
    }

    /// The number of entries or items of an open container (0 once it is closed).
    func count(of id: Int) -> Int {
        frames.last(where: { $0.id == id })?.count ?? 0
    }

    /// Starts the next item of the array `id`: separator and indentation. Returns the item's indentation.
    func beginItem(of id: Int) -> Int? {
        guard let index = enter(id) else { return nil }
        separate(index)
        return frames[index].indent + 2
    }

    /// Starts the entry `key` of the object `id` up to its value. Returns the value's indentation.
    func beginEntry(_ key: String, of id: Int) -> Int? {
        guard let index = enter(id) else { return nil }
        let separator = out.count
        separate(index)
        entries.append(Entry(key: key, separator: separator, keyStart: out.count))
        writeString(key)
        if pretty {
            out.append(contentsOf: [0x20, UInt8(ascii: ":"), 0x20])
        } else {
            out.append(UInt8(ascii: ":"))
        }
        return frames[index].indent + 2
    }

    private func separate(_ index: Int) {
        if frames[index].count > 0 { out.append(UInt8(ascii: ",")) }
        frames[index].count += 1
        if pretty { newline(frames[index].indent + 2) }
    }

    private func newline(_ indent: Int) { JSONText.appendNewline(indent: indent, to: &out) }

    /// Makes the slot `id` ready for a value: a value written before (or its containers) is dropped,
    /// as a single value container's last value wins. Returns the slot's indentation.
    func beginSingleValue(of id: Int) -> Int? {
        guard let index = enter(id) else { return nil }
        if frames[index].count > 0 {
            out.removeSubrange(frames[index].start...)
            frames[index].count = 0
        }
        frames[index].count = 1
        return frames[index].indent
    }

    /// The container a slot's encoder asks for: the slot's open container of that kind when it has
    /// one (asking twice gives the same container), else a new one in place of what it held.
    func container(_ kind: Kind, inSlot id: Int) -> Int? {
        if let index = frames.lastIndex(where: { $0.id == id }), frames[index].count > 0, index + 1 < frames.count,
           frames[index + 1].kind == kind, frames[index + 1].start == frames[index].start + 1 {
            let child = frames[index + 1].id
            return enter(child).map { _ in child }
        }
        guard let indent = beginSingleValue(of: id) else { return nil }
        return push(kind, indent: indent)
    }

    /// Closes the frames above `id` and `id` itself.
    func close(through id: Int) {
        while let top = frames.last, top.id >= id { closeTop() }
    }

    func closeAll() {
        while !frames.isEmpty { closeTop() }
    }

    private func closeTop() {
        let frame = frames.removeLast()
        switch frame.kind {
        case .slot:
            // A value that encoded nothing is an empty object.
            if frame.count == 0 { closeBracket(UInt8(ascii: "}"), frame: frame, opening: UInt8(ascii: "{")) }
        case .array:
            closeBracket(UInt8(ascii: "]"), frame: frame)
        case .object:
            if frame.count > 1 { sortEntries(of: frame) }
            entries.removeSubrange(frame.firstEntry...)
            closeBracket(UInt8(ascii: "}"), frame: frame)
        }
    }

    private func closeBracket(_ bracket: UInt8, frame: Frame, opening: UInt8? = nil) {
        if let opening { out.append(opening) }
        if pretty {
            if frame.count == 0 || opening != nil { out.append(0x0A) }
            newline(frame.indent)
        }
        out.append(bracket)
    }

    /// Puts the entries of `frame` in byte order of their keys; of two with the same key the later
    /// wins, as in a dictionary.
    private func sortEntries(of frame: Frame) {
        let first = frame.firstEntry
        var inOrder = true
        for index in (first + 1)..<entries.count where Self.order(entries[index - 1].key, entries[index].key) >= 0 {
            inOrder = false
            break
        }
        if inOrder { return }

        var order = Array(first..<entries.count)
        order.sort { a, b in
            let relation = Self.order(entries[a].key, entries[b].key)
            return relation == 0 ? a < b : relation < 0
        }
        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: out[frame.start...])
        out.removeSubrange(frame.start...)
        var written = 0
        for (position, index) in order.enumerated() {
            // Of equal keys the last one written is kept.
            if position + 1 < order.count, Self.order(entries[index].key, entries[order[position + 1]].key) == 0 { continue }
            let end = index + 1 < entries.count ? entries[index + 1].separator : frame.start + scratch.count
            if written > 0 { out.append(UInt8(ascii: ",")) }
            written += 1
            if pretty { newline(frame.indent + 2) }
            out.append(contentsOf: scratch[(entries[index].keyStart - frame.start)..<(end - frame.start)])
        }
    }

    /// The order of two keys: 0 when they are equal strings, else the order of their UTF-8 bytes.
    private static func order(_ a: String, _ b: String) -> Int {
        if a == b { return 0 }
        let bytes = a.utf8.withContiguousStorageIfAvailable { a in
            b.utf8.withContiguousStorageIfAvailable { b in a.lexicographicallyPrecedes(b) ? -1 : 1 }
        }
        return (bytes ?? nil) ?? (a.utf8.lexicographicallyPrecedes(b.utf8) ? -1 : 1)
    }
}
