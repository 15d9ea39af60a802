import SiteRendering

/// A document page made in one byte buffer. Mustache renders the page template with a short
/// marker in place of each of the two large parts, the navigation and the body, and the parts'
/// bytes are copied in where the markers are: the template language and its output stay what
/// they are, and the large parts are copied once, into the page.
///
/// A marker is `NUL <Herald-name NUL`, followed by the line break the part ends with (so that
/// Mustache indents what follows a part in an indented partial as it would after the part).
/// Escaping or transforming a marker changes its `<` or its letters; a page whose rendered
/// shell holds a NUL byte that starts no marker is rendered with the parts themselves instead.
enum PageShell {
    /// A large part of a page: the template variable it fills and a writer of its bytes.
    struct Part {
        var marker: [UInt8]
        var write: (inout [UInt8]) -> Void

        /// A part whose bytes `endingLike` ends with (the bytes themselves, or the source they are made from).
        init(name: String, endingLike bytes: UnsafeBufferPointer<UInt8>, write: @escaping (inout [UInt8]) -> Void) {
            var marker = Array("\u{0}<Herald-\(name)\u{0}".utf8)
            if bytes.count >= 2, bytes[bytes.count - 2] == 13, bytes[bytes.count - 1] == 10 {
                marker += [13, 10]
            } else if bytes.last == 10 {
                marker.append(10)
            }
            self.marker = marker
            self.write = write
        }

        /// The marker as the value of the template variable.
        var markerText: String { String(decoding: marker, as: UTF8.self) }
    }

    /// `shell` with each marker replaced by its part's bytes; nil when a NUL byte of the shell
    /// starts no marker.
    static func assemble(_ shell: String, parts: [Part], extraCapacity: Int) -> [UInt8]? {
        var shell = shell
        return shell.withUTF8 { bytes -> [UInt8]? in
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count + extraCapacity)
            var start = 0
            while let marker = bytes[start...].firstIndex(of: 0) {
                guard let part = parts.first(where: { part in
                    marker + part.marker.count <= bytes.count && part.marker.elementsEqual(UnsafeBufferPointer(rebasing: bytes[marker..<marker + part.marker.count]))
                }) else { return nil }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<marker]))
                part.write(&out)
                start = marker + part.marker.count
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start...]))
            return out
        }
    }

    /// A page's view with its navigation and body as bytes, written where the template shows
    /// them (`TemplateProgram`).
    ///
    /// The views a page looks into again and again (`record.…`, `feeds.…`) are boxed as template
    /// values once, not at each lookup.
    struct PageParts: TemplateObject {
        let view: PageView
        let navigation: TemplateBytes
        let body: TemplateBytes
        private let record: TemplateValue?
        private let feeds: TemplateValue?

        init(view: PageView, navigation: TemplateBytes, body: TemplateBytes) {
            self.view = view
            self.navigation = navigation
            self.body = body
            record = view.value(named: "record")
            feeds = view.value(named: "feeds")
        }

        func value(named name: String) -> TemplateValue? {
            switch name {
            case "navigation": .bytes(navigation)
            case "body": .bytes(body)
            case "record": record
            case "feeds": feeds
            default: view.value(named: name)
            }
        }
    }
}
