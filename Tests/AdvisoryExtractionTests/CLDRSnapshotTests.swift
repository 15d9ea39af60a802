import AdvisoryExtraction
import Foundation
import Testing

/// The CLDR date symbols Herald ships for its locale packs are what ICU answers on this machine:
/// a newer ICU with other names or patterns fails here until the file is written anew
/// (`HERALD_WRITE_CLDR_SNAPSHOT=1 swift test --filter CLDRSnapshotTests`).
@Suite("CLDR snapshot")
struct CLDRSnapshotTests {
    static let tags = LocaleCatalog.shared.profiles.map(\.tag)

    static var snapshotFile: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources/AdvisoryExtraction/Resources/cldr/date-symbols.json")
    }

    @Test("Every locale pack has its CLDR date symbols shipped")
    func everyPackIsShipped() throws {
        try Self.writeWhenAsked()
        #expect(Self.tags.count >= 19)
        #expect(Set(CLDRDateSymbols.shipped.keys) == Set(Self.tags.map { $0.lowercased() }))
    }

    @Test("The shipped symbols are ICU's answer", arguments: tags)
    func shippedIsICU(tag: String) throws {
        let shipped = try #require(CLDRDateSymbols.shipped[tag.lowercased()], "no shipped symbols for \(tag)")
        #expect(shipped == CLDRDateSymbols(askingICUFor: tag))
    }

    @Test("Forms made from the shipped symbols equal forms asked of ICU", arguments: ["de-DE", "hu-HU", "zh-CN", "en-US"])
    func formsAgree(tag: String) {
        let shipped = CLDRDateForms.forms(for: tag)
        let asked = CLDRDateForms(tag: tag)
        #expect(shipped.monthNames == asked.monthNames)
        #expect(shipped.weekdayNames == asked.weekdayNames)
        #expect(shipped.patterns == asked.patterns)
        #expect(shipped.numericOrder == asked.numericOrder)
    }

    /// Writes the snapshot from ICU when `HERALD_WRITE_CLDR_SNAPSHOT=1`.
    static func writeWhenAsked() throws {
        guard ProcessInfo.processInfo.environment["HERALD_WRITE_CLDR_SNAPSHOT"] == "1" else { return }
        let symbols = Dictionary(uniqueKeysWithValues: tags.map { ($0, CLDRDateSymbols(askingICUFor: $0)) })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        try FileManager.default.createDirectory(at: snapshotFile.deletingLastPathComponent(), withIntermediateDirectories: true)
        try (encoder.encode(symbols) + Data("\n".utf8)).write(to: snapshotFile)
    }
}
