/// Every diagnostic Herald can report. Codes are stable: tools and `site.yml` rules refer to them.
public enum DiagnosticCode: String, Sendable, Codable, CaseIterable, Hashable {
    case io001 = "IO001"
    case io002 = "IO002"
    case io003 = "IO003"
    case enc001 = "ENC001"
    case fm001 = "FM001"
    case fm002 = "FM002"
    case fm003 = "FM003"
    case fm004 = "FM004"
    case doc001 = "DOC001"
    case doc002 = "DOC002"
    case doc003 = "DOC003"
    case date001 = "DATE001"
    case date002 = "DATE002"
    case date003 = "DATE003"
    case date004 = "DATE004"
    case rev001 = "REV001"
    case rev002 = "REV002"
    case rev003 = "REV003"
    case ver001 = "VER001"
    case ver002 = "VER002"
    case id001 = "ID001"
    case id002 = "ID002"
    case kb001 = "KB001"
    case sev001 = "SEV001"
    case loc001 = "LOC001"
    case loc002 = "LOC002"
    case loc003 = "LOC003"
    case loc004 = "LOC004"
    case link001 = "LINK001"
    case link002 = "LINK002"
    case anch001 = "ANCH001"
    case img001 = "IMG001"
    case l10n001 = "L10N001"
    case xloc001 = "XLOC001"
    case xloc002 = "XLOC002"
    case html001 = "HTML001"
    case html002 = "HTML002"
    case limit001 = "LIMIT001"
    case limit002 = "LIMIT002"
    case toc001 = "TOC001"
    case cfg001 = "CFG001"
    case out001 = "OUT001"
    case csaf001 = "CSAF001"

    /// The severity a diagnostic of this code has unless `site.yml` overrides it.
    public var defaultSeverity: DiagnosticSeverity {
        switch self {
        case .io001, .io002, .io003, .doc002, .limit001, .cfg001, .out001:
            .error
        case .fm003, .fm004, .doc003, .date004, .ver002, .kb001, .sev001, .loc001, .loc002, .loc003, .xloc002, .html002, .toc001:
            .note
        default:
            .warning
        }
    }

    /// One sentence on what the code means and how to fix it (`herald check --explain CODE`).
    public var explanation: String {
        switch self {
        case .io001: "The file could not be read (permissions, a broken link, or a symlink that leaves the content folder)."
        case .io002: "The file is not text: it contains NUL bytes. Remove it or give it another extension."
        case .io003: "The output folder could not be written; the previous site is left as it was."
        case .enc001: "The file is not valid UTF-8; invalid bytes were replaced with U+FFFD. Re-save it as UTF-8."
        case .fm001: "The front matter is not valid YAML; it was read line by line instead. Quote values that contain ': '."
        case .fm002: "The front matter opens with '---' but never closes; the file was read as if it had none."
        case .fm003: "The document has no front matter; the title comes from the first heading and the id from the path."
        case .fm004: "The front matter does not start at the first byte (leading blank lines, indentation or a doubled '---')."
        case .doc001: "The document has neither a title in its front matter nor a level-1 heading."
        case .doc002: "The document is empty."
        case .doc003: "The document has more than one level-1 heading; the first is its title."
        case .date001: "No published date was found in the date line after the title (e.g. '发布时间: 2008年6月13日')."
        case .date002: "The updated date is earlier than the published date."
        case .date003: "A date in the date line or a revision entry could not be read (e.g. an invalid day)."
        case .date004: "The published date differs from the date of the first revision entry."
        case .rev001: "The document has no revision history section."
        case .rev002: "A revision entry has neither a version nor a date that can be read."
        case .rev003: "The revision entries are not in chronological order."
        case .ver001: "The version in the header differs from the version of the latest revision entry."
        case .ver002: "A bulletin has no version line ('**Version:** 1.0')."
        case .id001: "Two documents of one locale have the same id; only the first one is published under it."
        case .id002: "The front matter asset id names another document than the file name does."
        case .kb001: "A bulletin names no Knowledge Base article."
        case .sev001: "The severity in the title differs from the maximum severity stated in the body."
        case .loc001: "The word after the bulletin id in the title is not a severity word of any locale pack. Add it under `labels: { <locale>: { severity: { critical: [word] } } }` in site.yml, or to Resources/locales/<locale>.json."
        case .loc002: "Revision entries were recognised by their shape (a version and a date) under a label no locale pack knows. Add the label under `labels: { <locale>: { revisions: [label] } }` in site.yml, or to Resources/locales/<locale>.json."
        case .loc003: "The date line under the title was read, but its label is in no locale pack. Add it under `labels: { <locale>: { published: [label] } }` (or `updated:`) in site.yml, or to Resources/locales/<locale>.json."
        case .loc004: "A line under the title looks like a date line (a label and a year) but holds no date Herald can read: the date form is neither CLDR's for the locale nor a TechNet form. Report the line, or correct it."
        case .link001: "A relative link points to a file that does not exist in the content folder."
        case .link002: "A link destination does not look like a URL (empty, CJK text or backslashes inside, a host without a dot)."
        case .anch001: "An in-page link '#anchor' points to no element id or heading in the document."
        case .img001: "An image points to a file that does not exist in the content folder."
        case .l10n001: "Most of the document's text is not in the locale's language (e.g. Traditional Chinese in zh-CN)."
        case .xloc001: "A translation lists other KB or CVE ids than its siblings in other locales."
        case .xloc002: "A translation is older (earlier updated date or lower version) than a sibling in another locale."
        case .html001: "Unsafe raw HTML (script, event handler, javascript: URL, iframe, ...) was removed from the page."
        case .html002: "A tag that is not HTML (e.g. '<PUBLICKEY>') was shown as text."
        case .limit001: "The file is larger than the configured limit (maximumFileBytes in site.yml) and was not published."
        case .limit002: "Nesting deeper than the configured limit was flattened to text."
        case .toc001: "A TOC.yml entry points to a file that does not exist in this locale; it is shown as absent."
        case .cfg001: "site.yml or a command-line option is invalid."
        case .out001: "A generated file failed its schema or well-formedness check; this is a Herald bug and fails the build."
        case .csaf001: "A CSAF document could not be made or failed a CSAF 2.0 §6.1 mandatory test; it was not published (the page still is)."
        }
    }
}
