// libFuzzer target: the whole Markdown-to-record extraction (AdvisoryExtractor.extract), plus
// rendering the tree it returns to HTML.
//
// Built by scripts/fuzz.sh with `-sanitize=fuzzer,address -DFUZZING`: `main` starts libFuzzer.
// A plain `swift build` gives a reproducer: `ExtractFuzz FILE...` runs each file once.
import AdvisoryExtraction
import CommonMark
import Foundation

let extractor = AdvisoryExtractor()
/// The first byte picks the document kind, so advisory, bulletin and landing-page rules all run.
let paths = [
    "zh-cn/SecurityAdvisories/2008/900001.md",
    "de-de/SecurityBulletins/2008/ms08-001.md",
    "en-us/library/landing.md",
]

func fuzzOne(_ bytes: [UInt8]) {
    let relative = paths[Int(bytes.first ?? 0) % paths.count]
    let extracted = extractor.extract(bytes: bytes, path: relative, relativePath: String(relative.drop { $0 != "/" }.dropFirst()))
    _ = HTMLRenderer().render(extracted.document)
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzerTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    fuzzOne(data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? [])
    return 0
}

#if FUZZING
@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(_ argc: UnsafeMutablePointer<Int32>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
                     _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32) -> Int32
#endif

@main
struct Main {
    static func main() {
        #if FUZZING
        // SwiftPM links executables with their own entry point, so libFuzzer is started here.
        var argc = CommandLine.argc
        var argv = CommandLine.unsafeArgv
        exit(runFuzzerDriver(&argc, &argv) { data, size in fuzzerTestOneInput(data, size) })
        #else
        // Reproducer: runs each file named on the command line once.
        for path in CommandLine.arguments.dropFirst() {
            guard let data = FileManager.default.contents(atPath: path) else { continue }
            fuzzOne([UInt8](data))
            print("ok \(path)")
        }
        #endif
    }
}
