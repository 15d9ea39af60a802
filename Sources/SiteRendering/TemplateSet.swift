import Foundation
import Mustache

/// The Mustache templates of a site, read from a folder at run time (no recompiling to edit).
///
/// `page.mustache` renders a document, `list.mustache` home and index pages, `search.mustache`
/// the search page; any other `.mustache` file is a partial (`{{> header}}`).
public struct TemplateSet: @unchecked Sendable {
    private let library: MustacheLibrary
    /// The names of the templates found.
    public let names: [String]

    /// Loads every `*.mustache` file in `directory`.
    public init(directory: URL) throws {
        var library = MustacheLibrary()
        var names: [String] = []
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".mustache") }.sorted()
        for file in files {
            let name = String(file.dropLast(".mustache".count))
            let text = try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)
            do {
                try library.register(text, named: name)
            } catch {
                throw TemplateError(file: directory.appendingPathComponent(file).path, message: "\(error)")
            }
            names.append(name)
        }
        for required in ["page", "list"] where !names.contains(required) {
            throw TemplateError(file: directory.appendingPathComponent(required + ".mustache").path, message: "template missing")
        }
        self.library = library
        self.names = names
    }

    /// Renders template `name` with a view: a value that answers lookups by name.
    public func render(_ name: String, _ view: some MustacheParent & Encodable) -> String {
        library.render(view, withTemplate: name) ?? ""
    }
}

/// A template that could not be read or parsed.
public struct TemplateError: Error, CustomStringConvertible {
    public var file: String
    public var message: String
    public var description: String { "\(file): \(message)" }
}
