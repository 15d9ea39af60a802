import AdvisoryExtraction
import AdvisoryModel
import Foundation
import SiteRendering
import XMLValidation

/// Maps every way a document is linked to (bulletin id, advisory number, asset GUID, MTPS id,
/// file stem) to its page in one locale, and rewrites links accordingly.
struct LinkResolver: Sendable {
    let locale: String
    let tree: ContentTree
    let layout: SiteLayout
    /// Lower-cased key → site path of the page.
    let pagesByKey: [String: String]
    /// Relative path of a document → site path of its page.
    let pagesBySource: [String: String]
    /// What each http(s) URL resolved to (it does not depend on the linking document): the
    /// same TechNet and Microsoft links recur on many pages.
    private let absolute = Locked<[String: Resolution]>([:])

    init(locale: String, tree: ContentTree, layout: SiteLayout, documents: [BuiltDocument]) {
        self.locale = locale
        self.tree = tree
        self.layout = layout
        var keys: [String: String] = [:]
        var sources: [String: String] = [:]
        keys.reserveCapacity(documents.count * 2)
        sources.reserveCapacity(documents.count)
        for document in documents {
            let page = layout.pagePath(locale: locale, slug: document.slug)
            sources[document.relativePath] = page
            let stem = Self.stem(of: document.relativePath)
            for key in [document.advisory.id.lowercased(), document.advisory.assetId?.lowercased(), document.advisory.mtpsId?.lowercased(), stem].compactMap({ $0 }) where !key.isEmpty {
                if keys[key] == nil { keys[key] = page }
            }
        }
        pagesByKey = keys
        pagesBySource = sources
    }

    /// The file name of `relativePath` without `.md`, lowercased: `SecurityAdvisories/2008/954474.md` → `954474`.
    static func stem(of relativePath: String) -> String {
        DocumentPath.lowercasedStem(of: lastSegment(of: relativePath))
    }

    enum Resolution: Equatable {
        case unchanged
        case local(String)
        case missing

        /// The URL a link to `url` gets: the local one, else `url` as it is.
        func target(of url: String) -> String {
            if case .local(let local) = self { return local }
            return url
        }
    }

    private static let technetHosts = ["technet.microsoft.com", "msdn.microsoft.com", "docs.microsoft.com", "learn.microsoft.com", "www.microsoft.com"]

    /// Whether `resolve` can answer `.missing` for `url`: only relative links can; absolute
    /// URLs, fragments and other schemes are left as they are or rewritten.
    static func mayBeMissing(_ url: String) -> Bool {
        !(url.hasPrefix("#") || url.hasPrefix("//") || url.containsByte(UInt8(ascii: ":")))
    }

    /// The host of an http(s) URL as a byte range of its UTF-8, and whether it is foreign: ASCII and
    /// none of `technetHosts` in any case, so that `resolve` leaves the URL unchanged whatever the
    /// site holds. Read from the bytes, without a lock; nil for any other URL.
    static func httpHost(of url: String) -> (range: Range<Int>, isForeign: Bool)? {
        var copy = url
        return copy.withUTF8 { bytes in
            guard let host = URLSafety.httpAuthorityRanges(in: bytes)?.host else { return nil }
            let hostBytes = UnsafeBufferPointer(rebasing: bytes[host])
            if hostBytes.contains(where: { $0 >= 0x80 }) { return (host, false) }
            return (host, technetHostIndex(ofASCII: hostBytes) == nil)
        }
    }

    /// The index in `technetHosts` of the ASCII `host` in any case.
    private static func technetHostIndex<Bytes: Collection<UInt8>>(ofASCII host: Bytes) -> Int? {
        technetHostBytes.firstIndex { known in
            known.count == host.count && zip(known, host).allSatisfy { $0 == $1.lowercasedASCII }
        }
    }

    private static let technetHostBytes = technetHosts.map { Array($0.utf8) }

    /// Where `url`, found in the document at `from`, should point.
    func resolve(_ url: String, from: String) -> Resolution {
        if let host = Self.httpHost(of: url) { return resolve(url, httpHost: host) }
        return resolve(url, notHTTPFrom: from)
    }

    /// The URL a link to `url` in the document at `from` gets (`resolve(_:from:).target(of:)`); a
    /// URL that is not http(s) is looked up in `checked` first (the document's checked links).
    /// An http(s) URL's host is read once.
    func target(of url: String, from: String, checked: [String: String]) -> String {
        if let host = Self.httpHost(of: url) { return resolve(url, httpHost: host).target(of: url) }
        return checked[url] ?? resolve(url, notHTTPFrom: from).target(of: url)
    }

    /// An http(s) URL whose host `httpHost(of:)` read: unchanged when foreign, else from the cache
    /// or resolved once for all documents.
    private func resolve(_ url: String, httpHost host: (range: Range<Int>, isForeign: Bool)) -> Resolution {
        if host.isForeign { return .unchanged }
        if let known = absolute.withLock({ $0[url] }) { return known }
        let resolution = resolve(url, host: host.range)
        absolute.withLock { $0[url] = resolution }
        return resolution
    }

    private func resolve(_ url: String, notHTTPFrom from: String) -> Resolution {
        guard Self.mayBeMissing(url) else { return .unchanged }
        let withoutFragment = url.pieces(at: UInt8(ascii: "#"), maxSplits: 1, omittingEmptySubsequences: false)
        let pathPart = String(withoutFragment.first ?? "").removingPercentEncoding ?? String(withoutFragment.first ?? "")
        let fragment = withoutFragment.count > 1 ? "#" + withoutFragment[1] : ""
        guard !pathPart.isEmpty else { return .unchanged }
        guard let target = tree.resolve(pathPart, from: from) else { return .missing }
        if target.lowercased().hasSuffix(".md") {
            guard let page = pagesBySource[target] else { return .missing }
            return .local(layout.link(page) + fragment)
        }
        return .local(layout.link(resourcePath(target)))
    }

