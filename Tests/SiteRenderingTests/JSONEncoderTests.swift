import AdvisoryModel
import Foundation
@testable import SiteRendering
import Testing

/// `SortedJSONEncoder` writes bytes without a tree: each rule of its output, written out by
/// hand, and the same bytes as the tree encoder it replaced (`TreeJSONEncoder`) and, where that
/// was the reference, Foundation's `JSONEncoder`.
@Suite("Sorted JSON encoder")
struct JSONEncoderTests {
    static func compact(_ value: some Encodable) throws -> String {
        String(decoding: try SortedJSONEncoder().encodedBytes(value), as: UTF8.self)
    }

    static func pretty(_ value: some Encodable) throws -> String {
        String(decoding: try SortedJSONEncoder(pretty: true).encodedBytes(value), as: UTF8.self)
    }

    // MARK: Strings

    @Test("Strings escape quote, backslash and control characters only", arguments: [
        ("empty", "", #""""#),
        ("slash", "a/b</script>", #""a/b</script>""#),
        ("quote and backslash", "say \"hi\" \\ done", #""say \"hi\" \\ done""#),
        ("named controls", "\u{8}\u{9}\u{A}\u{C}\u{D}", #""\b\t\n\f\r""#),
        ("other controls", "\u{0}\u{1}\u{B}\u{1B}\u{1F}", #""\u0000\u0001\u000b\u001b\u001f""#),
        ("DEL and separators as they are", "\u{7F}\u{2028}\u{2029}", "\"\u{7F}\u{2028}\u{2029}\""),
        ("non-ASCII as it is", "é 中文 😀 e\u{301}", "\"é 中文 😀 e\u{301}\""),
        ("space and controls mixed", " \t x\u{1}", #"" \t x\u0001""#),
    ])
    func strings(name: String, text: String, json: String) throws {
        #expect(try Self.compact(text) == json)
        #expect(try Self.compact(["k": text]) == "{\"k\":" + json + "}")
    }

    // MARK: Numbers

    struct Numbers: Encodable {
        var name: String
        var encode: @Sendable (inout any SingleValueEncodingContainer) throws -> Void
        func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            try encode(&container)
        }
    }

    @Test("Numbers: integers and integral doubles as digits, other doubles as Swift prints them", arguments: [
        Numbers(name: "zero") { try $0.encode(0) },
        Numbers(name: "negative") { try $0.encode(-12) },
        Numbers(name: "Int.max") { try $0.encode(Int.max) },
        Numbers(name: "Int.min") { try $0.encode(Int.min) },
        Numbers(name: "UInt64.max") { try $0.encode(UInt64.max) },
        Numbers(name: "Int8") { try $0.encode(Int8(-7)) },
        Numbers(name: "half") { try $0.encode(1.5) },
        Numbers(name: "integral double") { try $0.encode(2.0) },
        Numbers(name: "negative zero") { try $0.encode(-0.0) },
        Numbers(name: "large double") { try $0.encode(1e20) },
        Numbers(name: "2^53") { try $0.encode(9_007_199_254_740_992.0) },
        Numbers(name: "tenth") { try $0.encode(0.1) },
        Numbers(name: "float tenth") { try $0.encode(Float(0.1)) },
    ].map { ($0.name, $0) })
    func numbers(name: String, value: Numbers) throws {
        let expected = [
            "zero": "0", "negative": "-12", "Int.max": "9223372036854775807", "Int.min": "-9223372036854775808",
            "UInt64.max": "18446744073709551615", "Int8": "-7", "half": "1.5", "integral double": "2", "negative zero": "0",
            "large double": "1e+20", "2^53": "9007199254740992.0", "tenth": "0.1", "float tenth": "0.10000000149011612",
        ][name]
        let json = try Self.compact(value)
        #expect(json == expected, "\(json)")
    }

    @Test("NaN and infinities are refused")
    func nonFiniteNumbers() {
        #expect(throws: EncodingError.self) { try SortedJSONEncoder().encode([Double.nan]) }
        #expect(throws: EncodingError.self) { try SortedJSONEncoder().encode(["x": Double.infinity]) }
        #expect(throws: EncodingError.self) { try SortedJSONEncoder(pretty: true).encode([Float.infinity]) }
    }

    // MARK: Containers

    /// Encodes its entries as keyed entries in the order given, repeats and all.
    struct Entries: Encodable {
        struct Key: CodingKey {
            var stringValue: String
            var intValue: Int? { nil }
            init(stringValue: String) { self.stringValue = stringValue }
            init?(intValue: Int) { nil }
        }

        var pairs: [(String, Int)]

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Key.self)
            for (key, value) in pairs { try container.encode(value, forKey: Key(stringValue: key)) }
        }
    }

    struct Empty: Encodable {
        func encode(to encoder: any Encoder) throws {}
    }

    @Test("Keys in UTF-8 byte order; a repeated key keeps its last value", arguments: [
        ("sorted already", [("a", 1), ("b", 2)], #"{"a":1,"b":2}"#),
        ("reversed", [("b", 2), ("a", 1)], #"{"a":1,"b":2}"#),
        ("bytes, not numbers or case", [("b", 0), ("a9", 1), ("B", 2), ("a10", 3), ("é", 4), ("z", 5)], #"{"B":2,"a10":3,"a9":1,"b":0,"z":5,"é":4}"#),
        ("prefix first", [("ab", 1), ("a", 2)], #"{"a":2,"ab":1}"#),
        ("repeated key", [("x", 1), ("a", 2), ("x", 3)], #"{"a":2,"x":3}"#),
        ("repeated in order", [("a", 1), ("a", 2)], #"{"a":2}"#),
        ("escaped key", [("q\"", 1), ("q#", 2)], #"{"q\"":1,"q#":2}"#),
    ])
    func keyOrder(name: String, pairs: [(String, Int)], json: String) throws {
        #expect(try Self.compact(Entries(pairs: pairs)) == json)
    }

    @Test("Compact and pretty forms of containers")
    func containerForms() throws {
        #expect(try Self.compact([Int]()) == "[]")
        #expect(try Self.compact([String: Int]()) == "{}")
        #expect(try Self.compact(Empty()) == "{}")
        #expect(try Self.compact([[1], []]) == "[[1],[]]")
        #expect(try Self.compact([String?.none, "x"]) == #"[null,"x"]"#)
        #expect(try Self.pretty([Int]()) == "[\n\n]")
        #expect(try Self.pretty(Empty()) == "{\n\n}")
        #expect(try Self.pretty([1, 2]) == "[\n  1,\n  2\n]")
        #expect(try Self.pretty("top") == "\"top\"")
        #expect(try Self.pretty(["b": [String: Int](), "a": [:]]) == "{\n  \"a\" : {\n\n  },\n  \"b\" : {\n\n  }\n}")
        #expect(try Self.pretty(Entries(pairs: [("b", 1), ("a", 2)])) == "{\n  \"a\" : 2,\n  \"b\" : 1\n}")
        #expect(try Self.pretty([Entries(pairs: [("y", 1), ("x", 2)]), Entries(pairs: [])]) == "[\n  {\n    \"x\" : 2,\n    \"y\" : 1\n  },\n  {\n\n  }\n]")
    }

    /// A type that uses the less common parts of the `Encoder` protocol.
    struct Unusual: Encodable {
        enum Key: String, CodingKey { case z, a, m, list, nested }
        func encode(to encoder: any Encoder) throws {
            var first = encoder.container(keyedBy: Key.self)
            try first.encode("last", forKey: .z)
            var nested = first.nestedContainer(keyedBy: Key.self, forKey: .nested)
            try nested.encode(2, forKey: .m)
            try nested.encodeNil(forKey: .a)
            var list = first.nestedUnkeyedContainer(forKey: .list)
            try list.encode(true)
            var inner = list.nestedContainer(keyedBy: Key.self)
            try inner.encode(1.5, forKey: .z)
            try list.encode(String?.none)
            _ = list.superEncoder()
            // Asking again gives the same container: the entries join the first ones.
            var again = encoder.container(keyedBy: Key.self)
            try again.encode(Int?.none, forKey: .a)
            let superEncoder = again.superEncoder(forKey: .m)
            var single = superEncoder.singleValueContainer()
            try single.encode("replaced")
            try single.encode(UInt8(7))
            _ = again.superEncoder()
        }
    }

    @Test("Nested, super and repeated containers")
    func unusualContainers() throws {
        #expect(try Self.compact(Unusual()) == #"{"a":null,"list":[true,{"z":1.5},null,{}],"m":7,"nested":{"a":null,"m":2},"super":{},"z":"last"}"#)
        #expect(try SortedJSONEncoder(pretty: true).encode(Unusual()) == TreeJSONEncoder(pretty: true).encode(Unusual()))
    }

    /// Writes into a container after a sibling was opened: the byte writer has closed it by then.
    struct Interleaved: Encodable {
        enum Key: String, CodingKey { case b, a }
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Key.self)
            var first = container.nestedUnkeyedContainer(forKey: .b)
            var second = container.nestedUnkeyedContainer(forKey: .a)
            try first.encode(1)
            try second.encode(2)
            try first.encode(3)
        }
    }

    @Test("Containers used out of order are encoded by Foundation, with the same rules")
    func interleavedContainers() throws {
        #expect(try Self.compact(Interleaved()) == #"{"a":[2],"b":[1,3]}"#)
        #expect(try Self.pretty(Interleaved()) == "{\n  \"a\" : [\n    2\n  ],\n  \"b\" : [\n    1,\n    3\n  ]\n}")
    }

    // MARK: Against the encoders it replaces

    struct Sample: Encodable {
        struct Inner: Encodable {
            var name: String
            var tags: [String]
        }

        var products = 1
        var product_id = "p-1"
        var Upper = true
        var a10 = 10
        var a9 = -9
        var emptyList: [Int] = []
        var emptyObject: [String: Int] = [:]
        var text = "quote \" backslash \\ slash / controls \u{0}\u{1}\u{8}\u{9}\u{A}\u{C}\u{D}\u{1B}\u{1F} del \u{7F} line sep \u{2028} é 中文 😀"
        var missing: String?
        var present: String? = "here"
        var nested = [Inner(name: "x", tags: []), Inner(name: "y", tags: ["b", "a"])]
        var map = ["b": [1, 2], "a": [], "B": [3]]
        var half = 1.5
        var whole = 2.0
        var day = DayDate(year: 2008, month: 6, day: 13)
        var url = URL(string: "https://example.org/a?b=c")
        var data = Data([0, 1, 2, 250])
    }

    static func foundation(_ value: some Encodable, pretty: Bool) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.sortedKeys, .withoutEscapingSlashes, .prettyPrinted] : [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(value)
    }

    static func record() -> Advisory {
        var advisory = CSAFFixtures.bulletin()
        advisory.notes = [Note(kind: "NOTE", text: "a \"quoted\"\nnote", line: 9)]
        advisory.links = [DocumentLink(url: "https://example.org/x?y=1&z=2", text: "x/y", line: 12)]
        advisory.headings = [Heading(level: 1, text: "标题", anchor: "biao-ti", line: 1)]
        advisory.source.lines = [.title: 1, .kb: 5, .cves: 6, .products: 20]
        return advisory
    }

    @Test("The same bytes as the tree encoder and JSONEncoder", arguments: [false, true])
    func sameBytesAsBefore(pretty: Bool) throws {
        let encoder = SortedJSONEncoder(pretty: pretty)
        let tree = TreeJSONEncoder(pretty: pretty)
        #expect(try encoder.encode(Sample()) == tree.encode(Sample()))
        #expect(try encoder.encode(Sample()) == Self.foundation(Sample(), pretty: pretty))
        #expect(try encoder.encode([Empty(), Empty()]) == Self.foundation([Empty(), Empty()], pretty: pretty))
        #expect(try encoder.encode([[String]]()) == Self.foundation([[String]](), pretty: pretty))
        #expect(try encoder.encode(Self.record()) == tree.encode(Self.record()))
        #expect(try encoder.encode(Self.record()) == Self.foundation(Self.record(), pretty: pretty))
        let bulletin = CSAFFixtures.bulletin()
        let csaf = try CSAFWriter.document(for: bulletin, canonicalURL: "https://example.org/zh-cn/ms08-001.html", configuration: CSAFFixtures.configuration)
        #expect(try encoder.encode(csaf) == tree.encode(csaf))
        #expect(try encoder.encode(csaf) == Self.foundation(csaf, pretty: pretty))
    }
}

/// `DayDate.description` pads by hand what it used to give to `String(format:)`.
@Suite("Day dates as text")
struct DayDateTextTests {
    @Test("The text of a day is what %04d-%02d-%02d gives", arguments: [
        (2008, 6, 13), (1900, 1, 1), (2100, 12, 31), (2016, 10, 9), (5, 1, 1), (-5, 1, 1), (12345, 11, 30),
    ])
    func dayText(year: Int, month: Int, day: Int) throws {
        var date = try #require(DayDate(year: 2000, month: 1, day: 1))
        date.year = year
        date.month = month
        date.day = day
        #expect(date.description == String(format: "%04d-%02d-%02d", year, month, day))
    }
}
