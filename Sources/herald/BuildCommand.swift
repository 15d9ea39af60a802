import ArgumentParser

struct Build: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Build the site.")
    func run() throws {}
}

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Check content and outputs.")
    func run() throws {}
}

struct Serve: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Preview the site with live reload.")
    func run() throws {}
}
