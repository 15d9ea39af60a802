import CLibXML2

/// A problem libxml2 reported: where and what.
public struct XMLProblem: Sendable, Hashable, CustomStringConvertible {
    public var line: Int
    public var column: Int
    public var message: String

    public init(line: Int, column: Int, message: String) {
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String { "\(line):\(column): \(message)" }
}

/// Process-wide libxml2 set-up: `xmlInitParser()` once; `xmlCleanupParser()` never,
/// because Foundation shares the library in this process.
enum LibXML {
    static let initialised: Void = {
        xmlInitParser()
    }()

    /// The node after `node` in a walk of the tree below `root` that visits a node before the
    /// nodes below it, and of siblings the last first (the order of a stack of children): the
    /// last child of `node` when `descending` into it, else the previous sibling of `node` or of
    /// its nearest ancestor below `root` that has one; nil when the walk is over.
    static func nextNode(after node: xmlNodePtr, below root: xmlNodePtr, descending: Bool) -> xmlNodePtr? {
        if descending, let last = node.pointee.last { return last }
        var climbing: xmlNodePtr? = node
        while let up = climbing, up != root {
            if let previous = up.pointee.prev { return previous }
            climbing = up.pointee.parent
        }
        return nil
    }

    /// Collects structured errors while `body` runs on this thread.
    static func collectingErrors<T>(_ body: () -> T) -> (T, [XMLProblem]) {
        _ = initialised
        let box = ErrorBox()
        let context = Unmanaged.passRetained(box)
        defer { context.release() }
        xmlSetStructuredErrorFunc(context.toOpaque(), collectError)
        defer { xmlSetStructuredErrorFunc(nil, nil) }
        let result = body()
        return (result, box.problems)
    }
}

final class ErrorBox {
    var problems: [XMLProblem] = []
}

/// The C callback that appends a libxml2 error to the `ErrorBox` passed as user data.
let collectError: xmlStructuredErrorFunc = { userData, error in
    guard let userData, let error else { return }
    let box = Unmanaged<ErrorBox>.fromOpaque(userData).takeUnretainedValue()
    guard box.problems.count < 200 else { return }
    let message = error.pointee.message.map { String(cString: $0) } ?? "unknown error"
    box.problems.append(XMLProblem(
        line: Int(error.pointee.line),
        column: Int(error.pointee.int2),
        message: message.trimmingCharacters(in: ["\n", " "])
    ))
}

extension String {
    /// The string without leading and trailing characters from `set`.
    func trimmingCharacters(in set: Set<Character>) -> String {
        var slice = Substring(self)
        while let first = slice.first, set.contains(first) { slice.removeFirst() }
        while let last = slice.last, set.contains(last) { slice.removeLast() }
        return String(slice)
    }
}

/// Parses and validates XML with libxml2. This file and `HTMLSanitizer` are the only users
/// of the libxml2 C API.
public enum XMLChecker {
    /// The errors of parsing `bytes` as XML (empty when well-formed). The network is never used.
    ///
    /// The parser runs with every SAX callback that builds a tree switched off: it checks and
    /// reports exactly what `xmlReadMemory` would, without allocating nodes.
    public static func wellFormednessProblems(of bytes: [UInt8]) -> [XMLProblem] {
        let (wellFormed, problems) = LibXML.collectingErrors { () -> Bool in
            bytes.withUnsafeBufferPointer { buffer in
                buffer.withMemoryRebound(to: CChar.self) { chars in
                    guard let context = xmlNewParserCtxt() else { return false }
                    defer { xmlFreeParserCtxt(context) }
                    if let sax = context.pointee.sax {
                        sax.pointee.startDocument = nil
                        sax.pointee.endDocument = nil
                        sax.pointee.internalSubset = nil
                        sax.pointee.externalSubset = nil
                        sax.pointee.startElement = nil
                        sax.pointee.endElement = nil
                        sax.pointee.startElementNs = nil
                        sax.pointee.endElementNs = nil
                        sax.pointee.characters = nil
                        sax.pointee.ignorableWhitespace = nil
                        sax.pointee.cdataBlock = nil
                        sax.pointee.comment = nil
                        sax.pointee.processingInstruction = nil
                        sax.pointee.reference = nil
                    }
                    let document = xmlCtxtReadMemory(context, chars.baseAddress, Int32(chars.count), nil, "UTF-8",
                                                     Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOWARNING.rawValue))
                    if let document { xmlFreeDoc(document) }
                    return context.pointee.wellFormed != 0
                }
            }
        }
        if !wellFormed, problems.isEmpty { return [XMLProblem(line: 1, column: 1, message: "not well-formed")] }
        return wellFormed ? [] : problems
    }

