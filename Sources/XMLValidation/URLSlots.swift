import AdvisoryModel

extension HTMLSanitizer {
    /// Appends `html` (sanitised with `sanitize(deferringURLs:)`) to `out` with its URL slots
    /// filled as `fillingURLSlots` fills them: `resolve(url)`, else the URL itself when the
    /// resolved one is not well formed, escaped as an attribute. For a page written as bytes.
    public static func appendFillingURLSlots(_ html: UnsafeBufferPointer<UInt8>, urls: [String], to out: inout [UInt8], resolve: (String) -> String) {
        guard !urls.isEmpty else {
            out.append(contentsOf: html)
            return
        }
        var start = 0
        // A page's body is long and its slots are few: the C library's `memchr` finds them.
        while let index = ByteSearch.firstIndex(of: 0, in: html, from: start) {
            out.append(contentsOf: UnsafeBufferPointer(rebasing: html[start..<index]))
            var end = index + 1
            var number = 0
            while end < html.count, html[end] != 0 {
                number = number &* 10 &+ Int(html[end] &- 48)
                end += 1
            }
            if urls.indices.contains(number) {
                let url = urls[number]
                let filled = URLSafety.wellFormed(resolve(url)) ?? URLSafety.wellFormed(url) ?? ""
                Escaping.appendAttribute(filled, to: &out)
            }
            start = end + 1
        }
        if start < html.count { out.append(contentsOf: UnsafeBufferPointer(rebasing: html[start..<html.count])) }
    }
}
