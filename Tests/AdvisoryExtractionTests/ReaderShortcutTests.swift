@testable import AdvisoryExtraction
import AdvisoryModel
import Foundation
import Testing

/// Round 3's shortcuts in the readers: the byte-value filter before a label search, the KB
/// marker scan, table tags read on bytes, and the length bound of severity words.
@Suite("Reader shortcuts")
struct ReaderShortcutTests {
    static let affected = ["受影响的软件", "Betroffene Software", "Affected Software"].map(LowercasedNeedle.init)

    @Test("a label is found only where it stands whole, whatever bytes the text shares with it", arguments: [
        ("the Chinese label", "受影响和不受影响的软件 受影响的软件", true),
        ("the Chinese label's characters, not in a row", "受影响和不受影响软件的", false),
        ("the German label, lower-cased text", "betroffene software und komponenten", true),
        ("every byte of the English label, scattered", "software affected", false),
        ("no byte in common", "12345", false),
        ("empty text", "", false),
    ])
    func labelSearch(name: String, lowered: String, found: Bool) {
        #expect(TextSearch.containsAny(lowered: lowered, Self.affected) == found)
    }

    @Test("no label list finds nothing; an empty label is in every text")
    func edgeLists() {
        #expect(!TextSearch.containsAny(lowered: "affected software", []))
        #expect(TextSearch.containsAny(lowered: "", [LowercasedNeedle("")]))
    }

    @Test("byte-value sets", arguments: [
        ("the same bytes", "abc", "cab", true),
        ("a byte beyond ASCII missing", "软件", "软", false),
        ("a byte beyond ASCII present", "软", "受影响的软件", true),
        ("an ASCII byte missing", "kb", "k", false),
        ("the empty set is in every set", "", "x", true),
    ])
    func byteValueSets(name: String, needle: String, text: String, contained: Bool) {
        let needleSet = Array(needle.utf8).withUnsafeBufferPointer(ByteValueSet.init)
        let textSet = Array(text.utf8).withUnsafeBufferPointer(ByteValueSet.init)
        #expect(textSet.isSuperset(of: needleSet) == contained)
    }

    @Test("texts that may hold a KB reference by their markers", arguments: [
        ("kb in a URL", "https://support.microsoft.com/kb/954474", true),
        ("KB in capitals", "KB954474", true),
        ("kbid query", "?KBID=954474", true),
        ("the English phrase in capitals", "KNOWLEDGE BASE ARTICLE 954474", true),
        ("simplified Chinese phrase", "知识库文章 954474", true),
        ("traditional Chinese phrase", "知識庫文章編號 954474", true),
        ("the scid form", "scid=kb;en-us;954474", true),
        ("a k at the very end", "build 954474 k", false),
        ("知 without the rest of the phrase", "知道 954474", false),
        ("no marker", "version 954474", false),
    ])
    func kbMarkers(name: String, text: String, mayHold: Bool) {
        var copy = text
        #expect(copy.withUTF8(IdentifierScanner.mayHoldKBMarker) == mayHold)
    }

    @Test("a six-digit run without a KB marker gives no KB number", arguments: [
        ("a build number", "build 9544741", [String]()),
        ("a build number and a KB number", "build 9544741 (KB954474)", ["954474"]),
    ])
    func identifiersWithoutMarkers(name: String, text: String, kbNumbers: [String]) {
        #expect(IdentifierScanner.identifiers(in: text).kbNumbers == kbNumbers)
    }

    @Test("table tags read on bytes as their names read", arguments: [
        ("a cell", "td", HTMLTableAssembler.TableTag.dataCell),
        ("a header cell with attributes", "TH colspan=\"2\"", .headerCell),
        ("a closing row in capitals", "/TR", .row),
        ("a table", "Table class=\"x\"", .table),
        ("table body is another tag", "tbody", .other),
        ("a name running into a non-ASCII letter", "tdé", .other),
        ("a name before a no-break space", "td\u{A0}class=x", .dataCell),
        ("a name longer than any table tag", "thead", .other),
        ("no name", "/ ", .other),
    ])
    func tableTags(name: String, tag: String, expected: HTMLTableAssembler.TableTag) {
        let bytes = Array(tag.utf8)
        #expect(bytes.withUnsafeBufferPointer { HTMLTableAssembler.tableTag($0[...]) } == expected)
    }

