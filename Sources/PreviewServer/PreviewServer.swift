import Foundation
import Hummingbird
import ServiceLifecycle
import SiteBuild

/// `herald serve`: serves the site rendered from memory and reloads open pages when a source
/// changes. Pages are rendered on request from the current `SiteSnapshot`; a change re-reads
/// only the files it touched (`SiteSnapshot.updating`) and then sends `reload` on
/// `/_herald/events`.
public struct PreviewServer: Sendable {
    /// Where and how the server listens and watches.
    public struct Options: Sendable {
        /// The address to bind; loopback unless told otherwise.
        public var host: String
        /// The port; 0 picks a free one (reported to `onRunning`).
        public var port: Int
        /// How long the watcher waits for a burst of events to end.
        public var debounce: Duration
        /// How often an idle event stream sends a comment line.
        public var keepAlive: Duration
        /// Watch the sources (off for tests that only route requests).
        public var watch: Bool
        /// Where progress lines go.
        public var log: @Sendable (String) -> Void

        public init(host: String = "127.0.0.1", port: Int = 8080, debounce: Duration = .milliseconds(20), keepAlive: Duration = .seconds(15),
                    watch: Bool = true, log: @escaping @Sendable (String) -> Void = { print($0) }) {
            self.host = host
            self.port = port
            self.debounce = debounce
            self.keepAlive = keepAlive
            self.watch = watch
            self.log = log
        }
    }

    /// The site being served.
    public let site: PreviewSite
    public let options: Options
    let events = EventBroadcaster()

    public init(site: PreviewSite, options: Options = Options()) {
        self.site = site
        self.options = options
    }

    /// True for addresses only this machine can reach.
    public static func isLoopback(_ host: String) -> Bool {
        host == "localhost" || host == "::1" || host == "[::1]" || host.hasPrefix("127.")
    }

    /// The request handler.
    public var responder: PreviewResponder {
        let allowed: Set<String>? = Self.isLoopback(options.host) ? ["localhost", "127.0.0.1", "[::1]", options.host.lowercased()] : nil
        return PreviewResponder(site: site, events: events, allowedHosts: allowed, keepAlive: options.keepAlive)
    }

    /// The Hummingbird application: the responder, without the watcher.
    /// - Parameter onRunning: called with the bound port once the server listens.
    public func application(onRunning: @escaping @Sendable (Int) async -> Void = { _ in }) -> Application<PreviewResponder> {
        Application(
            responder: responder,
            configuration: ApplicationConfiguration(address: .hostname(options.host, port: options.port), serverName: nil),
            onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? 0) }
        )
    }

    /// The application and, when `options.watch`, the watcher. Shutdown runs in reverse order:
    /// the watcher stops and ends the event streams first, so the server's graceful shutdown
    /// never waits for an open stream; anything still running after 3 s is cancelled.
    /// - Parameter handleSignals: shut down gracefully on SIGINT and SIGTERM.
    public func serviceGroup(handleSignals: Bool = true, onRunning: @escaping @Sendable (Int) async -> Void = { _ in }) -> ServiceGroup {
        let app = application(onRunning: onRunning)
        var services: [any Service] = [app]
        if options.watch { services.append(WatcherService(server: self)) }
        var configuration = ServiceGroupConfiguration(services: services, gracefulShutdownSignals: handleSignals ? [.sigterm, .sigint] : [], logger: app.logger)
        configuration.maximumGracefulShutdownDuration = .seconds(3)
        return ServiceGroup(configuration: configuration)
    }

    /// Serves until SIGINT or SIGTERM, then ends the event streams and stops.
    public func run(onRunning: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
        try await serviceGroup(onRunning: onRunning).run()
    }

    /// Applies a batch of changes and tells open pages to reload (what the watcher calls).
    public func apply(_ batch: ChangeBatch) {
        let clock = ContinuousClock()
        let started = clock.now
        guard let update = site.apply(batch) else { return }
        events.broadcast(event: "reload", data: "\(events.instance)-\(update.version)")
        let elapsed = clock.now - started
        let milliseconds = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        let what = update.full ? "everything" : update.templates ? "templates and \(update.sources) files" : "\(update.sources) file\(update.sources == 1 ? "" : "s")"
        options.log(String(format: "%@ %@ in %.0f ms", update.failed ? "failed to read" : "updated", what, milliseconds))
        for diagnostic in update.diagnostics.prefix(20) where diagnostic.severity != .note {
            options.log("  " + diagnostic.formatted)
        }
    }
}

/// Runs the file watcher while the application runs; on shutdown stops it and ends the event streams.
struct WatcherService: Service {
    let server: PreviewServer

    func run() async throws {
        let server = server
        let watcher = FileWatcher(debounce: server.options.debounce, targets: { server.site.watchTargets() }, onChange: { server.apply($0) })
        watcher.start()
        try? await gracefulShutdown()
        server.events.finishAll()
        watcher.stop()
    }
}
