import AdvisoryExtraction
import AdvisoryModel
import Foundation
import Yams

/// The `labels:` key of `site.yml`: per locale, labels and severity words added to Herald's
/// locale pack (or a new pack for a language Herald has none for).
///
/// ```yaml
/// labels:
///   fi-FI:
///     revisions: [Versiohistoria]
///     severity: { critical: [Kriittinen] }
/// ```
///
/// Read from the YAML node tree so that every error names the line it is on.
public enum LabelOverrides {
    private static let listFields: Set<String> = [
        "published", "updated", "version", "revisions", "affected", "notAffected", "faq",
        "maximumSeverity", "workarounds", "acknowledgments",
    ]
    private static let allFields = listFields.union(["severity", "script", "numericDate"])

    /// The additions in `labels`, the value of the `labels:` key of `path`; throws `CFG001` at the
    /// line and column of the first value of the wrong type, unknown field or unknown locale.
    static func read(_ labels: Node, path: String) throws(Diagnostic) -> [LocaleProfile] {
        func fail(_ node: Node, _ message: String) -> Diagnostic {
            let mark = node.mark ?? labels.mark
            return Diagnostic(.cfg001, "labels: \(message)", at: SourceLocation(path: path, line: mark?.line ?? 1, column: mark?.column ?? 1))
        }
        if case .scalar(let scalar) = labels, ["", "~", "null"].contains(scalar.string.lowercased()) { return [] }
        guard let locales = labels.mapping else { throw fail(labels, "must map locale tags to label lists (e.g. `fi-FI: { revisions: [Versiohistoria] }`)") }
        var profiles: [LocaleProfile] = []
        for (tagNode, fields) in locales {
            guard let tag = tagNode.string, let canonical = LocaleCatalog.shared.canonicalTag(tag) else {
                throw fail(tagNode, "'\(tagNode.string ?? "?")' is not a locale Herald or CLDR knows (write it as language-REGION, e.g. fi-FI)")
            }
            guard let fieldMap = fields.mapping else { throw fail(fields, "\(canonical) must be a mapping of label fields") }
            var profile = LocaleProfile(tag: canonical)
            for (nameNode, value) in fieldMap {
                let name = nameNode.string ?? ""
                guard allFields.contains(name) else {
                    throw fail(nameNode, "\(canonical) has an unknown field '\(name)' (known: \(allFields.sorted().joined(separator: ", ")))")
                }
                switch name {
                case "severity":
                    guard let ratings = value.mapping else { throw fail(value, "\(canonical).severity must map critical/important/moderate/low to lists of words") }
                    for (ratingNode, words) in ratings {
                        let rating = ratingNode.string ?? ""
                        guard LocaleProfile.ratings.contains(rating) else {
                            throw fail(ratingNode, "\(canonical).severity has an unknown rating '\(rating)' (known: \(LocaleProfile.ratings.joined(separator: ", ")))")
                        }
                        profile.severity[rating] = try strings(words, field: "\(canonical).severity.\(rating)", fail: fail)
                    }
                case "script":
                    guard let script = value.scalar?.string, !script.isEmpty else { throw fail(value, "\(canonical).script must be a string (latn, cyrl, hans, …)") }
                    profile.script = script
                case "numericDate":
                    guard let order = value.scalar?.string, ["ymd", "dmy", "mdy"].contains(order) else {
                        throw fail(value, "\(canonical).numericDate must be ymd, dmy or mdy")
                    }
                    profile.numericDate = order
                default:
                    let words = try strings(value, field: "\(canonical).\(name)", fail: fail)
                    guard let field = LocaleProfile.labelField(named: name) else { continue }
                    profile[keyPath: field] = words
                }
            }
            profiles.append(profile)
        }
        return profiles
    }

    /// The additions as canonical text, for the cache key: a label added in `site.yml` makes every
    /// document be extracted again.
    static func fingerprint(_ additions: [LocaleProfile]) -> String {
        guard !additions.isEmpty else { return "" }
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return (try? encoder.encode(additions)).map { String(decoding: $0, as: UTF8.self) } ?? ""
    }

    private static func strings(_ node: Node, field: String, fail: (Node, String) -> Diagnostic) throws(Diagnostic) -> [String] {
        guard let sequence = node.sequence else { throw fail(node, "\(field) must be a list of strings, e.g. [\"\(node.string ?? "word")\"]") }
        var words: [String] = []
        for item in sequence {
            guard case .scalar(let scalar) = item, !scalar.string.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw fail(item, "\(field) must hold only non-empty strings")
            }
            words.append(scalar.string)
        }
        return words
    }
}