    @Test("an HTML table with a group row and Markdown between its tags")
    func htmlTable() {
        var assembler = HTMLTableAssembler()
        var grids = assembler.consume(html: "<table>\n<tr><th colspan=\"2\">Windows &amp; Office</th></tr>\n<tr><td>", line: 10)
        #expect(grids.isEmpty)
        #expect(assembler.isInsideCell)
        assembler.appendText("Windows XP [1]")
        grids = assembler.consume(html: "</td><TD>KB954474</TD></tr>\n</table>", line: 12)
        #expect(grids.count == 1)
        #expect(grids.first?.rows.map { $0.map(\.text) } == [["Windows & Office"], ["Windows XP [1]", "KB954474"]])
        #expect(grids.first?.rows.map { $0.map(\.columnSpan) } == [[2], [1, 1]])
        #expect(grids.first?.rows.first?.first?.isHeader == true)
        #expect(grids.first?.rowLines == [10, 10])
    }

    @Test("severity words, and texts longer than any", arguments: [
        ("Chinese between ideographic spaces", "\u{3000}严重\u{3000}", "critical"),
        ("Chinese repeated past every word's length", String(repeating: "严重", count: 20), nil),
        ("Korean", "긴급", "critical"),
        ("a long product name", "Microsoft Windows Server 2008 R2（用于基于 x64 的系统）Service Pack 1", nil),
        ("a long ASCII product name in bold with a colon", " **Windows Server 2008 for 32-bit Systems Service Pack 2:** ", nil),
        ("an English word in bold with a full stop", "**Critical.**", "critical"),
        ("a Hungarian word ending in an accent", "Kritikus fontosságú", "critical"),
    ] as [(String, String, String?)])
    func severityWords(name: String, cell: String, rating: String?) {
        #expect(LocaleCatalog.shared.severityRating(for: cell)?.rating == rating)
    }
}

/// The byte scan that tells whether a text of plain scalars holds a month name before ICU is asked.
@Suite("Month names in plain text")
struct PlainMonthNameTests {
    static let names = PlainMonthNames(names: ["june", "kasım", "märz", "一月", "sept."])

    @Test("plain texts with a name, without one, and with only a name's plain start", arguments: [
        ("a name in capitals", "RELEASED JUNE 17, 2014", true),
        ("a name inside a word still counts, as in the expression", "junebug 2014", true),
        ("another language's spelling", "juni 2014", false),
        ("the plain start of a name with a dotless i", "KASIM 2014", nil),
        ("a name with a letter no plain text holds", "marz 2014", false),
        ("a Chinese name inside a longer one", "2014年十一月", true),
        ("another Chinese month", "2014年二月", false),
        ("an abbreviation with its full stop", "Sept. 2014", true),
        ("the abbreviation without it", "Sept 2014", false),
    ] as [(String, String, Bool?)])
    func plainTexts(name: String, text: String, presence: Bool?) {
        #expect(Self.names.presence(in: text) == presence)
    }

    @Test("a text with a scalar beyond plain is left to the expression")
    func nonPlainText() {
        #expect(Self.names.presence(in: "März 2014") == nil)
        #expect(Self.names.presence(in: "Ju\u{0301}ly 2014") == nil)
    }

    @Test("a name that starts with a scalar a plain text might match leaves every text to the expression")
    func uncertainStart() {
        #expect(PlainMonthNames(names: ["ıocak"]).presence(in: "nothing here") == nil)
    }

    /// Wherever the scan answers, for the shipped month names (as written, in capitals,
    /// capitalised, without accents) and some texts without one, ICU answers the same.
    @Test("answers as the month-name expression does", arguments: LocaleCatalog.shared.profiles.map(\.tag))
    func agreesWithICU(tag: String) throws {
        let all = LocaleCatalog.shared.profiles.reduce(into: Set<String>()) { $0.formUnion(CLDRDateForms.forms(for: $1.tag).monthNames.keys) }
        let expression = try NSRegularExpression(pattern: "(?:" + all.sorted().map(NSRegularExpression.escapedPattern(for:)).joined(separator: "|") + ")", options: [.caseInsensitive])
        let scan = PlainMonthNames(names: all)
        let names = CLDRDateForms.forms(for: tag).monthNames.keys
        var texts = ["Windows Server 2008 R2", "Microsoft Office Professional 2007", "发布时间: 2009年12月8日 | 更新时间: 2009年12月9日", "2008 xyz 13"]
        for name in names {
            texts += [name, name.uppercased(), name.capitalized, name.applyingTransform(.stripDiacritics, reverse: false) ?? name].map { "2008 \($0) 13" }
        }
        for text in texts {
            let matched = expression.rangeOfFirstMatch(in: text, range: NSRange(text.startIndex..., in: text)).location != NSNotFound
            if let presence = scan.presence(in: text) { #expect(presence == matched, "\(tag): \(text)") }
        }
    }
}

/// A date line's parts between `|` take their dates from the line's, read once.
@Suite("Dates of a line's parts")
struct LinePartDateTests {
    @Test("each part's dates are what reading the part alone gives", arguments: [
        "发布时间: 2009年12月8日 | 更新时间: 2009年12月9日",
        "Veröffentlicht: 13. Juni 2008 | Aktualisiert: 17. Juni 2008",
        "Published: June 17, 2014|Updated: 2014/6/18",
        "2008年6月13日|2008-6-14 | 12.11.13",
        "|2008年6月13日 ",
        "Date 2008 | 6/13/2008|",
        "13|6|2008 and 2008|6|13",
    ])
    func partsAgree(line: String) {
        let reader = DateReader.shared
        let lineDates = reader.dates(in: line)
        for part in line.split(separator: "|", omittingEmptySubsequences: false) {
            #expect(reader.dates(in: part, of: line, lineDates: lineDates) == reader.dates(in: String(part)), "\(part)")
        }
    }

