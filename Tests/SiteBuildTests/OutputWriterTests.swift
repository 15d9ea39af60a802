import AdvisoryModel
import Foundation
@testable import SiteBuild
import Testing

/// `OutputWriter` makes the folders of the staging tree as files need them (one `mkdir` each),
/// keeps the previous site's files whose bytes are unchanged, and publishes the site at `commit`.
@Suite("Writing the output folder")
struct OutputWriterTests {
    static func inode(_ path: String) -> UInt64? {
        var status = stat()
        return stat(path, &status) == 0 ? UInt64(status.st_ino) : nil
    }

    @Test("A new site: files in nested folders, written from many threads, all in place after the commit")
    func newSite() throws {
        let root = temporaryFolder("writer-new")
        defer { try? FileManager.default.removeItem(at: root) }
        let destination = root.appendingPathComponent("site/out").path
        let writer = try OutputWriter(destination: destination)
        // 12 folders of 2008–2019 under zh-cn/bulletins, 20 documents in each, and a file at the top.
        let paths = (0..<240).map { "zh-cn/bulletins/\(2008 + $0 % 12)/ms-\($0)/index.html" } + ["index.html"]
        DispatchQueue.concurrentPerform(iterations: paths.count) { index in
            try? writer.write(Array("page \(index)\n".utf8), to: paths[index])
        }
        #expect(writer.written == 241 && writer.linked == 0)
        try writer.commit()
        for (index, path) in paths.enumerated() {
            #expect(FileManager.default.contents(atPath: destination + "/" + path) == Data("page \(index)\n".utf8), "\(path)")
        }
        let staging = try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("site").path)
        #expect(staging == ["out"])
    }

    @Test("Unchanged bytes keep the previous site's file, changed ones are written anew")
    func keepsUnchangedFiles() throws {
        let root = temporaryFolder("writer-keep")
        defer { try? FileManager.default.removeItem(at: root) }
        let destination = root.appendingPathComponent("out").path
        let first = try OutputWriter(destination: destination)
        try first.write(Array("same".utf8), to: "a/b/same.html")
        try first.write(Array("old".utf8), to: "a/changed.html")
        try first.write(Array("gone".utf8), to: "c/gone.html")
        try first.commit()
        let sameInode = Self.inode(destination + "/a/b/same.html")
        let changedInode = Self.inode(destination + "/a/changed.html")

        let second = try OutputWriter(destination: destination)
        try second.write(Array("same".utf8), to: "a/b/same.html")
        try second.write(Array("new".utf8), to: "a/changed.html")
        try second.write(Array("samf".utf8), to: "a/b/other.html")
        #expect(second.written == 2 && second.linked == 1)
        try second.commit()
        #expect(Self.inode(destination + "/a/b/same.html") == sameInode)
        #expect(Self.inode(destination + "/a/changed.html") != changedInode)
        #expect(FileManager.default.contents(atPath: destination + "/a/changed.html") == Data("new".utf8))
        #expect(FileManager.default.contents(atPath: destination + "/a/b/other.html") == Data("samf".utf8))
        #expect(!FileManager.default.fileExists(atPath: destination + "/c/gone.html"))
    }

    @Test("A file where a folder must go, or a path out of the site, is an IO003 error", arguments: [
        ("a", "a/b.html"), ("x.html", "../x.html"), ("x.html", "a/../../x.html"),
    ])
    func refusedPaths(first: String, second: String) throws {
        let root = temporaryFolder("writer-refused")
        defer { try? FileManager.default.removeItem(at: root) }
        let writer = try OutputWriter(destination: root.appendingPathComponent("out").path)
        try writer.write(Array("x".utf8), to: first)
        let error = #expect(throws: Diagnostic.self) { try writer.write(Array("y".utf8), to: second) }
        #expect(error?.code == .io003)
        #expect(error?.message.contains(second) == true)
        writer.abandon()
    }

    @Test("A path leaves the site when it starts with / or one of its segments is ..", arguments: [
        ("a page", "zh-cn/bulletin/ms08-001/index.html", false), ("absolute", "/etc/passwd", true), ("only ..", "..", true),
        ("leading ..", "../x.html", true), ("trailing ..", "a/..", true), ("inner ..", "a/../b", true),
        ("two dots in a name", "a/..b/c..", false), ("three dots", "a/.../b", false), ("one dot", "./a/.", false),
        ("empty segments", "a//b/", false), ("empty", "", false), ("not ASCII, inner ..", "图/../x", true),
        ("not ASCII, dots in a name", "图/..图/x", false), ("not ASCII, absolute", "/图", true),
    ])
    func leavesSite(name: String, path: String, leaves: Bool) {
        #expect(OutputWriter.leavesSite(path) == leaves, "\(name)")
    }

    /// The second build of a site of "a.html", "b/c.html" and "d.html": what it writes and keeps,
    /// and the file list it records, which is the previous one as it was when nothing is added or dropped.
    static let fileLists: [(name: String, write: [String], keep: [String], expected: [String])] = [
        ("one file written, the rest kept", ["b/c.html"], ["a.html", "d.html"], ["a.html", "b/c.html", "d.html"]),
        ("all kept", [], ["a.html", "b/c.html", "d.html"], ["a.html", "b/c.html", "d.html"]),
        ("a file added", ["b/a.html"], ["a.html", "b/c.html", "d.html"], ["a.html", "b/a.html", "b/c.html", "d.html"]),
        ("a file dropped", [], ["a.html", "d.html"], ["a.html", "d.html"]),
        ("one dropped and one added: as many files, not the same", ["e.html"], ["a.html", "d.html"], ["a.html", "d.html", "e.html"]),
    ]

    @Test("After a commit the site holds exactly the files written and kept, and lists them sorted", arguments: fileLists)
    func fileList(_ history: (name: String, write: [String], keep: [String], expected: [String])) throws {
        let root = temporaryFolder("writer-list")
        defer { try? FileManager.default.removeItem(at: root) }
        let destination = root.appendingPathComponent("out").path
        let previous = ["a.html", "b/c.html", "d.html"]
        let first = try OutputWriter(destination: destination)
        for path in previous { try first.write(Array("1 \(path)".utf8), to: path) }
        try first.commit()
        #expect(first.fileList.paths == previous)

        let second = try OutputWriter(destination: destination, previousFiles: previous)
        for path in history.write { try second.write(Array("2 \(path)".utf8), to: path) }
        for path in history.keep { #expect(second.keep(path), "\(history.name): \(path)") }
        let list = second.fileList
        #expect(list.paths == history.expected, "\(history.name)")
        #expect(list.arePrevious == (history.expected == previous), "\(history.name)")
        try second.commit()
        let onDisk = (FileManager.default.enumerator(atPath: destination)?.allObjects as? [String] ?? []).filter { path in
            var isFolder: ObjCBool = false
            return FileManager.default.fileExists(atPath: destination + "/" + path, isDirectory: &isFolder) && !isFolder.boolValue
        }.sorted()
        #expect(onDisk == history.expected, "\(history.name)")
    }
}

