import Foundation

/// Content types of the files a site has, chosen by name.
enum MediaType {
    static let html = "text/html; charset=utf-8"

    static func of(_ path: String) -> String {
        let name = path.split(separator: "/").last.map { $0.lowercased() } ?? ""
        if path.isEmpty || path.hasSuffix("/") { return html }
        if name == "feed.json" { return "application/feed+json" }
        if name == "rss.xml" { return "application/rss+xml" }
        if name == "atom.xml" { return "application/atom+xml" }
        let ext = name.split(separator: ".").last.map(String.init) ?? ""
        switch ext {
        case "html", "htm": return html
        case "json": return "application/json"
        case "xml": return "application/xml"
        case "css": return "text/css; charset=utf-8"
        case "js", "mjs": return "text/javascript; charset=utf-8"
        case "txt", "sha256", "sha512": return "text/plain; charset=utf-8"
        case "csv": return "text/csv; charset=utf-8"
        case "png": return "image/png"
        case "jpg", "jpeg": return "image/jpeg"
        case "gif": return "image/gif"
        case "svg": return "image/svg+xml"
        case "webp": return "image/webp"
        case "avif": return "image/avif"
        case "ico": return "image/x-icon"
        case "bmp": return "image/bmp"
        case "pdf": return "application/pdf"
        case "woff2": return "font/woff2"
        case "woff": return "font/woff"
        default: return "application/octet-stream"
        }
    }
}

/// Strong entity tags: a 64-bit FNV-1a hash of the bytes and their length.
enum EntityTag {
    static func of(_ data: Data) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        data.withUnsafeBytes { buffer in
            for byte in buffer {
                hash ^= UInt64(byte)
                hash = hash &* 0x100_0000_01b3
            }
        }
        let hex = String(hash, radix: 16)
        return "\"" + String(repeating: "0", count: 16 - hex.count) + hex + "-" + String(data.count, radix: 16) + "\""
    }

    /// True when an `If-None-Match` value names `tag` (weak comparison) or is `*`.
    static func matches(_ ifNoneMatch: String, _ tag: String) -> Bool {
        for candidate in ifNoneMatch.split(separator: ",") {
            var value = candidate.trimmingCharacters(in: .whitespaces)
            if value == "*" { return true }
            if value.hasPrefix("W/") { value.removeFirst(2) }
            if value == tag { return true }
        }
        return false
    }
}