    @Test("the second part of a Chinese date line")
    func chineseSecondPart() throws {
        let line = "发布时间: 2009年12月8日 | 更新时间: 2009年12月9日"
        let parts = line.split(separator: "|")
        let atoms = DateReader.shared.dates(in: parts[1], of: line, lineDates: DateReader.shared.dates(in: line))
        let atom = try #require(atoms.first)
        #expect(atoms.count == 1)
        #expect(atom.date == DayDate(year: 2009, month: 12, day: 9))
        #expect(atom.range.location == 7)   // " 更新时间: " is seven UTF-16 units
        #expect(atom.text == "2009年12月9日")
    }

    @Test("the shipped reader's expressions never match a bar")
    func sharedReader() {
        #expect(DateReader.shared.staysBetweenBars)
    }

    @Test("expressions that might match a bar", arguments: [
        ("a year", "((?:19|20)\\d\\d)", true),
        ("a class of separators", "[年년\\-/]", true),
        ("a dot in a class is a dot", "(?<![\\d.])", true),
        ("letters", "(?:\\p{L}+\\.?,?)?", true),
        ("an escaped dot", "\\.", true),
        ("an era: a negated class", "(?:[^\\d\\s]+)?", false),
        ("an escaped bar", "a\\|b", false),
        ("a bar in a class", "[|/]", false),
        ("a wildcard", "d.M", false),
        ("not a space", "\\S+", false),
        ("punctuation by property", "\\p{P}", false),
    ])
    func barExpressions(name: String, pattern: String, cannot: Bool) {
        #expect(DateReader.cannotMatchBar(pattern) == cannot)
    }
}

@Suite("ASCII punctuation or its fullwidth form")
struct FullwidthPunctuationTests {
    @Test("a colon or question mark of either width, or none", arguments: [
        ("ASCII colon", ":", "Published: June 17, 2014", true),
        ("fullwidth colon", ":", "发布日期：2008年6月13日", true),
        ("a fullwidth semicolon shares two bytes with the colon", ":", "发布日期；2008年6月13日", false),
        ("no colon", ":", "Windows Server 2008 R2", false),
        ("fullwidth question mark", "?", "如何确定我是否受影响？", true),
        ("原 (E5 8E 9F) holds a 9F byte but no question mark", "?", "漏洞原因", false),
        ("ASCII question mark", "?", "What is it?", true),
        ("a fullwidth question mark opening the text", "?", "？", true),
        ("ß (C3 9F) at the start: a 9F byte at offset 1", "?", "ß", false),
        ("a question mark after a 9F byte that is none", "?", "原因？", true),
    ] as [(String, Character, String, Bool)])
    func punctuation(name: String, mark: Character, text: String, found: Bool) {
        #expect(TextSearch.containsASCIIOrFullwidth(mark.asciiValue!, in: text) == found)
    }

    /// The byte-by-byte reading the `memchr` search replaced.
    static func readByByte(_ ascii: UInt8, in text: String) -> Bool {
        let fullwidthLast = 0x80 + ascii - 0x20
        var previous: (UInt8, UInt8) = (0, 0)
        for byte in text.utf8 {
            if byte == ascii || (byte == fullwidthLast && previous == (0xEF, 0xBC)) { return true }
            previous = (previous.1, byte)
        }
        return false
    }

    @Test("the search reads generated texts as a byte-by-byte reading does")
    func againstByteReading() {
        let pieces = ["?", ":", "？", "：", "；", "原", "ß", "a", " ", "漏"].map { Array($0.utf8) }
        var found = 0
        for bytes in generatedSequences(count: 10_000, of: pieces, maxPieces: 8, seed: 0x2545_F491_4F6C_DD1D) {
            let text = String(decoding: bytes, as: UTF8.self)
            for mark in [UInt8(ascii: "?"), UInt8(ascii: ":")] {
                let expected = Self.readByByte(mark, in: text)
                #expect(TextSearch.containsASCIIOrFullwidth(mark, in: text) == expected, "\(text)")
                if expected { found += 1 }
            }
        }
        #expect(found > 5_000 && found < 19_000)
    }
}

/// The year-month-day expression read without ICU gives ICU's matches.
@Suite("Year-month-day dates without ICU")
struct YearMonthDayScanTests {
    static func icuMatches(_ text: String) throws -> [YearMonthDayScan.Match] {
        let expression = try NSRegularExpression(pattern: DateReader.yearMonthDayPattern, options: [.caseInsensitive])
        let ns = text as NSString
        return expression.matches(in: text, range: NSRange(location: 0, length: ns.length)).map { match in
            func number(_ group: Int) -> Int { Int(ns.substring(with: match.range(at: group))) ?? -1 }
            return YearMonthDayScan.Match(range: match.range, text: ns.substring(with: match.range), year: number(1), month: number(2), day: number(3))
        }
    }

