import AdvisoryModel
import Foundation
import Yams

/// The files of one locale's content folder, addressed case-insensitively.
///
/// Symbolic links are followed only when they stay inside the folder; folders reached through
/// links are not entered, so a link loop cannot trap the walk.
public struct ContentTree: Sendable {
    public var root: String
    /// Markdown files, relative to `root`, sorted.
    public var documents: [String]
    /// Other files (images …), relative to `root`, sorted.
    public var resources: [String]
    /// Lower-cased relative path → relative path on disk.
    public var byLowercasedPath: [String: String]
    public var diagnostics: [Diagnostic]

    public init(root: String) {
        self.root = root
        documents = []
        resources = []
        byLowercasedPath = [:]
        diagnostics = []
        let fileManager = FileManager.default
        let rootURL = URL(fileURLWithPath: root).standardizedFileURL
        let realRoot = rootURL.resolvingSymlinksInPath().path
        guard let enumerator = fileManager.enumerator(at: rootURL, includingPropertiesForKeys: [.isSymbolicLinkKey, .isDirectoryKey, .isRegularFileKey], options: [], errorHandler: { _, _ in true }) else {
            diagnostics.append(Diagnostic(.io001, "content folder cannot be read", at: SourceLocation(path: root, line: 1)))
            return
        }
        var files: [String] = []
        for case let url as URL in enumerator {
            let relative = String(url.standardizedFileURL.path.dropFirst(rootURL.path.count).drop { $0 == "/" })
            let name = url.lastPathComponent
            let values = try? url.resourceValues(forKeys: [.isSymbolicLinkKey, .isDirectoryKey, .isRegularFileKey])
            if name.hasPrefix(".") {
                if values?.isDirectory == true { enumerator.skipDescendants() }
                continue
            }
            if values?.isSymbolicLink == true {
                let target = url.resolvingSymlinksInPath().path
                var isDirectory: ObjCBool = false
                let exists = fileManager.fileExists(atPath: target, isDirectory: &isDirectory)
                if !exists || !(target == realRoot || target.hasPrefix(realRoot + "/")) {
                    diagnostics.append(Diagnostic(.io001, "symbolic link leads outside the content folder or nowhere; skipped", at: SourceLocation(path: url.path, line: 1), severity: .warning))
                    continue
                }
                if isDirectory.boolValue { continue }
                guard (try? fileManager.attributesOfItem(atPath: target)[.type] as? FileAttributeType) == .typeRegular else {
                    diagnostics.append(Diagnostic(.io001, "symbolic link to something that is not a regular file (pipe, socket, device); skipped", at: SourceLocation(path: url.path, line: 1), severity: .warning))
                    continue
                }
                files.append(relative)
                continue
            }
            if values?.isDirectory == true { continue }
            // A named pipe would block the read forever, a device could be endless.
            guard values?.isRegularFile == true else {
                diagnostics.append(Diagnostic(.io001, "not a regular file (pipe, socket, device); skipped", at: SourceLocation(path: url.path, line: 1), severity: .warning))
                continue
            }
            files.append(relative)
        }
        files.sort()
        for file in files {
            byLowercasedPath[file.lowercased()] = byLowercasedPath[file.lowercased()] ?? file
            if file.lowercased().hasSuffix(".md") {
                if file.lowercased() == "readme.md" { continue }
                documents.append(file)
            } else if !file.lowercased().hasSuffix(".yml"), !file.lowercased().hasSuffix(".json"), file.lowercased() != "thumbs.db" {
                resources.append(file)
            }
        }
    }

    /// Resolves `target` relative to the folder of `from` (both relative to the root), case-insensitively.
    public func resolve(_ target: String, from: String) -> String? {
        var parts = target.hasPrefix("/") ? [] : from.split(separator: "/").dropLast().map(String.init)
        for part in target.split(separator: "/") {
            switch part {
            case ".", "": continue
            case "..":
                guard !parts.isEmpty else { return nil }
                parts.removeLast()
            default: parts.append(String(part))
            }
        }
        return byLowercasedPath[parts.joined(separator: "/").lowercased()]
    }
}

/// One entry of `TOC.yml`.
public struct TOCEntry: Sendable, Hashable {
    public var name: String
    /// The file on disk the entry points to, when it exists in this locale.
    public var target: String?
    /// True when the entry has an `href` whose file is missing here.
    public var isAbsent: Bool
    public var children: [TOCEntry]
}

/// Reads `TOC.yml` with every name as a string; hrefs resolve case-insensitively.
public enum TOCReader {
    public static func read(tree: ContentTree) -> (entries: [TOCEntry], diagnostics: [Diagnostic]) {
        guard let file = tree.byLowercasedPath["toc.yml"] else { return ([], []) }
        let path = URL(fileURLWithPath: tree.root).appendingPathComponent(file).path
        guard let data = FileManager.default.contents(atPath: path) else { return ([], []) }
        var diagnostics: [Diagnostic] = []
        do {
            guard let root = try Yams.compose(yaml: String(decoding: data, as: UTF8.self)) else { return ([], []) }
            let entries = convert(root, tree: tree, path: path, diagnostics: &diagnostics, depth: 0)
            return (entries, diagnostics)
        } catch {
            diagnostics.append(Diagnostic(.cfg001, "TOC.yml is not valid YAML: \(error)", at: SourceLocation(path: path, line: 1), severity: .warning))
            return ([], diagnostics)
        }
    }

    private static func convert(_ node: Node, tree: ContentTree, path: String, diagnostics: inout [Diagnostic], depth: Int) -> [TOCEntry] {
        guard depth < 20, case .sequence(let sequence) = node else { return [] }
        var entries: [TOCEntry] = []
        for item in sequence {
            guard case .mapping(let mapping) = item else { continue }
            let name = mapping["name"]?.scalar?.string ?? ""
            let href = mapping["href"]?.scalar?.string
            var target: String?
            var absent = false
            if let href, !href.isEmpty, !href.contains("://") {
                target = tree.resolve(href, from: "TOC.yml")
                if target == nil {
                    absent = true
                    diagnostics.append(Diagnostic(.toc001, "TOC entry '\(name)' points to \(href), which is not in this locale",
                                                  at: SourceLocation(path: path, line: mapping["href"]?.mark?.line ?? 1)))
                }
            }
            let children = mapping["items"].map { convert($0, tree: tree, path: path, diagnostics: &diagnostics, depth: depth + 1) } ?? []
            entries.append(TOCEntry(name: name, target: target, isAbsent: absent, children: children))
        }
        return entries
    }
}
