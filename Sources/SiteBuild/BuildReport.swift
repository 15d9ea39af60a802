import AdvisoryModel
import Logging

/// What a build did.
public struct BuildReport: Sendable {
    public var documents: [BuiltDocument] = []
    public var diagnostics: [Diagnostic] = []
    public var pages = 0
    public var feeds = 0
    public var files = 0
    public var unchangedFiles = 0
    /// Documents read and prepared in this build (the others came from the cache).
    public var preparedDocuments = 0
    /// Document pages rendered in this build (the others were kept as they were).
    public var renderedPages = 0
    public var seconds = 0.0
    /// True when the output folder was replaced.
    public var published = false
    /// The steps the build ran, in order, with their wall time.
    public var steps: [Step] = []

    /// A named step of the build (`load`, `prepare documents`, `plan`, `compare with manifest`,
    /// `render`, `verify`, `commit`) and how long it took.
    public struct Step: Sendable, Hashable {
        public var name: String
        public var seconds: Double
    }

    /// What the build read and made (snapshot, plan, inputs), freed with the report rather than
    /// when the build returns: a command that exits right after the build leaves it to the system.
    var readState: ReadState?

    final class ReadState: @unchecked Sendable {
        let parts: [Any]
        init(_ parts: Any...) { self.parts = parts }
    }

    public var errors: Int { diagnostics.filter { $0.severity == .error }.count }
    public var warnings: Int { diagnostics.filter { $0.severity == .warning }.count }
}

/// Options of one build run.
public struct BuildOptions: Sendable {
    /// Write the site (false: only read, extract and check, as `herald check` does).
    public var write = true
    /// Parse every page back with libxml2 and fail on errors.
    public var verifyOutput = true
    /// Inject the live-reload script and the diagnostics panel (preview only).
    public var preview = false
    /// Reuse and update the cache folder (`SiteConfiguration.cacheFolder`).
    public var useCache = true
    /// Publish a locale whose content folder holds no Markdown (otherwise IO004 stops the build).
    public var allowEmpty = false
    /// Where the build tells what it is doing: progress at `info`, each finished step with its
    /// time at `debug` (nil: nowhere). Diagnostics are in the report, not in the log.
    public var logger: Logger?

    public init(write: Bool = true, verifyOutput: Bool = true, preview: Bool = false, useCache: Bool = true, allowEmpty: Bool = false, logger: Logger? = nil) {
        self.write = write
        self.allowEmpty = allowEmpty
        self.useCache = useCache
        self.verifyOutput = verifyOutput
        self.preview = preview
        self.logger = logger
    }
}