/// After a build, `OutputStamps.current` records the stamp of every output file; when the build
/// kept exactly the last build's files it starts from the last stamps and looks only at the files
/// written or changed by hand, and must record what looking at every file records.
@Suite("Output stamps")
struct OutputStampsTests {
    static let builds: [(name: String, written: [String], changed: [String], deleted: [String])] = [
        ("nothing written", [], [], []),
        ("one file written", ["b.html"], [], []),
        ("one file changed by hand", [], ["c/d.html"], []),
        ("one file deleted by hand, then written again", ["a.html"], ["a.html"], ["a.html"]),
        ("one file deleted by hand and not written", [], ["c/d.html"], ["c/d.html"]),
    ]

    @Test("Starting from the last stamps records what a stat of every file records", arguments: builds)
    func startsFromTheLastStamps(_ build: (name: String, written: [String], changed: [String], deleted: [String])) throws {
        let root = temporaryFolder("stamps")
        defer { try? FileManager.default.removeItem(at: root) }
        let files = ["a.html", "b.html", "c/d.html"]
        try FileManager.default.createDirectory(at: root.appendingPathComponent("c"), withIntermediateDirectories: true)
        for file in files { try Data("first \(file)".utf8).write(to: root.appendingPathComponent(file)) }
        let last = OutputStamps.current(of: files, in: root.path, written: Set(files), previous: nil, changed: [])
        #expect(last.stamps.count == 3)
        for file in build.deleted { try FileManager.default.removeItem(at: root.appendingPathComponent(file)) }
        for file in build.written + build.changed where !build.deleted.contains(file) || build.written.contains(file) {
            try Data("second, longer \(file)".utf8).write(to: root.appendingPathComponent(file))
        }
        let looked = OutputStamps.current(of: files, in: root.path, written: Set(build.written), previous: last, changed: Set(build.changed))
        let started = OutputStamps.current(of: files, in: root.path, written: Set(build.written), previous: last, changed: Set(build.changed),
                                           pathsArePrevious: true)
        #expect(started == looked, "\(build.name)")
        for file in build.written + build.changed {
            #expect(started.stamps[file] != last.stamps[file], "\(build.name): \(file)")
        }
    }
}
