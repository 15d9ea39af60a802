import AdvisoryModel
import Foundation
import SiteBuild
import XMLValidation

/// Preview-only pages written without templates, so they work while templates are broken:
/// a document that cannot be read, a site that cannot be loaded, and "not found". Each loads
/// the reload script, so the page recovers by itself once the file is fixed.
enum ErrorPage {
    /// A document that could not be read: its problems and the numbered source lines around them.
    static func document(_ document: BuiltDocument, problems: [Diagnostic], assets: String) -> String {
        page(title: "Cannot show \(document.relativePath)", assets: assets, body: diagnosticsPanel(problems) + excerpts(for: problems, fallbackPath: document.sourcePath))
    }

    /// The site could not be loaded (templates or `site.yml`); the last good pages are not shown.
    static func site(problems: [Diagnostic], assets: String) -> String {
        page(title: "The site cannot be built", assets: assets, body: diagnosticsPanel(problems) + excerpts(for: problems, fallbackPath: nil))
    }

    static func notFound(path: String, assets: String) -> String {
        page(title: "Not found", assets: assets, body: "<p>Nothing is published at <code>/\(Escaping.text(path))</code>. This page reloads when the site changes.</p>\n")
    }

    /// Lines `line - radius … line + radius` of a file, numbered from 1; nil when it cannot be read.
    static func excerpt(file: String, line: Int, radius: Int = 4) -> [(number: Int, text: String)]? {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: file, isDirectory: &isDirectory), !isDirectory.boolValue,
              let handle = FileHandle(forReadingAtPath: file) else { return nil }
        defer { try? handle.close() }
        guard let data = try? handle.read(upToCount: 1 << 20) else { return nil }
        let text = String(decoding: data, as: UTF8.self)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let first = max(1, line - radius)
        let last = min(max(lines.count, 1), line + radius)
        guard first <= last else { return [] }
        return (first...last).map { number in
            let raw = number - 1 < lines.count ? lines[number - 1] : ""
            return (number, visible(String(raw.prefix(400))))
        }
    }

    /// Control characters (NUL in a binary file …) shown as their Unicode pictures.
    static func visible(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if scalar == "\r" { continue }
            if scalar.value < 0x20, scalar != "\t", let picture = Unicode.Scalar(0x2400 + scalar.value) {
                out.append(picture)
            } else if scalar.value == 0x7F {
                out.append("\u{2421}")
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }

    private static func diagnosticsPanel(_ problems: [Diagnostic]) -> String {
        var html = "<section class=\"diagnostics\" id=\"herald-diagnostics\">\n<h2>Problems (\(problems.count))</h2>\n<ul>\n"
        for problem in problems {
            html += "<li class=\"\(problem.severity.rawValue)\"><code>\(problem.code.rawValue)</code> <span class=\"location\">\(Escaping.text(problem.location.path)):\(problem.location.line):\(problem.location.column)</span>: \(Escaping.text(problem.message))</li>\n"
        }
        return html + "</ul>\n</section>\n"
    }

    private static func excerpts(for problems: [Diagnostic], fallbackPath: String?) -> String {
        var html = ""
        var shown = Set<SourceLocation>()
        for problem in problems.prefix(3) where shown.insert(SourceLocation(path: problem.location.path, line: problem.location.line)).inserted {
            let path = problem.location.path.isEmpty ? (fallbackPath ?? "") : problem.location.path
            html += "<h2 class=\"source-path\"><code>\(Escaping.text(path)):\(problem.location.line)</code></h2>\n"
            guard let lines = excerpt(file: path, line: problem.location.line) else {
                html += "<p>The file cannot be read.</p>\n"
                continue
            }
            html += "<pre class=\"source\"><code>"
            for (number, text) in lines {
                let mark = number == problem.location.line ? " problem" : ""
                html += "<span class=\"line\(mark)\"><span class=\"number\">\(number)</span> \(Escaping.text(text))</span>\n"
            }
            html += "</code></pre>\n"
        }
        return html
    }

    private static func page(title: String, assets: String, body: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>\(Escaping.text(title))</title>
        <link rel="stylesheet" href="\(Escaping.attribute(assets))site.css" />
        <style>
        .herald-error main { max-width: 70rem; margin: 1rem auto; padding: 0 1rem; }
        .herald-error pre.source { background: #f6f6f6; border: 1px solid #ddd; padding: .5rem; overflow-x: auto; }
        .herald-error .line { display: block; white-space: pre; }
        .herald-error .line.problem { background: #fde2e1; }
        .herald-error .number { display: inline-block; min-width: 3.5em; color: #777; text-align: right; padding-right: .75em; user-select: none; }
        </style>
        </head>
        <body class="herald-error">
        <main>
        <h1>\(Escaping.text(title))</h1>
        \(body)</main>
        <script src="/_herald/reload.js"></script>
        </body>
        </html>

        """
    }
}
