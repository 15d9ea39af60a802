import AdvisoryExtraction
import AdvisoryModel
import Foundation
import SiteBuild
import Testing

/// One hostile input: what to put next to the clean document and what the build must say.
struct HostileCase: CustomTestStringConvertible, Sendable {
    var name: String
    /// The code the build must report (nil: none in particular, it only has to build in time).
    var code: DiagnosticCode?
    var severity: DiagnosticSeverity?
    /// Text the diagnostic's message must contain (e.g. the configured limit).
    var messageContains: String?
    var limits = InputLimits()
    /// Adds the hostile file(s) to the site, or changes its configuration.
    var prepare: @Sendable (inout ScratchSite) throws -> Void
    var testDescription: String { name }
}

let hostilePath = "SecurityAdvisories/2008/900002.md"

/// The document that carries a hostile body, with valid front matter.
func hostileDocument(body: String) -> [UInt8] {
    Array(("---\nTitle: Hostile 900002\nms:assetid: 900002\n---\n\n# Hostile 900002\n\n" + body + "\n").utf8)
}

@Suite("Hostile and broken input: every case gives its diagnostic and the rest of the site still builds")
struct CatalogueTests {
    static let cases: [HostileCase] = [
        HostileCase(name: "empty file", code: .doc002, severity: .error) { site in
            try site.write(hostilePath, [])
        },
        HostileCase(name: "binary file (PNG header, NUL bytes)", code: .io002, severity: .error) { site in
            try site.write(hostilePath, [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D] + Array(repeating: 0xAB, count: 4096))
        },
        HostileCase(name: "invalid UTF-8 (lone continuation bytes, overlong encodings, surrogates)", code: .enc001, severity: .warning) { site in
            try site.write(hostilePath, hostileDocument(body: "正文") + [0x80, 0xBF, 0xC0, 0xAF, 0xED, 0xA0, 0x80, 0xF8, 0x88, 0x80, 0x80, 0x80, 0x0A])
        },
        HostileCase(name: "invalid YAML in front matter", code: .fm001, severity: .warning) { site in
            try site.write(hostilePath, Array("---\nTitle: [unclosed\n  - : : {\nms:assetid: 900002\n---\n# Hostile\n\n正文。\n".utf8))
        },
        HostileCase(name: "YAML alias bomb (billion laughs) in front matter", code: .fm001, severity: .warning, messageContains: "anchors and aliases") { site in
            var yaml = "a0: &a0 [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
            for level in 1...30 {
                yaml += "a\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 9).joined(separator: ",") + "]\n"
            }
            yaml += "Title: *a30\n"
            try site.write(hostilePath, Array(("---\n" + yaml + "---\n# Laughs\n\n正文。\n").utf8))
        },
        HostileCase(name: "YAML alias bomb in keys (merge keys and aliased mapping keys)", code: .fm001, severity: .warning, messageContains: "anchors and aliases") { site in
            var yaml = "b0: &b0 {x: 1, y: 2}\n"
            for level in 1...25 {
                yaml += "b\(level): &b\(level) {<<: *b\(level - 1), ? *b\(level - 1) : *b\(level - 1), k\(level): [*b\(level - 1), *b\(level - 1)]}\n"
            }
            try site.write(hostilePath, Array(("---\n" + yaml + "Title: Keys\n---\n# Keys\n\n正文。\n").utf8))
        },
        HostileCase(name: "front matter that never closes", code: .fm002, severity: .warning) { site in
            try site.write(hostilePath, Array("---\nTitle: Hostile 900002\nms:assetid: 900002\n\n# Hostile\n\n正文。\n".utf8))
        },
        HostileCase(name: "50 MB document with the default 8 MiB limit", code: .limit001, severity: .error, messageContains: "8388608") { site in
            let line = Array(String(repeating: "正文很长。", count: 200).utf8) + [0x0A, 0x0A]
            var bytes = hostileDocument(body: "")
            bytes.reserveCapacity(50 << 20 + line.count)
            while bytes.count < 50 << 20 { bytes += line }
            try site.write(hostilePath, bytes)
        },
        HostileCase(name: "document over a configured 4096-byte limit", code: .limit001, severity: .error, messageContains: "limit of 4096",
                    limits: InputLimits(maximumFileBytes: 4096, maximumNesting: 64)) { site in
            try site.write(hostilePath, hostileDocument(body: String(repeating: "正文。", count: 1000)))
        },
        HostileCase(name: "a 1 MB line in the body") { site in
            try site.write(hostilePath, hostileDocument(body: String(repeating: "a*b_c [d](e) `f` 2008年6月13日 | ", count: 1 << 20 / 40)))
        },
        HostileCase(name: "a 1 MB front-matter title") { site in
            try site.write(hostilePath, Array(("---\nTitle: " + String(repeating: "长", count: 350_000) + "\nms:assetid: 900002\n---\n\n正文。\n").utf8))
        },
        HostileCase(name: "1 MB of one line without spaces or breaks") { site in
            try site.write(hostilePath, hostileDocument(body: String(repeating: "x", count: 1 << 20)))
        },
        HostileCase(name: "100,000 nested block quotes", code: .limit002, severity: .warning) { site in
            try site.write(hostilePath, hostileDocument(body: String(repeating: "> ", count: 100_000) + "深"))
        },
        HostileCase(name: "100,000 nested list items", code: .limit002, severity: .warning) { site in
            try site.write(hostilePath, hostileDocument(body: String(repeating: "- ", count: 100_000) + "深"))
        },
        HostileCase(name: "100,000 nested ordered lists and quotes, mixed", code: .limit002, severity: .warning) { site in
            try site.write(hostilePath, hostileDocument(body: String(repeating: "1. > * ", count: 34_000) + "深"))
        },
        HostileCase(name: "100,000 nested emphasis, links and brackets") { site in
            var body: String = String(repeating: "*_", count: 50_000) + "x" + String(repeating: "_*", count: 50_000)
            body += "\n\n" + String(repeating: "[", count: 100_000) + "x" + String(repeating: "](y)", count: 100_000)
            body += "\n\n" + String(repeating: "![", count: 50_000) + "\n"
            try site.write(hostilePath, hostileDocument(body: body))
        },
        HostileCase(name: "100,000 nested raw HTML elements") { site in
            let body = "<div>\n" + String(repeating: "<div><span><b>", count: 33_000) + "x\n\n" + String(repeating: "<table><tr><td>", count: 5000) + "y\n"
            try site.write(hostilePath, hostileDocument(body: body))
        },
        HostileCase(name: "nesting over a configured limit of 4", code: .limit002, severity: .warning, messageContains: "deeper than 4 levels",
                    limits: InputLimits(maximumFileBytes: 8 << 20, maximumNesting: 4)) { site in
            try site.write(hostilePath, hostileDocument(body: String(repeating: "> ", count: 10) + "深"))
        },
        HostileCase(name: "a table with 10,000 columns") { site in
            let header = "|" + (0..<10_000).map { "h\($0)" }.joined(separator: "|") + "|\n"
            let rule = "|" + Array(repeating: "-", count: 10_000).joined(separator: "|") + "|\n"
            let row = "|" + Array(repeating: "c", count: 10_000).joined(separator: "|") + "|\n"
            try site.write(hostilePath, hostileDocument(body: header + rule + String(repeating: row, count: 20)))
        },
        HostileCase(name: "a table with 100,000 rows") { site in
            try site.write(hostilePath, hostileDocument(body: "|a|b|\n|-|-|\n" + String(repeating: "|1|2|\n", count: 100_000)))
        },
        HostileCase(name: "duplicate ids in two folders", code: .id001, severity: .warning) { site in
            try site.write("SecurityAdvisories/2009/900001.md", Array(cleanAdvisory().utf8))
        },
        HostileCase(name: "symbolic link loops (file ↔ file, folder → itself, folder → parent)", code: .io001, severity: .warning) { site in
            let fileManager = FileManager.default
            try fileManager.createSymbolicLink(atPath: site.content.appendingPathComponent("a.md").path, withDestinationPath: "b.md")
            try fileManager.createSymbolicLink(atPath: site.content.appendingPathComponent("b.md").path, withDestinationPath: "a.md")
            try fileManager.createSymbolicLink(atPath: site.content.appendingPathComponent("SecurityAdvisories/self").path, withDestinationPath: ".")
            try fileManager.createSymbolicLink(atPath: site.content.appendingPathComponent("SecurityAdvisories/2008/up").path, withDestinationPath: "../..")
        },
        HostileCase(name: "symbolic links pointing outside the content folder", code: .io001, severity: .warning) { site in
            let outside = site.root.appendingPathComponent("outside")
            try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
            try Data(cleanAdvisory(id: "900003", body: "SECRET-OUTSIDE-MARKER").utf8).write(to: outside.appendingPathComponent("secret.md"))
            try Data("SECRET-OUTSIDE-MARKER".utf8).write(to: outside.appendingPathComponent("secret.png"))
            try FileManager.default.createSymbolicLink(atPath: site.content.appendingPathComponent("leak.md").path, withDestinationPath: outside.appendingPathComponent("secret.md").path)
            try FileManager.default.createSymbolicLink(atPath: site.content.appendingPathComponent("relative-leak.md").path, withDestinationPath: "../outside/secret.md")
            try FileManager.default.createSymbolicLink(atPath: site.content.appendingPathComponent("leak.png").path, withDestinationPath: "../outside/secret.png")
            try FileManager.default.createSymbolicLink(atPath: site.content.appendingPathComponent("outside-folder").path, withDestinationPath: outside.path)
            try FileManager.default.createSymbolicLink(atPath: site.content.appendingPathComponent("passwd.md").path, withDestinationPath: "/etc/passwd")
        },
        HostileCase(name: "a dangling symbolic link named like a document", code: .io001, severity: .warning) { site in
            try FileManager.default.createSymbolicLink(atPath: site.content.appendingPathComponent("SecurityAdvisories/2008/900002.md").path, withDestinationPath: "nowhere.md")
        },
        HostileCase(name: "a named pipe named like a document (unreadable: opening it would block)", code: .io001) { site in
            let path = site.content.appendingPathComponent(hostilePath).path
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            #expect(mkfifo(path, 0o644) == 0)
            #expect(mkfifo(site.content.appendingPathComponent("TOC.yml").path, 0o644) == 0)
            #expect(mkfifo(site.content.appendingPathComponent("image.png").path, 0o644) == 0)
        },
        HostileCase(name: "a folder named like a document") { site in
            try FileManager.default.createDirectory(at: site.content.appendingPathComponent(hostilePath), withIntermediateDirectories: true)
        },
        HostileCase(name: "an output folder that cannot be created (its parent is a file)", code: .io003, severity: .error) { site in
            let blocker = site.root.appendingPathComponent("blocker")
            try Data("x".utf8).write(to: blocker)
            site.outputOverride = blocker.appendingPathComponent("site")
        },
        HostileCase(name: "an output path that is an existing file", code: .io003, severity: .error) { site in
            let file = site.root.appendingPathComponent("notes.txt")
            try Data("keep me".utf8).write(to: file)
            site.outputOverride = file
        },
        HostileCase(name: "an output folder that is the content folder", code: .io003, severity: .error) { site in
            site.outputOverride = site.content
        },
        HostileCase(name: "an output folder that contains the content folder", code: .io003, severity: .error) { site in
            site.outputOverride = site.root
        },
    ] + (runningAsRoot ? [] : [
        HostileCase(name: "an unreadable file (chmod 000)", code: .io001, severity: .error) { site in
            try site.write(hostilePath, hostileDocument(body: "正文。"))
            #expect(chmod(site.content.appendingPathComponent(hostilePath).path, 0) == 0)
        },
        HostileCase(name: "an output folder whose parent is read-only", code: .io003, severity: .error) { site in
            let parent = site.root.appendingPathComponent("readonly")
            try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
            #expect(chmod(parent.path, 0o555) == 0)
            site.outputOverride = parent.appendingPathComponent("site")
        },
    ])

    @Test("hostile input", arguments: cases)
    func hostile(_ testCase: HostileCase) throws {
        var site = try ScratchSite(testCase.name.filter { $0.isLetter || $0.isNumber }.prefix(20).lowercased())
        defer { try? FileManager.default.removeItem(at: site.root) }
        site.limits = testCase.limits
        // The previous site: the clean document alone.
        let first = site.build()
        #expect(first.published, "\(first.diagnostics.map(\.summary))")
        try testCase.prepare(&site)
        let previousOutput = site.output
        let before = snapshot(of: previousOutput)
        let beforeFile = FileManager.default.contents(atPath: previousOutput.path)

        let (report, elapsed) = measured { site.build() }
        #expect(elapsed < hangGuard, "took \(elapsed)")
        let summaries = report.diagnostics.map(\.summary)
        if let code = testCase.code {
            let matching = report.diagnostics.filter { $0.code == code && (testCase.severity == nil || $0.severity == testCase.severity) }
            #expect(!matching.isEmpty, "expected \(code.rawValue) in \(summaries)")
            if let text = testCase.messageContains {
                #expect(matching.contains { $0.message.contains(text) }, "\(summaries)")
            }
        }
        if report.errors > 0 {
            // An error: the build lists it and the previous output is left exactly as it was.
            #expect(!report.published)
            #expect(snapshot(of: previousOutput) == before)
            #expect(FileManager.default.contents(atPath: previousOutput.path) == beforeFile)
            let leftovers = (try? FileManager.default.contentsOfDirectory(atPath: previousOutput.deletingLastPathComponent().path)) ?? []
            let ownStaging = "." + previousOutput.lastPathComponent + ".staging-"
            #expect(!leftovers.contains { $0.hasPrefix(ownStaging) }, "\(leftovers)")
        } else {
            #expect(report.published, "\(summaries)")
            #expect(FileManager.default.fileExists(atPath: site.output.appendingPathComponent(goodPage).path), "the clean page is missing")
        }
        // Nothing from outside the content folder reaches the site.
        for (path, data) in snapshot(of: site.output) {
            #expect(data.range(of: Data("SECRET-OUTSIDE-MARKER".utf8)) == nil, "outside content leaked into \(path)")
            #expect(data.range(of: Data("root:x:0:0".utf8)) == nil, "/etc/passwd leaked into \(path)")
        }
        print("[hostile] \(testCase.name): \(elapsed), published \(report.published), \(Set(report.diagnostics.map { "\($0.code.rawValue)/\($0.severity.rawValue)" }).sorted())")
    }

    @Test("the error cases leave the previous output byte-identical even when the error comes last")
    func errorAfterGoodBuild() throws {
        let site = try ScratchSite("previous")
        defer { try? FileManager.default.removeItem(at: site.root) }
        #expect(site.build().published)
        let before = snapshot(of: site.output)
        try site.write(goodPath, Array(cleanAdvisory(body: "已改变的正文。").utf8))
        try site.write(hostilePath, [])
        let report = site.build()
        #expect(report.diagnostics.contains { $0.code == .doc002 })
        #expect(!report.published)
        #expect(snapshot(of: site.output) == before)
    }
}