    /// Where an http(s) URL whose host is the bytes `hostRange` of its UTF-8 should point: a
    /// TechNet or Microsoft page of a document here. An ASCII URL (nearly all) is read from its bytes.
    private func resolve(_ url: String, host hostRange: Range<Int>) -> Resolution {
        var copy = url
        switch copy.withUTF8({ Self.pageKey(ofASCII: $0, host: hostRange) }) {
        case .notASCII:
            let utf8 = url.utf8
            return resolve(url, host: url[utf8.index(utf8.startIndex, offsetBy: hostRange.lowerBound)..<utf8.index(utf8.startIndex, offsetBy: hostRange.upperBound)])
        case .unchanged:
            return .unchanged
        case .key(let key):
            return pagesByKey[key].map { .local(layout.link($0)) } ?? .unchanged
        }
    }

    /// What `resolve(_:host:)` looks up in `pagesByKey` for a URL.
    enum PageKey: Equatable {
        /// The URL is not ASCII: its `String` is read.
        case notASCII
        /// Nothing: the URL stays as it is.
        case unchanged
        case key(String)
    }

    /// `resolve(_:host:)`'s key of the UTF-8 `bytes` of a URL when they are ASCII: its lower case
    /// is then byte for byte, its `pieces` are split on bytes, and every byte is a `Character`
    /// but "\r\n", which none of the bytes looked for here is part of.
    static func pageKey(ofASCII bytes: UnsafeBufferPointer<UInt8>, host: Range<Int>) -> PageKey {
        guard !bytes.contains(where: { $0 >= 0x80 }) else { return .notASCII }
        let lower = bytes.map(\.lowercasedASCII)
        guard let hostIndex = technetHostIndex(ofASCII: lower[host]) else { return .unchanged }
        let anyPath = technetHosts[hostIndex] == "technet.microsoft.com"
        guard anyPath || lower.withUnsafeBufferPointer({ ByteSearch.contains($0, securityPath) || ByteSearch.contains($0, libraryPath) }) else { return .unchanged }
        // The last piece of the part before the first `?` that is not empty.
        var end = lower.firstIndex(of: UInt8(ascii: "?")) ?? lower.count
        while end > 0, lower[end - 1] == UInt8(ascii: "/") { end -= 1 }
        guard end > 0 else { return .unchanged }
        var start = end
        while start > 0, lower[start - 1] != UInt8(ascii: "/") { start -= 1 }
        var last = lower[start..<end]
        if let paren = last.firstIndex(of: UInt8(ascii: "(")) { last = last[..<paren] }
        if last.suffix(aspx.count).elementsEqual(aspx) { last = last.dropLast(aspx.count) }
        if last.suffix(mspx.count).elementsEqual(mspx) { last = last.dropLast(mspx.count) }
        return .key(String(decoding: last, as: UTF8.self))
    }

    private static let securityPath = Array("/security/".utf8)
    private static let libraryPath = Array("/library/".utf8)
    private static let aspx = Array(".aspx".utf8)
    private static let mspx = Array(".mspx".utf8)

    /// `resolve(_:host:)` on the URL's `String` (one that is not ASCII).
    private func resolve(_ url: String, host authorityHost: Substring) -> Resolution {
        let host = authorityHost.lowercased()
        guard Self.technetHosts.contains(host) else { return .unchanged }
        let lower = url.lowercased()
        guard lower.containsBytes(of: "/security/") || lower.containsBytes(of: "/library/") || host == "technet.microsoft.com" else { return .unchanged }
        let path = lower.pieces(at: UInt8(ascii: "?")).first.map(String.init) ?? lower
        guard var last = path.pieces(at: UInt8(ascii: "/")).last.map(String.init) else { return .unchanged }
        if let paren = last.firstIndex(of: "(") { last = String(last[..<paren]) }
        if last.hasSuffix(".aspx") { last.removeLast(5) }
        if last.hasSuffix(".mspx") { last.removeLast(5) }
        if let page = pagesByKey[last] { return .local(layout.link(page)) }
        return .unchanged
    }

    /// Output file of a copied resource: `zh-cn/images/…` in lower case.
    func resourceFile(_ relative: String) -> String {
        SiteLayout.folder(for: locale) + "/" + relative.lowercased()
    }

    /// Site path (URL-encoded) of a copied resource.
    func resourcePath(_ relative: String) -> String {
        SiteLayout.folder(for: locale) + "/" + relative.lowercased().split(separator: "/").map { segment in
            segment.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "/"))) ?? String(segment)
        }.joined(separator: "/")
    }
}

extension String {
    /// `split(separator:maxSplits:omittingEmptySubsequences:)` at an ASCII separator, made from the
    /// bytes when the string is ASCII: the same pieces (each byte is then a `Character`, but for
    /// "\r\n", which is no separator), without breaking the text into `Character`s.
    func pieces(at separator: UInt8, maxSplits: Int = .max, omittingEmptySubsequences: Bool = true) -> [Substring] {
        guard isAllASCII else {
            return split(separator: Character(Unicode.Scalar(separator)), maxSplits: maxSplits, omittingEmptySubsequences: omittingEmptySubsequences)
        }
        return utf8.split(separator: separator, maxSplits: maxSplits, omittingEmptySubsequences: omittingEmptySubsequences).map { self[$0.startIndex..<$0.endIndex] }
    }
}
