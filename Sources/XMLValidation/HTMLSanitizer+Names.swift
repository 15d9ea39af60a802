import AdvisoryModel
import CLibXML2
import Foundation

extension HTMLSanitizer {
    /// Where an element may stand, for the elements whose place HTML restricts.
    enum Role: UInt8 {
        case other, paragraph, image, link, table, rowGroup, row, cell, caption, columnGroup, column, list, item, definitionList, definitionPart

        init(_ name: String) {
            switch name {
            case "p": self = .paragraph
            case "img": self = .image
            case "a": self = .link
            case "table": self = .table
            case "thead", "tbody", "tfoot": self = .rowGroup
            case "tr": self = .row
            case "td", "th": self = .cell
            case "caption": self = .caption
            case "colgroup": self = .columnGroup
            case "col": self = .column
            case "ul", "ol": self = .list
            case "li": self = .item
            case "dl": self = .definitionList
            case "dd", "dt": self = .definitionPart
            default: self = .other
            }
        }

        /// A table, a row group or a row: text and most elements have no place directly in it.
        var holdsCells: Bool {
            self == .table || self == .rowGroup || self == .row
        }
    }

    /// What an attribute's value goes through before it is written.
    enum AttributeKind: UInt8 {
        case plain, url, id, number, span, className, listType, scope, direction, anchorName

        init(_ name: String) {
            switch name {
            case "href", "src", "cite": self = .url
            case "id": self = .id
            case "colspan", "rowspan", "span": self = .span
            case "start", "value", "width", "height": self = .number
            case "class": self = .className
            case "type": self = .listType
            case "scope": self = .scope
            case "dir": self = .direction
            case "name": self = .anchorName
            default: self = .plain
            }
        }
    }

    /// What the sets above say of one lower-cased name, as an element and as an attribute.
    struct Traits {
        var isDropped: Bool
        var isUnwrapped: Bool
        var isAllowed: Bool
        var isVoid: Bool
        var isBlock: Bool
        var role: Role
        /// As an element: the bits (`attributeBits`) of the attributes it may carry.
        var allowedAttributes: UInt64
        /// As an attribute: its bit, 0 when no element may carry it.
        var attributeBit: UInt64
        var attributeKind: AttributeKind
        /// `on…`: an event handler, always removed.
        var isEventHandler: Bool
        /// `alt` and `src`, which decide what an image keeps.
        var isAlt: Bool
        var isSource: Bool

        init(_ name: String) {
            isDropped = HTMLSanitizer.droppedWithContent.contains(name)
            isUnwrapped = HTMLSanitizer.unwrapped.contains(name)
            isAllowed = HTMLSanitizer.allowedElements.contains(name)
            isVoid = HTMLSanitizer.voidElements.contains(name)
            isBlock = HTMLSanitizer.blockElements.contains(name)
            role = Role(name)
            let bits = HTMLSanitizer.attributeBits
            allowedAttributes = HTMLSanitizer.globalAttributes.union(HTMLSanitizer.elementAttributes[name] ?? []).reduce(0) { $0 | (bits[$1] ?? 0) }
            attributeBit = bits[name] ?? 0
            attributeKind = AttributeKind(name)
            isEventHandler = name.hasPrefix("on")
            isAlt = name == "alt"
            isSource = name == "src"
        }
    }

