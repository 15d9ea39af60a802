@testable import AdvisoryExtraction
import AdvisoryModel
import Foundation
import Testing

/// The build trailer's expressions matched without ICU in plain texts (`ScalarExpression`):
/// the same groups and answers as ICU, and ICU still reads every other text.
@Suite("Scalar expressions")
struct ScalarExpressionTests {
    /// `count` texts, the same on every run: each a seed from `seeds` with up to four edits (a piece
    /// of `alphabet` put in, or a scalar taken out or replaced by one), so that many still match.
    static func generatedTexts(count: Int, seeds: [String], alphabet: [String]) -> [String] {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        return (0..<count).map { _ in
            var scalars = Array(seeds[next(seeds.count)].unicodeScalars)
            for _ in 0..<next(5) {
                let at = next(scalars.count + 1)
                let piece = Array(alphabet[next(alphabet.count)].unicodeScalars)
                switch next(3) {
                case 0: scalars.insert(contentsOf: piece, at: at)
                case 1: if at < scalars.count { scalars.remove(at: at) }
                default: if at < scalars.count { scalars.replaceSubrange(at...at, with: piece) }
                }
            }
            return String(String.UnicodeScalarView(scalars))
        }
    }

    static let stampSeeds = ["Built at 2014-04-18T13:49:36Z-07:00", "页面生成时间：2016-07-06 11:07-07:00。", "Seite generiert am 18.05.2016 um 10:03:00-07:00.",
                             "页面生成时间：2015 年 3 月 9 日 10:11Z-08:00。", "2015/3/9 下午 3:11-08:0", "12.11.14 7:17Z", "11:07-07:00", "2014-04-18T13:49"]

    /// Pieces of stamps (digit runs of one to five, separators, the scalars the expressions name)
    /// and of other text.
    static let trailerAlphabet = ["2014", "20155", "04", "1", "18", "123", "0", "-", "/", ".", ":", ":", "Z", "+", " ", "\t", "\n",
                                  "\u{3000}", "年", "月", "日", "년", "월", "일", "T", "下午", "a", "，", " um "]

    @Test("build stamps: the groups ICU captures, by hand", arguments: [
        ("a day run into the hour: day 18, hour 11", "2014-04-1811:07", "2014-04-18T11:07:00"),
        ("three digits after the month: day 12, hour 3", "2014-04-123:07", "2014-04-12T03:07:00"),
        ("下午 within six characters of the time", "1.2.2015 下午 3:11-08:00", "2015-02-01T15:11:00-08:00"),
        ("a five-digit year: no date before the time", "31.12.20155 10:00", nil),
        ("the first of two stamps", "x 2001-02-03 04:05 then 2011-12-13 14:15", "2001-02-03T04:05:00"),
        ("seven characters between date and time", "2001-02-03abcdefg04:05", nil),
        ("spaces and U+3000 around 年月日", "2015\u{3000}年 3 月\t9\n日 10:11Z", "2015-03-09T10:11:00Z"),
        ("an offset minute of one digit", "2015-03-09 10:11-08:0", "2015-03-09T10:11:00-08:00"),
    ] as [(String, String, String?)])
    func stampByHand(name: String, text: String, expected: String?) {
        #expect(PlainScalars(text) != nil)
        #expect(BuildStamp.timestamp(in: text) == expected)
    }

