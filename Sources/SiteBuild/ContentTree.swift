import AdvisoryModel
import Foundation
#if canImport(Glibc)
import Glibc
#endif
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

    /// Change stamp (`FileStamp`) of every file found, by relative path.
    public var stamps: [String: String]

    public init(root: String) {
        self.root = root
        documents = []
        resources = []
        byLowercasedPath = [:]
        diagnostics = []
        stamps = [:]
        let rootPath = URL(fileURLWithPath: root).standardizedFileURL.path
        let realRoot = URL(fileURLWithPath: rootPath).resolvingSymlinksInPath().path
        var files: [String] = []
        var status = stat()
        guard stat(rootPath, &status) == 0, (status.st_mode & S_IFMT) == S_IFDIR else {
            diagnostics.append(Diagnostic(.io001, "content folder cannot be read", at: SourceLocation(path: root, line: 1)))
            return
        }
        // A walk with readdir and lstat: Foundation's enumerator costs a no-op build most of its time.
        var pending = [""]
        while let folder = pending.popLast() {
            let folderPath = folder.isEmpty ? rootPath : rootPath + "/" + folder
            guard let entries = folderEntries(folderPath) else { continue }
            for name in entries.map(\.name).filter({ !$0.hasPrefix(".") }).sorted(by: >) {
                let relative = folder.isEmpty ? name : folder + "/" + name
                let path = rootPath + "/" + relative
                guard lstat(path, &status) == 0 else { continue }
                switch status.st_mode & S_IFMT {
                case S_IFDIR:
                    pending.append(relative)
                case S_IFREG:
                    files.append(relative)
                    stamps[relative] = FileStamp.describe(status)
                case S_IFLNK:
                    let target = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
                    var targetStatus = stat()
                    if stat(path, &targetStatus) != 0 || !(target == realRoot || target.hasPrefix(realRoot + "/")) {
                        diagnostics.append(Diagnostic(.io001, "symbolic link leads outside the content folder or nowhere; skipped", at: SourceLocation(path: path, line: 1), severity: .warning))
                        continue
                    }
                    if (targetStatus.st_mode & S_IFMT) == S_IFDIR { continue }
                    guard (targetStatus.st_mode & S_IFMT) == S_IFREG else {
                        diagnostics.append(Diagnostic(.io001, "symbolic link to something that is not a regular file (pipe, socket, device); skipped", at: SourceLocation(path: path, line: 1), severity: .warning))
                        continue
                    }
                    files.append(relative)
                    stamps[relative] = FileStamp.describe(targetStatus)
                default:
                    // A named pipe would block the read forever, a device could be endless.
                    diagnostics.append(Diagnostic(.io001, "not a regular file (pipe, socket, device); skipped", at: SourceLocation(path: path, line: 1), severity: .warning))
                }
            }
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
        read(tree: tree, known: nil).toc
    }

    /// A TOC as read before, with the key of what it was read from.
    struct Known: Sendable {
        var key: String
        var entries: [TOCEntry]
        var diagnostics: [Diagnostic]
    }

    /// Reads the TOC of `tree`, or takes `known` when the TOC file and the tree's file list are
    /// the same as when it was read (parsing a large TOC.yml costs a one-file rebuild 40 ms).
    static func read(tree: ContentTree, known: Known?) -> (toc: (entries: [TOCEntry], diagnostics: [Diagnostic]), known: Known?) {
        guard let file = tree.byLowercasedPath["toc.yml"] else { return (([], []), nil) }
        let path = URL(fileURLWithPath: tree.root).appendingPathComponent(file).path
        guard let data = FileManager.default.contents(atPath: path) else { return (([], []), nil) }
        let key = ContentHash(parts: [path, ContentHash(of: data).description, tree.byLowercasedPath.keys.sorted().joined(separator: "\n")]).description
        if let known, known.key == key { return ((known.entries, known.diagnostics), known) }
        let toc = parse(data, tree: tree, path: path)
        return (toc, Known(key: key, entries: toc.entries, diagnostics: toc.diagnostics))
    }

    /// Each entry's keys are read in one pass by their text (`PlainYAML`): a look-up by key
    /// (`mapping["href"]`) compares nodes and resolves the tag of the key it makes. With Yams'
    /// default rules and look-ups, the zh-CN TOC (2,000 entries) took about 490 M instructions.
    private static func parse(_ data: Data, tree: ContentTree, path: String) -> (entries: [TOCEntry], diagnostics: [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        do {
            guard let root = try PlainYAML.compose(String(decoding: data, as: UTF8.self)) else { return ([], []) }
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
            var name = "", hrefNode: Node?, items: Node?
            for (key, value) in mapping {
                switch key.scalar?.string {
                case "name": name = value.scalar?.string ?? ""
                case "href": hrefNode = value
                case "items": items = value
                default: break
                }
            }
            let href = hrefNode?.scalar?.string
            var target: String?
            var absent = false
            if let href, !href.isEmpty, !href.containsBytes(of: "://") {
                target = tree.resolve(href, from: "TOC.yml")
                if target == nil {
                    absent = true
                    diagnostics.append(Diagnostic(.toc001, "TOC entry '\(name)' points to \(href), which is not in this locale",
                                                  at: SourceLocation(path: path, line: hrefNode?.mark?.line ?? 1)))
                }
            }
            let children = items.map { convert($0, tree: tree, path: path, diagnostics: &diagnostics, depth: depth + 1) } ?? []
            entries.append(TOCEntry(name: name, target: target, isAbsent: absent, children: children))
        }
        return entries
    }
}