    @Test("the same matches as ICU", arguments: [
        "2008年6月13日",
        "发布时间: 2009年12月8日 | 更新时间: 2009年12月9日",
        "2008 年 6 月 13 日",
        "2008年\u{3000}6月\u{3000}13日",
        "2008-6-13 and 2008/06/16",
        "2008-6-13 ",
        "2008-6-13\t日",
        "2008年\n6月\r\n13\n日",
        "12008年6月13日",
        "2008年12345月1日",
        "2008年6月13456日",
        "2008年6月1日2日",
        "1999年-2008年6月13日",
        "2008년 6월 14일",
        "V1.0（2014 年 11 月 11 日）：此公告已发布。",
        "2012 年 7 月 2417 日",
        "2008-06",
        "20082008-1-1",
        "2008/6/16/2009/1/2",
        "19 99年1月1日",
        "2008年6月13日日",
        "2008--1-1",
        "2008年/1/1",
        "2100年1月1日",
        "1900年13月40日",
        "no date at all",
        "",
    ])
    func sameAsICU(text: String) throws {
        #expect(YearMonthDayScan.matches(in: text) == (try Self.icuMatches(text)))
    }

    @Test("texts left to ICU", arguments: [
        ("a no-break space", "2008年6月13日\u{00A0}"),
        ("fullwidth digits", "２００８年6月13日"),
        ("a vertical tab", "2008\u{0B}年6月13日"),
        ("a letter with an accent", "2008-6-13 é"),
        ("a CJK compatibility ideograph", "2008年6月13日\u{F900}"),
    ])
    func leftToICU(name: String, text: String) {
        #expect(YearMonthDayScan.matches(in: text) == nil)
    }

    @Test("a Chinese date by hand")
    func chineseByHand() {
        let matches = YearMonthDayScan.matches(in: "发布日期：2008年6月13日 ")
        #expect(matches == [YearMonthDayScan.Match(range: NSRange(location: 5, length: 10), text: "2008年6月13日", year: 2008, month: 6, day: 13)])
    }

    /// Every line of the Chinese corpus with `年` that the scan reads: the same matches as ICU.
    @Test("the corpus's Chinese date lines", .enabled(if: Corpus.isAvailable, "../shared/corpus is absent"))
    func corpusLines() throws {
        let root = try #require(Corpus.root)
        let folder = root.appendingPathComponent("zh-cn/SecurityAdvisories")
        let files = FileManager.default.enumerator(atPath: folder.path)?.compactMap { $0 as? String }.filter { $0.hasSuffix(".md") } ?? []
        var checked = 0
        for file in files.sorted() {
            let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            for line in text.split(separator: "\n") where line.contains("年") && line.utf8.count <= 400 {
                let line = String(line)
                guard let matches = YearMonthDayScan.matches(in: line) else { continue }
                #expect(matches == (try Self.icuMatches(line)), "\(file): \(line)")
                checked += 1
            }
        }
        #expect(checked > 100)
    }
}

/// Lines under the title that `readDateLine` passes over without reading their dates, and the
/// ones it still reads.
@Suite("Date lines after the first paragraph")
struct LaterDateLineTests {
    @Test("a later line is read only with a label, a colon label or a bar", arguments: [
        ("no label, no colon, no bar", "Released 13. Juni 2008 here.", nil, nil, false),
        ("an unknown label before a colon", "Frei: 13. Juni 2008", "2008-06-13", nil, true),
        ("a bar between two dates", "am 13. Juni 2008 | am 14. Juni 2008", "2008-06-13", "2008-06-14", false),
        ("a colon after a label with digits", "Windows 7: 13. Juni 2008", nil, nil, false),
    ] as [(String, String, String?, String?, Bool)])
    func laterLine(name: String, line: String, published: String?, updated: String?, unknownLabel: Bool) {
        let result = extract("# T\n\nIntro without a date.\n\n\(line)\n")
        #expect(result.advisory.published == published.flatMap(day))
        #expect(result.advisory.updated == updated.flatMap(day))
        #expect(result.codes.contains(.loc003) == unknownLabel)
    }
}