    @Test("build stamps: the same groups as ICU in 4,000 generated texts and the corpus forms")
    func stampSameAsICU() {
        let corpusForms = [
            "Built at 2014-04-18T13:49:36Z-07:00", "页面生成时间：2016-07-06 11:07-07:00。", "页面生成时间 2014-12-03 7:49Z-08:00。",
            "Seite generiert am 18.05.2016 um 10:03:00-07:00.", "页面生成时间：2015/3/9 10:11-07:00。",
            "2015년 3월 9일 10:11Z-08:00에 페이지가 생성되었습니다.", "页面生成时间：2015-03-09 下午 3:11-08:00。",
            "Seite generiert am 18.05.2016 um 10:03:-07:00.", "",
        ]
        var matched = 0
        for text in corpusForms + Self.generatedTexts(count: 4_000, seeds: Self.stampSeeds, alphabet: Self.trailerAlphabet) {
            #expect(PlainScalars(text) != nil)
            let groups = BuildStamp.expression.firstMatchGroups(in: text)
            #expect(Self.groupOffsets(groups, in: text) == Self.groupOffsets(BuildStamp.expression.compiled.firstMatchGroups(in: text), in: text),
                    "\(text.debugDescription)")
            if groups != nil { matched += 1 }
        }
        #expect(matched > 1_000)
    }

    @Test("trailer checks: the same answer as ICU in 4,000 generated texts")
    func trailerSameAsICU() {
        var matched = (clock: 0, iso: 0)
        for text in Self.generatedTexts(count: 4_000, seeds: Self.stampSeeds, alphabet: Self.trailerAlphabet) {
            for (pattern, isClock) in [(TechNetQuirks.clockWithOffset, true), (TechNetQuirks.isoDateTime, false)] {
                let plain = pattern.matches(text)
                #expect(plain == pattern.compiled.matches(text), "\(text.debugDescription)")
                if plain { isClock ? (matched.clock += 1) : (matched.iso += 1) }
            }
        }
        #expect(matched.clock > 1_000)
        #expect(matched.iso > 200)
    }

    @Test("trailer checks by hand", arguments: [
        ("clock with offset", "11:07-07:00", true, false),
        ("clock with seconds, Z and a colonless offset", "9:05:06Z+0800", true, false),
        ("ISO date and time", "2014-04-18T13:49", false, true),
        ("a clock without an offset", "10:11", false, false),
    ])
    func trailerByHand(name: String, text: String, clock: Bool, iso: Bool) {
        #expect(TechNetQuirks.clockWithOffset.matches(text) == clock)
        #expect(TechNetQuirks.isoDateTime.matches(text) == iso)
    }

    /// Where each group lies in `text` (UTF-8 offsets), so that equal text at another place differs.
    static func groupOffsets(_ groups: [Substring?]?, in text: String) -> [Range<Int>?]? {
        groups?.map { group in group.flatMap { utf8Offsets($0.startIndex..<$0.endIndex, in: text) } }
    }

    static func utf8Offsets(_ range: Range<String.Index>?, in text: String) -> Range<Int>? {
        range.map { text.utf8.distance(from: text.startIndex, to: $0.lowerBound)..<text.utf8.distance(from: text.startIndex, to: $0.upperBound) }
    }

    static let otherPatterns: [(name: String, pattern: PlainFirstPattern)] = [
        ("subtitle KB", AdvisoryExtractor.subtitleKB), ("bulletin id in a title", AdvisoryExtractor.bulletinIdInTitle),
        ("MTPS library id", AdvisoryExtractor.mtpsLibraryId),
    ]

    @Test("subtitle KB, bulletin id and MTPS id: the same first match as ICU in 3,000 generated texts")
    func otherPatternsSameAsICU() {
        let alphabet = ["(", "（", ")", "）", "KB", "kb", "1234567", "12345", "8", " ", "\n", "\r", "\u{000C}", "\u{3000}",
                        "MS", "ms", "Ms", "08", "-", "067", "/library/", "/", "ms08-067", "v=Security.10", "更新", "x"]
        let seeds = ["Windows 内核中的漏洞 (941693)", "安全更新（KB2755801）\n", "Microsoft 安全公告 ms08-025 - 重要",
                     "https://technet.microsoft.com/zh-CN/library/ms08-025(v=Security.10)", "(KB 123456 )\r\n"]
        var found = [0, 0, 0]
        for text in Self.generatedTexts(count: 3_000, seeds: seeds, alphabet: alphabet) {
            for (index, (name, pattern)) in Self.otherPatterns.enumerated() {
                let plain = Self.utf8Offsets(pattern.firstRange(in: text), in: text)
                #expect(plain == Self.utf8Offsets(pattern.compiled.firstRange(in: text), in: text), "\(name): \(text.debugDescription)")
                if plain != nil { found[index] += 1 }
            }
        }
        #expect(found.allSatisfy { $0 > 300 }, "\(found)")
    }

    @Test("subtitle KB, bulletin id and MTPS id by hand", arguments: [
        ("KB in parentheses at the end", 0, "Windows 内核中的漏洞可能允许特权提升 (941693)", "(941693)"),
        ("fullwidth parentheses, KB and a final line feed", 0, "安全更新（KB2755801）\n", "（KB2755801）\n"),
        ("KB followed by more text", 0, "更新 (941693) 说明", nil),
        ("a lower-case bulletin id", 1, "Microsoft 安全公告 ms08-025 - 重要", "ms08-025"),
        ("a four-digit bulletin number takes its first three", 1, "MS08-0251", "MS08-025"),
        ("the MTPS id up to its parenthesis", 2, "https://technet.microsoft.com/zh-CN/library/ms08-025(v=Security.10)", "/library/ms08-025"),
    ] as [(String, Int, String, String?)])
    func otherPatternsByHand(name: String, pattern: Int, text: String, expected: String?) {
        #expect(PlainScalars(text) != nil)
        #expect(Self.otherPatterns[pattern].pattern.firstRange(in: text).map { String(text[$0]) } == expected)
    }

    @Test("an offset's minutes padded to two as Foundation pads them", arguments: [
        ("one digit gets a 0 after it", "0", "00"),
        ("two digits stay", "30", "30"),
        ("nothing becomes 00", "", "00"),
        ("three digits are cut to two", "123", "12"),
        ("an Arabic-Indic digit: one UTF-16 unit, left to Foundation", "\u{0663}", "\u{0663}0"),
    ])
    func paddedMinutes(name: String, minutes: String, expected: String) {
        #expect(BuildStamp.paddedToTwo(minutes[...]) == expected)
        #expect(BuildStamp.paddedToTwo(minutes[...]) == minutes.padding(toLength: 2, withPad: "0", startingAt: 0))
    }

    @Test("texts left to ICU", arguments: [
        ("a no-break space", "2015-03-09\u{00A0}10:11Z"),
        ("fullwidth digits", "２０１５-03-09 10:11Z"),
        ("Arabic-Indic digits", "2015-03-09 \u{0661}0:11Z"),
        ("a vertical tab", "2015-03-09\u{0B}10:11Z"),
        ("Cyrillic", "12.03.2015 г. 9:05:06-07:00"),
    ])
    func leftToICU(name: String, text: String) {
        #expect(PlainScalars(text) == nil)
        #expect(BuildStamp.expression.firstMatchGroups(in: text) == BuildStamp.expression.compiled.firstMatchGroups(in: text))
    }
}

