import AdvisoryModel
import Foundation

/// The CSAF 2.0 §6.1 mandatory tests that apply to the documents Herald writes.
///
/// Implemented: 6.1.1, 6.1.2, 6.1.12, 6.1.14, 6.1.15, 6.1.16, 6.1.17, 6.1.18, 6.1.20, 6.1.21,
/// 6.1.22, 6.1.23, 6.1.27.1–6.1.27.6, 6.1.28, 6.1.30. Tests on elements Herald never writes (CVSS,
/// product groups, relationships, PURLs, flags, threats) are not run. The JSON schema itself is
/// checked by `scripts/validate-csaf.py`.
public enum CSAFValidator {
    /// The failed tests, each message starting with the test number (`"6.1.16: …"`); empty when
    /// the document passes every implemented test.
    public static func mandatoryTestFailures(_ document: CSAFDocument) -> [String] {
        var failures: [String] = []
        failures += productIDTests(document)
        failures += languageTests(document.document)
        failures += trackingTests(document.document.tracking)
        failures += vulnerabilityTests(document)
        failures += profileTests(document)
        return failures
    }

    // MARK: 6.1.1, 6.1.2

    private static func productIDTests(_ document: CSAFDocument) -> [String] {
        var failures: [String] = []
        let defined = document.productTree?.allProducts.map(\.productID) ?? []
        var counts: [String: Int] = [:]
        for id in defined { counts[id, default: 0] += 1 }

        // The vulnerabilities of a record list the same products and remediations: a list equal
        // to one checked already adds nothing.
        var reported: Set<String> = []
        var checked: [[String]] = []
        func check(_ referenced: [String]) {
            guard !checked.contains(referenced) else { return }
            checked.append(referenced)
            for id in referenced where counts[id] == nil && reported.insert(id).inserted {
                failures.append("6.1.1: product id \(id) is referenced but not defined")
            }
        }
        // Lists equal to the previous vulnerability's (`==` finds an array shared with it at once)
        // are not even gathered.
        var previous: CSAFDocument.Vulnerability?
        for vulnerability in document.vulnerabilities ?? [] {
            defer { previous = vulnerability }
            if previous == nil || vulnerability.productStatus != previous?.productStatus {
                check(vulnerability.productStatus?.allProductIDs ?? [])
            }
            if previous == nil || vulnerability.remediations != previous?.remediations {
                for remediation in vulnerability.remediations ?? [] { check(remediation.productIDs ?? []) }
            }
        }
        for (id, count) in counts.sorted(by: { $0.key < $1.key }) where count > 1 {
            failures.append("6.1.2: product id \(id) is defined \(count) times")
        }
        return failures
    }

    // MARK: 6.1.12, 6.1.15, 6.1.28

    private static func languageTests(_ metadata: CSAFDocument.Metadata) -> [String] {
        var failures: [String] = []
        if let lang = metadata.lang, !BCP47LanguageTag.isValid(lang) {
            failures.append("6.1.12: lang \"\(lang)\" is not a valid BCP 47 language tag")
        }
        if let source = metadata.sourceLang, !BCP47LanguageTag.isValid(source) {
            failures.append("6.1.12: source_lang \"\(source)\" is not a valid BCP 47 language tag")
        }
        if metadata.publisher.category == "translator", metadata.sourceLang == nil {
            failures.append("6.1.15: the publisher is a translator but source_lang is missing")
        }
        if let lang = metadata.lang, let source = metadata.sourceLang, lang.lowercased() == source.lowercased() {
            failures.append("6.1.28: lang and source_lang are both \"\(lang)\"")
        }
        return failures
    }

    // MARK: 6.1.14, 6.1.16–6.1.22, 6.1.30

