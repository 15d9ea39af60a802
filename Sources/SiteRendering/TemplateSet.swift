import Foundation
import Mustache

/// The Mustache templates of a site, read from a folder at run time (no recompiling to edit).
///
/// `page.mustache` renders a document, `list.mustache` home and index pages, `search.mustache`
/// the search page; any other `.mustache` file is a partial (`{{> header}}`). swift-mustache
/// parses them; `TemplateProgram` renders what it can of them into bytes, swift-mustache the rest.
public struct TemplateSet: @unchecked Sendable {
    private let library: MustacheLibrary
    private let program: TemplateProgram
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
        program = TemplateProgram(library: library, names: names)
    }

    /// Renders template `name` with a view (a value that answers lookups by name) by swift-mustache.
    public func render(_ name: String, _ view: some TemplateObject) -> String {
        library.render(view, withTemplate: name) ?? ""
    }

    /// The bytes of template `name` rendered with a view: by `TemplateProgram` when it can,
    /// else by swift-mustache; the same bytes either way.
    public func bytes(_ name: String, _ view: some TemplateObject) -> [UInt8] {
        var bytes: [UInt8] = []
        if renderCompiled(name, view, into: &bytes) { return bytes }
        return Array(render(name, view).utf8)
    }

    /// Appends template `name` rendered by `TemplateProgram` to `bytes`; false (nothing
    /// appended) when the program does not render it: swift-mustache must.
    public func renderCompiled(_ name: String, _ view: any TemplateObject, into bytes: inout [UInt8]) -> Bool {
        program.render(name, root: view, into: &bytes)
    }

    /// True when `TemplateProgram` compiled template `name` and every partial it uses.
    public func isCompiled(_ name: String) -> Bool { program.compiles(name) }
}

/// A template that could not be read or parsed.
public struct TemplateError: Error, CustomStringConvertible {
    public var file: String
    public var message: String
    public var description: String { "\(file): \(message)" }
}
