import Foundation
import XMLValidation

/// The schemas Herald checks its own XML outputs against (RELAX NG, shipped in `schemas/`).
///
/// A generated file that fails its schema is a Herald bug: the build reports `OUT001` and
/// does not publish.
final class OutputSchemas: @unchecked Sendable {
    static let shared = OutputSchemas()

    private var schemas: [String: XMLSchema] = [:]
    private(set) var loadProblems: [String] = []

    private init() {
        for (name, text) in [("rss", Self.rss), ("atom", Self.atom), ("sitemap", Self.sitemap), ("sitemapindex", Self.sitemapIndex)] {
            do {
                schemas[name] = try XMLSchema(relaxNG: text, name: name)
            } catch {
                loadProblems.append("\(error)")
            }
        }
    }

    /// Problems of an XML output file, chosen by its root element.
    func problems(of file: OutputFile) -> [XMLProblem] {
        let bytes = [UInt8](file.data)
        let head = String(decoding: bytes.prefix(300), as: UTF8.self)
        let name: String
        if head.contains("<rss") { name = "rss" } else if head.contains("<feed") { name = "atom" } else if head.contains("<sitemapindex") { name = "sitemapindex" } else if head.contains("<urlset") { name = "sitemap" } else { return XMLChecker.wellFormednessProblems(of: bytes) }
        guard let schema = schemas[name] else {
            return [XMLProblem(line: 0, column: 0, message: "schema \(name) unavailable: \(loadProblems.joined(separator: "; "))")]
        }
        return XMLChecker.problems(of: bytes, against: schema)
    }

    static let rss = """
    <grammar xmlns="http://relaxng.org/ns/structure/1.0" datatypeLibrary="http://www.w3.org/2001/XMLSchema-datatypes">
      <start>
        <element name="rss">
          <attribute name="version"><value>2.0</value></attribute>
          <element name="channel">
            <interleave>
              <element name="title"><text/></element>
              <element name="link"><data type="anyURI"/></element>
              <element name="description"><text/></element>
              <optional><element name="language"><data type="language"/></element></optional>
              <optional><element name="lastBuildDate"><ref name="rfc822"/></element></optional>
              <element name="atom:link" ns="">
                <attribute name="href"><data type="anyURI"/></attribute>
                <attribute name="rel"><value>self</value></attribute>
                <attribute name="type"><value>application/rss+xml</value></attribute>
              </element>
              <zeroOrMore>
                <element name="item">
                  <interleave>
                    <element name="title"><text/></element>
                    <element name="link"><data type="anyURI"/></element>
                    <element name="guid"><attribute name="isPermaLink"><choice><value>true</value><value>false</value></choice></attribute><text/></element>
                    <element name="pubDate"><ref name="rfc822"/></element>
                    <zeroOrMore><element name="category"><text/></element></zeroOrMore>
                    <element name="description"><text/></element>
                  </interleave>
                </element>
              </zeroOrMore>
            </interleave>
          </element>
        </element>
      </start>
      <define name="rfc822">
        <data type="string"><param name="pattern">(Mon|Tue|Wed|Thu|Fri|Sat|Sun), [0-9]{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) [0-9]{4} [0-9]{2}:[0-9]{2}:[0-9]{2} \\+0000</param></data>
      </define>
    </grammar>
    """.replacingOccurrences(of: "<element name=\"atom:link\" ns=\"\">", with: "<element name=\"link\" ns=\"http://www.w3.org/2005/Atom\">")

    static let atom = """
    <grammar xmlns="http://relaxng.org/ns/structure/1.0" ns="http://www.w3.org/2005/Atom" datatypeLibrary="http://www.w3.org/2001/XMLSchema-datatypes">
      <start>
        <element name="feed">
          <optional><attribute name="xml:lang" ns="http://www.w3.org/XML/1998/namespace"><data type="language"/></attribute></optional>
          <interleave>
            <element name="id"><data type="anyURI"/></element>
            <element name="title"><text/></element>
            <optional><element name="subtitle"><text/></element></optional>
            <element name="updated"><data type="dateTime"/></element>
            <oneOrMore><ref name="link"/></oneOrMore>
            <element name="author"><element name="name"><text/></element></element>
            <zeroOrMore>
              <element name="entry">
                <interleave>
                  <element name="id"><data type="anyURI"/></element>
                  <element name="title"><text/></element>
                  <element name="updated"><data type="dateTime"/></element>
                  <optional><element name="published"><data type="dateTime"/></element></optional>
                  <oneOrMore><ref name="link"/></oneOrMore>
                  <zeroOrMore><element name="category"><attribute name="term"><text/></attribute></element></zeroOrMore>
                  <element name="summary"><attribute name="type"><value>html</value></attribute><text/></element>
                </interleave>
              </element>
            </zeroOrMore>
          </interleave>
        </element>
      </start>
      <define name="link">
        <element name="link">
          <attribute name="rel"><choice><value>self</value><value>alternate</value></choice></attribute>
          <attribute name="type"><text/></attribute>
          <attribute name="href"><data type="anyURI"/></attribute>
        </element>
      </define>
    </grammar>
    """

    static let sitemap = """
    <grammar xmlns="http://relaxng.org/ns/structure/1.0" ns="http://www.sitemaps.org/schemas/sitemap/0.9" datatypeLibrary="http://www.w3.org/2001/XMLSchema-datatypes">
      <start>
        <element name="urlset">
          <zeroOrMore>
            <element name="url">
              <element name="loc"><data type="anyURI"><param name="maxLength">2048</param></data></element>
              <optional><element name="lastmod"><data type="date"/></element></optional>
              <zeroOrMore>
                <element name="link" ns="http://www.w3.org/1999/xhtml">
                  <attribute name="rel"><value>alternate</value></attribute>
                  <attribute name="hreflang"><choice><value>x-default</value><data type="language"/></choice></attribute>
                  <attribute name="href"><data type="anyURI"/></attribute>
                </element>
              </zeroOrMore>
            </element>
          </zeroOrMore>
        </element>
      </start>
    </grammar>
    """

    static let sitemapIndex = """
    <grammar xmlns="http://relaxng.org/ns/structure/1.0" ns="http://www.sitemaps.org/schemas/sitemap/0.9" datatypeLibrary="http://www.w3.org/2001/XMLSchema-datatypes">
      <start>
        <element name="sitemapindex">
          <oneOrMore><element name="sitemap"><element name="loc"><data type="anyURI"/></element></element></oneOrMore>
        </element>
      </start>
    </grammar>
    """
}