/// The affected products' dedupe: on bytes when every key is plain text, as Strings otherwise.
@Suite("Product repeats")
struct ProductRepeatTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var products: [AffectedProduct]
        /// The lines of the products kept.
        var keptLines: [Int]
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "plain names: the second of two equal ones goes", products: [
            AffectedProduct(name: "Windows Vista", group: "操作系统", line: 1),
            AffectedProduct(name: "Windows Vista", group: "操作系统", line: 2),
            AffectedProduct(name: "Windows Vista", group: "操作系统", component: "组件", line: 3),
        ], keptLines: [1, 3]),
        Case(name: "group, name and component are told apart", products: [
            AffectedProduct(name: "a", group: "b", line: 1), AffectedProduct(name: "b", group: "a", line: 2),
            AffectedProduct(name: "a\u{0}b", line: 3), AffectedProduct(name: "b", group: "a", line: 4),
        ], keptLines: [1, 2, 3]),
        Case(name: "a precomposed and a decomposed é are one name", products: [
            AffectedProduct(name: "Windows Server Édition", line: 1), AffectedProduct(name: "Windows Server E\u{301}dition", line: 2),
        ], keptLines: [1]),
        Case(name: "a CJK compatibility ideograph equals its unified ideograph", products: [
            AffectedProduct(name: "\u{8C48}", line: 1), AffectedProduct(name: "\u{F900}", line: 2),
        ], keptLines: [1]),
        Case(name: "no products", products: [], keptLines: []),
    ]

    @Test("equal products are kept once, the first", arguments: cases)
    func repeats(_ c: Case) {
        #expect(AffectedSoftwareReader.withoutRepeats(c.products).map(\.line) == c.keptLines)
    }
}

/// The version line of a language without a pack (`bareVersion`): its dot found on bytes.
@Suite("Bare version lines")
struct BareVersionTests {
    @Test("a short label without digits, a colon and a version with a dot", arguments: [
        ("Finnish label, bold", "**Versio:** 1.0", "1.0"),
        ("fullwidth colon, comma for the dot", "Verzió： 2,1", "2.1"),
        ("a trailing dot dropped", "Versio: 3.0.", "3.0"),
        ("no dot: a number, not a version", "Versio: 2", nil),
        ("text after the version", "Versio: 1.0 (final)", nil),
        ("a digit in the label", "Versio 2: 1.0", nil),
    ] as [(String, String, String?)])
    func bareVersion(name: String, line: String, expected: String?) {
        #expect(AdvisoryExtractor.bareVersion(line) == expected)
    }
}
