import ArgumentParser
import Foundation
import PreviewServer
import SiteBuild

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Preview the site with live reload: drafts included, problems shown on each page, reload on save."
    )

    @OptionGroup var site: SiteOptions

    @Option(help: "The port to listen on (0: any free port).")
    var port = 8080

    @Option(help: "The address to bind. Anything but loopback shows drafts to the network.")
    var host = "127.0.0.1"

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535") }
    }

    func run() async throws {
        let options = site
        let started = DispatchTime.now().uptimeNanoseconds
        let problems = Preflight.problems(of: try site.configurationOrExit(), options: BuildOptions(write: false, allowEmpty: true))
        for problem in problems where problem.severity != .note { printToStandardError(problem.formatted) }
        if problems.contains(where: { $0.severity == .error }) { throw ExitCode(1) }
        let preview: PreviewSite
        do {
            preview = try PreviewSite(configurationFile: site.configurationFile, loadConfiguration: { try options.configuration() })
        } catch let failure as LoadFailure {
            for diagnostic in failure.diagnostics { printToStandardError(diagnostic.formatted) }
            throw ExitCode(1)
        }
        let snapshot = preview.snapshot
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
        printLine(String(format: "read %d documents in %.2f s", snapshot.documents.count, seconds))
        if !PreviewServer.isLoopback(host) {
            printToStandardError("warning: serving on \(host): drafts and diagnostics are visible to anyone who can reach it")
        }
        let server = PreviewServer(site: preview, options: PreviewServer.Options(host: host, port: port, log: Self.printLine))
        let shownHost = host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
        let home = snapshot.layout.basePath + snapshot.configuration.defaultLocale.lowercased() + "/"
        do {
            try await server.run { port in Self.printLine("serving http://\(shownHost):\(port)\(home) (Ctrl-C to stop)") }
        } catch {
            let inUse = "\(error)".contains("(errno: \(EADDRINUSE))")
            printToStandardError(inUse ? "error: port \(port) is in use; try --port 0 for any free port" : "error: \(error)")
            throw ExitCode(1)
        }
        printLine("stopped")
    }

    /// Writes a line to standard output at once (no buffering, so scripts can wait for "serving").
    private static func printLine(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }

    private func printLine(_ line: String) { Self.printLine(line) }
}
