import Yams

/// The YAML files Herald reads (`site.yml`, `TOC.yml`, the strings catalogues), composed with no
/// resolver rule: every scalar and key is read as the text it is. Yams' default rules compile an
/// ICU expression each on first use (about 3 ms a run for the merge rule alone) and run them on
/// every plain scalar and on the key each look-up by name makes (`mapping["href"]`).
enum PlainYAML {
    static func compose(_ text: String) throws -> Node? {
        try Yams.compose(yaml: text, Resolver.basic)
    }
}
