import Foundation
import SiteBuild
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The `herald` binary of this build: next to the test bundle.
let heraldBinary: String? = {
    var candidates: [String] = []
    if let executable = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
        var folder = URL(fileURLWithPath: executable).deletingLastPathComponent()
        for _ in 0..<4 {
            candidates.append(folder.appendingPathComponent("herald").path)
            folder = folder.deletingLastPathComponent()
        }
    }
    candidates.append(repositoryRoot.appendingPathComponent(".build-fuzz/debug/herald").path)
    return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
}()

@Suite("Atomic output: a build killed half-way leaves the previous site byte-identical", .serialized)
struct AtomicOutputTests {
    /// A corpus of a few hundred documents: the clean advisory in many copies, each a little different.
    func corpus(in folder: URL, documents: Int, marker: String) throws {
        for index in 0..<documents {
            let id = String(800_000 + index)
            let url = folder.appendingPathComponent("SecurityAdvisories/\(2000 + index % 20)/\(id).md")
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            let body = "\(marker) " + String(repeating: "此通报讨论测试软件中的一个问题。", count: 40) + "\n\n| a | b |\n|---|---|\n| 1 | 2 |\n"
            try Data(cleanAdvisory(id: id, body: body).utf8).write(to: url)
        }
    }

    func run(_ arguments: [String]) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(heraldBinary))
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    @Test("SIGKILL during `herald build`; the next build cleans the staging folder", .enabled(if: heraldBinary != nil), .timeLimit(.minutes(5)))
    func killMidBuild() throws {
        let root = scratchFolder("atomic")
        defer { try? FileManager.default.removeItem(at: root) }
        let content = root.appendingPathComponent("zh-cn")
        let output = root.appendingPathComponent("site")
        try corpus(in: content, documents: 400, marker: "FIRST-VERSION")
        // A site.yml of its own, so that the cache and the lock stay in the scratch folder.
        try Data(UserProject.siteYAML().utf8).write(to: root.appendingPathComponent("site.yml"))
        let arguments = ["build", "--config", root.appendingPathComponent("site.yml").path,
                         "--content", "zh-CN=\(content.path)", "--out", output.path, "--quiet"]
        let first = try run(arguments)
        first.waitUntilExit()
        #expect(first.terminationStatus == 0)
        let before = snapshot(of: output)
        #expect(before.count > 400)

        // Change every document, start a build and kill it while it writes the staging folder.
        try corpus(in: content, documents: 400, marker: "SECOND-VERSION")
        var killedWhileWriting = false
        for attempt in 0..<3 {
            let build = try run(arguments)
            let staging = root.appendingPathComponent(".site.staging-\(build.processIdentifier)")
            let deadline = ContinuousClock.now + .seconds(120)
            // Wait until the staging folder holds some pages (not all), then kill.
            while build.isRunning, ContinuousClock.now < deadline {
                let written = (FileManager.default.enumerator(atPath: staging.path)?.allObjects.count) ?? 0
                if written > 20 + attempt * 50 { break }
                usleep(2_000)
            }
            let wasRunning = build.isRunning
            kill(build.processIdentifier, SIGKILL)
            build.waitUntilExit()
            #expect(snapshot(of: output) == before, "the previous site changed after SIGKILL (attempt \(attempt))")
            if wasRunning, build.terminationReason == .uncaughtSignal {
                killedWhileWriting = true
                let leftovers = try FileManager.default.contentsOfDirectory(atPath: root.path).filter { $0.hasPrefix(".site.") }
                #expect(leftovers.allSatisfy { $0.hasPrefix(".site.staging-") }, "\(leftovers)")
                break
            }
            // The build finished before the kill landed: restore the first site and try earlier.
            try? FileManager.default.removeItem(at: output)
            let again = try run(arguments.map { $0 })
            again.waitUntilExit()
        }
        #expect(killedWhileWriting, "never caught the build while it wrote")

        // The next build completes, replaces the site and removes the dead build's staging folder.
        let next = try run(arguments)
        next.waitUntilExit()
        #expect(next.terminationStatus == 0)
        let after = snapshot(of: output)
        #expect(after != before)
        #expect(after.values.contains { $0.range(of: Data("SECOND-VERSION".utf8)) != nil })
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: root.path).filter { $0.hasPrefix(".site.") }
        #expect(leftovers.isEmpty, "staging folders left after the next build: \(leftovers)")
    }
}