    /// Validates `bytes` against `schema`; returns the parse and validation errors.
    public static func problems(of bytes: [UInt8], against schema: XMLSchema) -> [XMLProblem] {
        let (problems, parseProblems) = LibXML.collectingErrors { () -> [XMLProblem] in
            let document = bytes.withUnsafeBufferPointer { buffer in
                buffer.withMemoryRebound(to: CChar.self) { chars in
                    xmlReadMemory(chars.baseAddress, Int32(chars.count), nil, "UTF-8", Int32(XML_PARSE_NONET.rawValue))
                }
            }
            guard let document else { return [] }
            defer { xmlFreeDoc(document) }
            return schema.validate(document)
        }
        return parseProblems + problems
    }
}

/// A compiled RELAX NG or XSD schema. Compile once; validate from any thread.
public final class XMLSchema: @unchecked Sendable {
    private enum Compiled {
        case relaxNG(xmlRelaxNGPtr)
        case xsd(xmlSchemaPtr)
    }

    private let compiled: Compiled
    public let name: String

    /// Compiles a RELAX NG (XML syntax) schema.
    public init(relaxNG text: String, name: String) throws {
        _ = LibXML.initialised
        self.name = name
        let (schema, problems) = LibXML.collectingErrors { () -> xmlRelaxNGPtr? in
            var copy = text
            return copy.withUTF8 { buffer in
                buffer.withMemoryRebound(to: CChar.self) { chars in
                    guard let parser = xmlRelaxNGNewMemParserCtxt(chars.baseAddress, Int32(chars.count)) else { return nil }
                    defer { xmlRelaxNGFreeParserCtxt(parser) }
                    return xmlRelaxNGParse(parser)
                }
            }
        }
        guard let schema else { throw SchemaError(name: name, problems: problems) }
        compiled = .relaxNG(schema)
    }

    /// Compiles a W3C XML Schema.
    public init(xsd text: String, name: String) throws {
        _ = LibXML.initialised
        self.name = name
        let (schema, problems) = LibXML.collectingErrors { () -> xmlSchemaPtr? in
            var copy = text
            return copy.withUTF8 { buffer in
                buffer.withMemoryRebound(to: CChar.self) { chars in
                    guard let parser = xmlSchemaNewMemParserCtxt(chars.baseAddress, Int32(chars.count)) else { return nil }
                    defer { xmlSchemaFreeParserCtxt(parser) }
                    return xmlSchemaParse(parser)
                }
            }
        }
        guard let schema else { throw SchemaError(name: name, problems: problems) }
        compiled = .xsd(schema)
    }

    fileprivate func validate(_ document: xmlDocPtr) -> [XMLProblem] {
        let box = ErrorBox()
        let context = Unmanaged.passRetained(box)
        defer { context.release() }
        switch compiled {
        case .relaxNG(let schema):
            guard let validation = xmlRelaxNGNewValidCtxt(schema) else { return [XMLProblem(line: 0, column: 0, message: "no validation context")] }
            defer { xmlRelaxNGFreeValidCtxt(validation) }
            xmlRelaxNGSetValidStructuredErrors(validation, collectError, context.toOpaque())
            let result = xmlRelaxNGValidateDoc(validation, document)
            if result != 0, box.problems.isEmpty { box.problems.append(XMLProblem(line: 0, column: 0, message: "invalid against \(name)")) }
        case .xsd(let schema):
            guard let validation = xmlSchemaNewValidCtxt(schema) else { return [XMLProblem(line: 0, column: 0, message: "no validation context")] }
            defer { xmlSchemaFreeValidCtxt(validation) }
            xmlSchemaSetValidStructuredErrors(validation, collectError, context.toOpaque())
            let result = xmlSchemaValidateDoc(validation, document)
            if result != 0, box.problems.isEmpty { box.problems.append(XMLProblem(line: 0, column: 0, message: "invalid against \(name)")) }
        }
        return box.problems
    }
}

/// A schema that did not compile.
public struct SchemaError: Error, CustomStringConvertible {
    public var name: String
    public var problems: [XMLProblem]
    public var description: String { "schema \(name) does not compile: " + problems.map(\.description).joined(separator: "; ") }
}