    private static func trackingTests(_ tracking: CSAFDocument.Tracking) -> [String] {
        var failures: [String] = []
        let history = tracking.revisionHistory
        let numbers = history.map { CSAFVersionNumber($0.number) }
        let status = tracking.status
        let version = CSAFVersionNumber(tracking.version)

        // 6.1.30: one versioning scheme for the whole document.
        let schemes = Set(([version] + numbers).compactMap { $0?.isInteger })
        if schemes.count > 1 {
            failures.append("6.1.30: integer and semantic versioning are mixed in version and revision numbers")
            return failures // the ordering tests below are meaningless across schemes
        }

        // 6.1.14: sorted by date, the numbers ascend.
        let dated = zip(history, numbers).compactMap { item, number in number.map { (date: CSAFTimestamp(item.date), number: $0, text: item.number) } }
        let byDate = dated.sorted { ($0.date, $0.number) < ($1.date, $1.number) }
        for (earlier, later) in zip(byDate, byDate.dropFirst()) where later.date > earlier.date && !(later.number > earlier.number) {
            failures.append("6.1.14: revision \(later.text) (\(later.date.text)) is not numbered above revision \(earlier.text) (\(earlier.date.text))")
        }

        // 6.1.16: version equals the number of the newest revision.
        if let newest = byDate.last {
            let matches = status == "draft"
                ? version?.withoutPreRelease == newest.number.withoutPreRelease
                : tracking.version == newest.text
            if !matches {
                failures.append("6.1.16: version \(tracking.version) differs from the newest revision number \(newest.text)")
            }
        }

        // 6.1.17: version 0, 0.y.z or a pre-release only in a draft.
        if let version, version.isZeroOrPreRelease, status != "draft" {
            failures.append("6.1.17: version \(tracking.version) requires status draft, not \(status)")
        }
        // 6.1.18: no revision 0 / 0.y.z once released.
        if status == "final" || status == "interim" {
            for (item, number) in zip(history, numbers) where number?.major == 0 {
                failures.append("6.1.18: revision number \(item.number) is not allowed with status \(status)")
            }
            // 6.1.20: no pre-release version once released.
            if let version, version.preRelease != nil {
                failures.append("6.1.20: version \(tracking.version) has a pre-release part but status is \(status)")
            }
        }

        // 6.1.21: no missing numbers; the first is 0 or 1.
        let sortedNumbers = numbers.compactMap { $0 }.sorted()
        if let first = sortedNumbers.first {
            if first.major > 1 {
                failures.append("6.1.21: the first revision number is \(first.text), not 0 or 1")
            }
            let majors = Array(Set(sortedNumbers.map(\.major))).sorted()
            for (lower, upper) in zip(majors, majors.dropFirst()) where upper - lower > 1 {
                failures.append("6.1.21: revision numbers jump from \(lower) to \(upper)")
            }
        }

        // 6.1.22: no duplicate numbers.
        var counts: [String: Int] = [:]
        for item in history { counts[item.number, default: 0] += 1 }
        for (number, count) in counts.sorted(by: { $0.key < $1.key }) where count > 1 {
            failures.append("6.1.22: revision number \(number) appears \(count) times")
        }
        return failures
    }

    // MARK: 6.1.23

    private static func vulnerabilityTests(_ document: CSAFDocument) -> [String] {
        var counts: [String: Int] = [:]
        for cve in (document.vulnerabilities ?? []).compactMap(\.cve) { counts[cve, default: 0] += 1 }
        return counts.sorted { $0.key < $1.key }.filter { $0.value > 1 }.map {
            "6.1.23: \($0.key) appears in \($0.value) vulnerabilities"
        }
    }

    // MARK: 6.1.27.x

    private static func profileTests(_ document: CSAFDocument) -> [String] {
        var failures: [String] = []
        let category = document.document.category
        let informational = category == CSAFDocument.Category.informationalAdvisory.rawValue
        let incident = category == CSAFDocument.Category.securityIncidentResponse.rawValue
        let security = category == CSAFDocument.Category.securityAdvisory.rawValue
        let vex = category == CSAFDocument.Category.vex.rawValue

        if informational || incident {
            let descriptive: Set<String> = ["description", "details", "general", "summary"]
            if !(document.document.notes ?? []).contains(where: { descriptive.contains($0.category) }) {
                failures.append("6.1.27.1: \(category) needs a document note of category description, details, general or summary")
            }
            if !(document.document.references ?? []).contains(where: { ($0.category ?? "external") == "external" }) {
                failures.append("6.1.27.2: \(category) needs an external document reference")
            }
        }
        if informational, document.vulnerabilities != nil {
            failures.append("6.1.27.3: \(category) must not have /vulnerabilities")
        }
        if security || vex {
            if document.productTree == nil {
                failures.append("6.1.27.4: \(category) needs /product_tree")
            }
            guard let vulnerabilities = document.vulnerabilities, !vulnerabilities.isEmpty else {
                failures.append("6.1.27.5: \(category) needs /vulnerabilities")
                return failures
            }
            for (index, vulnerability) in vulnerabilities.enumerated() {
                let name = vulnerability.cve ?? "vulnerability \(index)"
                if (vulnerability.notes ?? []).isEmpty {
                    failures.append("6.1.27.5: \(name) has no notes")
                }
                if security, vulnerability.productStatus == nil {
                    failures.append("6.1.27.6: \(name) has no product_status")
                }
            }
        }
        return failures
    }
}

/// A `version_t`: an integer (`2`) or a semantic version (`1.4.3-rc.1+build`).
struct CSAFVersionNumber: Comparable {
    var major: Int
    var minor: Int
    var patch: Int
    var preRelease: String?
    var isInteger: Bool
    var text: String

