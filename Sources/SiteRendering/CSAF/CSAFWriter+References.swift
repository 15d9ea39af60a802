import AdvisoryModel
import Foundation
import XMLValidation

/// The references of a CSAF document: itself, its KB articles, the usable links of its record.
extension CSAFWriter {
    static func references(of advisory: Advisory, canonicalURL: String, title: String, configuration: CSAFConfiguration) -> [CSAFDocument.Reference] {
        var result = [CSAFDocument.Reference(category: "self", summary: title, url: canonicalURL)]
        let limit = max(0, configuration.maximumExternalReferences)
        var knowledgeBaseURLs: [String] = []
        for kb in knowledgeBaseNumbers(advisory.kb + advisory.products.flatMap(\.kb)) {
            let url = knowledgeBaseURL(kb)
            guard url != canonicalURL else { continue }
            knowledgeBaseURLs.append(url)
            if result.count <= limit {
                result.append(.init(category: "external", summary: "\(configuration.vendorName) Knowledge Base Article \(kb)", url: url))
            }
        }
        let links = advisory.links
        for index in firstLinksByURL(links, excluding: canonicalURL, knowledgeBaseURLs, count: limit + 1 - result.count) {
            let text = links[index].text.csafTrimmed.csafCollapsingWhitespace
            result.append(.init(category: "external", summary: text.isEmpty ? links[index].url : text, url: links[index].url))
        }
        return result
    }

    /// The indices of the first `count` links in the order of their URLs, each URL once (at its
    /// first link), leaving out URLs that are not usable or are `excluded`: the links the
    /// references list. Usable URLs are ASCII, so `String`'s order is the order of their bytes,
    /// which are sorted as spans of one buffer (`memcmp`, no `String` per comparison). All URLs
    /// are sorted, and only the distinct ones up to the last kept are checked for use: the
    /// usable among them stay in the same order, and a URL's copies are all usable or none.
    private static func firstLinksByURL(_ links: [DocumentLink], excluding canonicalURL: String, _ excluded: [String], count: Int) -> [Int] {
        guard count > 0, !links.isEmpty else { return [] }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(links.reduce(0) { $0 + $1.url.utf8.count })
        var spans: [URLSpan] = []
        spans.reserveCapacity(links.count)
        for (index, link) in links.enumerated() {
            let start = bytes.count
            var url = link.url
            url.withUTF8 { bytes.append(contentsOf: $0) }
            spans.append(URLSpan(start: start, count: bytes.count - start, link: index))
        }
        // A usable URL is printable ASCII, so it equals an ASCII string exactly when their bytes
        // are equal (a string beyond ASCII may still equal it: the Kelvin sign `K` equals `K`).
        let others = [canonicalURL] + excluded
        let othersAreASCII = others.allSatisfy(\.isAllASCII)
        var kept: [Int] = []
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            spans.sort { $0.precedes($1, in: base) }
            var previous: URLSpan?
            for span in spans {
                defer { previous = span }
                if let previous, previous.hasSameBytes(as: span, in: base) { continue }
                let url = links[span.link].url
                guard isUsableURL(url) else { continue }
                if othersAreASCII {
                    guard !others.contains(where: { span.hasBytes(of: $0, in: base) }) else { continue }
                } else {
                    guard url != canonicalURL, !excluded.contains(url) else { continue }
                }
                kept.append(span.link)
                if kept.count == count { break }
            }
        }
        return kept
    }

    /// One link's URL as a span of a shared buffer.
    private struct URLSpan {
        var start: Int
        var count: Int
        var link: Int

        /// Byte order of the URLs, a prefix first; the earlier link first for the same URL.
        func precedes(_ other: URLSpan, in base: UnsafePointer<UInt8>) -> Bool {
            let order = memcmp(base + start, base + other.start, min(count, other.count))
            if order != 0 { return order < 0 }
            return count != other.count ? count < other.count : link < other.link
        }

        func hasSameBytes(as other: URLSpan, in base: UnsafePointer<UInt8>) -> Bool {
            count == other.count && memcmp(base + start, base + other.start, count) == 0
        }

        func hasBytes(of text: String, in base: UnsafePointer<UInt8>) -> Bool {
            guard text.utf8.count == count else { return false }
            var text = text
            return text.withUTF8 { count == 0 || memcmp(base + start, $0.baseAddress!, count) == 0 }
        }
    }

    /// `https://support.microsoft.com/kb/954474`.
    public static func knowledgeBaseURL(_ number: String) -> String {
        "https://support.microsoft.com/kb/" + number
    }

    /// Distinct all-digit KB numbers in ascending numeric order.
    static func knowledgeBaseNumbers(_ values: [String]) -> [String] {
        var digits: [String] = []
        digits.reserveCapacity(values.count)
        for value in values {
            let trimmed = value.csafTrimmed
            if !trimmed.isEmpty && trimmed.utf8.allSatisfy({ $0 &- UInt8(ascii: "0") < 10 }) { digits.append(trimmed) }
        }
        guard digits.count > 1 else { return digits }
        // Without a set: numbers are ASCII digits, so equal ones have the same bytes and sort side by side.
        digits.sort { $0.utf8.count != $1.utf8.count ? $0.utf8.count < $1.utf8.count : $0 < $1 }
        var distinct = 1
        for index in 1..<digits.count where digits[index] != digits[distinct - 1] {
            digits.swapAt(distinct, index)
            distinct += 1
        }
        digits.removeLast(digits.count - distinct)
        return digits
    }

    /// Whether a link may be a CSAF reference: an absolute http(s) URL of printable ASCII with a
    /// dotted host and well-formed percent escapes (the schema's `uri` format).
    public static func isUsableURL(_ text: String) -> Bool {
        guard URLSafety.isPlainURI(text) else { return false }
        var copy = text
        return copy.withUTF8 { bytes in
            guard !bytes.contains(where: { $0 == UInt8(ascii: "[") || $0 == UInt8(ascii: "]") }),
                  let authority = URLSafety.httpAuthorityRanges(in: bytes) else { return false }
            let host = bytes[authority.host]
            return host.contains(UInt8(ascii: ".")) && host.last != UInt8(ascii: ".") && host.allSatisfy(\.isHostByte)
                && (authority.userinfo.map { bytes[$0].allSatisfy { $0.isHostByte || $0 == UInt8(ascii: ":") } } ?? true)
                && (authority.port.map { bytes[$0].allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") } } ?? true)
        }
    }
}

private extension UInt8 {
    /// A byte of an RFC 3986 reg-name: unreserved, sub-delims or `%` of an escape.
    var isHostByte: Bool {
        switch self {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "!"), UInt8(ascii: "$"),
             UInt8(ascii: "&"), UInt8(ascii: "'"), UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "*"), UInt8(ascii: "+"),
             UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "="), UInt8(ascii: "%"):
            true
        default:
            false
        }
    }
}
