// libFuzzer target: the HTML sanitiser, with an oracle — its output must be well-formed XML
// and must contain no executable content.
//
// Built by scripts/fuzz.sh with `-sanitize=fuzzer,address -DFUZZING`; a plain `swift build` gives
// a reproducer: `SanitizerFuzz FILE...` runs each file once (FuzzSupport/FuzzHarness.swift).
import Foundation
import FuzzSupport
import XMLValidation

let sanitizer = HTMLSanitizer()

func fuzzOne(_ bytes: [UInt8]) {
    let html = String(decoding: bytes, as: UTF8.self)
    let result = sanitizer.sanitize(html)
    let wrapped = Array("<div>\(result.html)</div>".utf8)
    let problems = XMLChecker.wellFormednessProblems(of: wrapped)
    precondition(problems.isEmpty, "sanitised output is not well-formed: \(problems.prefix(3)) in \(result.html.prefix(300))")
    for problem in unsafeTags(in: result.html) {
        preconditionFailure("\(problem) in \(result.html.prefix(300))")
    }
}

/// The sanitiser's output escapes every '<' of text and every '"' of attribute values, so its
/// tags can be read with a small scanner: each tag's name and attributes are checked.
func unsafeTags(in html: String) -> [String] {
    let forbidden: Set<String> = ["script", "iframe", "object", "embed", "svg", "math", "base", "meta", "style", "form", "link", "frame", "applet"]
    var problems: [String] = []
    let bytes = Array(html.utf8)
    var index = 0
    while index < bytes.count {
        guard bytes[index] == UInt8(ascii: "<") else { index += 1; continue }
        var end = index + 1
        var quoted = false
        while end < bytes.count, quoted || bytes[end] != UInt8(ascii: ">") {
            if bytes[end] == UInt8(ascii: "\"") { quoted.toggle() }
            end += 1
        }
        let tag = String(decoding: bytes[(index + 1)..<min(end, bytes.count)], as: UTF8.self)
        index = end + 1
        if tag.hasPrefix("/") { continue }
        let name = String(tag.prefix { $0.isLetter || $0.isNumber }).lowercased()
        if forbidden.contains(name) { problems.append("<\(name)> element") }
        // Attributes: name="value" pairs after the element name.
        var rest = Substring(tag.dropFirst(name.count))
        while let equals = rest.firstIndex(of: "=") {
            let attribute = rest[..<equals].trimmingCharacters(in: .whitespaces).lowercased()
            let afterEquals = rest[rest.index(after: equals)...]
            guard afterEquals.first == "\"" else { problems.append("unquoted attribute \(attribute)"); break }
            let valueStart = afterEquals.index(after: afterEquals.startIndex)
            guard let close = afterEquals[valueStart...].firstIndex(of: "\"") else { problems.append("unterminated value"); break }
            let value = afterEquals[valueStart..<close]
            if attribute.hasPrefix("on") { problems.append("\(attribute) handler") }
            if ["href", "src", "cite"].contains(attribute) {
                let squeezed = value.unicodeScalars.filter { $0.value > 0x20 }.map(Character.init).map(String.init).joined().lowercased()
                if squeezed.hasPrefix("javascript:") || squeezed.hasPrefix("vbscript:") || squeezed.hasPrefix("data:") { problems.append("\(attribute)=\(value)") }
            }
            if attribute == "style" { problems.append("style attribute") }
            rest = afterEquals[afterEquals.index(after: close)...]
        }
    }
    return problems
}

@main
struct Main {
    static func main() {
        FuzzHarness.run(fuzzOne)
    }
}