    init?(_ text: String) {
        self.text = text
        if let integer = Int(text), integer >= 0, text.allSatisfy(\.csafIsDigit) {
            (major, minor, patch, preRelease, isInteger) = (integer, 0, 0, nil, true)
            return
        }
        let withoutBuild = text.split(separator: "+", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? text
        let preSplit = withoutBuild.split(separator: "-", maxSplits: 1, omittingEmptySubsequences: false)
        let core = preSplit.first.map { $0.split(separator: ".", omittingEmptySubsequences: false) } ?? []
        guard core.count == 3, core.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.csafIsDigit) }),
              let major = Int(core[0]), let minor = Int(core[1]), let patch = Int(core[2]) else { return nil }
        (self.major, self.minor, self.patch, self.isInteger) = (major, minor, patch, false)
        preRelease = preSplit.count > 1 ? String(preSplit[1]) : nil
    }

    /// Version 0, 0.y.z, or one with a pre-release part: only allowed in drafts.
    var isZeroOrPreRelease: Bool { major == 0 || preRelease != nil }

    /// The same version without its pre-release part (and build metadata).
    var withoutPreRelease: [Int] { [major, minor, patch] }

    static func < (a: CSAFVersionNumber, b: CSAFVersionNumber) -> Bool {
        if (a.major, a.minor, a.patch) != (b.major, b.minor, b.patch) {
            return (a.major, a.minor, a.patch) < (b.major, b.minor, b.patch)
        }
        switch (a.preRelease, b.preRelease) {
        case let (x?, y?): return x.compare(y, options: .numeric) == .orderedAscending
        case (_?, nil): return true
        default: return false
        }
    }

    static func == (a: CSAFVersionNumber, b: CSAFVersionNumber) -> Bool {
        (a.major, a.minor, a.patch, a.preRelease) == (b.major, b.minor, b.patch, b.preRelease)
    }
}

/// A CSAF date-time, comparable as an instant when it parses as RFC 3339, else by its text.
struct CSAFTimestamp: Comparable {
    var text: String
    /// Seconds since 1970 in UTC and the fraction's nanoseconds, when `text` is an RFC 3339 date-time.
    var instant: Instant?

    struct Instant: Comparable {
        var seconds: Int
        var nanoseconds: Int

        static func < (a: Instant, b: Instant) -> Bool { (a.seconds, a.nanoseconds) < (b.seconds, b.nanoseconds) }
    }

    init(_ text: String) {
        self.text = text
        instant = Self.parse(Array(text.utf8))
    }

    /// `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)`, `T` and `Z` in either case.
    static func parse(_ bytes: [UInt8]) -> Instant? {
        var index = 0
        func number(_ digits: Int) -> Int? {
            guard index + digits <= bytes.count else { return nil }
            var value = 0
            for byte in bytes[index..<(index + digits)] {
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            index += digits
            return value
        }
        func expect(_ allowed: UInt8...) -> Bool {
            guard index < bytes.count, allowed.contains(bytes[index]) else { return false }
            index += 1
            return true
        }
        guard let year = number(4), expect(UInt8(ascii: "-")), let month = number(2), expect(UInt8(ascii: "-")), let day = number(2),
              expect(UInt8(ascii: "T"), UInt8(ascii: "t")), let hour = number(2), expect(UInt8(ascii: ":")), let minute = number(2),
              expect(UInt8(ascii: ":")), let second = number(2),
              (1...12).contains(month), day >= 1, day <= DayDate.daysIn(month: month, year: year), hour <= 23, minute <= 59, second <= 60
        else { return nil }
        var nanoseconds = 0
        if expect(UInt8(ascii: ".")) {
            var scale = 100_000_000
            let first = index
            while index < bytes.count, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") {
                nanoseconds += Int(bytes[index] - UInt8(ascii: "0")) * scale
                scale /= 10
                index += 1
            }
            guard index > first else { return nil }
        }
        var offset = 0
        if !expect(UInt8(ascii: "Z"), UInt8(ascii: "z")) {
            guard index < bytes.count else { return nil }
            let sign = bytes[index] == UInt8(ascii: "-") ? -1 : 1
            guard expect(UInt8(ascii: "+"), UInt8(ascii: "-")), let hours = number(2), expect(UInt8(ascii: ":")), let minutes = number(2),
                  hours <= 23, minutes <= 59 else { return nil }
            offset = sign * (hours * 3600 + minutes * 60)
        }
        guard index == bytes.count else { return nil }
        let seconds = DayDate.daysSinceEpoch(year: year, month: month, day: day) * 86_400 + hour * 3600 + minute * 60 + second - offset
        return Instant(seconds: seconds, nanoseconds: nanoseconds)
    }

    static func < (a: CSAFTimestamp, b: CSAFTimestamp) -> Bool {
        if let x = a.instant, let y = b.instant { return x < y }
        return a.text < b.text
    }

    static func == (a: CSAFTimestamp, b: CSAFTimestamp) -> Bool {
        if let x = a.instant, let y = b.instant { return x == y }
        return a.text == b.text
    }
}