    /// One bit for each attribute some element may carry.
    static let attributeBits: [String: UInt64] = {
        let names = globalAttributes.union(elementAttributes.values.joined()).sorted()
        precondition(names.count <= 64, "more allowed attributes than bits")
        return Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, UInt64(1) << UInt64($0)) })
    }()

    /// The element and attribute names of one document, each looked up in the sets once.
    ///
    /// A name of up to 16 ASCII bytes is found by its lower-cased bytes packed into two words,
    /// without making a string, in a small open-addressed table of those words. Longer names and
    /// names with other bytes are found by their lower-cased bytes.
    struct NameTable {
        /// Lower-cased UTF-8, as written, held in words for the names of up to 16 bytes (nearly
        /// all), so writing a name retains no storage.
        private var spellings: [Spelling] = []
        /// The bytes of the longer names, by index.
        private var longNames: [Int: [UInt8]] = [:]
        private(set) var texts: [String] = []
        /// The index of `div` (what a `p` holding blocks is written as).
        private(set) var div = 0
        private(set) var traits: [Traits] = []
        private var byBytes: [[UInt8]: Int] = [:]
        /// The packed names seen, placed by a hash of the key (then the next free slot): the key and
        /// its index + 1 (0: an empty slot).
        private var slots: [(key: Key, index: Int)] = []
        private var packedCount = 0
        private static let slotCount = 512
        private static let packedLimit = 256

        /// Up to 16 bytes of a name in two words, in order, and how many of them are the name's.
        private struct Spelling {
            var words: (UInt64, UInt64) = (0, 0)
            var count = 0
        }

        private struct Key: Equatable {
            var low: UInt64
            var high: UInt64
        }

        /// A table that knows every name of the sets above (and `name`, `style`), so a
        /// document's table starts from it and looks up only the names no set holds.
        static let seeded: NameTable = {
            var table = NameTable()
            let names = HTMLSanitizer.allowedElements.union(HTMLSanitizer.droppedWithContent).union(HTMLSanitizer.unwrapped)
                .union(HTMLSanitizer.attributeBits.keys).union(["name", "style"])
            for name in names.sorted() { _ = table.index(ofLowercase: name) }
            table.div = table.index(ofLowercase: "div")
            return table
        }()

        /// The index of the name `pointer` points to.
        mutating func index(of pointer: UnsafePointer<xmlChar>?) -> Int {
            guard let pointer else { return index(ofBytes: []) }
            var key = Key(low: 0, high: 0)
            var length = 0
            while pointer[length] != 0 {
                let byte = pointer[length]
                guard length < 16, byte < 0x80 else { return index(ofUnpacked: pointer) }
                let lower = UInt64(byte.lowercasedASCII)
                if length < 8 { key.low = key.low << 8 | lower } else { key.high = key.high << 8 | lower }
                length += 1
            }
            return index(ofKey: key) { $0.index(ofUnpacked: pointer) }
        }

        /// The index of `name`, lower-case ASCII already.
        mutating func index(ofLowercase name: String) -> Int {
            Array(name.utf8).withUnsafeBufferPointer { index(ofLowercase: $0) }
        }

        /// The index of `name`, lower-case ASCII already (as Herald's renderer writes names).
        mutating func index(ofLowercase name: UnsafeBufferPointer<UInt8>) -> Int {
            guard name.count <= 16 else { return index(ofBytes: Array(name)) }
            var key = Key(low: 0, high: 0)
            for (length, byte) in name.enumerated() {
                if length < 8 { key.low = key.low << 8 | UInt64(byte) } else { key.high = key.high << 8 | UInt64(byte) }
            }
            return index(ofKey: key) { $0.index(ofBytes: Array(name)) }
        }

        private mutating func index(ofKey key: Key, orElse lookUp: (inout NameTable) -> Int) -> Int {
            if slots.isEmpty { slots = Array(repeating: (Key(low: 0, high: 0), 0), count: Self.slotCount) }
            let mask = Self.slotCount - 1
            var slot = Int(truncatingIfNeeded: (key.low &* 0x9E37_79B9_7F4A_7C15 ^ key.high &* 0xC2B2_AE3D_27D4_EB4F) >> 40) & mask
            while slots[slot].index != 0 {
                if slots[slot].key == key { return slots[slot].index - 1 }
                slot = (slot + 1) & mask
            }
            let index = lookUp(&self)
            if packedCount < Self.packedLimit {
                slots[slot] = (key, index + 1)
                packedCount += 1
            }
            return index
        }

        private mutating func index(ofUnpacked pointer: UnsafePointer<xmlChar>) -> Int {
            var raw = Array(UnsafeBufferPointer(start: pointer, count: strlen(pointer)))
            if raw.withUnsafeBufferPointer(ByteWords.isAllASCII) {
                for position in raw.indices where raw[position] >= UInt8(ascii: "A") && raw[position] <= UInt8(ascii: "Z") { raw[position] |= 0x20 }
            } else {
                raw = Array(String(decoding: raw, as: UTF8.self).lowercased().utf8)
            }
            return index(ofBytes: raw)
        }

        /// The index of the lower-cased name `name`.
        mutating func index(ofBytes name: [UInt8]) -> Int {
            if let index = byBytes[name] { return index }
            let text = String(decoding: name, as: UTF8.self)
            let index = texts.count
            var spelling = Spelling(count: name.count)
            if name.count <= 16 {
                withUnsafeMutableBytes(of: &spelling.words) { $0.copyBytes(from: name) }
            } else {
                longNames[index] = name
            }
            spellings.append(spelling)
            texts.append(text)
            traits.append(Traits(text))
            byBytes[name] = index
            return index
        }

        /// Appends the name of `index` (lower-cased UTF-8) to `out`.
        func appendName(_ index: Int, to out: inout [UInt8]) {
            let spelling = spellings[index]
            guard spelling.count <= 16 else { return out.append(contentsOf: longNames[index] ?? []) }
            // A buffer of the words' bytes, copied in one piece (a slice of them is copied byte by byte).
            withUnsafeBytes(of: spelling.words) { words in
                words.withMemoryRebound(to: UInt8.self) { out.append(contentsOf: UnsafeBufferPointer(rebasing: $0[..<spelling.count])) }
            }
        }

        /// The number of bytes of the name of `index`.
        func nameCount(_ index: Int) -> Int {
            spellings[index].count
        }

        /// True when `bytes` are the name of `index`, byte for byte.
        func isName(_ index: Int, spelledBy bytes: UnsafeBufferPointer<UInt8>) -> Bool {
            let spelling = spellings[index]
            guard spelling.count == bytes.count else { return false }
            guard spelling.count <= 16 else { return longNames[index].map { $0.elementsEqual(bytes) } ?? false }
            return withUnsafeBytes(of: spelling.words) { $0.prefix(spelling.count).elementsEqual(bytes) }
        }
    }
}
