import AdvisoryModel
import ArgumentParser
import Foundation
import Logging

/// A swift-log handler for the terminal: each message on its own line of standard error, as it
/// is (no timestamp, no level label), so lines read like the compiler's; progress (`info`)
/// starts with "… ".
struct TerminalLogHandler: LogHandler {
    var logLevel: Logger.Level
    var metadata: Logger.Metadata = [:]
    /// Where progress (`info`) goes when it is shown only after the first second.
    var progress: ProgressLine?

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        if event.level == .info, let progress {
            progress.show(event.message.description)
            return
        }
        let prefix = event.level == .info ? "… " : ""
        FileHandle.standardError.write(Data((prefix + event.message.description + "\n").utf8))
    }
}

/// How much a command prints on standard error: `--quiet`, the default and `--verbose`.
struct LogOptions: ParsableArguments {
    @Flag(help: "Print only errors and the summary.")
    var quiet = false

    @Flag(help: "Print each step of the build with its time (as HERALD_TIMING=1 does).")
    var verbose = false

    /// The level of the terminal log: errors only with `--quiet`; warnings, and progress on an
    /// interactive terminal, by default; every step with `--verbose` or `HERALD_TIMING=1`.
    var level: Logger.Level {
        let environment = ProcessInfo.processInfo.environment
        if Self.showsSteps(verbose: verbose) { return .debug }
        if quiet { return .error }
        return isatty(2) != 0 && environment["CI"] == nil ? .info : .warning
    }

    /// A logger that prints on the terminal at `level`.
    func logger(label: String, progress: ProgressLine? = nil) -> Logger {
        .terminal(label: label, level: level, progress: progress)
    }

    /// True when the steps of a build are to be printed.
    static func showsSteps(verbose: Bool) -> Bool {
        verbose || ProcessInfo.processInfo.environment["HERALD_TIMING"] != nil
    }
}

extension Logger {
    /// A logger that prints on the terminal from `level` up.
    static func terminal(label: String, level: Logger.Level, progress: ProgressLine? = nil) -> Logger {
        Logger(label: label) { _ in TerminalLogHandler(logLevel: level, progress: progress) }
    }

    /// Logs a diagnostic at the level of its severity (errors at `error`, warnings at `warning`, notes at `notice`).
    func log(_ diagnostic: Diagnostic) {
        switch diagnostic.severity {
        case .error: error("\(diagnostic.formatted)")
        case .warning: warning("\(diagnostic.formatted)")
        case .note: notice("\(diagnostic.formatted)")
        }
    }
}
